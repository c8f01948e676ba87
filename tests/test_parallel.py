"""Worker processes give the same records as one process, in input order, and survive a
worker that dies."""

from __future__ import annotations

import json
import multiprocessing
import os
from itertools import islice

import pytest
from click.testing import CliRunner

import eventwire as ew
from eventwire import Pipeline, PipelineConfig, read_articles
from eventwire.cli import main
from eventwire.components import DEFAULT_COMPONENTS, component
from eventwire.model import Analysis, Article, Rejection
from eventwire.parallel import WorkerStats, default_workers, parallel_pipe
from eventwire.store import Store

from .conftest import AFP_CORPUS, SAMPLES

KILL_MARK = "KILL-THE-WORKER"


@component("test_crash_marker", assigns=())
def _crash_marker(ctx):
    """Kills the worker process on a marked article (never the test process itself)."""
    if KILL_MARK in ctx.article.body:
        if multiprocessing.parent_process() is None:
            raise RuntimeError("refusing to kill the test process")
        os._exit(3)
    return {}


def _records(results):
    """Comparable form: the SCHEMA v1 dict of an Analysis, (origin, reason) of a Rejection."""
    return [json.dumps(r.to_dict(), sort_keys=True) if isinstance(r, Analysis)
            else (r.origin, r.reason) for r in results]


@pytest.fixture(scope="module")
def sample_items():
    return list(read_articles([SAMPLES]))


def test_samples_with_two_workers_equal_one_process_record_for_record(pipeline, sample_items):
    assert len(sample_items) == 14
    one = _records(pipeline.pipe(sample_items))
    stats = WorkerStats()
    two = _records(parallel_pipe(pipeline, sample_items, 2, chunk_size=3, max_in_flight=2,
                                 stats=stats))
    assert two == one
    assert stats.chunks == 5  # 14 articles in chunks of 3
    assert len(stats.peak_rss_mb) == 2 and 0 < stats.max_peak_rss_mb < 1024


def test_rejections_keep_their_place_among_the_results(pipeline, sample_items):
    items = [Rejection("in.jsonl:1", "no text"), *sample_items[:3],
             Rejection("in.jsonl:5", "bad date"), sample_items[3]]
    results = list(parallel_pipe(pipeline, items, 2, chunk_size=2))
    assert [type(r).__name__ for r in results] == ["Rejection", "Analysis", "Analysis",
                                                   "Analysis", "Rejection", "Analysis"]
    assert [r.origin if isinstance(r, Rejection) else r.article.origin for r in results] == \
        [x.origin for x in items]


def test_one_worker_or_one_chunk_is_the_in_process_path(pipeline, sample_items, monkeypatch):
    from eventwire import parallel

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_Pool", no_pool)
    expected = _records(pipeline.pipe(sample_items[:3]))
    assert _records(parallel_pipe(pipeline, sample_items[:3], 1, chunk_size=1)) == expected
    assert _records(parallel_pipe(pipeline, sample_items[:3], 2, chunk_size=3)) == expected
    assert list(parallel_pipe(pipeline, [], 2)) == []
    with pytest.raises(AssertionError, match="a pool was started"):
        list(parallel_pipe(pipeline, sample_items[:3], 2, chunk_size=2))


def test_a_worker_that_dies_rejects_only_its_article(kb, nlp, sample_items):
    crashing = Pipeline(kb=kb, nlp=nlp, components=(*DEFAULT_COMPONENTS, "test_crash_marker"))
    bad = Article(body="Kenya and Uganda signed a border deal. " + KILL_MARK,
                  id="poison", origin="poison.txt")
    items = [*sample_items[:4], bad, *sample_items[4:7]]
    stats = WorkerStats()
    results = list(parallel_pipe(crashing, items, 2, chunk_size=3, stats=stats))
    assert len(results) == len(items)
    rejected = [r for r in results if isinstance(r, Rejection)]
    assert [r.origin for r in rejected] == ["poison.txt"]
    assert "worker process died" in rejected[0].reason
    assert stats.crashes >= 1
    good = [r for r in results if isinstance(r, Analysis)]
    assert _records(good) == _records(crashing.pipe(items[:4] + items[5:]))


def test_spawned_workers_build_the_same_pipeline(pipeline, sample_items):
    items = sample_items[5:8]
    spawned = _records(parallel_pipe(pipeline, items, 2, chunk_size=2, start_method="spawn"))
    assert spawned == _records(pipeline.pipe(items))


def test_ingest_with_workers_stores_the_same_tables(tmp_path, kb, nlp, pipeline):
    done: list[int] = []
    ew.ingest([SAMPLES], tmp_path / "one.duckdb", pipeline=pipeline)
    small_chunks = Pipeline(PipelineConfig(batch_size=4), kb=kb, nlp=nlp)
    summary = ew.ingest([SAMPLES], tmp_path / "two.duckdb", pipeline=small_chunks, workers=2,
                        batch_articles=4, progress=done.append)
    assert summary.stored == 14 and sum(done) == 14
    with Store(tmp_path / "one.duckdb", read_only=True) as a, \
            Store(tmp_path / "two.duckdb", read_only=True) as b:
        assert [x.to_dict() for x in a.iter_analyses()] == \
            [x.to_dict() for x in b.iter_analyses()]
        for table in ("actors", "mentions", "quotes", "events", "times", "places"):
            assert a.count(table) == b.count(table), table


def test_cli_extract_workers_prints_the_same_lines(tmp_path):
    runner = CliRunner()
    files = [str(SAMPLES / name) for name in sorted(os.listdir(SAMPLES))
             if name.endswith(".txt")][:4]
    one = runner.invoke(main, ["extract", *files, "--workers", "1"])
    two = runner.invoke(main, ["extract", *files, "--workers", "2", "--batch-size", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert len(one.output.splitlines()) == 4
    assert two.output == one.output


def test_default_workers_is_the_number_of_cpus():
    assert default_workers() == max(1, os.cpu_count() or 1)


@pytest.mark.needs_shared
@pytest.mark.slow
def test_fifty_afp_articles_with_two_workers_equal_one_process(pipeline):
    items = list(islice(read_articles([AFP_CORPUS]), 50))
    assert sum(isinstance(x, Article) for x in items) >= 45
    assert _records(parallel_pipe(pipeline, items, 2)) == _records(pipeline.pipe(items))


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    script = ("import sys\n"
              "from eventwire import Pipeline, read_articles\n"
              "from eventwire.parallel import parallel_pipe\n"
              "items = list(read_articles([sys.argv[1]])) * 20\n"
              "for result in parallel_pipe(Pipeline(), items, 2, chunk_size=1):\n"
              "    print('done', flush=True)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(SAMPLES)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "done"
        children = psutil.Process(proc.pid).children()
        assert len(children) >= 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(c.is_running() and
                                              c.status() != psutil.STATUS_ZOMBIE
                                              for c in children):
        time.sleep(0.2)
    alive = [c.pid for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    assert alive == []
