"""Checks shared by every reader: decoding, binary content, dates, body size.

Each check returns a reason string (or raises ``InputError`` in ``make_article``) so that a
reader can turn it into a ``Rejection`` naming the input, and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..config import ReadConfig
from ..errors import InputError
from ..model import Article

# Control characters that never occur in text (tab, LF, CR and FF do).
_BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | frozenset(range(0x10, 0x20))


def decode_utf8(data: bytes, origin: str) -> str:
    """Decode strictly as UTF-8 (dropping a BOM); binary data is refused first."""
    if b"\x00" in data:
        raise InputError(origin, "binary content (NUL bytes); expected UTF-8 text")
    sample = data[:4096]
    if sample and sum(b in _BINARY_CONTROLS for b in sample) > max(4, len(sample) // 100):
        raise InputError(origin, "binary content (control bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin,
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "(eventwire reads UTF-8 only; convert the file first, e.g. with iconv)",
        ) from None
    return text.removeprefix("\ufeff")


def check_text(text: str, origin: str, what: str = "body") -> None:
    """Refuse NUL characters and other binary controls inside already-decoded text."""
    if "\x00" in text:
        raise InputError(origin, f"binary content: {what} contains NUL characters")
    if any(ord(c) in _BINARY_CONTROLS for c in text[:4096]):
        bad = sum(ord(c) in _BINARY_CONTROLS for c in text)
        if bad > max(4, len(text) // 100):
            raise InputError(origin, f"binary content: {what} is mostly control characters")


def normalize_date(value: Any, origin: str) -> str | None:
    """ISO date or date-time -> 'YYYY-MM-DD'; None/'' -> None; anything else is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InputError(origin, f"date {value!r} is not a string; expected YYYY-MM-DD")
    raw = value.strip()
    try:
        if len(raw) == 10:
            return dt.date.fromisoformat(raw).isoformat()
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise InputError(origin, f"date {raw!r} is not a valid ISO date (YYYY-MM-DD)") from None


def _optional_str(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(origin, f"field {key!r} must be a string, got {type(value).__name__}")
    value = value.strip()
    return value or None


def make_article(record: dict[str, Any], origin: str, config: ReadConfig) -> Article:
    """Build an Article from a JSONL/CSV-style record, or raise InputError with the reason."""
    if "text" not in record:
        raise InputError(origin, "no 'text' field")
    body = record["text"]
    if body is None:
        raise InputError(origin, "empty body ('text' has no value)")
    if not isinstance(body, str):
        raise InputError(origin, f"'text' must be a string, got {type(body).__name__}")
    check_body(body, origin, config)
    outlet = _optional_str(record, "outlet", origin) or _optional_str(record, "source", origin)
    return Article(
        body=body,
        id=_optional_str(record, "id", origin),
        date=normalize_date(record.get("date"), origin),
        outlet=outlet,
        title=_optional_str(record, "title", origin),
        url=_optional_str(record, "url", origin),
        dateline=_optional_str(record, "dateline", origin),
        origin=origin,
    )


def check_body(body: str, origin: str, config: ReadConfig) -> None:
    if not body.strip():
        raise InputError(origin, "empty body (no text, or only white space)")
    check_text(body, origin)
    size = len(body.encode("utf-8"))
    if size > config.max_body_bytes:
        raise InputError(
            origin, f"body is {size:,} bytes, over the limit of {config.max_body_bytes:,} "
            "(raise it with --max-bytes)")
