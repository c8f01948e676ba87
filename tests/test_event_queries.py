"""Event queries, the dyad series and the GDELT/PLOVER exports over a store built from
hand-made analyses (no model needed), and the `events`, `dyad` and `export` commands."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from eventwire import Store
from eventwire.errors import ConfigError
from eventwire.exports import (
    GDELT_COLUMNS,
    export_gdelt,
    export_plover,
    gdelt_event_id,
    split_actor_code,
)
from eventwire.model import Actor, Analysis, Article, Event, Place
from eventwire.queries import (
    EVENT_COLUMNS,
    SERIES_COLUMNS,
    dyad_series,
    event_rows,
    events,
    events_with_coordinates,
)

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
KYIV = (50.4501, 30.5234)
MOSCOW = (55.7558, 37.6173)

RUS = Actor("country:RUS", "Russia", "country", country="RUS", code="RUS")
RUSMIL = Actor("group:RUS-MIL", "Russia (military)", "group", country="RUS", sector="MIL",
               code="RUSMIL")
PUTIN = Actor("person:vladimir-putin", "Vladimir Putin", "person", country="RUS",
              sector="GOV", code="RUSGOV")
UKR = Actor("country:UKR", "Ukraine", "country", country="UKR", code="UKR")
UKRGOV = Actor("group:UKR-GOV", "Ukraine (government)", "group", country="UKR", sector="GOV",
               code="UKRGOV")
USA = Actor("person:marco-rubio", "Marco Rubio", "person", country="USA", sector="GOV",
            code="USAGOV")
NATO = Actor("org:NATO", "NATO", "organization", country="IGO", sector="IGO",
             code="IGOWSTNAT")


def _event(cameo, source, target, *, goldstein, quad, plover, date=None, place=None,
           negated=False, span=(0, 10), reported_by=None):
    return Event(cameo=cameo, cameo_root=cameo[:2], plover=plover, goldstein=goldstein,
                 quad_class=quad, evidence_span=span, source=source.name if source else None,
                 source_actor=source.id if source else None, target=target.name if target else None,
                 target_actor=target.id if target else None, date=date, place=place,
                 negated=negated, reported_by=reported_by, confidence=0.7)


def _place(name, country, feature, point, geonameid=None):
    return Place(text=name, span=(0, len(name)), name=name, feature=feature, country=country,
                 lat=point[0] if point else None, lon=point[1] if point else None,
                 geonameid=geonameid)


BODY1 = ("Russian forces struck Kyiv on Thursday, officials said.\n\n"
         "Putin said in June he was ready to meet. Ukraine accused Russia of lying, RT said.")
BODY2 = "Rubio met Ukrainian officials in Washington. Russia invaded Ukraine in 2022."
BODY3 = "NATO denounced Russia on Thursday."
S1 = BODY1.index("Putin")
S2 = BODY1.index("Ukraine accused")
S3 = BODY2.index("Russia invaded")

ANALYSES = [
    Analysis(
        article=Article(body=BODY1, id="a1", date="2025-07-04", outlet="Wire",
                        url="https://example.com/a1"),
        actors=(RUS, RUSMIL, PUTIN, UKR),
        places=(_place("Kyiv", "UKR", "city", KYIV, 703448),
                _place("Moscow", "RUS", "city", MOSCOW, 524901)),
        events=(
            _event("190", RUSMIL, UKR, goldstein=-10.0, quad=4, plover="ASSAULT",
                   date="2025-07-03", place="0", span=(0, BODY1.index("\n"))),
            _event("036", PUTIN, UKR, goldstein=4.0, quad=1, plover="AGREE", date="2025-06",
                   place="1", span=(S1, S2 - 1)),
            _event("112", UKR, RUS, goldstein=-2.0, quad=3, plover="ACCUSE", negated=True,
                   span=(S2, len(BODY1)), reported_by="RT"),
        )),
    Analysis(
        article=Article(body=BODY2, id="a2", date="2025-06-10"),
        actors=(USA, UKRGOV, RUS, UKR),
        places=(_place("Washington", "USA", "city", (38.8951, -77.0364), 4140963),
                _place("Ukraine", "UKR", "country", (49.0, 32.0), 690791)),
        events=(
            _event("042", USA, UKRGOV, goldstein=1.9, quad=1, plover="CONSULT",
                   date="2025-06-09", place="0", span=(0, S3 - 1)),
            _event("1951", RUS, UKR, goldstein=-10.0, quad=4, plover="ASSAULT", date="2022",
                   place="1", span=(S3, len(BODY2))),
        )),
    Analysis(
        article=Article(body=BODY3, id="a3", date="2025-06-20"),
        actors=(NATO, RUS),
        events=(_event("111", NATO, RUS, goldstein=-2.0, quad=3, plover="ACCUSE",
                       date="2025-06-19", span=(0, len(BODY3))),)),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("events") / "events.duckdb"
    with Store(path) as store:
        store.write_batch(ANALYSES)
    return path


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as s:
        yield s


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "actors", "events", "places")}


# in day order: 042 (06-09), 1951 (06-10, a "2022" event on the article's day), 111 (06-19),
# 190 (07-03), 036 ("2025-06" -> the article's day 07-04), 112 (07-04, negated)
ALL = ["042", "1951", "111", "190", "036", "112"]


@pytest.mark.parametrize(
    ("filters", "codes"),
    [
        ({}, ALL),
        ({"actor": "RUS"}, ["1951", "111", "190", "036", "112"]),
        ({"actor": "rus"}, ["1951", "111", "190", "036", "112"]),
        ({"actor": "RUSMIL"}, ["190"]),
        ({"actor": "RUSGOV"}, ["036"]),
        ({"actor": "UKR"}, ["042", "1951", "190", "036", "112"]),
        ({"actor": "USA"}, ["042"]),
        ({"actor": "IGO"}, ["111"]),
        ({"dyad": ("RUS", "UKR")}, ["1951", "190", "036", "112"]),
        ({"dyad": ("UKR", "RUS")}, ["1951", "190", "036", "112"]),
        ({"dyad": ("RUSMIL", "UKR")}, ["190"]),
        ({"dyad": ("USA", "RUS")}, []),
        ({"code": "19"}, ["1951", "190"]),
        ({"code": "1"}, ["1951", "111", "190", "112"]),
        ({"code": "036"}, ["036"]),
        ({"date_from": "2025-07-01"}, ["190", "036", "112"]),
        ({"date_to": "2025-06-15"}, ["042", "1951"]),
        ({"date_from": "2025-06-15", "date_to": "2025-06-30"}, ["111"]),
        ({"near": KYIV}, ["190"]),
        ({"near": MOSCOW, "within_km": 50}, ["036"]),
        ({"near": KYIV, "within_km": 1000}, ["1951", "190", "036"]),
        ({"near": KYIV, "within_km": 0}, ["190"]),
        ({"country": "UKR"}, ["1951", "190"]),
        ({"country": "usa"}, ["042"]),
        ({"actor": "RUS", "code": "19", "country": "UKR"}, ["1951", "190"]),
        ({"limit": 2}, ["042", "1951"]),
        # values that look like SQL or LIKE wildcards match literally, so nothing
        ({"actor": "' OR 1=1 --"}, []),
        ({"actor": "%"}, []),
        ({"actor": "_US"}, []),
        ({"dyad": ("RUS'; DROP TABLE events; --", "%")}, []),
        ({"code": "1_"}, []),
        ({"country": "UKR' OR '1'='1"}, []),
    ],
)
def test_event_filters(store, filters, codes):
    before = _counts(store)
    frame = events(store, **filters)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert list(frame["cameo"]) == codes
    assert _counts(store) == before


def test_event_columns(store):
    frame = events(store).set_index("cameo")
    strike = frame.loc["190"]
    assert strike["article_id"] == "a1"
    assert strike["date"] == "2025-07-03" and strike["day"] == dt.date(2025, 7, 3)
    assert (strike["source"], strike["source_code"], strike["source_country"]) == \
        ("Russia (military)", "RUSMIL", "RUS")
    assert (strike["target"], strike["target_code"], strike["target_country"]) == \
        ("Ukraine", "UKR", "UKR")
    assert (strike["cameo_root"], strike["plover"], strike["goldstein"], strike["quad_class"]) \
        == ("19", "ASSAULT", -10.0, 4)
    assert (strike["place"], strike["place_country"], strike["lat"], strike["lon"]) == \
        ("Kyiv", "UKR", *KYIV)
    assert strike["evidence"] == "Russian forces struck Kyiv on Thursday, officials said."
    assert not strike["negated"]
    partial = frame.loc["036"]
    assert partial["date"] == "2025-06" and partial["day"] == dt.date(2025, 7, 4)
    assert partial["evidence"] == "Putin said in June he was ready to meet."
    year = frame.loc["1951"]
    assert year["date"] == "2022" and year["day"] == dt.date(2025, 6, 10)
    accused = frame.loc["112"]
    assert accused["negated"] and accused["reported_by"] == "RT"
    assert pd.isna(accused["place"]) and pd.isna(accused["date"])
    assert frame.loc["111", "source_code"] == "IGOWSTNAT"


def test_events_with_coordinates(store):
    frame = events_with_coordinates(store)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert list(frame["cameo"]) == ["042", "1951", "190", "036"]
    assert frame["lat"].notna().all() and frame["lon"].notna().all()
    assert list(events_with_coordinates(store, actor="RUS", limit=1)["cameo"]) == ["1951"]


def test_near_resolves_a_place_name_with_the_gazetteer(store):
    assert list(events(store, near="Kyiv")["cameo"]) == ["190"]
    assert list(events(store, near="moscow", within_km=50)["cameo"]) == ["036"]
    with pytest.raises(ConfigError, match="unknown place"):
        events(store, near="Xqzzyville")


def test_bad_filter_values_are_config_errors(store):
    with pytest.raises(ConfigError):
        events(store, near=KYIV, within_km=-1)
    with pytest.raises(ConfigError):
        events(store, dyad=("RUS",))
    with pytest.raises(ConfigError):
        dyad_series(store, "RUS", "UKR", by="year")


def _series(store, by, **kw):
    frame = dyad_series(store, "RUS", "UKR", by=by, **kw)
    assert list(frame.columns) == list(SERIES_COLUMNS)
    return [(r.period.isoformat(), r.q1, r.q2, r.q3, r.q4, r.events, r.goldstein)
            for r in frame.itertuples(index=False)]


def test_dyad_series_by_month(store):
    assert _series(store, "month") == [
        ("2025-06-01", 0, 0, 0, 1, 1, -10.0),
        ("2025-07-01", 1, 0, 0, 1, 2, -6.0),
    ]


def test_dyad_series_by_week_fills_empty_weeks(store):
    assert _series(store, "week") == [
        ("2025-06-09", 0, 0, 0, 1, 1, -10.0),
        ("2025-06-16", 0, 0, 0, 0, 0, 0.0),
        ("2025-06-23", 0, 0, 0, 0, 0, 0.0),
        ("2025-06-30", 1, 0, 0, 1, 2, -6.0),
    ]
    assert _series(store, "week", include_negated=True)[-1] == \
        ("2025-06-30", 1, 0, 1, 1, 3, -8.0)


def test_dyad_series_by_day_and_without_events(store):
    days = _series(store, "day")
    assert days[0] == ("2025-06-10", 0, 0, 0, 1, 1, -10.0)
    assert days[-1] == ("2025-07-04", 1, 0, 0, 0, 1, 4.0)
    assert len(days) == 25
    assert dyad_series(store, "USA", "RUS").empty
    assert dyad_series(store, "' OR 1=1 --", "%").empty


# -- GDELT -------------------------------------------------------------------------------------
def _gdelt(store, **kw):
    out = io.StringIO()
    n = export_gdelt(store, out, **kw)
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    return n, lines[:-1]


def test_gdelt_has_61_columns_on_every_line(store):
    assert len(GDELT_COLUMNS) == len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:31] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                                    "QuadClass", "GoldsteinScale")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    n, lines = _gdelt(store)
    assert n == len(lines) == 5  # the negated event is left out
    for line in lines:
        assert len(line.split("\t")) == 61
    n, with_header = _gdelt(store, header=True)
    assert with_header[0].split("\t") == list(GDELT_COLUMNS)
    assert with_header[1:] == lines


def test_gdelt_values(store):
    _, lines = _gdelt(store)
    records = {r["EventCode"]: r for r in (dict(zip(GDELT_COLUMNS, line.split("\t"),
                                                    strict=True)) for line in lines)}
    assert set(records) == {"042", "1951", "111", "190", "036"}
    ids = {r["cameo"]: r["event_id"] for r in event_rows(store)}
    strike = records["190"]
    assert strike["GLOBALEVENTID"] == str(gdelt_event_id(ids["190"]))
    assert (strike["SQLDATE"], strike["MonthYear"], strike["Year"], strike["FractionDate"]) == \
        ("20250703", "202507", "2025", "2025.5836")
    assert (strike["Actor1Code"], strike["Actor1Name"], strike["Actor1CountryCode"],
            strike["Actor1Type1Code"]) == ("RUSMIL", "RUSSIA (MILITARY)", "RUS", "MIL")
    assert (strike["Actor2Code"], strike["Actor2CountryCode"], strike["Actor2Type1Code"]) == \
        ("UKR", "UKR", "")
    assert (strike["IsRootEvent"], strike["EventBaseCode"], strike["EventRootCode"],
            strike["QuadClass"], strike["GoldsteinScale"]) == ("1", "190", "19", "4", "-10.0")
    assert (strike["NumMentions"], strike["NumSources"], strike["NumArticles"],
            strike["AvgTone"]) == ("1", "1", "1", "")
    assert (strike["ActionGeo_Type"], strike["ActionGeo_FullName"],
            strike["ActionGeo_CountryCode"], strike["ActionGeo_Lat"],
            strike["ActionGeo_Long"], strike["ActionGeo_FeatureID"]) == \
        ("4", "Kyiv, Ukraine", "UP", "50.4501", "30.5234", "703448")
    assert strike["Actor1Geo_Type"] == strike["Actor2Geo_FullName"] == ""
    assert len(strike["DATEADDED"]) == 14 and strike["DATEADDED"].isdigit()
    assert strike["SOURCEURL"] == "https://example.com/a1"
    assert records["036"]["IsRootEvent"] == "0"  # not in the lead paragraph
    assert records["036"]["SQLDATE"] == "20250704"
    assert records["1951"]["EventBaseCode"] == "195"
    assert (records["1951"]["ActionGeo_Type"], records["1951"]["ActionGeo_FullName"],
            records["1951"]["ActionGeo_ADM1Code"], records["1951"]["ActionGeo_FeatureID"]) == \
        ("1", "Ukraine", "UP", "UP")
    assert (records["042"]["ActionGeo_Type"], records["042"]["ActionGeo_CountryCode"]) == \
        ("3", "US")
    assert (records["042"]["Actor1Name"], records["042"]["Actor1Type1Code"],
            records["042"]["Actor2Code"], records["042"]["Actor2Type1Code"]) == \
        ("MARCO RUBIO", "GOV", "UKRGOV", "GOV")
    nato = records["111"]
    assert (nato["Actor1Code"], nato["Actor1CountryCode"], nato["Actor1KnownGroupCode"],
            nato["Actor1Type1Code"]) == ("IGOWSTNAT", "WST", "NAT", "IGO")
    assert nato["ActionGeo_Type"] == nato["ActionGeo_Lat"] == ""
    assert nato["SOURCEURL"] == "a3"


@pytest.mark.parametrize(
    ("code", "country", "expected"),
    [
        ("RUSGOV", "RUS", {"CountryCode": "RUS", "Type1Code": "GOV"}),
        ("USAMILREB", "USA", {"CountryCode": "USA", "Type1Code": "MIL", "Type2Code": "REB"}),
        ("IGOUNO", "IGO", {"KnownGroupCode": "UNO", "Type1Code": "IGO"}),
        ("IGOUNOHLHWHO", None, {"KnownGroupCode": "WHO", "Type1Code": "IGO",
                                "Type2Code": "HLH"}),
        ("IRQSHIREB", "IRQ", {"CountryCode": "IRQ", "Religion1Code": "SHI",
                              "Type1Code": "REB"}),
        ("MEA", None, {"CountryCode": "MEA"}),
        (None, "FRA", {"CountryCode": "FRA"}),
        (None, None, {}),
    ],
)
def test_split_actor_code(code, country, expected):
    fields = split_actor_code(code, country)
    assert {k: v for k, v in fields.items() if v} == expected


# -- PLOVER ------------------------------------------------------------------------------------
PLOVER_FIELDS = {"schema", "event_id", "event_date", "event_date_text", "event_type", "mode",
                 "context", "source", "target", "location", "event_text", "negated",
                 "confidence", "reported_by", "article_id", "publication_date", "url", "cameo",
                 "goldstein", "quad_class"}


def test_plover_records(store):
    from eventwire.kb import KnowledgeBase

    out = io.StringIO()
    assert export_plover(store, out, codebook=KnowledgeBase.load().cameo) == 5
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 5
    for rec in records:
        assert set(rec) == PLOVER_FIELDS
        assert rec["schema"] == "eventwire.plover.v1"
        assert not rec["negated"]
    strike = next(r for r in records if r["cameo"] == "190")
    assert strike["event_type"] == "ASSAULT" and strike["event_date"] == "2025-07-03"
    assert isinstance(strike["mode"], str) and isinstance(strike["context"], list)
    assert strike["source"] == {"name": "Russia (military)", "actor_id": "group:RUS-MIL",
                                "code": "RUSMIL", "country": "RUS", "sector": "MIL"}
    assert strike["target"]["code"] == "UKR"
    assert strike["location"] == {"name": "Kyiv", "country": "UKR", "lat": KYIV[0],
                                  "lon": KYIV[1], "geonameid": 703448, "feature": "city"}
    assert strike["event_text"] == "Russian forces struck Kyiv on Thursday, officials said."
    assert (strike["article_id"], strike["publication_date"], strike["url"]) == \
        ("a1", "2025-07-04", "https://example.com/a1")
    partial = next(r for r in records if r["cameo"] == "036")
    assert (partial["event_date"], partial["event_date_text"]) == ("2025-07-04", "2025-06")
    nato = next(r for r in records if r["cameo"] == "111")
    assert nato["location"] is None

    plain = io.StringIO()
    assert export_plover(store, plain, include_negated=True) == 6
    accused = [json.loads(line) for line in plain.getvalue().splitlines()][-1]
    assert accused["negated"] and accused["reported_by"] == "RT"
    assert (accused["mode"], accused["context"]) == ("", [])


# -- the CLI -----------------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EVENTWIRE, *args], capture_output=True, text=True, timeout=300)


def test_cli_events(db):
    table = run("events", "--db", str(db), "--actor", "RUS", "--code", "19")
    assert table.returncode == 0, table.stderr
    assert "Russia (military)" in table.stdout and "Kyiv" in table.stdout
    assert "Russian forces struck Kyiv" in table.stdout
    lines = run("events", "--db", str(db), "--dyad", "RUS", "UKR", "--from", "2025-07-01",
                "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["cameo"] for r in rows] == ["190", "036", "112"]
    assert rows[0]["day"] == "2025-07-03" and set(rows[0]) == set(EVENT_COLUMNS)
    csv_out = run("events", "--db", str(db), "--near", "Kyiv", "--within", "1000",
                  "--country", "UKR", "--limit", "5", "--format", "csv")
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout.splitlines()[0].split(",") == list(EVENT_COLUMNS)
    assert len(csv_out.stdout.splitlines()) == 3
    none = run("events", "--db", str(db), "--actor", "' OR 1=1 --")
    assert none.returncode == 0 and none.stdout.strip() == "no events match"
    bad = run("events", "--db", str(db), "--near", "Xqzzyville")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "unknown place" in bad.stderr


def test_cli_dyad(db):
    table = run("dyad", "RUS", "UKR", "--by", "week", "--db", str(db))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:7] == ["period", "q1", "q2", "q3", "q4", "events", "goldstein"]
    assert lines[1].split()[:7] == ["2025-06-09", "0", "0", "0", "1", "1", "-10.0"]
    assert len(lines) == 5
    rows = [json.loads(line) for line in
            run("dyad", "RUS", "UKR", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert rows == [{"period": "2025-06-01", "q1": 0, "q2": 0, "q3": 0, "q4": 1, "events": 1,
                     "goldstein": -10.0},
                    {"period": "2025-07-01", "q1": 1, "q2": 0, "q3": 0, "q4": 1, "events": 2,
                     "goldstein": -6.0}]
    csv_out = run("dyad", "RUS", "UKR", "--by", "day", "--format", "csv", "--db", str(db))
    assert csv_out.stdout.splitlines()[0] == ",".join(SERIES_COLUMNS)
    assert run("dyad", "USA", "RUS", "--db", str(db)).stdout.strip() == "no events match"


def test_cli_export_gdelt_and_plover(db, tmp_path):
    proc = run("export", "--db", str(db), "--format", "gdelt")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 5 and all(len(line.split("\t")) == 61 for line in lines)
    target = tmp_path / "events.tsv"
    proc = run("export", "--db", str(db), "--format", "gdelt", "--header", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert target.read_text(encoding="utf-8").splitlines()[0].split("\t") == list(GDELT_COLUMNS)
    proc = run("export", "--db", str(db), "--format", "plover")
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 5 and all(set(r) == PLOVER_FIELDS for r in records)
    assert run("export", "--db", str(db), "--format", "jsonl", "--header").returncode == 2
