"""Serving while an ingest runs: 300 corpus articles are ingested by ``eventwire ingest``
in one process while this process hammers ``eventwire serve`` (another process) and reads
through ``ew.open``. No request fails and every article is stored once."""

from __future__ import annotations

import subprocess
import threading
import time
from itertools import islice
from pathlib import Path

import pytest

import eventwire as ew
from eventwire import Store

from ..conftest import AFP_CORPUS
from ..test_crash_recovery import eventwire_command
from .server import get_json, running_server

pytestmark = [pytest.mark.needs_shared, pytest.mark.slow]

N_ARTICLES = 300
INGEST_TIMEOUT = 900  # seconds
URLS = ["/index.json", "/search.json?q=minister", "/search.json?speaker=president&kind=quotes",
        "/network.json", "/map.json", "/dyad/CHN/USA.json", "/search.json?q=said&kind=events"]


def _first_lines(src: Path, dst: Path, n: int) -> list[str]:
    import json

    lines = list(islice(src.open(encoding="utf-8"), n))
    dst.write_text("".join(lines), encoding="utf-8")
    return [json.loads(line)["id"] for line in lines]


def test_ingest_while_serving(tmp_path):
    feed = tmp_path / "afp300.jsonl"
    ids = _first_lines(AFP_CORPUS, feed, N_ARTICLES)
    db = tmp_path / "live.duckdb"
    Store(db).close()  # an empty, migrated database to serve from the start
    failures: list[str] = []
    answered: list[int] = []  # article counts the server reported while the ingest ran
    frames_read = [0]
    done = threading.Event()

    def hammer(base: str, offset: int) -> None:
        i = offset
        while not done.is_set():
            url = base + URLS[i % len(URLS)]
            i += 1
            try:
                status, body = get_json(url, timeout=60)
            except Exception as exc:  # noqa: BLE001 - every failure is recorded
                failures.append(f"{url}: {exc!r}")
                continue
            if status != 200:
                failures.append(f"{url}: {status} {body}")
            elif url.endswith("/index.json"):
                answered.append(body["counts"]["articles"])

    def read_frames() -> None:
        while not done.is_set():
            try:
                ew.open(db).quotes(limit=20)
                frames_read[0] += 1
            except Exception as exc:  # noqa: BLE001
                failures.append(f"ew.open: {exc!r}")
            time.sleep(0.05)

    with running_server(db) as base:
        ingest = subprocess.Popen([*eventwire_command(), "ingest", str(feed), "--db", str(db),
                                   "--no-progress", "--commit-every", "16"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        workers = [threading.Thread(target=hammer, args=(base, k)) for k in range(3)]
        workers.append(threading.Thread(target=read_frames))
        for worker in workers:
            worker.start()
        try:
            out, err = ingest.communicate(timeout=INGEST_TIMEOUT)
        finally:
            done.set()
            if ingest.poll() is None:
                ingest.kill()
                ingest.wait()
            for worker in workers:
                worker.join(timeout=120)
        final = get_json(base + "/index.json")[1]["counts"]["articles"]
    assert ingest.returncode == 0, err[-3000:]
    assert "300 articles stored" in out
    assert failures == [], failures[:10]
    assert len(answered) >= 20 and frames_read[0] >= 5
    assert any(0 < n < N_ARTICLES for n in answered), "no request saw the ingest part-way"
    assert answered == sorted(answered)  # commits only ever add articles
    assert final == N_ARTICLES
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT id, count(*) AS n FROM articles GROUP BY id")
    assert sorted(r["id"] for r in rows) == sorted(ids)
    assert all(r["n"] == 1 for r in rows)
