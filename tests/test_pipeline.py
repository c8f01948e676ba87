"""The pipeline keeps a batch going when one article cannot be parsed."""

from __future__ import annotations

from eventwire.model import Article, Rejection


def test_a_body_over_the_model_limit_is_rejected_and_the_batch_goes_on(pipeline):
    huge = Article(body="Talks went on. " * (pipeline.nlp.max_length // 15 + 10), origin="big")
    small = Article(body="Kenya and Uganda signed a border deal.", origin="small")
    results = list(pipeline.pipe([huge, small]))
    assert isinstance(results[0], Rejection) and "over the spaCy model's limit" in \
        results[0].reason
    assert results[1].article.origin == "small"


def test_an_article_the_store_refuses_is_rejected_and_the_rest_stored(tmp_path, monkeypatch,
                                                                     pipeline):
    import eventwire as ew
    from eventwire.errors import StoreError
    from eventwire.store import Store

    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        '{"id": "ok-1", "text": "Kenya and Uganda signed a border deal."}\n'
        '{"id": "bad-2", "text": "Chile recalled its ambassador from Peru."}\n'
        '{"id": "ok-3", "text": "Japan sent aid to the Philippines."}\n', encoding="utf-8")
    original = Store.write_batch

    def refuse_bad(self, analyses, rejections=(), **kw):
        if any(a.article.article_id == "bad-2" for a in analyses):
            raise StoreError("constraint violated")
        return original(self, analyses, rejections, **kw)

    monkeypatch.setattr(Store, "write_batch", refuse_bad)
    summary = ew.ingest([stories], tmp_path / "t.duckdb", pipeline=pipeline)
    assert summary.stored == 2
    assert [r.origin for r in summary.rejected] == [f"{stories}:2"]
    assert "could not be stored" in summary.rejected[0].reason
    monkeypatch.setattr(Store, "write_batch", original)
    with Store(tmp_path / "t.duckdb", read_only=True) as store:
        assert sorted(store.article_ids()) == ["ok-1", "ok-3"]
        assert [r.origin for r in store.rejections()] == [f"{stories}:2"]


def test_a_new_version_or_reprocess_extracts_stored_articles_again(tmp_path, monkeypatch,
                                                                    pipeline):
    import eventwire as ew
    from eventwire import api

    story = tmp_path / "story.txt"
    story.write_text("date 2024-03-01\n\nGhana and Togo agreed to reopen their border.",
                     encoding="utf-8")
    db = tmp_path / "t.duckdb"
    assert ew.ingest([story], db, pipeline=pipeline).stored == 1
    again = ew.ingest([story], db, pipeline=pipeline)
    assert (again.stored, again.unchanged) == (0, 1)
    assert ew.ingest([story], db, pipeline=pipeline, reprocess=True).stored == 1
    monkeypatch.setattr(api, "EXTRACTOR_VERSION", "eventwire-next")
    newer = ew.ingest([story], db, pipeline=pipeline)
    assert (newer.stored, newer.replaced, newer.unchanged) == (1, 1, 0)
    with ew.open_store(db, read_only=True) as store:
        assert store.count("articles") == 1
