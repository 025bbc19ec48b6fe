"""HTTP: a JSON API over the event store and the web dashboard, one process.

    GET  /v1/events, /v1/events/{id}, /v1/articles/{id}     stored events
    GET  /v1/stats/timeline|dyads|actors|places             aggregates
    POST /v1/code                                           code a text now
    POST /v1/articles                                       code and store (token)
    GET  /v1/health, /openapi.json, /                       the dashboard at /

>>> from eventcoder.api import create_app, serve
>>> serve("events.duckdb", port=8000)  # doctest: +SKIP

The dashboard's libraries come from npm (scripts/install-web.sh). See docs/api.md.
"""

from __future__ import annotations

from eventcoder.api.app import create_app
from eventcoder.api.server import serve

__all__ = ["create_app", "serve"]
