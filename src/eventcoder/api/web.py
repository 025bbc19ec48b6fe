"""The dashboard's files: our own pages in web/src, and the chart, network and
map libraries npm installed in web/node_modules (scripts/install-web.sh).

Nothing is fetched from elsewhere at run time: the server serves every script,
style and map shape itself, so the dashboard works offline.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

WEB_DIR_ENV = "EVENTCODER_WEB_DIR"

# URL prefix under /vendor -> folder of web/node_modules it serves.
VENDOR = {
    "chart.js": "chart.js/dist",
    "cytoscape": "cytoscape/dist",
    "leaflet": "leaflet/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
}
# The files index.html loads from those folders: all must be there.
REQUIRED = ("chart.js/dist/chart.umd.min.js", "cytoscape/dist/cytoscape.min.js",
            "leaflet/dist/leaflet.js", "leaflet/dist/leaflet.css",
            "topojson-client/dist/topojson-client.min.js", "world-atlas/countries-110m.json")


def default_web_dir() -> Path:
    """$EVENTCODER_WEB_DIR, else the repository's web/ folder beside src/."""
    if os.environ.get(WEB_DIR_ENV):
        return Path(os.environ[WEB_DIR_ENV])
    return Path(__file__).resolve().parents[3] / "web"


def missing_assets(web_dir: Path) -> list[str]:
    """The files the dashboard needs that are not installed (none when ready)."""
    out = [] if (web_dir / "src" / "index.html").is_file() else ["src/index.html"]
    modules = web_dir / "node_modules"
    return out + [f"node_modules/{p}" for p in REQUIRED if not (modules / p).is_file()]


def _not_installed(web_dir: Path, missing: list[str]) -> HTMLResponse:
    items = "".join(f"<li><code>{html.escape(str(web_dir / m))}</code></li>" for m in missing)
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>eventcoder: dashboard not installed</title></head><body>"
        "<h1>The dashboard's libraries are not installed</h1>"
        "<p>Install them once, from the repository root:</p>"
        "<pre>bash scripts/install-web.sh</pre>"
        "<p>(it runs <code>npm ci</code> in <code>web/</code>; set "
        f"<code>{WEB_DIR_ENV}</code> if web/ lives elsewhere), then reload this page.</p>"
        f"<p>Missing:</p><ul>{items}</ul>"
        "<p>The JSON API works meanwhile: <a href='/v1/health'>/v1/health</a>, "
        "<a href='/openapi.json'>/openapi.json</a>.</p></body></html>")
    return HTMLResponse(page, status_code=503)


class _Files(StaticFiles):
    """Static files whose folder may appear after start-up (npm ci run later)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not Path(str(self.directory)).is_dir():
            response = JSONResponse({"status": 404, "message": "not installed: run "
                                     "scripts/install-web.sh"}, status_code=404)
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def mount_dashboard(app: FastAPI, web_dir: Path) -> None:
    """Serve the dashboard at / and its files under /static and /vendor."""
    src, modules = web_dir / "src", web_dir / "node_modules"

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        missing = missing_assets(web_dir)
        if missing:
            return _not_installed(web_dir, missing)
        return FileResponse(src / "index.html", media_type="text/html")

    app.mount("/static", _Files(directory=src, check_dir=False), name="static")
    for prefix, folder in VENDOR.items():
        app.mount(f"/vendor/{prefix}", _Files(directory=modules / folder, check_dir=False),
                  name=f"vendor-{prefix}")
