"""Stories: articles about one developing story grouped as they are ingested."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventwire import Store
from eventwire.model import Actor, Analysis, Article, Event
from eventwire.store import stories
from eventwire.store.rows import analysis_rows

D = dt.date

SCHOLZ = Actor("person:olaf-scholz", "Olaf Scholz", "person", country="DEU", sector="GOV",
               code="DEUGOV", mentions=((0, 5), (40, 45)))
MACRON = Actor("person:emmanuel-macron", "Emmanuel Macron", "person", country="FRA",
               sector="GOV", code="FRAGOV", mentions=((10, 16),))
AIRBUS = Actor("org:airbus", "Airbus", "organization", country="FRA", mentions=((20, 26),))
STRIKERS = Actor("org:ver-di", "Verdi", "organization", country="DEU", mentions=((0, 5),))
DEU = Actor("country:DEU", "Germany", "country", country="DEU", code="DEU")
FRA = Actor("country:FRA", "France", "country", country="FRA", code="FRA")


def _article(aid: str, date: str, actors: tuple[Actor, ...], *, title: str | None = None,
             dyad: tuple[Actor, Actor] | None = None) -> Analysis:
    body = f"Story {aid}. " + " ".join(a.name for a in actors) + " met in Paris."
    events = ()
    if dyad:
        events = (Event(cameo="040", cameo_root="04", plover="CONSULT", goldstein=1.0,
                        quad_class=1, evidence_span=(0, len(body)), source=dyad[0].name,
                        source_actor=dyad[0].id, target=dyad[1].name,
                        target_actor=dyad[1].id),)
    return Analysis(article=Article(body=body, id=aid, date=date, title=title),
                    actors=actors, events=events)


def _stories(store: Store) -> dict[str, list[str]]:
    rows = store.query("SELECT story_id, article_id FROM story_articles ORDER BY date, "
                       "article_id")
    out: dict[str, list[str]] = {}
    for r in rows:
        out.setdefault(r["story_id"], []).append(r["article_id"])
    return out


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def test_features_are_dyads_and_the_most_mentioned_people_and_organizations():
    analysis = _article("a", "2024-05-02", (SCHOLZ, MACRON, AIRBUS, DEU, FRA),
                        dyad=(DEU, FRA))
    (features,) = stories.article_features(analysis_rows(analysis, version="",
                                                         now=dt.datetime(2024, 5, 2)))
    assert features.dyads == {"DEU|FRA"}
    assert features.actors == {SCHOLZ.id, MACRON.id, AIRBUS.id}  # countries are not salient
    assert features.keys[0] == "a:org:airbus"
    assert features.title == "Olaf Scholz, Emmanuel Macron, Airbus"


@pytest.mark.parametrize(("label", "keys", "joins"), [
    ("two actors", {"a:person:olaf-scholz": D(2024, 5, 1),
                    "a:person:emmanuel-macron": D(2024, 5, 1)}, True),
    ("one actor only", {"a:person:olaf-scholz": D(2024, 5, 1)}, False),
    ("a dyad", {"d:DEU|FRA": D(2024, 4, 30)}, True),
    ("too long ago", {"d:DEU|FRA": D(2024, 4, 20),
                      "a:person:olaf-scholz": D(2024, 4, 20),
                      "a:person:emmanuel-macron": D(2024, 4, 20)}, False),
])
def test_assign_story(label, keys, joins):
    features = stories.ArticleFeatures("x", D(2024, 5, 2), "t", frozenset({"DEU|FRA"}),
                                       frozenset({SCHOLZ.id, MACRON.id, AIRBUS.id}))
    found = stories.assign_story(features, {"s1": keys})
    assert (found is not None) is joins, label
    if found:
        assert found[0] == "s1" and set(found[1]) <= set(keys)


def test_the_story_sharing_most_wins():
    features = stories.ArticleFeatures("x", D(2024, 5, 2), "t", frozenset({"DEU|FRA"}),
                                       frozenset({SCHOLZ.id, MACRON.id}))
    day = D(2024, 5, 2)
    weak = {"a:person:olaf-scholz": day, "a:person:emmanuel-macron": day}
    strong = {**weak, "d:DEU|FRA": day}
    assert stories.assign_story(features, {"s1": weak, "s2": strong})[0] == "s2"


def test_a_story_followed_across_days(store):
    store.write_batch([_article("d1", "2024-05-01", (SCHOLZ, MACRON), title="Summit opens")])
    store.write_batch([_article("d2", "2024-05-02", (MACRON, SCHOLZ, AIRBUS))])
    store.write_batch([_article("d3", "2024-05-04", (MACRON, AIRBUS, DEU, FRA), dyad=(FRA, DEU)),
                       _article("x1", "2024-05-03", (STRIKERS,), title="Strike at ports")])
    store.write_batch([_article("d4", "2024-05-06", (DEU, FRA), dyad=(DEU, FRA))])
    store.write_batch([_article("d5", "2024-06-20", (SCHOLZ, MACRON))])  # weeks later
    groups = sorted(_stories(store).values())
    assert groups == [["d1", "d2", "d3", "d4"], ["d5"], ["x1"]]
    (summit,) = store.query("SELECT * FROM stories WHERE n_articles > 1")
    assert (summit["title"], summit["first_date"], summit["last_date"]) == \
        ("Summit opens", D(2024, 5, 1), D(2024, 5, 6))


def test_articles_of_one_batch_join_each_other(store):
    store.write_batch([_article("d2", "2024-05-02", (MACRON, SCHOLZ)),
                       _article("d1", "2024-05-01", (SCHOLZ, MACRON), title="Summit opens")])
    assert list(_stories(store).values()) == [["d1", "d2"]]
    assert store.query("SELECT title FROM stories")[0]["title"] == "Summit opens"


def test_a_replaced_article_leaves_its_story(store):
    store.write_batch([_article("d1", "2024-05-01", (SCHOLZ, MACRON), title="Summit opens"),
                       _article("d2", "2024-05-02", (MACRON, SCHOLZ))])
    changed = dataclasses.replace(_article("d1", "2024-05-01", (STRIKERS,)),
                                  article=Article(body="A strike.", id="d1", date="2024-05-01"))
    store.write_batch([changed])
    assert sorted(_stories(store).values()) == [["d1"], ["d2"]]
    counts = store.query("SELECT n_articles FROM stories ORDER BY id")
    assert [c["n_articles"] for c in counts] == [1, 1]
    store.write_batch([_article("d2", "2024-05-02", (AIRBUS,))])  # its story empties
    assert store.query("SELECT count(*) AS n FROM stories")[0]["n"] == 2
    assert store.query("SELECT count(*) AS n FROM story_articles")[0]["n"] == 2


def test_stories_queries_and_cli(tmp_path, capsys):
    from eventwire import queries
    from eventwire.cli import run

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write_batch([_article("d1", "2024-05-01", (SCHOLZ, MACRON), title="Summit opens"),
                           _article("d2", "2024-05-02", (MACRON, SCHOLZ), title="Day two"),
                           _article("x1", "2024-05-03", (STRIKERS,), title="Strike at ports")])
        found = queries.stories(store, min_articles=2)
        assert found[["title", "n_articles"]].values.tolist() == [["Summit opens", 2]]
        assert len(queries.stories(store)) == 2
        assert queries.stories(store, actor="verdi")["title"].tolist() == ["Strike at ports"]
        assert queries.stories(store, date_from="2024-05-03", min_articles=2).empty
        story = found["story_id"][0]
        articles = queries.story_articles(store, story)
        assert articles["article_id"].tolist() == ["d1", "d2"]
        assert sorted(articles["shared"][1]) == ["a:person:emmanuel-macron",
                                                 "a:person:olaf-scholz"]
    assert run(["stories", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Summit opens" in out and "Strike" not in out
    assert run(["stories", "--id", story, "--format", "csv", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("story_id,article_id,date")
