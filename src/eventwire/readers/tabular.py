"""CSV with the same column names as JSON Lines (``text`` required)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from ..config import ReadConfig
from ..errors import InputError
from ..model import Article, Rejection
from .validate import decode_utf8, make_article

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def parse_csv(data: bytes, name: str, config: ReadConfig) -> Iterator[Article | Rejection]:
    try:
        text = decode_utf8(data, name)
    except InputError as exc:
        yield Rejection(exc.origin, exc.reason)
        return
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
        try:
            yield make_article(record, origin, config)
        except InputError as exc:
            yield Rejection(exc.origin, exc.reason)
