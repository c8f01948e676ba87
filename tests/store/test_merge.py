"""Cross-article merging of events and quotes (store/merge.py).

Most tests build Analyses by hand (no model); one runs the real pipeline over three
hand-written articles that report one ministerial visit in different words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventwire import Store
from eventwire.model import Actor, Analysis, Article, Event, Place, Quote
from eventwire.store import merge

D = dt.date

# -- pure helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "fallback", "expected"), [
    ("2024-03-04", None, ("day", D(2024, 3, 4))),
    ("2024-03-04T14:00", None, ("day", D(2024, 3, 4))),
    ("2024-03", D(2024, 3, 9), ("month", D(2024, 3, 1))),
    ("2022", D(2024, 3, 9), ("year", D(2022, 1, 1))),
    (None, D(2024, 3, 9), ("day", D(2024, 3, 9))),
    ("PAST_REF", D(2024, 3, 9), ("day", D(2024, 3, 9))),
    ("2024-13-45", None, ("none", None)),
    (None, None, ("none", None)),
])
def test_date_of(value, fallback, expected):
    assert merge.date_of(value, fallback) == expected


@pytest.mark.parametrize(("a", "b", "compatible"), [
    (("day", D(2024, 3, 4)), ("day", D(2024, 3, 4)), True),
    (("day", D(2024, 3, 4)), ("day", D(2024, 3, 6)), True),   # within the window
    (("day", D(2024, 3, 4)), ("day", D(2024, 3, 7)), False),  # three days apart
    (("month", D(2024, 3, 1)), ("day", D(2024, 3, 28)), True),  # the month holds the day
    (("month", D(2024, 3, 1)), ("day", D(2024, 4, 1)), False),
    (("year", D(2022, 1, 1)), ("month", D(2022, 11, 1)), True),
    (("year", D(2022, 1, 1)), ("day", D(2023, 1, 1)), False),
    (("none", None), ("day", D(2024, 3, 4)), False),
    (("none", None), ("none", None), True),
])
def test_dates_compatible(a, b, compatible):
    assert merge.dates_compatible(*a, *b, merge.DAY_WINDOW) is compatible
    assert merge.dates_compatible(*b, *a, merge.DAY_WINDOW) is compatible


@pytest.mark.parametrize(("precision", "day", "buckets"), [
    ("day", D(2024, 3, 15), ["2024", "2024-03"]),
    ("day", D(2024, 3, 31), ["2024", "2024-03", "2024-04"]),
    ("day", D(2024, 1, 1), ["2023", "2023-12", "2024", "2024-01"]),
    ("month", D(2024, 3, 1), ["2024-03", "2024"]),
    ("none", None, ["-"]),
])
def test_lookup_buckets_hold_every_compatible_cluster(precision, day, buckets):
    assert merge.lookup_buckets(precision, day, merge.DAY_WINDOW) == tuple(buckets)
    assert merge.bucket(precision, day) in buckets


def test_year_report_looks_in_every_month_of_its_year():
    got = merge.lookup_buckets("year", D(2022, 1, 1), merge.DAY_WINDOW)
    assert got[0] == "2022" and len(got) == 13 and "2022-12" in got


@pytest.mark.parametrize(("text", "terms"), [
    ("Baerbock visited Poland on Monday.", {"baerbock", "visit", "poland"}),
    ("The ministers held talks in Warsaw", {"minister", "held", "talk", "warsaw"}),
    ("It said it would not attack.", {"attack"}),
    ("", set()),
])
def test_content_terms(text, terms):
    assert merge.content_terms(text) == terms


@pytest.mark.parametrize(("a", "b", "expected"), [
    ({"x", "y"}, {"x", "y", "z"}, 1.0),
    ({"x", "y"}, {"y", "z"}, 0.5),
    ({"x"}, set(), 0.0),
])
def test_overlap(a, b, expected):
    assert merge.overlap(a, b) == expected


def test_side_key_prefers_country_but_not_for_organizations():
    assert merge.side_key({"actor_id": "person:x", "country": "DEU", "code": "DEUGOV"}, "X") \
        == "DEU"
    assert merge.side_key({"actor_id": "org:NATO", "country": "IGO", "code": "IGOWSTNAT"},
                          "NATO") == "IGOWSTNAT"
    assert merge.side_key(None, "The Ministers") == "~ministers"
    assert merge.side_key(None, None) == ""


# -- stores of hand-made analyses -----------------------------------------------------------

DEU = Actor("person:annalena-baerbock", "Annalena Baerbock", "person", country="DEU",
            sector="GOV", code="DEUGOV")
POL = Actor("country:POL", "Poland", "country", country="POL", code="POL")
FRA = Actor("country:FRA", "France", "country", country="FRA", code="FRA")
WARSAW = Place("Warsaw", (0, 6), "Warsaw", "city", "POL", 52.23, 21.01, 756135)
KRAKOW = Place("Krakow", (0, 6), "Krakow", "city", "POL", 50.06, 19.94, 3094802)
POLAND = Place("Poland", (0, 6), "Poland", "country", "POL", 52.0, 20.0, 798544)


def _article(aid: str, outlet: str, date: str, body: str, *, target: Actor = POL,
             event_date: str | None = None, place: Place | None = None, negated: bool = False,
             quote: str | None = None, speaker: Actor | None = DEU) -> Analysis:
    """One article: DEU (Baerbock) visits ``target`` (CAMEO 042), evidence = the body's
    first sentence; and optionally a quote by ``speaker``."""
    first = body.split(". ")[0]
    places = (place,) if place else ()
    event = Event(cameo="042", cameo_root="04", plover="CONSULT", goldstein=1.9, quad_class=1,
                  evidence_span=(0, len(first)), source=DEU.name, source_actor=DEU.id,
                  target=target.name, target_actor=target.id, date=event_date,
                  place="0" if place else None, negated=negated, confidence=0.8)
    quotes = ()
    if quote is not None:
        start = body.index(quote)
        quotes = (Quote(cue="said", cue_span=(0, 0), kind="direct", content=quote,
                        content_span=(start, start + len(quote)),
                        speaker=speaker.name if speaker else None,
                        speaker_actor=speaker.id if speaker else None),)
    return Analysis(article=Article(body=body, id=aid, date=date, outlet=outlet),
                    actors=(DEU, POL, FRA), events=(event,), quotes=quotes, places=places)


QUOTE = "Europe's security is being decided in Ukraine, and we will not look away"
VISIT = [
    _article("ht-1", "Harbor Times", "2024-03-04",
             "Annalena Baerbock visited Poland on Monday for talks with Radoslaw Sikorski. "
             f'"{QUOTE}," she said.', event_date="2024-03-04", place=WARSAW, quote=QUOTE),
    _article("dl-1", "Daily Ledger", "2024-03-04",
             "Germany's top diplomat Baerbock arrived in the Polish capital for talks with "
             "Sikorski. " + f'"{QUOTE.upper()}!" Baerbock said.', place=POLAND,
             quote=QUOTE.upper() + "!"),
    _article("mw-1", "Metro Wire", "2024-03-05",
             "Baerbock, visiting Poland, held talks with Sikorski about aid. "
             "\"Europe's security is being decided in Ukraine,\" she said.",
             event_date="2024-03-04", quote="Europe's security is being decided in Ukraine"),
]


def _clusters(store: Store, kind: str = "event") -> list[dict]:
    return store.query(f"SELECT * FROM {kind}_clusters ORDER BY first_day, id")


def _members(store: Store, kind: str = "event") -> list[dict]:
    return store.query(f"SELECT * FROM {kind}_cluster_members ORDER BY article_id")


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


@pytest.mark.parametrize("batches", [[VISIT], [[a] for a in VISIT]], ids=["one", "three"])
def test_three_reports_of_one_visit_are_one_event(store, batches):
    for batch in batches:
        store.write_batch(batch)
    (cluster,) = _clusters(store)
    assert (cluster["n_mentions"], cluster["n_articles"], cluster["n_outlets"]) == (3, 3, 3)
    assert (cluster["source_key"], cluster["target_key"], cluster["cameo_root"]) == \
        ("DEU", "POL", "04")
    assert (cluster["first_day"], cluster["last_day"]) == (D(2024, 3, 4), D(2024, 3, 4))
    evidence = [m["evidence"] for m in _members(store)]
    assert evidence[0].startswith("Germany's top diplomat")  # every span is kept
    assert len(set(evidence)) == 3


def test_one_quote_in_three_outlets_is_one_quote_with_three_mentions(store):
    store.write_batch(VISIT)
    (cluster,) = _clusters(store, "quote")
    assert (cluster["n_mentions"], cluster["n_articles"], cluster["n_outlets"]) == (3, 3, 3)
    assert cluster["content"] == QUOTE.upper() + "!"  # the fullest wording is kept
    assert [m["outlet"] for m in _members(store, "quote")] == \
        ["Daily Ledger", "Harbor Times", "Metro Wire"]


@pytest.mark.parametrize(("label", "other"), [
    ("other dyad", _article("x-1", "Other Post", "2024-03-04",
                            "Annalena Baerbock visited France on Monday for talks with "
                            "Sikorski.", target=FRA)),
    ("a week later", _article("x-1", "Other Post", "2024-03-11",
                              "Annalena Baerbock visited Poland on Monday for talks with "
                              "Radoslaw Sikorski.")),
    ("other city", _article("x-1", "Other Post", "2024-03-04",
                            "Annalena Baerbock visited Poland on Monday for talks with "
                            "Radoslaw Sikorski.", place=KRAKOW)),
    ("did not happen", _article("x-1", "Other Post", "2024-03-04",
                                "Annalena Baerbock visited Poland on Monday for talks with "
                                "Radoslaw Sikorski.", negated=True)),
    ("other words", _article("x-1", "Other Post", "2024-03-04",
                             "Berlin's envoy toured grain terminals near Gdansk harbour.")),
])
def test_a_different_event_stays_apart(store, label, other):
    store.write_batch(VISIT)
    store.write_batch([other])
    clusters = _clusters(store)
    assert len(clusters) == 2, label
    assert sorted(c["n_articles"] for c in clusters) == [1, 3]


@pytest.mark.parametrize(("label", "content", "speaker", "merged"), [
    ("same words, other case and marks", QUOTE.lower() + "...", DEU, True),
    ("part of the quote", "we will not look away", DEU, True),
    ("another speaker", QUOTE, POL, False),
    ("other words", "Poland will keep its border crossings open for aid convoys", DEU, False),
    ("too short to be a part", "look away", DEU, False),
])
def test_quote_matching(store, label, content, speaker, merged):
    store.write_batch(VISIT[:1])
    body = f'Poland was visited. "{content}," the minister said.'
    store.write_batch([_article("q-1", "Other Post", "2024-03-06", body, quote=content,
                                speaker=speaker)])
    assert len(_clusters(store, "quote")) == (1 if merged else 2), label


def test_replacing_an_article_updates_its_clusters(store):
    store.write_batch(VISIT)
    changed = _article("dl-1", "Daily Ledger", "2024-03-04",
                       "Baerbock visited France on Monday. Nothing else.", target=FRA)
    result = store.write_batch([changed])
    assert result.replaced == 1
    clusters = {c["target_key"]: c for c in _clusters(store)}
    assert set(clusters) == {"POL", "FRA"}
    assert (clusters["POL"]["n_mentions"], clusters["POL"]["n_outlets"]) == (2, 2)
    assert clusters["FRA"]["n_articles"] == 1
    assert len(_members(store)) == 3
    assert [c["n_mentions"] for c in _clusters(store, "quote")] == [2]
    # the article goes back to what it was: one cluster again, no duplicate member
    store.write_batch([VISIT[1]])
    (cluster,) = _clusters(store)
    assert (cluster["n_mentions"], cluster["n_articles"]) == (3, 3)
    assert len(_members(store)) == 3


def test_an_article_alone_in_its_cluster_takes_it_along(store):
    store.write_batch(VISIT)
    store.write_batch([_article("x-1", "Other Post", "2024-05-20",
                                "Annalena Baerbock visited France again.", target=FRA)])
    assert len(_clusters(store)) == 2
    store.write_batch([dataclasses.replace(
        _article("x-1", "Other Post", "2024-05-20", "Annalena Baerbock stayed home."),
        events=())])
    assert len(_clusters(store)) == 1
    assert store.query("SELECT count(*) AS n FROM event_cluster_members "
                       "WHERE article_id = 'x-1'")[0]["n"] == 0


def test_same_content_again_changes_nothing(store):
    store.write_batch(VISIT)
    before = (_clusters(store), _clusters(store, "quote"), _members(store))
    store.write_batch(VISIT)
    store.write_batch(VISIT, force=True)  # reprocessed: taken out and merged back
    after = (_clusters(store), _clusters(store, "quote"), _members(store))
    strip = ("first_seen", "last_seen", "ingested_at")
    assert [[{k: v for k, v in r.items() if k not in strip} for r in rows] for rows in after] \
        == [[{k: v for k, v in r.items() if k not in strip} for r in rows] for rows in before]


def test_copies_under_other_outlets_double_mentions_not_events(store):
    store.write_batch(VISIT)
    n_events = len(_clusters(store))
    copies = [dataclasses.replace(a, article=dataclasses.replace(
        a.article, id=a.article.id + "-copy", outlet="Copy " + (a.article.outlet or "")))
        for a in VISIT]
    store.write_batch(copies)
    (cluster,) = _clusters(store)
    assert len(_clusters(store)) == n_events
    assert (cluster["n_mentions"], cluster["n_articles"], cluster["n_outlets"]) == (6, 6, 6)


# -- the real pipeline --------------------------------------------------------------------------
THREE_REPORTS = [
    ("ht-1", "Harbor Times", "2024-03-04",
     "WARSAW, March 4 (Harbor Times) - Germany's foreign minister Annalena Baerbock visited "
     "Poland on Monday for talks with her Polish counterpart Radoslaw Sikorski on military aid "
     "to Ukraine.\n\n"
     "\"Europe's security is being decided in Ukraine, and we will not look away,\" Baerbock "
     "told reporters after the meeting.\n\n"
     "Sikorski said Poland would keep its border crossings open for aid convoys."),
    ("dl-1", "Daily Ledger", "2024-03-04",
     "Germany's top diplomat Annalena Baerbock visited the Polish capital on Monday, where she "
     "held talks with her counterpart Radoslaw Sikorski about weapons deliveries to Kyiv.\n\n"
     "\"Europe's security is being decided in Ukraine, and we will not look away,\" Baerbock "
     "said.\n\n"
     "The two ministers also discussed the European Union budget."),
    ("mw-1", "Metro Wire", "2024-03-05",
     "BERLIN, March 5 (Metro Wire) - German Foreign Minister Annalena Baerbock visited "
     "Poland on Monday to discuss support for Ukraine with Radoslaw Sikorski.\n\n"
     "\"Europe's security is being decided in Ukraine,\" Baerbock said in Warsaw.\n\n"
     "Her trip came a week after a meeting of NATO defence ministers in Brussels."),
]


def test_three_hand_written_reports_through_the_pipeline(pipeline, store):
    for aid, outlet, date, body in THREE_REPORTS:
        store.write_batch([pipeline.analyze(Article(body=body, id=aid, date=date,
                                                    outlet=outlet))])
    visits = store.query("SELECT * FROM event_clusters WHERE cameo_root = '04' "
                         "AND source_key = 'DEU' AND target_key = 'POL'")
    assert len(visits) == 1
    assert (visits[0]["n_articles"], visits[0]["n_outlets"]) == (3, 3)
    quotes = store.query("SELECT * FROM quote_clusters WHERE content ILIKE '%decided in%'")
    assert [(q["n_mentions"], q["n_outlets"]) for q in quotes] == [(3, 3)]
    # the NATO meeting a week earlier is an event of its own
    nato = store.query("SELECT * FROM event_clusters WHERE target_code = 'IGOWSTNAT'")
    assert [c["n_articles"] for c in nato] == [1]
    assert nato[0]["first_day"] < D(2024, 3, 1)


# -- queries and the command line ------------------------------------------------------------
def test_distinct_queries_and_cli(tmp_path, capsys):
    from eventwire import queries
    from eventwire.cli import run

    db = tmp_path / "v.duckdb"
    with Store(db) as store:
        store.write_batch(VISIT)
        store.write_batch([_article("x-1", "Other Post", "2024-05-20",
                                    "Annalena Baerbock visited France again.", target=FRA)])
        events = queries.distinct_events(store, dyad=("POL", "DEU"))
        assert events[["n_articles", "n_outlets", "source_code", "target"]].values.tolist() \
            == [[3, 3, "DEUGOV", "Poland"]]
        assert len(queries.distinct_events(store)) == 2
        assert len(queries.distinct_events(store, min_articles=2)) == 1
        assert len(queries.distinct_events(store, date_from="2024-05-01")) == 1
        series = queries.distinct_dyad_series(store, "DEU", "POL")
        assert series[["events", "q1"]].values.tolist() == [[1, 1]]  # one event, not three
        assert queries.dyad_series(store, "DEU", "POL")["events"].tolist() == [3]
        hits = queries.search_events(store, "polish capital")
        assert hits["cluster_id"].tolist() == events["cluster_id"].tolist()
        quotes = queries.distinct_quotes(store, speaker="baerbock", min_outlets=3)
        assert quotes["n_mentions"].tolist() == [3]
        reports = queries.mentions(store, events["cluster_id"][0])
        assert reports["outlet"].tolist() == ["Daily Ledger", "Harbor Times", "Metro Wire"]
        assert reports["text"][0] == VISIT[1].article.body[slice(*reports[["start", "end"]]
                                                                 .values[0])]
    cluster = events["cluster_id"][0]
    assert run(["events", "--distinct", "--min-articles", "2", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "3 articles, 3 outlets, 3 mentions" in out and cluster in out
    assert run(["quotes", "--distinct", "--format", "jsonl", "--db", str(db)]) == 0
    assert '"n_outlets":3' in capsys.readouterr().out
    assert run(["mentions", cluster, "--db", str(db)]) == 0
    assert capsys.readouterr().out.count("\n    ") == 3
    assert run(["dyad", "DEU", "POL", "--distinct", "--format", "csv", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("2024-03-01,1,0,0,0,1,")
    assert run(["quotes", "--distinct", "--outlet", "X", "--db", str(db)]) == 2


def test_remerge_rebuilds_what_ingest_built(tmp_path, capsys):
    from eventwire.cli import run

    db = tmp_path / "r.duckdb"
    strip = ("first_seen", "last_seen", "ingested_at")

    def state(store):
        return [[{k: v for k, v in r.items() if k not in strip} for r in
                 store.query(f"SELECT * FROM {t} ORDER BY ALL")] for t in merge.MERGED_TABLES]

    with Store(db) as store:
        store.write_batch(VISIT[:2])
        store.write_batch(VISIT[2:])
        built = state(store)
        for table in merge.MERGED_TABLES:  # as in a store written before merging existed
            store.con.execute(f"DELETE FROM {table}")
    assert run(["remerge", "--batch", "2", "--db", str(db)]) == 0
    assert capsys.readouterr().out.endswith(
        "3 articles merged: 1 distinct events, 1 distinct quotes, 1 stories\n")
    with Store(db, read_only=True) as store:
        assert state(store) == built
