"""Fixtures for the web tests: a store built from the sample stories (and the seed article
when ../shared is there) by the real pipeline, and an app over it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import eventwire as ew

from ..conftest import SAMPLES, SEED


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, pipeline) -> Path:
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    sources = [SAMPLES, *([SEED] if SEED.exists() else [])]
    summary = ew.ingest(sources, db, pipeline=pipeline)
    assert summary.stored >= 14
    return db


@pytest.fixture(scope="session")
def client(web_db):
    from starlette.testclient import TestClient

    from eventwire.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with TestClient(create_app(web_db), raise_server_exceptions=False) as test_client:
            yield test_client
