"""Wire-format text: an optional ``date YYYY-MM-DD`` header, then the body.

The body is everything after the header and the white space that follows it (SCHEMA.md
"Input"); without a header, the whole text is the body.
"""

from __future__ import annotations

import re

from ..config import ReadConfig
from ..model import Article
from .validate import check_body, normalize_date

# "date" then something shaped like a date; the value is validated separately so that
# "date 2025-13-45" is rejected rather than read as body text.
_HEADER = re.compile(r"\A\s*date[ \t]+(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{8})(?=\s|\Z)\s*")


def parse_wire_text(text: str, origin: str, config: ReadConfig) -> Article:
    """One wire-format text -> Article (raises InputError with the reason)."""
    date = None
    body = text
    match = _HEADER.match(text)
    if match:
        date = normalize_date(match.group(1), origin)
        body = text[match.end():]
    check_body(body, origin, config)
    return Article(body=body, date=date, origin=origin)
