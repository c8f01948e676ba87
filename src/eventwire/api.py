"""The public Python API. The CLI is a thin layer over these functions.

    >>> import eventwire as ew
    >>> analysis = ew.extract("MOSCOW, May 5 (AFP) - Putin met Xi.", date="2024-05-05")
    >>> analysis.to_dict()["article"]["wire_credit"]
    'AFP'
"""

from __future__ import annotations

import functools
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version

from .config import DEFAULT_DB, PipelineConfig, ReadConfig
from .errors import StoreError
from .model import Analysis, Article, Rejection
from .parallel import parallel_pipe
from .pipeline import Pipeline
from .readers import read_articles
from .readers.validate import check_body, normalize_date
from .store import BatchResult, IngestSummary, Store

log = logging.getLogger(__name__)

Sources = Iterable[str | os.PathLike[str]]
ProgressCallback = Callable[[int], None]

EXTRACTOR_VERSION = "eventwire-" + version("eventwire")


def extract(text: str, *, date: str | None = None, id: str | None = None,
            outlet: str | None = None, title: str | None = None, url: str | None = None,
            pipeline: Pipeline | None = None) -> Analysis:
    """Analyse one article given as a string. Raises InputError for an unusable text."""
    config = ReadConfig()
    check_body(text, "<text>", config)
    article = Article(body=text, id=id, date=normalize_date(date, "<text>"), outlet=outlet,
                      title=title, url=url, origin="<text>")
    return (pipeline or _default_pipeline()).analyze(article)


def extract_articles(sources: Sources, *, read_config: ReadConfig | None = None,
                     pipeline: Pipeline | None = None,
                     workers: int = 1) -> Iterator[Analysis | Rejection]:
    """Analyses (and Rejections) for every article in files, directories or '-', in input
    order; with ``workers`` > 1 the pipeline runs in that many processes
    (``eventwire.parallel``), with the same results."""
    pipeline = pipeline or _default_pipeline()
    yield from parallel_pipe(pipeline, read_articles(sources, config=read_config), workers)


def _write(store: Store, analyses: list[Analysis], rejections: list[Rejection],
           summary: IngestSummary, force: bool = False) -> BatchResult:
    """Write a batch; if the store refuses it, write its articles one by one so that only
    the article at fault is rejected (with the reason) and the rest are stored."""
    try:
        return store.write_batch(analyses, rejections, version=EXTRACTOR_VERSION, force=force)
    except StoreError as exc:
        log.warning("batch refused (%s); storing its articles one by one", exc)
    total = BatchResult()
    for analysis in analyses:
        try:
            one = store.write_batch([analysis], version=EXTRACTOR_VERSION, force=force)
        except StoreError as exc:
            rejection = Rejection(analysis.article.origin, f"could not be stored: {exc}")
            summary.rejected.append(rejection)
            rejections = [*rejections, rejection]
            continue
        total.stored += one.stored
        total.replaced += one.replaced
        for table, n in one.records.items():
            total.records[table] = total.records.get(table, 0) + n
    store.write_batch([], rejections, version=EXTRACTOR_VERSION)
    return total


@functools.lru_cache(maxsize=2)
def _default_pipeline(config: PipelineConfig | None = None) -> Pipeline:
    """One shared Pipeline per configuration for callers that do not pass their own."""
    return Pipeline(config or PipelineConfig())


def open_store(path: str | os.PathLike[str] = DEFAULT_DB, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) a DuckDB store."""
    return Store(path, read_only=read_only)


@dataclass(frozen=True, slots=True)
class IngestPlan:
    """What an ingest will do before any NLP runs: new work, unchanged and rejected inputs."""

    todo: list[Article | Rejection]
    unchanged: int
    total: int


def plan_ingest(store: Store, sources: Sources, read_config: ReadConfig | None = None, *,
                reprocess: bool = False) -> IngestPlan:
    """Read the inputs and set aside the articles stored already with the same content by
    this version of eventwire (all of them are redone with ``reprocess``)."""
    items = list(read_articles(sources, config=read_config))
    articles = [x for x in items if isinstance(x, Article)]
    stored = {} if reprocess else store.stored_versions(a.article_id for a in articles)
    todo: list[Article | Rejection] = []
    unchanged = 0
    for item in items:
        if isinstance(item, Article) and \
                stored.get(item.article_id) == (item.content_hash, EXTRACTOR_VERSION):
            unchanged += 1
        else:
            todo.append(item)
    return IngestPlan(todo=todo, unchanged=unchanged, total=len(items))


def ingest(sources: Sources, db: str | os.PathLike[str] = DEFAULT_DB, *,
           read_config: ReadConfig | None = None, pipeline_config: PipelineConfig | None = None,
           pipeline: Pipeline | None = None, batch_articles: int = 128,
           progress: ProgressCallback | None = None,
           on_total: ProgressCallback | None = None, reprocess: bool = False,
           workers: int = 1) -> IngestSummary:
    """Read, analyse and store articles; one transaction per batch of ``batch_articles``.
    With ``workers`` > 1 the NLP runs in that many processes (``eventwire.parallel``)
    while this one stores the results.

    Articles already stored with the same content by this version of eventwire are skipped
    before any NLP runs, so a rerun after a crash finishes the job without duplicates; a newer
    version re-extracts them, and ``reprocess`` re-extracts everything. ``progress`` is called with
    the number of inputs finished (including skipped and rejected ones); ``on_total``
    once with the number of inputs, after they have been read and before any NLP runs.
    """
    started = time.perf_counter()
    # The database file is held only while planning and while each batch is written, never
    # during the NLP, so that readers (``eventwire serve``, ``ew.open``) get in between.
    with open_store(db) as store:
        plan = plan_ingest(store, sources, read_config, reprocess=reprocess)
    summary = IngestSummary(read=plan.total, unchanged=plan.unchanged)
    if on_total:
        on_total(plan.total)
    if progress and plan.unchanged:
        progress(plan.unchanged)
    if pipeline is None and any(isinstance(x, Article) for x in plan.todo):
        pipeline = _default_pipeline(pipeline_config)  # no model load when all is done
    results: Iterable[Analysis | Rejection] = (
        parallel_pipe(pipeline, plan.todo, workers) if pipeline is not None
        else [x for x in plan.todo if isinstance(x, Rejection)])
    store_results(db, results, summary, batch_articles=batch_articles, force=reprocess,
                  progress=progress)
    summary.seconds = time.perf_counter() - started
    return summary


def store_results(db: str | os.PathLike[str], results: Iterable[Analysis | Rejection],
                  summary: IngestSummary, *, batch_articles: int = 128, force: bool = False,
                  progress: ProgressCallback | None = None) -> None:
    """Write analyses and rejections to ``db`` in batches of ``batch_articles``, one
    transaction each, opening the file only while a batch is written (readers get in
    between); ``summary`` counts what was stored and rejected."""
    analyses: list[Analysis] = []
    rejections: list[Rejection] = []

    def flush() -> None:
        if analyses or rejections:
            with open_store(db) as store:
                summary.add(_write(store, analyses, rejections, summary, force))
            log.info("committed a batch of %d articles and %d rejections",
                     len(analyses), len(rejections))
            if progress:
                progress(len(analyses) + len(rejections))
            analyses.clear()
            rejections.clear()

    for result in results:
        if isinstance(result, Rejection):
            rejections.append(result)
            summary.rejected.append(result)
        else:
            analyses.append(result)
        if len(analyses) + len(rejections) >= batch_articles:
            flush()
    flush()
