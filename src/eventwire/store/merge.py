"""Cross-article merging: reports of one event (or one quote) in many articles become one
cluster with its mentions.

Called by ``Store._write_batch`` inside the batch's transaction, after the batch's record
rows are written, so a batch is merged completely or not at all. Merging is incremental:

1. the members of replaced articles are removed from their clusters (``remove_articles``);
2. every event and quote of the batch is turned into a *report* (pure functions below):
   blocking keys, day and precision, place, the content words of its evidence;
3. candidate clusters are fetched by one lookup of all the blocking keys of the batch
   (``block IN (FROM unnest(?))``; the key holds the dyad, CAMEO root and month, so only
   clusters of those few months are candidates);
4. each report joins the best compatible candidate (clusters made earlier in the same batch
   included) or starts a new cluster;
5. members are inserted and the touched clusters' counts (mentions, articles, outlets, first
   and last day and ingest time) recomputed from their members.

Events match when they have the same source and target (country, else actor code, else the
actor or the name), the same CAMEO root, the same negation, compatible dates (days at most
``DAY_WINDOW`` apart; a month or a year contains the other date), compatible places (same
place, one missing, or one is the country or region the other lies in), and their evidence
sentences share enough content words. Quotes match when they have the same speaker (actor
id, else normalised name) and the same normalised words (case, punctuation and spacing
ignored), or when one quote's words are nearly all in the other (a partial quote), within
``QUOTE_WINDOW`` days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

Row = dict[str, Any]

__all__ = ["DAY_WINDOW", "QUOTE_WINDOW", "Cluster", "EventReport", "QuoteReport",
           "content_terms", "event_reports", "merge_batch", "quote_reports", "remove_articles",
           "signature", "words"]

#: days two day-precise reports of one event may lie apart
DAY_WINDOW = 2
#: days two reports of one quote may lie apart (unless their words are identical)
QUOTE_WINDOW = 7
#: evidence overlap (shared content words / the smaller set) needed on the same day ...
SAME_DAY_OVERLAP = 0.2
#: ... and on different days within the window
NEAR_DAY_OVERLAP = 0.34
#: share of a quote's words found in the other one for a partial quote
QUOTE_CONTAINMENT = 0.9
QUOTE_MIN_WORDS = 4
#: words kept per cluster to compare new reports with
MAX_TERMS = 300
#: codes shared by many actors: the side key is then the full code, not the country
MULTI_COUNTRY = frozenset({"IGO", "NGO", "MNC", "IMG", "UNO"})

_STOP_WORDS = """a an the and or but of to in on at for from by with without about after
before during over under into onto than that this these those there here it its it's he she
they them their his her him we our you your i me my was were is are be been being has have
had do did does not no yes as also said says say saying told tell would will could can may
might should shall must which who whom whose what when where why how all any some more most
other such only own same so too very just then now new one two three first last week day
today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
february march april june july august september october november december"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


# -- text -------------------------------------------------------------------------------------
def words(text: str | None) -> list[str]:
    """Lower-case words of ``text`` (letters and digits; punctuation and spacing dropped)."""
    return _WORD.findall((text or "").casefold())


def content_terms(text: str | None) -> frozenset[str]:
    """Content words of ``text``, crudely stemmed ("visited", "visits" -> "visit")."""
    out = set()
    for word in words(text):
        if word in _STOP or len(word) < 3 or word.isdigit():
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return frozenset(out)


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """|A & B| / min(|A|, |B|): 1.0 when one set holds the other; 0.0 when one is empty."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


#: bits of a cluster's word signature, stored as ``SIGNATURE_COLUMNS`` (signed 64-bit)
SIGNATURE_BITS = 256
SIGNATURE_COLUMNS = ("sig_a", "sig_b", "sig_c", "sig_d")


#: bits set per word
SIGNATURE_HASHES = 3


def signature(terms: Iterable[str]) -> tuple[int, ...]:
    """A 256-bit Bloom signature of a set of words, as four signed 64-bit integers: three
    bits per word (CRC-32s of the word modulo 256; the whole-sentence terms "#..." left
    out). A cluster can hold every word of a query only if its signature has all of the
    query's bits, so a search tests four integers per cluster and reads the words of the
    few that pass (about 1 in 150 clusters pass by chance for a one-word query, far fewer
    for two words)."""
    bits = 0
    for term in terms:
        if not term.startswith("#"):
            data = term.encode("utf-8")
            for salt in range(SIGNATURE_HASHES):
                bits |= 1 << (zlib.crc32(data, salt) % SIGNATURE_BITS)
    parts = ((bits >> (64 * i)) & (2**64 - 1) for i in range(len(SIGNATURE_COLUMNS)))
    return tuple(v - 2**64 if v >= 2**63 else v for v in parts)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


# -- dates ------------------------------------------------------------------------------------
def date_of(value: str | None, fallback: dt.date | None) -> tuple[str, dt.date | None]:
    """(precision, day) of a TIMEX-like date: ``day`` for YYYY-MM-DD..., ``month`` for YYYY-MM
    (day = the 1st), ``year`` for YYYY (day = 1 January); anything else falls back to the
    article's date (``day``), or ``none``."""
    text = (value or "").strip()
    try:
        if re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return "day", dt.date.fromisoformat(text[:10])
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
            return "month", dt.date(int(text[:4]), int(text[5:7]), 1)
        if re.fullmatch(r"[0-9]{4}", text):
            return "year", dt.date(int(text), 1, 1)
    except ValueError:
        pass
    return ("day", fallback) if fallback is not None else ("none", None)


def bucket(precision: str, day: dt.date | None) -> str:
    """The date part of a cluster's blocking key: YYYY-MM for day and month, YYYY for year."""
    if day is None or precision == "none":
        return "-"
    return f"{day:%Y}" if precision == "year" else f"{day:%Y-%m}"


@functools.lru_cache(maxsize=4096)
def lookup_buckets(precision: str, day: dt.date | None, window: int) -> tuple[str, ...]:
    """Buckets of the clusters a report with this date may join."""
    if day is None or precision == "none":
        return ("-",)
    if precision == "year":
        return (f"{day:%Y}", *(f"{day:%Y}-{m:02d}" for m in range(1, 13)))
    if precision == "month":
        return (f"{day:%Y-%m}", f"{day:%Y}")
    lo, hi = shifted(day, -window), shifted(day, window)
    return tuple(sorted({f"{lo:%Y-%m}", f"{day:%Y-%m}", f"{hi:%Y-%m}", f"{lo:%Y}", f"{hi:%Y}"}))


def shifted(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held within the dates Python can represent."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def dates_compatible(p1: str, d1: dt.date | None, p2: str, d2: dt.date | None,
                     window: int) -> bool:
    """Day-precise dates at most ``window`` days apart; a month or year contains the other."""
    if d1 is None or d2 is None or p1 == "none" or p2 == "none":
        return d1 is None and d2 is None
    if "year" in (p1, p2):
        return d1.year == d2.year
    if "month" in (p1, p2):
        return (d1.year, d1.month) == (d2.year, d2.month)
    return abs((d1 - d2).days) <= window


# -- reports ----------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, slots=True)
class EventReport:
    """One event of one article, ready to be merged."""

    event_id: str
    article_id: str
    outlet: str | None
    article_date: dt.date | None
    block: str  # source_key|target_key|root (the date bucket is added per lookup)
    precision: str
    day: dt.date | None
    negated: bool
    place: Row | None  # name, country, geonameid, feature
    terms: frozenset[str]
    cluster_row: Row  # the columns of a cluster started by this report
    member_row: Row


@dataclasses.dataclass(frozen=True, slots=True)
class QuoteReport:
    """One quote of one article, ready to be merged."""

    quote_id: str
    article_id: str
    speaker_key: str
    fingerprint: str
    day: dt.date | None
    words: frozenset[str]
    cluster_row: Row
    member_row: Row


def side_key(actor: Row | None, name: str | None) -> str:
    """Who a side of an event is, for blocking: the actor's country (its code for
    organizations spanning countries), else its id, else the normalised name; '' if none."""
    if actor is not None:
        country, code = actor.get("country"), actor.get("code")
        if country and country not in MULTI_COUNTRY:
            return str(country)
        return str(code or actor["actor_id"])
    text = " ".join(w for w in words(name) if w not in ("the", "a", "an"))
    return f"~{text}" if text else ""


def article_outlet(article: Row) -> str | None:
    """The outlet that published the article, else its wire credit."""
    return article.get("outlet") or article.get("wire_credit") or None


def event_reports(tables: Mapping[str, Sequence[Row]]) -> list[EventReport]:
    """Reports for the event rows of a batch (rows as made by ``rows.analysis_rows``)."""
    articles = {a["id"]: a for a in tables.get("articles", ())}
    actors = {(r["article_id"], r["actor_id"]): r for r in tables.get("actors", ())}
    places = {(r["article_id"], r["idx"]): r for r in tables.get("places", ())}
    furniture: dict[str, frozenset[str]] = {}
    out = []
    for e in tables.get("events", ()):
        art = articles[e["article_id"]]
        src = actors.get((e["article_id"], e.get("source_actor")))
        tgt = actors.get((e["article_id"], e.get("target_actor")))
        skey, tkey = side_key(src, e.get("source")), side_key(tgt, e.get("target"))
        precision, day = date_of(e.get("date"), art.get("date"))
        place = None
        if re.fullmatch(r"[0-9]+", str(e.get("place"))):
            place = places.get((e["article_id"], int(e["place"])))
        start, end = e.get("evidence_start"), e.get("evidence_end")
        evidence = art["body"][start:end] if start is not None and end is not None else None
        # the dateline and credit ("WARSAW, March 4 (AFP) -") say nothing about the event
        if e["article_id"] not in furniture:
            furniture[e["article_id"]] = content_terms(
                " ".join(art.get(k) or "" for k in ("dateline", "wire_credit", "outlet")))
        terms = content_terms(evidence) - furniture[e["article_id"]]
        # plus the whole sentence as one term: a copy always meets its original, even an
        # evidence without content words
        terms |= {"#" + _hash(" ".join(words(evidence)))[:12]}
        block = f"{skey}|{tkey}|{e['cameo_root']}"
        out.append(EventReport(
            event_id=e["id"], article_id=e["article_id"], outlet=article_outlet(art),
            article_date=art.get("date"), block=block, precision=precision, day=day,
            negated=bool(e.get("negated")), place=place, terms=terms,
            cluster_row={
                "id": e["id"], "block": f"{block}|{bucket(precision, day)}",
                "source_key": skey, "target_key": tkey,
                "source_name": (src or {}).get("name") or e.get("source"),
                "source_code": (src or {}).get("code"),
                "source_country": (src or {}).get("country"),
                "target_name": (tgt or {}).get("name") or e.get("target"),
                "target_code": (tgt or {}).get("code"),
                "target_country": (tgt or {}).get("country"),
                "cameo": e["cameo"], "cameo_root": e["cameo_root"], "plover": e.get("plover"),
                "goldstein": e.get("goldstein"), "quad_class": e.get("quad_class"),
                "negated": bool(e.get("negated")), "date": e.get("date"),
                "precision": precision, "day": day,
                "place_name": (place or {}).get("name"),
                "place_country": (place or {}).get("country"),
                "place_geonameid": (place or {}).get("geonameid"),
                "place_feature": (place or {}).get("feature"),
                "terms": _join(terms)},
            member_row={
                "event_id": e["id"], "article_id": e["article_id"],
                "outlet": article_outlet(art), "article_date": art.get("date"), "day": day,
                "cameo": e["cameo"], "evidence_start": start, "evidence_end": end,
                "evidence": evidence, "ingested_at": art.get("ingested_at")}))
    return out


def speaker_key(quote: Row) -> str:
    """The speaker's actor id, else the normalised speaker text ('~' for none)."""
    if quote.get("speaker_actor"):
        return str(quote["speaker_actor"])
    return "~" + " ".join(words(quote.get("speaker")))


def quote_reports(tables: Mapping[str, Sequence[Row]]) -> list[QuoteReport]:
    """Reports for the quote rows of a batch."""
    articles = {a["id"]: a for a in tables.get("articles", ())}
    out = []
    for q in tables.get("quotes", ()):
        art = articles[q["article_id"]]
        key = speaker_key(q)
        norm = " ".join(words(q["content"]))
        fingerprint = _hash(key, norm)
        _, day = date_of(q.get("said_on"), art.get("date"))
        qwords = frozenset(words(q["content"]))
        out.append(QuoteReport(
            quote_id=q["id"], article_id=q["article_id"], speaker_key=key,
            fingerprint=fingerprint, day=day, words=qwords,
            cluster_row={
                "id": q["id"], "block": f"{key}|{bucket('day', day)}",
                "fingerprint": fingerprint, "speaker_key": key, "speaker": q.get("speaker"),
                "speaker_actor": q.get("speaker_actor"), "kind": q.get("kind"),
                "content": q["content"], "said_on": q.get("said_on"), "day": day,
                "terms": _join(qwords)},
            member_row={
                "quote_id": q["id"], "article_id": q["article_id"],
                "outlet": article_outlet(art), "article_date": art.get("date"), "day": day,
                "content": q["content"], "content_start": q.get("content_start"),
                "content_end": q.get("content_end"), "ingested_at": art.get("ingested_at")}))
    return out


# -- matching (pure) --------------------------------------------------------------------------
@dataclasses.dataclass(slots=True)
class Cluster:
    """A cluster row being merged into; ``terms`` (read from the row when first needed)
    grows with its members."""

    row: Row
    new: bool = False
    _terms: set[str] | None = None
    grew: bool = False  # words were added: its terms and signature are written again

    def add_terms(self, terms: Iterable[str]) -> None:
        before = len(self.terms)
        self.terms.update(terms)
        self.grew = self.grew or len(self.terms) != before

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def terms(self) -> set[str]:
        if self._terms is None:
            self._terms = set((self.row.get("terms") or "").split())
        return self._terms


def _join(terms: Iterable[str]) -> str:
    """Terms as stored: sorted, space-separated, at most ``MAX_TERMS``."""
    return " ".join(sorted(terms)[:MAX_TERMS])


def places_compatible(place: Row | None, cluster: Row) -> bool:
    """Same place, one of them unknown, or one is the country/region the other lies in."""
    if place is None or cluster.get("place_name") is None:
        return True
    if place.get("geonameid") is not None and \
            place.get("geonameid") == cluster.get("place_geonameid"):
        return True
    if str(place["name"]).casefold() == str(cluster["place_name"]).casefold():
        return True
    broad = {"country", "region"}
    return bool(place.get("country")) and place.get("country") == cluster.get("place_country") \
        and (place.get("feature") in broad or cluster.get("place_feature") in broad)


def event_score(report: EventReport, cluster: Cluster) -> float | None:
    """How well a report fits a cluster (higher is better), or None when it does not."""
    row = cluster.row
    if bool(row.get("negated")) != report.negated:
        return None
    if not dates_compatible(report.precision, report.day, row["precision"], row.get("day"),
                            DAY_WINDOW):
        return None
    if not places_compatible(report.place, row):
        return None
    same_day = report.day == row.get("day")
    sim = overlap(report.terms, cluster.terms)
    if sim < (SAME_DAY_OVERLAP if same_day or "day" not in (report.precision, row["precision"])
              else NEAR_DAY_OVERLAP):
        return None
    # the same day first; among equals the closest fit (Jaccard), so a copy of a report
    # joins the cluster of its original
    jaccard = len(report.terms & cluster.terms) / max(1, len(report.terms | cluster.terms))
    return sim + (0.1 if same_day else 0.0) + 0.01 * jaccard


def quote_score(report: QuoteReport, cluster: Cluster) -> float | None:
    """1 + overlap for the same words; the overlap for a partial quote; None otherwise."""
    row = cluster.row
    if row["speaker_key"] != report.speaker_key:
        return None
    if row["fingerprint"] == report.fingerprint:
        return 2.0
    if report.day is None or row.get("day") is None or \
            abs((report.day - row["day"]).days) > QUOTE_WINDOW:
        return None
    if min(len(report.words), len(cluster.terms)) < QUOTE_MIN_WORDS:
        return None
    sim = overlap(report.words, cluster.terms)
    return sim if sim >= QUOTE_CONTAINMENT else None


def best(scored: Iterable[tuple[float | None, Cluster]]) -> Cluster | None:
    """The highest-scoring cluster; ties go to the smaller id (the same on every run)."""
    ranked = [(s, c) for s, c in scored if s is not None]
    if not ranked:
        return None
    return min(ranked, key=lambda sc: (-sc[0], sc[1].id))[1]


# -- database ---------------------------------------------------------------------------------
def fetch_in(con: duckdb.DuckDBPyConnection, sql: str, values: Iterable[Any], *,
             many: bool = False) -> list[Row]:
    """Rows of ``sql``, whose one parameter is the list ``IN (FROM unnest(?))``, for
    ``values``: one query per call, whatever the number of values. With ``many``,
    ``values`` is the list of such lists, one a parameter."""
    params = [list(v) for v in values] if many else [sorted(set(values))]
    if not any(params):
        return []
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def execute_in(con: duckdb.DuckDBPyConnection, sql: str, values: Iterable[Any]) -> None:
    """Run ``sql`` (one ``IN (FROM unnest(?))`` parameter) for ``values``, if any."""
    wanted = sorted(set(values))
    if wanted:
        con.execute(sql, [wanted])


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    """Insert dicts into ``table`` (one of our own table names) through Arrow."""
    if rows:
        batch = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB below by name
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")


#: the tables this module and ``stories.py`` keep (all rebuilt by ``Store.remerge``)
MERGED_TABLES = ("event_clusters", "event_cluster_members", "quote_clusters",
                 "quote_cluster_members", "stories", "story_articles", "story_keys")
#: (clusters table, members table, member key column)
_KINDS = {"event": ("event_clusters", "event_cluster_members", "event_id"),
          "quote": ("quote_clusters", "quote_cluster_members", "quote_id")}


def remove_articles(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                    now: dt.datetime) -> None:
    """Take the members of these articles out of their event and quote clusters (counts
    recomputed; clusters left empty are deleted)."""
    if not article_ids:
        return
    for kind, (clusters, members, _) in _KINDS.items():
        touched = [r["cluster_id"] for r in fetch_in(
            con, f"SELECT DISTINCT cluster_id FROM {members} WHERE article_id IN (FROM unnest(?))",
            article_ids)]
        execute_in(con, f"DELETE FROM {members} WHERE article_id IN (FROM unnest(?))", article_ids)
        rows = fetch_in(con, f"SELECT * FROM {clusters} WHERE id IN (FROM unnest(?))", touched)
        _save(con, kind, [Cluster(row=r) for r in rows])


def _save(con: duckdb.DuckDBPyConnection, kind: str, touched: list[Cluster]) -> None:
    """Recount the touched clusters from their members and write them back."""
    clusters, members, _ = _KINDS[kind]
    if not touched:
        return
    counts = {r["cluster_id"]: r for r in fetch_in(
        con, "SELECT cluster_id, count(*) AS n_mentions, "
             "count(DISTINCT article_id) AS n_articles, count(DISTINCT outlet) AS n_outlets, "
             "min(day) AS first_day, max(day) AS last_day, min(ingested_at) AS first_seen, "
             f"max(ingested_at) AS last_seen FROM {members} WHERE cluster_id IN (FROM unnest(?)) "
             "GROUP BY cluster_id", [c.id for c in touched])}
    execute_in(con, f"DELETE FROM {clusters} WHERE id IN (FROM unnest(?))",
                [c.id for c in touched if not c.new])
    rows = []
    for cluster in touched:
        count = counts.get(cluster.id)
        if count is None:  # no member left
            continue
        row = {**cluster.row, **{k: v for k, v in count.items() if k != "cluster_id"}}
        if cluster.new or cluster.grew:
            row["terms"] = _join(cluster.terms)
            if kind == "event":
                row.update(zip(SIGNATURE_COLUMNS, signature(row["terms"].split()),
                               strict=True))
        rows.append(row)
    insert_rows(con, clusters, rows)


def _candidates(con: duckdb.DuckDBPyConnection, table: str,
                blocks: Iterable[str]) -> dict[str, Cluster]:
    rows = fetch_in(con, f"SELECT * FROM {table} WHERE block IN (FROM unnest(?))", blocks)
    return {r["id"]: Cluster(row=r) for r in rows}


def merge_events(con: duckdb.DuckDBPyConnection, reports: Sequence[EventReport],
                 now: dt.datetime, *, check_ids: bool = True) -> None:
    """Merge event reports into ``event_clusters`` (see the module docstring).
    ``check_ids=False`` when no article of the batch was stored before: the ids of new
    clusters (record ids) cannot be taken then."""
    keys = {r.event_id: [f"{r.block}|{b}" for b in
                         lookup_buckets(r.precision, r.day, DAY_WINDOW)] for r in reports}
    pool = _candidates(con, "event_clusters", {k for ks in keys.values() for k in ks})
    by_block: dict[str, list[Cluster]] = {}
    for cluster in pool.values():
        by_block.setdefault(cluster.row["block"], []).append(cluster)
    touched: dict[str, Cluster] = {}
    members = []
    for report in sorted(reports, key=_report_order):
        found = best((event_score(report, c), c)
                     for k in keys[report.event_id] for c in by_block.get(k, ()))
        if found is None:
            found = Cluster(row={**report.cluster_row, "first_seen": now, "last_seen": now},
                            new=True, _terms=set(report.terms))
            by_block.setdefault(found.row["block"], []).append(found)
        else:
            found.add_terms(report.terms)
            _refine_place(found.row, report)
        touched[found.id] = found
        members.append({**report.member_row, "cluster_id": found.id,
                        "ingested_at": report.member_row["ingested_at"] or now})
    _write_members(con, "event", members, touched, check_ids)


def merge_quotes(con: duckdb.DuckDBPyConnection, reports: Sequence[QuoteReport],
                 now: dt.datetime, *, check_ids: bool = True) -> None:
    """Merge quote reports into ``quote_clusters`` (see the module docstring and
    ``merge_events`` for ``check_ids``)."""
    keys = {r.quote_id: [f"{r.speaker_key}|{b}" for b in
                         lookup_buckets("day", r.day, QUOTE_WINDOW)] for r in reports}
    pool = {r["id"]: Cluster(row=r) for r in fetch_in(
        con, "SELECT * FROM quote_clusters WHERE block IN (FROM unnest(?)) "
             "OR fingerprint IN (FROM unnest(?))",
        [sorted({k for ks in keys.values() for k in ks}), sorted(r.fingerprint for r in reports)],
        many=True)}
    by_key: dict[str, list[Cluster]] = {}
    for cluster in pool.values():
        by_key.setdefault(cluster.row["block"], []).append(cluster)
        by_key.setdefault(cluster.row["fingerprint"], []).append(cluster)
    touched: dict[str, Cluster] = {}
    members = []
    for report in sorted(reports, key=lambda r: (r.day or dt.date.max, r.quote_id)):
        seen = {c.id: c for k in (*keys[report.quote_id], report.fingerprint)
                for c in by_key.get(k, ())}
        found = best((quote_score(report, c), c) for c in seen.values())
        if found is None:
            found = Cluster(row={**report.cluster_row, "first_seen": now, "last_seen": now},
                            new=True, _terms=set(report.words))
            by_key.setdefault(found.row["block"], []).append(found)
            by_key.setdefault(found.row["fingerprint"], []).append(found)
        else:
            found.add_terms(report.words)
            content = report.cluster_row["content"]
            if len(content) > len(found.row["content"]):  # keep the fullest wording
                found.row["content"] = content
        touched[found.id] = found
        members.append({**report.member_row, "cluster_id": found.id,
                        "ingested_at": report.member_row["ingested_at"] or now})
    _write_members(con, "quote", members, touched, check_ids)


def fresh_ids(con: duckdb.DuckDBPyConnection, table: str, ids: Iterable[str]) -> dict[str, str]:
    """New ids for those of ``ids`` that ``table`` holds already (a cluster whose first
    member left it keeps that member's id; a new cluster from the same record needs
    another)."""
    renamed: dict[str, str] = {}
    pending = {i: i for i in ids}  # id -> the candidate for it
    attempt = 0
    while pending:
        taken = {r["id"] for r in fetch_in(
            con, f"SELECT id FROM {table} WHERE id IN (FROM unnest(?))", pending.values())}
        attempt += 1
        pending = {i: _hash(i, str(attempt)) for i, c in pending.items() if c in taken}
        renamed.update(pending)
    return renamed


def _write_members(con: duckdb.DuckDBPyConnection, kind: str, members: list[Row],
                   touched: dict[str, Cluster], check_ids: bool) -> None:
    renamed = fresh_ids(con, _KINDS[kind][0], [c.id for c in touched.values() if c.new]) \
        if check_ids else {}
    for cluster in touched.values():
        if cluster.new and cluster.id in renamed:
            cluster.row["id"] = renamed[cluster.id]
    for member in members:
        member["cluster_id"] = renamed.get(member["cluster_id"], member["cluster_id"])
    insert_rows(con, _KINDS[kind][1], members)
    _save(con, kind, list(touched.values()))


def _refine_place(row: Row, report: EventReport) -> None:
    """Give the cluster the report's place when that is more precise (a city where the
    cluster knew only the country), so that later reports are held to it."""
    broad = (None, "country", "region")
    if report.place is not None and row.get("place_feature") in broad and \
            report.place.get("feature") not in broad[1:]:
        for key in ("name", "country", "geonameid", "feature"):
            row[f"place_{key}"] = report.place.get(key)


def _report_order(report: EventReport) -> tuple[dt.date, str]:
    return (report.day or dt.date.max, report.event_id)


def merge_batch(con: duckdb.DuckDBPyConnection, tables: Mapping[str, Sequence[Row]],
                replaced: Sequence[str], now: dt.datetime) -> None:
    """Update event and quote clusters for a batch whose record rows are ``tables``;
    ``replaced`` are the ids of articles whose old records the batch replaces. Runs inside
    the caller's transaction."""
    remove_articles(con, replaced, now)
    merge_events(con, event_reports(tables), now, check_ids=bool(replaced))
    merge_quotes(con, quote_reports(tables), now, check_ids=bool(replaced))
