"""Throughput of eventwire extraction against bare spaCy, on the same texts.

    .venv/bin/python bench/throughput.py --corpus FILE --n 500
    .venv/bin/python bench/throughput.py --n 1000 --workers 2 --repeat 2

(a) ``nlp.pipe(texts, batch_size=B)`` with the model eventwire uses, and
(b) what ``eventwire extract`` does: ``Pipeline.pipe(articles)`` with the same ``nlp``
    object and batch size, then ``json.dumps(analysis.to_dict())`` for each result.

Prints articles per second for both, the ratio time(b) / time(a) (the cost of eventwire's
components and serialisation on top of spaCy) and memory. See bench/README.md.

With ``--workers N`` (N > 1) three sides run in one run, each with N processes:
(a) ``nlp.pipe(texts, batch_size=B, n_process=N)``, (b) ``eventwire extract --workers N``
(``parallel_pipe`` plus JSON serialisation in the parent) and (c) ``eventwire ingest
--workers N`` (the real ``api.ingest``) into a fresh DuckDB file in a temporary folder,
with ratio_extract = b/a, ratio_ingest = c/a and the peak RSS of each worker process; and,
for reference, (d) spaCy alone in eventwire's worker pool (a Pipeline without components),
which unlike (a) sends no Docs back to the parent: b/d is the cost of the components.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from eventwire import Article, Pipeline, PipelineConfig, Rejection, api, read_articles
from eventwire.components import Context
from eventwire.config import DEFAULT_MODEL
from eventwire.errors import EventwireError
from eventwire.geo import gazetteer_for
from eventwire.parallel import WorkerStats, parallel_pipe
from eventwire.pipeline import load_nlp

try:
    import psutil
except ImportError:  # optional: only for the RSS after each phase
    psutil = None

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
DEFAULT_CORPUS = SHARED / "corpus" / "afp_xinhua_1997_2006.jsonl"
WARMUP_ARTICLES = 8
FAILED: set[str] = set()  # origins of articles a component failed on (logged by eventwire)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Articles per second: bare spaCy nlp.pipe vs eventwire extract.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="articles to read (any form eventwire reads; default: %(default)s)")
    parser.add_argument("--n", type=int, default=500,
                        help="number of articles: the first N accepted ones (default: 500)")
    parser.add_argument("--batch-size", type=int, default=32,
                        help="spaCy batch size for both runs (default: 32)")
    parser.add_argument("--model", default=DEFAULT_MODEL,
                        help="spaCy pipeline name or path (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="timed rounds; the best time of each side is kept, and the order "
                             "alternates between rounds (default: 1)")
    parser.add_argument("--json", action="store_true",
                        help="also print the result as one JSON line")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes for each side; over 1, also times ingest into DuckDB "
                             "(default: 1, everything in this process)")
    args = parser.parse_args(argv)
    for name in ("n", "batch_size", "repeat", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def read_first(corpus: Path, n: int) -> tuple[list[Article], int]:
    """The first ``n`` accepted articles, and how many inputs were rejected on the way."""
    articles: list[Article] = []
    rejected = 0
    for item in read_articles([corpus]):
        if not isinstance(item, Article):
            rejected += 1
            continue
        articles.append(item)
        if len(articles) >= n:
            break
    return articles, rejected


def run_spacy(nlp: Language, texts: list[str], batch_size: int) -> None:
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass


def run_eventwire(pipeline: Pipeline, articles: list[Article]) -> None:
    for result in list(pipeline.pipe(articles)):
        if isinstance(result, Rejection):  # a component failed on this article
            FAILED.add(result.origin)
        else:
            json.dumps(result.to_dict(), ensure_ascii=False)


def timed(func: Callable[[], None]) -> float:
    gc.collect()
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def rss_mb() -> float | None:
    return psutil.Process().memory_info().rss / 2**20 if psutil is not None else None


def peak_rss_mb() -> float:
    """ru_maxrss: the largest RSS so far (since the last ``reset_peak``, on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def reset_peak() -> bool:
    """Reset the peak RSS to the current RSS (Linux >= 4.0), so that the next reading of
    ru_maxrss is the peak of one phase. False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpus: Path = args.corpus
    if not corpus.is_file():
        print(f"throughput: corpus file not found: {corpus}\n"
              "  pass --corpus FILE, or set EVENTWIRE_SHARED to the folder holding "
              "corpus/afp_xinhua_1997_2006.jsonl", file=sys.stderr)
        return 2

    articles, rejected = read_first(corpus, args.n)
    if not articles:
        print(f"throughput: no usable articles in {corpus} ({rejected} rejected)",
              file=sys.stderr)
        return 2
    texts = [a.body for a in articles]
    words = sum(len(t.split()) for t in texts)
    rss: dict[str, float | None] = {"start": rss_mb()}

    try:
        nlp = load_nlp(args.model)
        started = time.perf_counter()
        pipeline = Pipeline(PipelineConfig(model=args.model, batch_size=args.batch_size),
                            nlp=nlp)
        kb_seconds = time.perf_counter() - started
        started = time.perf_counter()
        gazetteer_for(pipeline.kb)
        gazetteer_seconds = time.perf_counter() - started
    except EventwireError as exc:
        print(f"throughput: {exc}", file=sys.stderr)
        return 2
    rss["loaded"] = rss_mb()

    warm = articles[:WARMUP_ARTICLES]
    run_spacy(nlp, [a.body for a in warm], args.batch_size)
    run_eventwire(pipeline, warm)
    if args.workers > 1:
        return main_workers(args, articles, rejected, nlp, pipeline, rss)

    phases: dict[str, Callable[[], None]] = {
        "spacy": lambda: run_spacy(nlp, texts, args.batch_size),
        "eventwire": lambda: run_eventwire(pipeline, articles),
    }
    best: dict[str, float] = {}
    peak = {"process": peak_rss_mb()}  # the whole run's peak, folded in before each reset
    for round_no in range(args.repeat):
        order = ("spacy", "eventwire") if round_no % 2 == 0 else ("eventwire", "spacy")
        for name in order:
            gc.collect()
            peak["process"] = max(peak["process"], peak_rss_mb())
            per_phase = reset_peak()
            seconds = timed(phases[name])
            best[name] = min(seconds, best.get(name, seconds))
            rss[f"after_{name}"] = rss_mb()
            phase_peak = peak_rss_mb()
            peak["process"] = max(peak["process"], phase_peak)
            if per_phase:
                peak[name] = max(phase_peak, peak.get(name, 0.0))

    components = time_components(pipeline, articles, nlp.pipe(texts, batch_size=args.batch_size))
    n = len(articles)
    result = {
        "corpus": str(corpus), "articles": n, "rejected": rejected, "words": words,
        "model": args.model, "batch_size": args.batch_size, "repeat": args.repeat,
        "spacy_seconds": round(best["spacy"], 3),
        "eventwire_seconds": round(best["eventwire"], 3),
        "spacy_articles_per_s": round(n / best["spacy"], 2),
        "eventwire_articles_per_s": round(n / best["eventwire"], 2),
        "ratio": round(best["eventwire"] / best["spacy"], 3),
        "peak_rss_mb": {k: round(v, 1) for k, v in peak.items()},
        "rss_mb": {k: None if v is None else round(v, 1) for k, v in rss.items()},
        "python": platform.python_version(), "spacy": spacy.__version__,
        "cpus": os.cpu_count(), "component_failures": len(FAILED),
        "kb_load_seconds": round(kb_seconds, 2),
        "gazetteer_load_seconds": round(gazetteer_seconds, 2),
        "component_seconds": {k: round(v, 3) for k, v in components.items()},
        "component_share_of_spacy": {k: round(v / best["spacy"], 3)
                                     for k, v in components.items()},
    }
    print_report(result)
    if args.json:
        print(json.dumps(result))
    return 0


def time_components(pipeline: Pipeline, articles: list[Article],
                    docs: Iterable[Any]) -> dict[str, float]:
    """Seconds each extraction component takes over the same parsed articles."""
    spent = {c.name: 0.0 for c in pipeline.components}
    for article, doc in zip(articles, docs, strict=True):
        results: dict[str, Any] = {}
        for comp in pipeline.components:
            started = time.perf_counter()
            assigned = comp.func(Context(article=article, doc=doc, kb=pipeline.kb,
                                         results=results))
            spent[comp.name] += time.perf_counter() - started
            results = {**results, **assigned}
    return spent


def print_report(r: dict[str, Any]) -> None:
    rounds = f"best of {r['repeat']}" if r["repeat"] > 1 else "1 round"
    print(f"corpus     {r['corpus']}")
    print(f"articles   {r['articles']} ({r['rejected']} rejected inputs skipped), "
          f"{r['words']:,} words, {r['words'] / r['articles']:.0f} words/article")
    print(f"model      {r['model']}, batch size {r['batch_size']}, {rounds}, "
          f"spaCy {r['spacy']}, Python {r['python']}, {r['cpus']} CPUs")
    print(f"(a) spaCy nlp.pipe     {r['spacy_seconds']:8.2f} s  "
          f"{r['spacy_articles_per_s']:8.1f} articles/s  "
          f"{r['words'] / r['spacy_seconds']:9.0f} words/s")
    print(f"(b) eventwire extract  {r['eventwire_seconds']:8.2f} s  "
          f"{r['eventwire_articles_per_s']:8.1f} articles/s  "
          f"{r['words'] / r['eventwire_seconds']:9.0f} words/s")
    print(f"ratio time(b)/time(a)  {r['ratio']:.2f}")
    print("components (share of the spaCy time): " + ", ".join(
        f"{k} {v:.2f} s ({100 * r['component_share_of_spacy'][k]:.1f}%)"
        for k, v in r["component_seconds"].items()))
    print(f"loaded once: knowledge base {r['kb_load_seconds']:.2f} s, "
          f"gazetteer {r['gazetteer_load_seconds']:.2f} s")
    if r["component_failures"]:
        print(f"note       a component failed on {r['component_failures']} articles "
              "(rejected by eventwire, not serialised)")
    peaks = r["peak_rss_mb"]
    during = ", ".join(f"during ({ab}) {peaks[k]:.0f} MB"
                       for ab, k in (("a", "spacy"), ("b", "eventwire")) if k in peaks)
    print(f"peak RSS   process {peaks['process']:.0f} MB (ru_maxrss)"
          + (f"; {during}" if during else ""))
    if all(v is not None for v in r["rss_mb"].values()):
        print("RSS        " + ", ".join(f"{k.replace('_', ' ')} {v:.0f} MB"
                                        for k, v in r["rss_mb"].items()))
    else:
        print("RSS        (install psutil for the RSS after each phase)")


# -- N worker processes: (a) spaCy n_process, (b) extract, (c) ingest -------------------------
class ChildPeaks:
    """Polls the peak RSS (VmHWM) of every child process of this one while it runs."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChildPeaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.interval)

    def poll(self) -> None:
        if psutil is None:
            return
        for child in psutil.Process().children(recursive=True):
            try:
                with open(f"/proc/{child.pid}/status", encoding="ascii") as fh:
                    hwm = next((line for line in fh if line.startswith("VmHWM:")), None)
                mb = int(hwm.split()[1]) / 1024 if hwm else child.memory_info().rss / 2**20
            except (OSError, psutil.Error, ValueError):
                continue
            self.peaks[child.pid] = max(mb, self.peaks.get(child.pid, 0.0))

    @property
    def workers(self) -> list[float]:
        """Peaks of the processes big enough to hold a model (not the resource tracker)."""
        return sorted((v for v in self.peaks.values() if v > 100), reverse=True)


def write_jsonl(articles: list[Article], path: Path) -> None:
    """The articles as JSON Lines that eventwire reads back as the same articles."""
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            record = {"id": a.id, "date": a.date, "outlet": a.outlet, "title": a.title,
                      "url": a.url, "dateline": a.dateline, "text": a.body}
            fh.write(json.dumps({k: v for k, v in record.items() if v is not None},
                                ensure_ascii=False) + "\n")


def main_workers(args: argparse.Namespace, articles: list[Article], rejected: int,
                 nlp: Language, pipeline: Pipeline, rss: dict[str, float | None]) -> int:
    """(a), (b) and (c) side by side with ``args.workers`` processes each; best of
    ``args.repeat`` rounds, the order rotating between rounds."""
    n, workers, batch = len(articles), args.workers, args.batch_size
    texts = [a.body for a in articles]
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    source = tmp / "articles.jsonl"
    write_jsonl(articles, source)
    stats = WorkerStats()
    stored: list[int] = []

    def spacy_side() -> None:
        for _doc in nlp.pipe(texts, batch_size=batch, n_process=workers):
            pass

    def extract_side() -> None:
        for result in parallel_pipe(pipeline, articles, workers, stats=stats):
            if isinstance(result, Rejection):
                FAILED.add(result.origin)
            else:
                json.dumps(result.to_dict(), ensure_ascii=False)

    bare = Pipeline(pipeline.config, kb=pipeline.kb, components=(), nlp=nlp)

    def pool_side() -> None:  # spaCy alone in eventwire's worker pool: no docs sent back
        for _result in parallel_pipe(bare, articles, workers):
            pass

    def ingest_side() -> None:
        db = tmp / f"ingest-{len(stored)}.duckdb"
        summary = api.ingest([source], db, pipeline=pipeline, workers=workers)
        stored.append(summary.stored)
        db.unlink()

    sides: dict[str, Callable[[], None]] = {"spacy": spacy_side, "eventwire": extract_side,
                                            "ingest": ingest_side, "spacy_pool": pool_side}
    names = list(sides)
    best: dict[str, float] = {}
    worker_peaks: dict[str, float] = {}
    for round_no in range(args.repeat):
        order = names[round_no % 4:] + names[:round_no % 4]
        for name in order:
            with ChildPeaks() as peaks:
                seconds = timed(sides[name])
            best[name] = min(seconds, best.get(name, seconds))
            worker_peaks[name] = max(max(peaks.workers, default=0.0),
                                     worker_peaks.get(name, 0.0))
            rss[f"after_{name}"] = rss_mb()
    try:
        tmp.joinpath("articles.jsonl").unlink()
        tmp.rmdir()
    except OSError:
        pass
    ratio_extract = best["eventwire"] / best["spacy"]
    result = {
        "corpus": str(args.corpus), "articles": n, "rejected": rejected,
        "words": sum(len(t.split()) for t in texts), "model": args.model, "batch_size": batch,
        "repeat": args.repeat, "workers": workers,
        "spacy_seconds": round(best["spacy"], 3),
        "eventwire_seconds": round(best["eventwire"], 3),
        "ingest_seconds": round(best["ingest"], 3),
        "spacy_articles_per_s": round(n / best["spacy"], 2),
        "eventwire_articles_per_s": round(n / best["eventwire"], 2),
        "ingest_articles_per_s": round(n / best["ingest"], 2),
        "ratio": round(ratio_extract, 3),
        "ratio_extract": round(ratio_extract, 3),
        "ratio_ingest": round(best["ingest"] / best["spacy"], 3),
        "ratio_ingest_over_extract": round(best["ingest"] / best["eventwire"], 3),
        "spacy_pool_seconds": round(best["spacy_pool"], 3),
        "spacy_pool_articles_per_s": round(n / best["spacy_pool"], 2),
        "ratio_extract_over_spacy_pool": round(best["eventwire"] / best["spacy_pool"], 3),
        "stored": stored[-1] if stored else 0,
        "worker_peak_rss_mb": {k: round(v, 1) for k, v in worker_peaks.items()},
        "worker_peak_rss_mb_reported": round(stats.max_peak_rss_mb, 1),
        "peak_rss_mb": {"process": round(peak_rss_mb(), 1)},
        "rss_mb": {k: None if v is None else round(v, 1) for k, v in rss.items()},
        "python": platform.python_version(), "spacy": spacy.__version__,
        "cpus": os.cpu_count(), "component_failures": len(FAILED),
        "worker_crashes": stats.crashes,
    }
    print_workers_report(result)
    if args.json:
        print(json.dumps(result))
    return 0


def print_workers_report(r: dict[str, Any]) -> None:
    rounds = f"best of {r['repeat']}" if r["repeat"] > 1 else "1 round"
    print(f"corpus     {r['corpus']}")
    print(f"articles   {r['articles']} ({r['rejected']} rejected inputs skipped), "
          f"{r['words']:,} words")
    print(f"model      {r['model']}, batch size {r['batch_size']}, {r['workers']} worker "
          f"processes on each side, {rounds}, spaCy {r['spacy']}, Python {r['python']}, "
          f"{r['cpus']} CPUs")
    for label, key in (("(a) spaCy nlp.pipe(n_process)", "spacy"),
                       ("(b) eventwire extract", "eventwire"), ("(c) eventwire ingest", "ingest"),
                       ("(d) spaCy in eventwire's pool", "spacy_pool")):
        print(f"{label:31s}{r[key + '_seconds']:8.2f} s  {r[key + '_articles_per_s']:8.1f} "
              "articles/s")
    print(f"ratio_extract time(b)/time(a)  {r['ratio_extract']:.2f}   (target <= 1.30)")
    print(f"ratio_ingest  time(c)/time(a)  {r['ratio_ingest']:.2f}   (target <= 1.40; "
          f"storing adds {100 * (r['ratio_ingest_over_extract'] - 1):.0f}% over (b))")
    print(f"time(b)/time(d)                {r['ratio_extract_over_spacy_pool']:.2f}   (the "
          "components alone, with no Docs sent back to the parent on either side)")
    peaks = r["worker_peak_rss_mb"]
    print("peak RSS per worker  " + ", ".join(
        f"({ab}) {peaks.get(k, 0):.0f} MB" for ab, k in (("a", "spacy"), ("b", "eventwire"),
                                                         ("c", "ingest")))
          + f" (VmHWM; (b) as the workers report it: {r['worker_peak_rss_mb_reported']:.0f} MB)"
          + "; target < 1024 MB")
    if r["component_failures"] or r["worker_crashes"]:
        print(f"note       {r['component_failures']} articles rejected by a component, "
              f"{r['worker_crashes']} worker crashes")


if __name__ == "__main__":
    sys.exit(main())
