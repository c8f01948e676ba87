"""The word index of article text (table ``article_words``) that the web search narrows by.

Each article has one row per distinct word of its title, its body and its quotes'
speakers (a speaker's name can be a normalised form that is not in the body):
``(word, article_id)``. Words are the lower-case runs of letters and digits that
``merge.words`` finds, cut to ``MAX_WORD`` characters, unstemmed and with no stop words
left out, so that any word of a query can be looked up.

A text query becomes one prefix range per word (``word >= 'putin' AND word < 'putio'``):
an article is a candidate when every word of the query begins a word of the article. The
caller then checks the exact text (``ILIKE``) on the candidates only. So a query finds the
text where it begins at the start of a word ("minist" finds "ministers"); one that begins
inside a word ("inister") finds nothing.

``write`` keeps the index in step with the articles inside ``Store.write_batch``'s
transaction; ``backfill`` builds it once for a store written before the table existed.
Every value is bound as a parameter or passed as an Arrow table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from .merge import words as _tokens

Row = dict[str, Any]

#: words are cut to this many characters (in the index and in a query alike)
MAX_WORD = 40
#: the migration (``schema.MIGRATIONS``) that creates ``article_words``
MIGRATION = 3
#: articles read and indexed per step of a backfill
BACKFILL_BATCH = 1000


# -- words ------------------------------------------------------------------------------------
def words(text: str | None) -> set[str]:
    """The distinct index words of ``text``: lower-cased (``casefold``) runs of letters and
    digits, each cut to ``MAX_WORD`` characters; punctuation, spacing and ``_`` separate
    words ("Xi's U.S. visit" -> {"xi", "s", "u", "visit"})."""
    return {word[:MAX_WORD] for word in _tokens(text)}


def query_words(q: str) -> list[str]:
    """The words of a search text to look up, longest first (the rarest, as a rule), with
    words that begin another word of the query left out (their range holds the longer
    one's)."""
    found = sorted(words(q), key=lambda w: (-len(w), w))
    out: list[str] = []
    for word in found:
        if not any(other.startswith(word) for other in out):
            out.append(word)
    return out


def prefix_range(word: str) -> tuple[str, str]:
    """The half-open range ``[low, high)`` of the strings that begin with ``word`` (DuckDB
    compares strings by their UTF-8 bytes, which sort as the code points do)."""
    last = ord(word[-1])
    if last >= 0x10FFFF:  # no code point above it: widen to the shorter prefix
        return prefix_range(word[:-1]) if len(word) > 1 else (word, chr(0x10FFFF) * 2)
    return word, word[:-1] + chr(last + 1)


def candidates_sql(q: str) -> tuple[str, list[str]] | None:
    """A query (SQL, parameters) for the ids of the articles that have, for every word of
    ``q``, a word that begins with it; None when ``q`` has no word (punctuation only), so
    that the caller falls back to scanning the text."""
    wanted = query_words(q)
    if not wanted:
        return None
    params: list[str] = []
    for word in wanted:
        params += prefix_range(word)
    one = "SELECT article_id FROM article_words WHERE word >= ? AND word < ?"
    return " INTERSECT ".join([one] * len(wanted)), params


# -- rows -------------------------------------------------------------------------------------
def index_rows(tables: Mapping[str, Sequence[Row]]) -> list[Row]:
    """``article_words`` rows for the ``articles`` of a batch (with the speakers of its
    ``quotes``), sorted by word."""
    speakers: dict[str, list[str]] = {}
    for quote in tables.get("quotes", ()):
        if quote.get("speaker"):
            speakers.setdefault(quote["article_id"], []).append(quote["speaker"])
    rows: list[Row] = []
    for article in tables.get("articles", ()):
        aid = article["id"]
        text = "\n".join([article.get("title") or "", article.get("body") or "",
                          *speakers.get(aid, ())])
        rows += ({"word": word, "article_id": aid} for word in words(text))
    rows.sort(key=lambda r: (r["word"], r["article_id"]))
    return rows


# -- database ---------------------------------------------------------------------------------
def remove(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> None:
    """Delete the index rows of ``article_ids`` (in the caller's transaction)."""
    ids = sorted(set(article_ids))
    if ids:
        con.execute("DELETE FROM article_words WHERE article_id IN (SELECT unnest(?))", [ids])


def insert(con: duckdb.DuckDBPyConnection, rows: list[Row], *,
           table: str = "article_words") -> None:
    """Append rows (from ``index_rows``) to ``table`` (``article_words`` or a table of the
    same columns)."""
    if rows:
        batch = pa.Table.from_pylist(rows, schema=_SCHEMA)  # noqa: F841 - read by DuckDB
        con.execute(f"INSERT INTO {table} SELECT word, article_id FROM batch")


def write(con: duckdb.DuckDBPyConnection, tables: Mapping[str, Sequence[Row]],
          replaced: Sequence[str]) -> None:
    """Index a batch whose rows are ``tables``: the replaced articles' old words go first.
    Runs inside ``Store.write_batch``'s transaction."""
    remove(con, replaced)
    insert(con, index_rows(tables))


def backfill(con: duckdb.DuckDBPyConnection, *, batch: int = BACKFILL_BATCH) -> int:
    """Index every article that has no index rows yet, ``batch`` articles at a time, and
    append the rows in word order (so that DuckDB's zone maps skip most of the table on a
    lookup). Runs in the caller's transaction (the migration's); returns the number of
    articles indexed."""
    ids = [r[0] for r in con.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT DISTINCT article_id FROM article_words) "
        "ORDER BY id").fetchall()]
    if not ids:
        return 0
    con.execute("CREATE OR REPLACE TEMP TABLE article_words_new "
                "(word VARCHAR NOT NULL, article_id VARCHAR NOT NULL)")
    for start in range(0, len(ids), max(1, batch)):
        chunk = ids[start:start + batch]
        tables = {"articles": _fetch(con, "SELECT id, title, body FROM articles "
                                     "WHERE id IN (SELECT unnest(?))", chunk),
                  "quotes": _fetch(con, "SELECT article_id, speaker FROM quotes "
                                   "WHERE article_id IN (SELECT unnest(?)) "
                                   "AND speaker IS NOT NULL", chunk)}
        insert(con, index_rows(tables), table="article_words_new")
    con.execute("INSERT INTO article_words SELECT word, article_id FROM article_words_new "
                "ORDER BY word, article_id")
    con.execute("DROP TABLE article_words_new")
    return len(ids)


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, ids: list[str]) -> list[Row]:
    cur = con.execute(sql, [ids])
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


_SCHEMA = pa.schema([("word", pa.string()), ("article_id", pa.string())])
