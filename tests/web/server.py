"""Run ``eventwire serve`` in a child process on a free port of 127.0.0.1 (for tests)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

START_TIMEOUT = 60.0  # seconds for the server to answer its first request
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(db: Path) -> Iterator[str]:
    """The base URL of ``eventwire serve --db DB`` running until the block ends."""
    port = free_port()
    code = "import sys; from eventwire.cli import entry; sys.argv[0] = 'eventwire'; entry()"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--db", str(db),
                             "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                get_json(base + "/index.json", timeout=5)
                break
            except (OSError, urllib.error.URLError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError(f"eventwire serve did not start: {err}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get_json(url: str, *, timeout: float = 30) -> tuple[int, Any]:
    """(status, decoded JSON body) of a GET; error statuses are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def require_browser() -> None:
    """Skip (or fail, when EVENTWIRE_REQUIRE_BROWSER is set) without Debian's chromium."""
    import pytest

    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is absent (make test installs Debian's chromium)"
    if os.environ.get("EVENTWIRE_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)
