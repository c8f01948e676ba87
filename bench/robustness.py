"""Run the whole extraction over real corpora and count the articles lost to an exception.

    python bench/robustness.py                      # AFP/Xinhua + PolNeAR train from ../shared
    python bench/robustness.py FILE.jsonl [...]     # any inputs eventwire reads

A bad input is rejected with a reason by the readers (that is not an exception); an
article that a component fails on becomes a Rejection whose reason starts with
"internal error" or "the NLP pipeline failed". This script counts both kinds per input, the
records found, and prints the first few failures. Exit status 1 when any article failed.
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import sys
import time
from pathlib import Path

import eventwire as ew

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
DEFAULTS = [SHARED / "corpus" / "afp_xinhua_1997_2006.jsonl",
            SHARED / "eval" / "quotes" / "polnear_train.input.jsonl"]
FAILURES = ("internal error", "the NLP pipeline failed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    missing = [p for p in args.inputs if not p.exists()]
    if missing:
        print(f"robustness: missing input {missing[0]}", file=sys.stderr)
        return 2
    pipeline = ew.Pipeline()
    failed_total = 0
    for path in args.inputs:
        started = time.perf_counter()
        counts: collections.Counter[str] = collections.Counter()
        failures = []
        for result in ew.extract_articles([path], pipeline=pipeline):
            if isinstance(result, ew.Rejection):
                kind = "failed" if result.reason.startswith(FAILURES) else "rejected"
                counts[kind] += 1
                if kind == "failed":
                    failures.append(result.message())
                continue
            counts["articles"] += 1
            for name, n in result.counts().items():
                counts[name] += n
        seconds = time.perf_counter() - started
        failed_total += counts["failed"]
        print(f"{path.name}: {counts['articles']} articles analysed, {counts['failed']} failed "
              f"with an exception, {counts['rejected']} rejected as bad input; "
              + ", ".join(f"{counts[k]} {k}" for k in ("actors", "quotes", "events", "times",
                                                        "places"))
              + f"; {seconds:.0f} s")
        for message in failures[:5]:
            print(f"  {message}")
    return 1 if failed_total else 0


if __name__ == "__main__":
    sys.exit(main())
