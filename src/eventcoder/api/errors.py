"""Every error as JSON, ``{"status", "message"}``, and the request size limit.

eventcoder's own exceptions map to client errors (bad input 422, bad option
400, database unavailable 503); anything else is a bug, logged and answered
500 without its details.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventcoder.errors import ConfigError, EventcoderError, InputError, ModelError, StoreError

log = logging.getLogger("eventcoder.api")

# Exception class -> HTTP status, most specific first.
STATUS: tuple[tuple[type[Exception], int], ...] = (
    (InputError, 422), (ConfigError, 400), (StoreError, 503), (ModelError, 503),
    (EventcoderError, 400),
)

# Security headers on every answer: the dashboard runs only our own scripts.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def error(status: int, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"status": status, "message": message, **extra}, status_code=status,
                        headers=headers)


def _where(loc: Any) -> str:
    return ".".join(str(part) for part in loc)


async def _invalid(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # Only where and what: echoing the input back could be huge, or not JSON at all.
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
               "type": str(e.get("type", ""))} for e in exc.errors()]
    first = f"{_where(errors[0]['loc'])}: {errors[0]['msg']}" if errors else "invalid request"
    return error(422, f"invalid request: {first}", errors=errors)


async def _http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return error(exc.status_code, str(exc.detail))


async def _eventcoder(_: Request, exc: Exception) -> JSONResponse:
    status = next(code for kind, code in STATUS if isinstance(exc, kind))
    return error(status, str(exc))


async def _bug(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error(500, "internal error: the server logged it; please report it")


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(EventcoderError, _eventcoder)
    app.add_exception_handler(Exception, _bug)


class LimitsMiddleware:
    """Refuse bodies over ``max_body_bytes`` (413) and add the security headers.

    Declared sizes are refused before reading; a body sent without one (chunked)
    is counted as it arrives.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"request body too large: at most {self.max_body_bytes} bytes"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit()
                                     or int(declared) > self.max_body_bytes):
            await error(413, too_large)(scope, receive, self._with_headers(send))
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:
                raise HTTPException(413, too_large)  # FastAPI passes it on to _http
            return message

        await self.app(scope, counted, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()
                         if k.lower().encode() not in have]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return sending
