"""The DuckDB store: round trips, idempotent upserts, one transaction per batch."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings

from eventwire import NotFoundError, Store, StoreError
from eventwire.model import Actor, Analysis, Article, Rejection
from eventwire.store.schema import MIGRATIONS

from ..strategies import analyses


def _analysis(body: str, id: str | None = None, date: str = "2024-05-02") -> Analysis:
    article = Article(body=body, id=id, date=date, outlet="Example Wire")
    actors = (Actor(id="country:RUS", name="Russia", kind="country", country="RUS", code="RUS",
                    mentions=((0, 6),)),)
    return Analysis(article=article, actors=actors)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analyses())
def test_write_then_load_gives_the_same_schema_object(analysis):
    with Store(":memory:") as store:
        store.write_batch([analysis])
        loaded = store.load_analysis(analysis.article.article_id)
    assert loaded.to_dict() == analysis.to_dict()
    assert loaded.article.body == analysis.article.body


def test_same_article_twice_changes_nothing(store):
    a = _analysis("Russia said on Thursday it would extend the grain deal.")
    store.write_batch([a], [Rejection("bad.jsonl:3", "not valid JSON")])
    counts = {t: store.count(t) for t in ("articles", "actors", "mentions", "rejected")}
    ids = store.stored_hashes([a.article.article_id])
    assert ids == {a.article.article_id: a.article.content_hash}
    store.write_batch([a], [Rejection("bad.jsonl:3", "not valid JSON")])
    assert {t: store.count(t) for t in counts} == counts == {
        "articles": 1, "actors": 1, "mentions": 1, "rejected": 1}


def test_changed_article_replaces_its_records(store):
    store.write_batch([_analysis("Russia said the talks failed.", id="w1")])
    newer = dataclasses.replace(_analysis("Russia said the talks went well.", id="w1"),
                                actors=())
    result = store.write_batch([newer])
    assert (result.stored, result.replaced) == (1, 1)
    assert store.count("articles") == 1
    assert store.count("actors") == 0
    assert store.load_analysis("w1").article.body == "Russia said the talks went well."


def test_a_failing_batch_leaves_no_trace(store, monkeypatch):
    store.write_batch([_analysis("Russia closed its airspace.", id="ok")])
    original = store._insert

    def fail_on_mentions(table, rows):
        if table == "mentions":
            raise RuntimeError("disk full")
        original(table, rows)

    monkeypatch.setattr(store, "_insert", fail_on_mentions)
    with pytest.raises(RuntimeError):
        store.write_batch([_analysis("Russia opened its airspace.", id="new")])
    assert store.article_ids() == ["ok"]
    assert store.count("actors") == 1


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "m.duckdb"
    with Store(path):
        pass
    with Store(path) as store:
        rows = store.query("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == [v for v, _, _ in MIGRATIONS]


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(NotFoundError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_unknown_article_is_not_found(store):
    with pytest.raises(NotFoundError):
        store.load_analysis("nope")


def test_count_refuses_unknown_tables(store):
    with pytest.raises(StoreError):
        store.count("articles; DROP TABLE articles")
