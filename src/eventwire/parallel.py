"""Worker processes: the full Pipeline (spaCy + components) over chunks of articles.

    >>> from eventwire import Pipeline
    >>> from eventwire.parallel import parallel_pipe
    >>> results = list(parallel_pipe(Pipeline(), articles, workers=2))  # doctest: +SKIP

``parallel_pipe`` yields exactly what ``Pipeline.pipe`` yields, in input order: an Analysis or
a Rejection for every input. Each worker holds one Pipeline (spaCy model, knowledge base,
gazetteer) for its whole life and runs ``Pipeline.pipe`` on chunks of articles; the parent
only hands out chunks and collects the results, so the output is the same as in one
process, record for record.

How the workers get their Pipeline (``start_method``):

- ``"fork"`` (the default where the platform has it, as for spaCy's own ``n_process``):
  the parent's Pipeline is warmed up (its lazily built tables, such as the gazetteer, are
  built) and then inherited by the workers, so nothing is loaded again and the model and the
  knowledge base are shared copy-on-write. The workers never touch anything else the parent
  holds, such as an open DuckDB connection, and leave through ``os._exit`` (so no finalizer
  of an inherited object runs in them).
- ``"spawn"``: each worker imports eventwire and builds its Pipeline from the parent's
  configuration, component names and knowledge base (pickled) in its initializer: robust
  everywhere, but each worker pays the model and gazetteer load (several seconds).

At most ``max_in_flight`` chunks are handed out at a time, so memory stays bounded however
long the input is. A worker that dies on a chunk (a crash in a C extension, the OOM killer)
does not stop the run: the chunk is retried in a fresh pool, halved until the article that
kills a worker is found, and that article becomes a Rejection naming it. A worker whose
parent is killed exits by itself within a second.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import resource
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from .config import PipelineConfig
from .kb import KnowledgeBase
from .model import Analysis, Article, Rejection
from .pipeline import Pipeline, batched

log = logging.getLogger(__name__)

Result = Analysis | Rejection
Item = Article | Rejection

#: the worker's Pipeline, set once by ``_init_worker`` in each worker process
_WORKER_PIPELINE: Pipeline | None = None

WARMUP_TEXT = ("GENEVA, March 3 (AFP) - Foreign ministers of France and Germany met in Geneva "
               "on Monday, officials said. \"We want peace,\" the French minister told "
               "reporters, adding that talks with Russia would resume next week in Moscow.")


def default_workers() -> int:
    """The number of worker processes to use by default: the number of CPUs."""
    return max(1, os.cpu_count() or 1)


def default_start_method() -> str:
    """``fork`` where the platform has it (Linux), else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and sys.platform.startswith("linux") else "spawn"


@dataclass(frozen=True)
class _Recipe:
    """What a spawned worker needs to build the parent's Pipeline again."""

    config: PipelineConfig
    components: tuple[str, ...]
    kb: KnowledgeBase


@dataclass
class WorkerStats:
    """What the workers reported: peak RSS (MB) per worker process, chunks done, crashes."""

    peak_rss_mb: dict[int, float] = field(default_factory=dict)
    chunks: int = 0
    crashes: int = 0

    def record(self, pid: int, peak_mb: float) -> None:
        self.chunks += 1
        self.peak_rss_mb[pid] = max(peak_mb, self.peak_rss_mb.get(pid, 0.0))

    @property
    def max_peak_rss_mb(self) -> float:
        return max(self.peak_rss_mb.values(), default=0.0)


def warm_up(pipeline: Pipeline) -> None:
    """Run the pipeline once on a short text so that what it builds lazily on first use
    (matchers, the gazetteer, caches) exists before workers are forked from this process."""
    list(pipeline.pipe([Article(body=WARMUP_TEXT, id="warmup", date="2020-03-03",
                                origin="<warm-up>")]))


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """In a worker: leave as soon as the parent is gone (killed, say), never linger."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def _init_worker(source: Pipeline | _Recipe, parent: int) -> None:
    global _WORKER_PIPELINE
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    if isinstance(source, Pipeline):  # fork: inherited from the parent, not pickled
        _WORKER_PIPELINE = source
    else:
        _WORKER_PIPELINE = Pipeline(source.config, kb=source.kb, components=source.components)
    # what exists now (the model, the knowledge base, the gazetteer) lives as long as the
    # worker: keep it out of the garbage collector's scans, which would also copy every
    # page shared with the parent
    gc.freeze()


def _run_chunk(chunk: list[Item]) -> tuple[list[Result], int, float]:
    """In a worker: the chunk's results, the worker's pid and its peak RSS in MB so far."""
    if _WORKER_PIPELINE is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker has no pipeline")
    results = list(_WORKER_PIPELINE.pipe(chunk))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 1024
    return results, os.getpid(), peak_mb


def _rejected(chunk: Sequence[Item], reason: str) -> list[Result]:
    return [x if isinstance(x, Rejection) else Rejection(x.origin, reason) for x in chunk]


class _Pool:
    """A ProcessPoolExecutor that can be replaced when one of its workers dies."""

    def __init__(self, source: Pipeline | _Recipe, workers: int, start_method: str) -> None:
        self.source = source
        self.workers = workers
        self.context = multiprocessing.get_context(start_method)
        self.executor = self._new(workers)

    def _new(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=self.context,
                                   initializer=_init_worker,
                                   initargs=(self.source, os.getpid()))

    def submit(self, chunk: list[Item]) -> Future[tuple[list[Result], int, float]]:
        return self.executor.submit(_run_chunk, chunk)

    def renew(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new(self.workers)

    def isolated(self, chunk: list[Item], stats: WorkerStats) -> list[Result]:
        """Run one chunk alone in a fresh one-worker pool; halve it while a worker dies on
        it, so that only the article that kills a worker is rejected."""
        executor = self._new(1)
        try:
            results, pid, peak = executor.submit(_run_chunk, chunk).result()
            stats.record(pid, peak)
            return results
        except BrokenProcessPool:
            stats.crashes += 1
        except Exception as exc:  # noqa: BLE001 - reported as the chunk's rejections
            return _rejected(chunk, f"internal error in a worker process: "
                                    f"{type(exc).__name__}: {exc}")
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        if len(chunk) == 1:
            return _rejected(chunk, "a worker process died while analysing this article "
                                    "(a crash in spaCy or a component, or out of memory)")
        half = len(chunk) // 2
        return self.isolated(chunk[:half], stats) + self.isolated(chunk[half:], stats)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def parallel_pipe(pipeline: Pipeline, items: Iterable[Item], workers: int, *,
                  chunk_size: int | None = None, max_in_flight: int | None = None,
                  start_method: str | None = None,
                  stats: WorkerStats | None = None) -> Iterator[Result]:
    """Like ``pipeline.pipe(items)``, with ``workers`` processes; results in input order.

    ``workers <= 1`` is exactly ``pipeline.pipe(items)`` in this process, and so is an input
    that fits in one chunk (no process is started for it). ``chunk_size``
    (default: the pipeline's batch size) articles go to a worker at a time, with at most
    ``max_in_flight`` chunks (default: two per worker) handed out and not yet collected.
    ``stats``, if given, receives each worker's peak RSS and the number of crashes.
    """
    if workers <= 1:
        yield from pipeline.pipe(items)
        return
    chunk_size = chunk_size or pipeline.config.batch_size
    chunks = batched(items, chunk_size)
    head = list(islice(chunks, 2))
    if len(head) < 2:  # one chunk or none: not worth starting processes
        yield from pipeline.pipe(head[0] if head else [])
        return
    max_in_flight = max(1, max_in_flight or 2 * workers)
    stats = stats if stats is not None else WorkerStats()
    method = start_method or default_start_method()
    source: Pipeline | _Recipe
    if method == "fork":
        warm_up(pipeline)
        source = pipeline
    else:
        source = _Recipe(pipeline.config, tuple(c.name for c in pipeline.components),
                         pipeline.kb)
    pool = _Pool(source, workers, method)
    pending: deque[list[Any]] = deque()  # [chunk, future], oldest first
    try:
        for chunk in chain(head, chunks):
            pending.append([chunk, pool.submit(chunk)])
            while len(pending) >= max_in_flight:
                yield from _collect(pool, pending, stats)
        while pending:
            yield from _collect(pool, pending, stats)
    finally:
        pool.shutdown()


def _collect(pool: _Pool, pending: deque[list[Any]], stats: WorkerStats) -> list[Result]:
    """The results of the oldest chunk in flight."""
    chunk, future = pending.popleft()
    try:
        results, pid, peak = future.result()
    except BrokenProcessPool:
        # a worker died: every chunk in flight is lost with the pool. Start a new pool for
        # the others, and find out alone whether this chunk is the one that kills workers.
        stats.crashes += 1
        log.warning("a worker process died; retrying %d chunks in a new pool", 1 + len(pending))
        pool.renew()
        for entry in pending:
            entry[1] = pool.submit(entry[0])
        return pool.isolated(chunk, stats)
    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
        log.exception("a worker failed on a chunk of %d articles", len(chunk))
        return _rejected(chunk, f"internal error in a worker process: "
                                f"{type(exc).__name__}: {exc}")
    stats.record(pid, peak)
    return results
