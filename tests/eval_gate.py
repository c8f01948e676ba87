"""Accuracy gates: extract each development set, score it with the reference scorer in
../shared/eval, and compare the numbers with the floors pinned in ``eval_baseline.json``.

    python tests/eval_gate.py                 # every gate; exit 1 if any metric is below its floor
    python tests/eval_gate.py --gate time     # one gate
    python tests/eval_gate.py --raise-floors  # after an improvement: raise floors to the new
                                              # numbers (rounded down); never lowers one

A floor is never lowered silently: lowering one means editing the JSON file by hand in a
commit that says why. A key ending in ``<=`` is a ceiling instead (a count of errors).
Gates whose data is missing (no ../shared) are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_events import seed_events  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"
BASELINE = Path(__file__).with_name("eval_baseline.json")


@dataclass(frozen=True)
class Gate:
    name: str
    inputs: Path
    gold: Path
    scorer: str
    args: tuple[str, ...] = ()


GATES = [
    Gate("wire", SHARED / "examples" / "seed_article.txt",
         SHARED / "examples" / "seed_article.gold.json", "score_wire.py"),
    Gate("quotes", EVAL / "quotes" / "polnear_dev.input.jsonl",
         EVAL / "quotes" / "polnear_dev.gold.jsonl", "score_quotes.py"),
    Gate("time", EVAL / "time" / "tbaq.input.jsonl", EVAL / "time" / "tbaq.gold.jsonl",
         "score_time.py"),
    Gate("geo", EVAL / "geo" / "geowebnews.input.jsonl", EVAL / "geo" / "geowebnews.gold.jsonl",
         "score_geo.py", ("--exclude-types", "Demonym,Language,Homonym")),
    Gate("events_plover", EVAL / "events" / "plover_gsr.input.jsonl",
         EVAL / "events" / "plover_gsr.gold.jsonl", "score_events.py"),
    Gate("events_confli", EVAL / "events" / "confli_dev.input.jsonl",
         EVAL / "events" / "confli_dev.gold.jsonl", "score_events.py"),
]


def extract(inputs: Path, out: Path) -> float:
    """Run the eventwire API over ``inputs``; returns seconds taken."""
    import eventwire as ew

    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for result in ew.extract_articles([inputs]):
            if isinstance(result, ew.Rejection):
                print(f"  rejected: {result.message()}", file=sys.stderr)
                continue
            fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    return time.perf_counter() - started


def score(gate: Gate, pred: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(EVAL / gate.scorer), str(gate.gold), str(pred),
                           *gate.args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{gate.scorer} failed: {proc.stderr.strip()}")
    body = proc.stdout.strip().rsplit("\n", 1)[0]
    result: dict[str, Any] = json.loads(body)
    return result


def lookup(metrics: dict[str, Any], path: str) -> float:
    value: Any = metrics
    for part in path.split("."):
        value = value[part]
    return float(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gate", action="append", help="run only this gate (repeatable)")
    parser.add_argument("--raise-floors", action="store_true",
                        help="raise floors to the measured numbers (never lowers)")
    args = parser.parse_args(argv)
    baseline: dict[str, dict[str, float]] = json.loads(BASELINE.read_text(encoding="utf-8"))
    failures = []
    for gate in GATES:
        if args.gate and gate.name not in args.gate:
            continue
        floors = baseline.get(gate.name)
        if not floors:
            continue
        if not (gate.inputs.exists() and gate.gold.exists()):
            print(f"{gate.name}: skipped, {gate.inputs} is absent")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(tmp) / "pred.jsonl"
            seconds = extract(gate.inputs, pred)
            metrics = score(gate, pred)
            if gate.name == "wire":  # the seed's gold events: right sides and dates
                metrics["seed_events"] = seed_events(gate.gold, pred)
        print(f"{gate.name}: extracted in {seconds:.1f} s")
        for key, bound in floors.items():
            ceiling = key.endswith("<=")  # "false_reported_by<=": a count that must stay low
            path = key.removesuffix("<=")
            value = lookup(metrics, path)
            ok = value <= bound + 1e-9 if ceiling else value >= bound - 1e-9
            label = "ceiling" if ceiling else "floor"
            print(f"  {path:<28} {value:8.3f}  {label} {bound:.3f}  {'ok' if ok else 'MISSED'}")
            if not ok:
                failures.append(f"{gate.name}.{path} {value:.3f} vs {label} {bound:.3f}")
            elif args.raise_floors and not ceiling and value > bound:
                floors[key] = math.floor(value * 1000) / 1000
    if args.raise_floors:
        BASELINE.write_text(json.dumps(baseline, indent=1) + "\n", encoding="utf-8")
    if failures:
        print("eval gates FAILED: " + "; ".join(failures))
        return 1
    print("eval gates passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
