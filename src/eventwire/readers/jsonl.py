"""JSON Lines: one article object a line (``text`` required; ``id``, ``date``, ``outlet``
or ``source``, ``title``, ``url``, ``dateline`` optional)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..config import ReadConfig
from ..errors import InputError
from ..model import Article, Rejection
from .validate import decode_utf8, make_article


def parse_jsonl(data: bytes, name: str, config: ReadConfig) -> Iterator[Article | Rejection]:
    """Each line is decoded and parsed on its own, so one bad line rejects only itself.
    A file that holds one JSON array of article objects is read too (origin ``name:[i]``)."""
    records = _whole_array(data)
    if records is not None:
        yield from _parse_array(records, name, config)
        return
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        origin = f"{name}:{lineno}"
        if not raw.strip():
            continue
        try:
            line = decode_utf8(raw, origin)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(origin,
                                 f"not valid JSON ({exc.msg} at column {exc.colno})") from None
            except (ValueError, RecursionError) as exc:  # huge numbers, deep nesting
                raise InputError(origin, f"not readable JSON ({type(exc).__name__})") from None
            if not isinstance(record, dict):
                raise InputError(origin, f"expected a JSON object, got {type(record).__name__}")
            yield make_article(record, origin, config)
        except InputError as exc:
            yield Rejection(exc.origin, exc.reason)


def _whole_array(data: bytes) -> list[object] | None:
    """The records when the whole file is one JSON array, else None (read it line by line)."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        return None
    try:
        records = json.loads(data.decode("utf-8").removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        return None
    return records if isinstance(records, list) else None


def _parse_array(records: list[object], name: str,
                 config: ReadConfig) -> Iterator[Article | Rejection]:
    for i, record in enumerate(records):
        origin = f"{name}:[{i}]"
        if not isinstance(record, dict):
            yield Rejection(origin, f"expected a JSON object, got {type(record).__name__}")
            continue
        try:
            yield make_article(record, origin, config)
        except InputError as exc:
            yield Rejection(exc.origin, exc.reason)
