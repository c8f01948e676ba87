"""Results as Parquet records, and loading them into a store.

One record per input, in these columns (``RECORD_SCHEMA``):

- ``seq``: the input's position (the order in which they are loaded back);
- ``article_id``, ``date`` (``YYYY-MM-DD`` or null; the partition key), ``origin``;
- ``kind``: ``analysis`` or ``rejection``; ``reason`` for a rejection;
- ``analysis``: the SCHEMA v1 JSON of an analysis (``Analysis.to_dict``);
- ``article``: JSON of what SCHEMA v1 leaves out and the store keeps: the body (every span
  points into it), the id as given, the given dateline, the origin, and the dateline and
  wire-credit spans that the metadata component found;
- ``extractor_version``: the eventwire that made the record.

``write_parquet`` writes records partitioned by date (``date=YYYY-MM-DD/``, as Spark's
``partitionBy("date")`` does); ``load_parquet`` reads such a directory, rebuilds each
Analysis with ``Analysis.from_dict`` and writes them through ``Store.write_batch`` in
batches, so an article stored already with the same content changes nothing: loading the
same directory twice stores nothing the second time.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import InputError
from ..model import Analysis, Article, Metadata, Rejection
from ..store import IngestSummary

log = logging.getLogger(__name__)

Record = dict[str, Any]

#: the columns of a record, in order (``date`` is the partition key)
RECORD_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("article_id", pa.string()), ("date", pa.string()),
    ("origin", pa.string()), ("kind", pa.string()), ("reason", pa.string()),
    ("analysis", pa.string()), ("article", pa.string()), ("extractor_version", pa.string()),
])
COLUMNS = tuple(RECORD_SCHEMA.names)


def to_record(seq: int, result: Analysis | Rejection, version: str) -> Record:
    """One Parquet record for an Analysis or a Rejection (pure)."""
    if isinstance(result, Rejection):
        return {"seq": seq, "article_id": None, "date": None, "origin": result.origin,
                "kind": "rejection", "reason": result.reason, "analysis": None,
                "article": None, "extractor_version": version}
    art, meta = result.article, result.metadata
    extra = {"body": art.body, "id": art.id, "dateline": art.dateline, "origin": art.origin,
             "metadata": {"wire_credit_span": meta.wire_credit_span,
                          "dateline": meta.dateline, "dateline_span": meta.dateline_span,
                          "dateline_place": meta.dateline_place,
                          "dateline_date": meta.dateline_date}}
    return {"seq": seq, "article_id": art.article_id, "date": art.date, "origin": art.origin,
            "kind": "analysis", "reason": None,
            "analysis": json.dumps(result.to_dict(), ensure_ascii=False),
            "article": json.dumps(extra, ensure_ascii=False), "extractor_version": version}


def _span(value: Any) -> tuple[int, int] | None:
    return None if value is None else (int(value[0]), int(value[1]))


def from_record(record: Record) -> Analysis | Rejection:
    """The Analysis or Rejection a record was made from (the inverse of ``to_record``)."""
    where = str(record.get("origin") or f"record {record.get('seq')}")
    if record.get("kind") == "rejection":
        return Rejection(where, str(record.get("reason") or "rejected"))
    if record.get("kind") != "analysis" or not record.get("analysis") \
            or not record.get("article"):
        raise InputError(where, f"not an eventwire Parquet record (kind={record.get('kind')!r})")
    try:
        extra = json.loads(record["article"])
        analysis = Analysis.from_dict(json.loads(record["analysis"]), extra["body"])
        meta = extra.get("metadata") or {}
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(where, f"unreadable Parquet record ({exc})") from None
    article: Article = dataclasses.replace(analysis.article, id=extra.get("id"),
                                           dateline=extra.get("dateline"),
                                           origin=extra.get("origin") or where)
    metadata = Metadata(wire_credit=analysis.metadata.wire_credit,
                        wire_credit_span=_span(meta.get("wire_credit_span")),
                        dateline=meta.get("dateline"),
                        dateline_span=_span(meta.get("dateline_span")),
                        dateline_place=meta.get("dateline_place"),
                        dateline_date=meta.get("dateline_date"))
    return dataclasses.replace(analysis, article=article, metadata=metadata)


def write_parquet(records: Iterable[Record], output: str | os.PathLike[str]) -> int:
    """Write records as Parquet under ``output``, partitioned by date; the number written.
    Files of an earlier write are replaced partition by partition."""
    import pyarrow.dataset as ds

    rows = list(records)
    table = pa.Table.from_pylist(rows, schema=RECORD_SCHEMA)
    ds.write_dataset(table, str(output), format="parquet",
                     partitioning=ds.partitioning(pa.schema([("date", pa.string())]),
                                                  flavor="hive"),
                     existing_data_behavior="delete_matching",
                     basename_template="part-{i}.parquet")
    return len(rows)


def read_parquet(path: str | os.PathLike[str]) -> Iterator[Record]:
    """The records of a directory (or file) written by ``write_parquet`` or the Spark job,
    in input order (``seq``)."""
    import pyarrow.dataset as ds

    if not Path(path).exists():
        raise InputError(str(path), "no such file or directory")
    dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
    wanted = [c for c in COLUMNS if c != "date"]  # the partition key is in the article JSON
    missing = [c for c in wanted if c not in dataset.schema.names]
    if missing:
        raise InputError(str(path), f"not eventwire Parquet records: no columns {missing}")
    table = dataset.to_table(columns=wanted).sort_by("seq")
    for batch in table.to_batches(max_chunksize=256):
        yield from batch.to_pylist()


def load_parquet(path: str | os.PathLike[str], db: str | os.PathLike[str], *,
                 batch_articles: int = 128) -> IngestSummary:
    """Store the records under ``path`` in the DuckDB store ``db`` through
    ``Store.write_batch``, one transaction per ``batch_articles``."""
    from ..api import open_store, store_results

    started = time.perf_counter()
    summary = IngestSummary()
    open_store(db).close()  # created and migrated (or refused) before anything is read

    def results() -> Iterator[Analysis | Rejection]:
        for record in read_parquet(path):
            summary.read += 1
            try:
                yield from_record(record)
            except InputError as exc:
                yield Rejection(exc.origin, exc.reason)

    store_results(db, results(), summary, batch_articles=batch_articles)
    summary.unchanged = summary.read - summary.stored - len(summary.rejected)
    summary.seconds = time.perf_counter() - started
    return summary
