"""The pandas-style API: ``ew.open(path)`` and its DataFrames, checked against the docs."""

from __future__ import annotations

import re

import pytest

import eventwire as ew
from eventwire import Store
from eventwire.frames import ACTOR_COLUMNS, ARTICLE_COLUMNS
from eventwire.model import Actor, Analysis, Article, Event, Metadata, Place, Quote
from eventwire.queries import EVENT_COLUMNS, QUOTE_COLUMNS, SERIES_COLUMNS

from .conftest import ROOT

DOC = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")


def _documented_columns(heading: str) -> list[str]:
    """The backticked names in the 'columns:' line under the doc's ``heading``."""
    section = DOC.split(heading, 1)[1].split("\n#", 1)[0]
    line = next(ln for ln in section.splitlines() if ln.startswith("Columns:"))
    return re.findall(r"`([a-z_0-9]+)`", line)


def test_every_public_name_is_documented():
    documented = set(re.findall(r"^\| `([A-Za-z_]+)` \|", DOC, flags=re.M))
    assert documented == set(ew.__all__)


@pytest.mark.parametrize(
    ("heading", "columns"),
    [("### `db.quotes(", QUOTE_COLUMNS), ("### `db.events(", EVENT_COLUMNS),
     ("### `db.actors(", ACTOR_COLUMNS), ("### `db.dyad(", SERIES_COLUMNS),
     ("### `db.articles(", ARTICLE_COLUMNS)],
)
def test_documented_columns_are_the_real_ones(heading, columns):
    assert _documented_columns(heading) == list(columns)


def _event(source, target, cameo, goldstein, quad, day):
    return Event(cameo=cameo, cameo_root=cameo[:2], plover="X", goldstein=goldstein,
                 quad_class=quad, evidence_span=(0, 10), source_actor=source,
                 target_actor=target, date=day, place="0")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    actors = (Actor(id="p1", name="Vladimir Putin", kind="person", country="RUS",
                    code="RUSGOV", mentions=((0, 5), (40, 45))),
              Actor(id="c1", name="Ukraine", kind="country", country="UKR", code="UKR",
                    mentions=((20, 27),)),
              Actor(id="c2", name="United States", kind="country", country="USA", code="USA",
                    mentions=((30, 36),)))
    first = Analysis(
        article=Article(body="Putin said Ukraine... United States, Putin." + " " * 200,
                        id="n1", date="2025-07-04", outlet="Example Wire", title="Talks"),
        metadata=Metadata(wire_credit="AFP"), actors=actors,
        quotes=(Quote(cue="said", cue_span=(6, 10), kind="indirect", content="talks go on",
                      content_span=(11, 22), speaker="Vladimir Putin", speaker_actor="p1"),),
        events=(_event("p1", "c1", "190", -10.0, 4, "2025-07-03"),
                _event("p1", "c2", "036", 4.0, 1, "2025-08-01")),
        places=(Place(text="Kyiv", span=(20, 24), name="Kyiv", feature="city", country="UKR",
                      lat=50.45, lon=30.52),))
    second = Analysis(
        article=Article(body="Ukraine and the United States met in Kyiv." + " " * 200, id="n2",
                        date="2024-01-10", outlet="Daily Planet"),
        actors=actors[1:],
        events=(_event("c2", "c1", "042", 1.9, 1, None),))
    with Store(path) as store:
        store.write_batch([first, second])
    return ew.open(path)


@pytest.mark.parametrize(
    ("method", "kwargs", "column", "expected"),
    [
        ("quotes", {}, "speaker", ["Vladimir Putin"]),
        ("quotes", {"speaker": "nobody"}, "speaker", []),
        ("events", {}, "cameo", ["042", "190", "036"]),
        ("events", {"actor": "RUS"}, "cameo", ["190", "036"]),
        ("events", {"dyad": ("UKR", "USA")}, "cameo", ["042"]),
        ("events", {"code": "19"}, "cameo", ["190"]),
        ("events", {"date_from": "2025-07-01", "date_to": "2025-07-31"}, "cameo", ["190"]),
        ("actors", {}, "actor", ["UKR", "USA", "RUSGOV"]),
        ("actors", {"kind": "person"}, "actor", ["RUSGOV"]),
        ("actors", {"name": "united"}, "actor", ["USA"]),
        ("actors", {"code": "RUS"}, "actor", ["RUSGOV"]),
        ("articles", {}, "article_id", ["n2", "n1"]),
        ("articles", {"outlet": "afp"}, "article_id", ["n1"]),
        ("articles", {"date_from": "2025-01-01"}, "article_id", ["n1"]),
        ("articles", {"contains": "Kyiv"}, "article_id", ["n2"]),
        ("articles", {"contains": "%"}, "article_id", []),
    ],
)
def test_frames_and_their_filters(db, method, kwargs, column, expected):
    frame = getattr(db, method)(**kwargs)
    assert list(frame[column]) == expected


def test_actor_counts(db):
    frame = db.actors().set_index("actor")
    assert frame.loc["RUSGOV", "mentions"] == 2
    assert frame.loc["RUSGOV", "quotes"] == 1
    assert frame.loc["RUSGOV", "events_as_source"] == 2
    assert frame.loc["UKR", "articles"] == 2 and frame.loc["UKR", "events_as_target"] == 2
    assert str(frame.loc["UKR", "first"]) == "2024-01-10"


def test_dyad_and_article(db):
    series = db.dyad("RUS", "USA", by="month")
    assert list(series.columns) == list(SERIES_COLUMNS)
    assert series["events"].sum() == 1 and series["goldstein"].sum() == 4.0
    article = db.article("n1")
    assert isinstance(article, ew.Analysis) and article.quotes[0].content == "talks go on"
    assert db.articles(limit=1).shape == (1, len(ARTICLE_COLUMNS))
    assert db.stats()["counts"]["articles"] == 2


def test_open_needs_an_existing_file(tmp_path):
    with pytest.raises(ew.NotFoundError):
        ew.open(tmp_path / "missing.duckdb")
    with pytest.raises(ew.ConfigError):
        ew.open(":memory:")


def test_extract_returns_the_analysis_of_one_article(pipeline):
    analysis = ew.extract("MOSCOW, July 4 (AFP) - Kremlin aide Yuri Ushakov said Russia "
                          "would not back down.", date="2025-07-04", pipeline=pipeline)
    assert isinstance(analysis, ew.Analysis)
    assert analysis.article.date == "2025-07-04"
    assert "Yuri Ushakov" in [a.name for a in analysis.actors]
    assert [q.speaker for q in analysis.quotes] == ["Yuri Ushakov"]
    assert analysis.to_dict()["article"]["wire_credit"] == "AFP"
