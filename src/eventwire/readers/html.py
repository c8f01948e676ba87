"""Saved HTML pages: the main text is extracted with trafilatura (no network access)."""

from __future__ import annotations

import logging

from ..config import ReadConfig
from ..errors import InputError
from ..model import Article
from .validate import check_body, normalize_date

log = logging.getLogger(__name__)


def parse_html(text: str, origin: str, config: ReadConfig) -> Article:
    import trafilatura  # imported here: it is slow to import and only HTML needs it
    from trafilatura.settings import set_date_params

    # favor_precision: a page without article text (an error page, an index of links) is
    # rejected instead of having its menu or footer read as the body.
    # extensive_search=False: the date comes from the page's metadata or markup only, never
    # guessed from the copyright line or a stray year in the text ("Copyright 2025" would
    # otherwise become 2025-01-01).
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True,
                                      date_extraction_params=set_date_params(False))
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise InputError(origin, "no article text found in the HTML page")
    title = getattr(doc, "title", None) or None
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    if title and lines and lines[0] == title.strip() and len(lines) > 1:
        lines = lines[1:]
    body = "\n\n".join(lines)
    check_body(body, origin, config)
    try:
        date = normalize_date(getattr(doc, "date", None), origin)
    except InputError:
        log.info("%s: ignoring unreadable page date %r", origin, getattr(doc, "date", None))
        date = None
    return Article(body=body, date=date, title=title, url=getattr(doc, "url", None) or None,
                   origin=origin)
