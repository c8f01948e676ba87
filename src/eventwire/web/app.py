"""The web app: server-rendered pages over a store, each with a JSON twin.

``create_app(db)`` returns a Starlette (ASGI) app. Every page ``/x`` answers HTML, and JSON
at ``/x.json`` or when the request sends ``Accept: application/json``. Failures have one
JSON shape, ``{"error": {"status": 404, "message": "..."}}`` (an HTML page for browsers).

Read-only: each request opens the database read-only, reads, and closes it again, so the
file is never held between requests and an ``eventwire ingest`` (which opens it writable
only to commit a batch) gets in between; both sides wait for the other's lock instead of
failing (``Store(lock_timeout=...)``). See docs/web.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import ConfigError, EventwireError, NotFoundError, StoreError
from ..store import READ_LOCK_TIMEOUT, Store
from . import data
from .markup import article_html

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[0-9]{1,4}$")
_ACTOR_CODE = re.compile(r"^[A-Za-z0-9]{1,15}$")
_SECURITY_HEADERS = {
    # no inline script runs: the pages' own scripts come from /static, data from JSON blocks
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "style-src 'self'; script-src 'self'; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

#: what a page's context has for its template only (left out of the JSON twin)
_HTML_ONLY = frozenset({"body_html", "chart", "countries", "selected_quote", "selected_event"})

Handler = Callable[[Request, Store], tuple[str, dict[str, Any]]]


class BadRequest(EventwireError):
    """A query parameter that cannot be used (answered with status 400)."""


def create_app(db: str | os.PathLike[str], *, lock_timeout: float = READ_LOCK_TIMEOUT,
               debug: bool = False) -> Starlette:
    """The ASGI app serving the store at ``db`` (opened read-only for each request)."""
    env = Environment(loader=PackageLoader("eventwire.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["quad_classes"] = data.QUAD_CLASSES
    path = str(db)

    def page(handler: Handler, *, twin: bool) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            as_json = twin or _accepts_json(request)
            try:
                with Store(path, read_only=True, lock_timeout=lock_timeout) as store:
                    template, context = handler(request, store)
            except Exception as exc:  # noqa: BLE001 - every failure gets the one error shape
                return _error(env, exc, as_json)
            if as_json:
                body = {k: v for k, v in context.items() if k not in _HTML_ONLY}
                return JSONResponse(data.jsonable(body), headers=_SECURITY_HEADERS)
            context = {**context, "request_path": request.url.path,
                       "json_url": _json_url(request),
                       "page_data": data.jsonable(context.get("chart", {}))}
            html = env.get_template(template).render(**context)
            return HTMLResponse(html, headers=_SECURITY_HEADERS)
        return endpoint

    routes: list[Route | Mount] = []
    for pattern, handler in (("/", _index), ("/search", _search),
                             ("/article/{article_id:path}", _article),
                             ("/speaker/{name:path}", _speaker), ("/dyad/{a}/{b}", _dyad),
                             ("/network", _network), ("/map", _map)):
        twin = "/index.json" if pattern == "/" else _twin_pattern(pattern)
        routes.append(Route(twin, page(handler, twin=True)))
        routes.append(Route(pattern, page(handler, twin=False)))
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = exc.detail if isinstance(exc, HTTPException) else "internal error"
        as_json = request.url.path.endswith(".json") or _accepts_json(request)
        return _error_response(env, status, str(message), as_json)

    return Starlette(debug=debug, routes=routes,
                     exception_handlers={HTTPException: not_found, Exception: not_found})


def _twin_pattern(pattern: str) -> str:
    return pattern + ".json"


def _accepts_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _json_url(request: Request) -> str:
    path = request.url.path
    twin = "/index.json" if path == "/" else path + ".json"
    return twin + (f"?{request.url.query}" if request.url.query else "")


def _error(env: Environment, exc: Exception, as_json: bool) -> Response:
    if isinstance(exc, NotFoundError):
        return _error_response(env, 404, str(exc), as_json)
    if isinstance(exc, BadRequest | ConfigError):
        return _error_response(env, 400, str(exc), as_json)
    if isinstance(exc, StoreError) and "another process holds it" in str(exc):
        return _error_response(env, 503, "the database is busy; try again", as_json)
    if isinstance(exc, StoreError):  # a database that cannot be read as it is
        return _error_response(env, 500, str(exc), as_json)
    log.exception("request failed")
    return _error_response(env, 500, "internal error", as_json)


def _error_response(env: Environment, status: int, message: str, as_json: bool) -> Response:
    body = {"error": {"status": status, "message": message}}
    if as_json:
        return JSONResponse(body, status_code=status, headers=_SECURITY_HEADERS)
    html = env.get_template("error.html").render(status=status, message=message,
                                                 page_data={}, json_url=None)
    return HTMLResponse(html, status_code=status, headers=_SECURITY_HEADERS)


# -- query parameters ----------------------------------------------------------------------
def _text(request: Request, name: str, *, max_len: int = 200) -> str:
    value = request.query_params.get(name, "").strip()
    if len(value) > max_len:
        raise BadRequest(f"{name} is longer than {max_len} characters")
    return value


def _day(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    if not _DAY.match(value):
        raise BadRequest(f"{name} must be a day as YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} is not a valid day") from None
    return value


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    value = request.query_params.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
    return data.clamp(number, low, high)


def _choice(request: Request, name: str, default: str, choices: tuple[str, ...]) -> str:
    value = request.query_params.get(name, "").strip() or default
    if value not in choices:
        raise BadRequest(f"{name} must be one of {', '.join(choices)}")
    return value


def _code(request: Request) -> str | None:
    value = request.query_params.get("code", "").strip()
    if value and not _CODE.match(value):
        raise BadRequest("code must be a CAMEO event code or root (1 to 4 digits)")
    return value or None


# -- pages ---------------------------------------------------------------------------------
def _index(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
    return "index.html", data.overview(store)


def _search(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
    query = data.SearchQuery(
        q=_text(request, "q"), speaker=_text(request, "speaker"), actor=_text(request, "actor"),
        outlet=_text(request, "outlet"), date_from=_day(request, "from"),
        date_to=_day(request, "to"),
        kind=_choice(request, "kind", "all", ("all", "articles", "quotes", "events")),
        limit=_int(request, "limit", 20, 1, data.MAX_LIMIT),
        offset=_int(request, "offset", 0, 0, data.MAX_OFFSET))
    return "search.html", data.search(store, query)


def _article(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
    record = data.article(store, request.path_params["article_id"])
    quote = _text(request, "quote", max_len=64) or None
    event = _text(request, "event", max_len=64) or None
    return "article.html", {**record, "body_html": article_html(record, quote=quote,
                                                                 event=event),
                            "selected_quote": quote, "selected_event": event}


def _speaker(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
    name = request.path_params["name"].strip()
    if not name or len(name) > 200:
        raise BadRequest("a speaker name has 1 to 200 characters")
    result = data.speaker(store, name, limit=_int(request, "limit", 100, 1, data.MAX_LIMIT),
                          offset=_int(request, "offset", 0, 0, data.MAX_OFFSET))
    return "speaker.html", {**result, "chart": {"by_month": result["by_month"]}}


def _dyad(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
    a, b = request.path_params["a"], request.path_params["b"]
    for code in (a, b):
        if not _ACTOR_CODE.match(code):
            raise BadRequest("actor codes are letters and digits (USA, RUSGOV)")
    result = data.dyad(store, a.upper(), b.upper(),
                       by=_choice(request, "by", "month", ("day", "week", "month")),
                       date_from=_day(request, "from"), date_to=_day(request, "to"),
                       limit=_int(request, "limit", 100, 1, data.MAX_LIMIT),
                       offset=_int(request, "offset", 0, 0, data.MAX_OFFSET))
    return "dyad.html", {**result, "chart": {"series": result["series"], "by": result["by"],
                                             "a": result["a"], "b": result["b"]}}


def _network(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
    result = data.network(store, date_from=_day(request, "from"), date_to=_day(request, "to"),
                          code=_code(request), min_events=_int(request, "min", 1, 1, 10_000),
                          limit=_int(request, "limit", 80, 1, data.MAX_LIMIT))
    return "network.html", {**result, "chart": {"nodes": result["nodes"],
                                                "edges": result["edges"]}}


def _map(request: Request, store: Store) -> tuple[str, dict[str, Any]]:
    actor = _text(request, "actor", max_len=15) or None
    if actor and not _ACTOR_CODE.match(actor):
        raise BadRequest("actor must be a CAMEO actor code (USA, RUSGOV)")
    result = data.event_map(store, date_from=_day(request, "from"), date_to=_day(request, "to"),
                            code=_code(request), actor=actor,
                            limit=_int(request, "limit", 500, 1, 2000))
    return "map.html", {**result, "chart": {"points": result["points"],
                                            "countries": result["countries"]}}
