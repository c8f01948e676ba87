"""How many of the seed article's gold events eventwire finds with an acceptable CAMEO code
and the right sides, and with the right date.

    python tests/seed_events.py GOLD PRED      # prints one JSON object

A gold event counts as found when some predicted event has a code whose root is the root of
one of the gold event's ``cameo_ok`` codes (or that code itself), and its source and target
actors are the gold sides: the same country (ISO3 code of the actor) or, for blocs and
international organizations, the same actor ("the West", "NATO"). ``dated`` counts the found
events whose predicted date also equals the gold date. Used by tests/eval_gate.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: gold side names -> what a predicted actor must be: an ISO3 country or a bloc's actor id
SIDES = {"United States": "USA", "Russia": "RUS", "Ukraine": "UKR", "Belarus": "BLR",
         "the West": "group:WST", "NATO": "org:NATO"}


def _side(actor: dict[str, Any] | None) -> set[str]:
    if actor is None:
        return set()
    return {actor["id"], *([actor["country"]] if actor.get("country") else [])}


def _roots(event: dict[str, Any]) -> set[str]:
    return {code[:2] for code in [event.get("cameo", ""), *event.get("cameo_ok", [])] if code}


def seed_events(gold_path: Path, pred_path: Path) -> dict[str, Any]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred = json.loads(pred_path.read_text(encoding="utf-8").splitlines()[0])
    actors = {a["id"]: a for a in pred.get("actors", [])}
    found: list[str] = []
    dated = 0
    for g in gold["events"]:
        want_source, want_target = SIDES.get(g["source"]), SIDES.get(g["target"])
        hits = [e for e in pred.get("events", [])
                if e["cameo_root"] in _roots(g)
                and want_source in _side(actors.get(e.get("source_actor") or ""))
                and want_target in _side(actors.get(e.get("target_actor") or ""))]
        if hits:
            found.append(g["what"])
            dated += any((e.get("date") or "") == g["date"] for e in hits)
    return {"n_gold": len(gold["events"]), "right": len(found), "dated": dated,
            "found": found}


if __name__ == "__main__":
    print(json.dumps(seed_events(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
