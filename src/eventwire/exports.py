"""Exports: SCHEMA v1 JSON Lines (rebuilt from the store), and the tables as CSV or Parquet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from .errors import ConfigError
from .store import TABLES, Store

FORMATS = ("jsonl", "csv", "parquet")


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
