"""Run the app with uvicorn: ``eventcoder serve``."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

from eventcoder.api.app import create_app

log = logging.getLogger("eventcoder.api")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, *,
          token: str | None = None, web_dir: str | Path | None = None,
          log_level: str = "info") -> None:
    """Serve ``db`` until interrupted (Ctrl-C). Opens the database first, so a
    missing or locked one fails here with a clear StoreError.

    >>> serve("events.duckdb", port=8000)  # doctest: +SKIP
    """
    import uvicorn

    app = create_app(db, token, web_dir=web_dir)
    where = f"[{host}]" if ":" in host else host
    mode = "writes allowed with the token" if token else "read-only"
    print(f"eventcoder: serving {db} ({mode}) at http://{where}:{port}/", flush=True)
    if not _loopback(host):
        log.warning("listening on %s: anyone who can reach this address can read the data",
                    host)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
