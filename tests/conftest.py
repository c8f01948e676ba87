"""Shared fixtures. Tests that read ../shared are marked ``needs_shared`` and are skipped
when that folder is absent (set EVENTWIRE_SHARED to point elsewhere)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "examples" / "seed_article.txt"
AFP_CORPUS = SHARED / "corpus" / "afp_xinhua_1997_2006.jsonl"
SAMPLES = ROOT / "src" / "eventwire" / "samples"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED} is absent")
    for item in items:
        if "needs_shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def kb():
    from eventwire.kb import KnowledgeBase

    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def pipeline(kb):
    from eventwire import Pipeline

    return Pipeline(kb=kb)


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp
