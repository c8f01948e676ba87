"""The web UI: ``eventwire serve`` (docs/web.md).

``create_app(db)`` is an ASGI app (Starlette) with server-rendered pages and a JSON twin of
each; ``serve(db, host, port)`` runs it with uvicorn. The pages' SQL is in ``web.data``,
the article highlighting in ``web.markup``; templates and the vendored CSS/JS ship in the
package (no CDN, no network).
"""

from __future__ import annotations

import os

from ..config import DEFAULT_DB
from .app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | os.PathLike[str] = DEFAULT_DB, *, host: str = "127.0.0.1",
          port: int = 8000, log_level: str = "warning") -> None:
    """Serve the store at ``db`` read-only on ``host:port`` until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level=log_level)
