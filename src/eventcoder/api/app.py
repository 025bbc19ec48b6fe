"""The application: JSON API under /v1, its OpenAPI spec at /openapi.json, and
the dashboard at /, served by one process.

>>> app = create_app("events.duckdb")              # doctest: +SKIP
>>> app = create_app("events.duckdb", token="s3cret")  # may store articles
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from eventcoder import __version__
from eventcoder.api import read, write
from eventcoder.api.backend import Backend
from eventcoder.api.errors import LimitsMiddleware, add_error_handlers
from eventcoder.api.web import default_web_dir, mount_dashboard

MAX_BODY_BYTES = 2_000_000  # a long article as JSON, with room to spare

DESCRIPTION = """Political events coded from news, stored in an eventcoder database.

Read-only unless the server was started with a token; storing then needs
`Authorization: Bearer TOKEN`. Errors are JSON: `{"status", "message"}`.
Events are `Event.to_dict()`: see the README's "Event fields"."""


def create_app(db_path: str | Path, token: str | None = None, *,
               web_dir: str | Path | None = None, max_body_bytes: int = MAX_BODY_BYTES,
               settings: dict[str, Any] | None = None) -> FastAPI:
    """The FastAPI app serving the database at ``db_path``.

    Without ``token`` the database is opened read-only and nothing can be
    stored; with one it is opened for writing (this process then is its one
    writer) and POST /v1/articles stores articles sent with that token.
    Raises StoreError when the database cannot be opened.
    """
    server = Backend(db_path, token, settings)
    server.open()  # fail now, not at the first request, when the database is unusable

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        server.open()
        # What is loaded now (spaCy's modules, the knowledge base) lives as long as
        # the server: frozen, the garbage collector stops walking it, which took
        # tens of milliseconds out of some requests.
        gc.collect()
        gc.freeze()
        yield
        server.close()

    # docs_url/redoc_url off: FastAPI's pages load their scripts from a CDN, and
    # nothing here may be fetched from elsewhere. The spec is at /openapi.json.
    app = FastAPI(title="eventcoder", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.backend = server
    app.state.web_dir = Path(web_dir) if web_dir else default_web_dir()
    add_error_handlers(app)
    app.add_middleware(LimitsMiddleware, max_body_bytes=max_body_bytes)
    app.include_router(read.router)
    app.include_router(write.router)
    mount_dashboard(app, app.state.web_dir)
    return app
