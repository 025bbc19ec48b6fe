"""``eventcoder serve``: the JSON API and the web dashboard over one database.
Parses its arguments and calls ``eventcoder.api.serve``."""

from __future__ import annotations

import argparse
import os
from typing import Any

from eventcoder.errors import ConfigError

TOKEN_ENV = "EVENTCODER_API_TOKEN"


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 < number < 65536:
        raise argparse.ArgumentTypeError(f"a port is 1-65535, not {value!r}")
    return number


def register(subparsers: Any, epilog: str) -> None:
    p = subparsers.add_parser(
        "serve", epilog=epilog, help="serve the JSON API and the web dashboard",
        description="Serve --db over HTTP: the dashboard at /, the JSON API under /v1 "
                    "(spec at /openapi.json). Read-only unless a write token is given, "
                    "which lets POST /v1/articles store articles (see docs/api.md).")
    p.add_argument("--db", required=True, help="the DuckDB event database")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument("--token", help=f"allow writes with this bearer token (better: set "
                                   f"{TOKEN_ENV}, which other users cannot see in ps)")
    p.add_argument("--web-dir", help="the dashboard's web/ folder (default: "
                                     "$EVENTCODER_WEB_DIR, else the repository's web/)")
    p.add_argument("--log-level", default="info",
                   choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from eventcoder.api import serve
    except ImportError as exc:
        raise ConfigError(f"the HTTP server needs FastAPI and uvicorn ({exc.name} is "
                          "missing): pip install fastapi uvicorn") from exc

    token = args.token or os.environ.get(TOKEN_ENV) or None
    serve(args.db, args.host, args.port, token=token, web_dir=args.web_dir,
          log_level=args.log_level)
    return 0
