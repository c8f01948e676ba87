"""Opening a store another process holds: wait for it, or fail naming the file."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from eventwire import Store
from eventwire.errors import StoreError

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
con.close()
"""


def _hold(db, mode: str, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "held.duckdb"
    Store(path).close()
    return path


@pytest.mark.parametrize(("holder", "read_only"), [("write", True), ("read", False),
                                                  ("write", False)])
def test_open_waits_for_the_other_process(db, holder, read_only):
    proc = _hold(db, holder, 1.5)
    started = time.monotonic()
    try:
        with Store(db, read_only=read_only, lock_timeout=30) as store:
            assert store.count("articles") == 0
        assert time.monotonic() - started >= 0.5  # it did have to wait
    finally:
        proc.wait(timeout=30)


def test_open_gives_up_with_the_file_named(db):
    proc = _hold(db, "write", 5)
    try:
        with pytest.raises(StoreError, match=r"held\.duckdb.*another process holds it"):
            Store(db, read_only=True, lock_timeout=0.3)
    finally:
        proc.kill()
        proc.wait(timeout=30)


READERS = """
import sys, threading, time
from eventwire import Store
stop = time.monotonic() + float(sys.argv[2])
def read(delay):
    time.sleep(delay)
    while time.monotonic() < stop:  # overlapping reads: the file is never let go
        with Store(sys.argv[1], read_only=True, lock_timeout=20):
            time.sleep(0.2)
threads = [threading.Thread(target=read, args=(d,)) for d in (0, 0.1)]
[t.start() for t in threads]
time.sleep(0.5)
print("reading", flush=True)
[t.join() for t in threads]
"""


def test_readers_let_a_waiting_writer_in_first(db):
    """Readers in a row that overlap never leave the file free; a writer still gets in,
    because readers hold back while its marker is fresh."""
    readers = subprocess.Popen([sys.executable, "-c", READERS, str(db), "7"],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert readers.stdout is not None and readers.stdout.readline().strip() == "reading"
        started = time.monotonic()
        with Store(db, lock_timeout=5) as store:
            assert store.count("articles") == 0
        assert time.monotonic() - started < 5
        assert readers.poll() is None  # the readers were still at it
    finally:
        readers.wait(timeout=60)
    assert readers.returncode == 0
