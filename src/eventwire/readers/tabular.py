"""CSV with the same column names as JSON Lines (``text`` required)."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator

from ..config import ReadConfig
from ..errors import InputError
from ..model import Article, Rejection
from .validate import make_article

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # bodies are limited by --max-bytes instead
_UNDECODED = re.compile("[\udc80-\udcff]")


def parse_csv(data: bytes, name: str, config: ReadConfig) -> Iterator[Article | Rejection]:
    """Rows are checked one by one: a row with bytes that are not UTF-8 rejects itself."""
    if b"\x00" in data:
        yield Rejection(name, "binary content (NUL bytes); expected UTF-8 text")
        return
    text = data.decode("utf-8", "surrogateescape").removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip() for c in reader.fieldnames or []]
    except csv.Error as exc:
        yield Rejection(name, f"not readable as CSV ({exc})")
        return
    if "text" not in columns:
        shown = ", ".join(columns[:8]) or "none"
        yield Rejection(name, f"CSV has no 'text' column (columns: {shown})")
        return
    reader.fieldnames = columns
    row_no = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(f"{name}:{reader.line_num}", f"CSV error, rest of file skipped ({exc})")
            return
        row_no += 1
        origin = f"{name}:row {row_no - 1}"
        record = {k: v for k, v in row.items() if k is not None}
        bad = next((v for v in record.values() if isinstance(v, str) and _UNDECODED.search(v)),
                   None)
        if bad is not None:
            byte = ord(_UNDECODED.search(bad).group()) - 0xDC00  # type: ignore[union-attr]
            yield Rejection(origin, f"not UTF-8: byte 0x{byte:02x} in this row (eventwire "
                                    "reads UTF-8 only; convert the file first, e.g. with iconv)")
            continue
        try:
            yield make_article(record, origin, config)
        except InputError as exc:
            yield Rejection(exc.origin, exc.reason)
