"""Coding on request, and ingest: POST /v1/code codes a text and stores
nothing unless asked; POST /v1/articles codes and stores. Storing needs the
token the server was started with."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventcoder.api import models
from eventcoder.api.backend import Backend
from eventcoder.api.params import backend
from eventcoder.api.spans import coded_highlights
from eventcoder.errors import InputError
from eventcoder.pipeline import keep_modalities
from eventcoder.records import DEFAULT_MODALITIES, Article, Skipped, parse_when

router = APIRouter(prefix="/v1")
bearer = HTTPBearer(auto_error=False, description="the token given to `eventcoder serve`")

Server = Annotated[Backend, Depends(backend)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": models.ErrorBody} for code in (400, 401, 403, 413, 422, 503)}


def _check_token(server: Backend, credentials: HTTPAuthorizationCredentials | None) -> None:
    if not server.writable:
        raise HTTPException(403, "this server is read-only: start it with a write token "
                                 "(eventcoder serve --token, or EVENTCODER_API_TOKEN) to store")
    if credentials is None or not server.token_ok(credentials.credentials):
        raise HTTPException(401, "storing needs the server's token: "
                                 "send 'Authorization: Bearer TOKEN'")


def _article(req: models.CodeRequest) -> Article:
    try:
        published = parse_when(req.published)
    except (ValueError, TypeError):
        raise InputError(f"bad publication date {req.published!r}: use YYYY-MM-DD "
                         "or an ISO datetime") from None
    return Article(id=Article.make_id(req.url, req.text), text=req.text, url=req.url,
                   publisher=req.publisher, published=published, title=req.title)


def _code(server: Backend, req: models.CodeRequest, store: bool) -> dict[str, Any]:
    result = server.code([_article(req)])[0]
    if isinstance(result, Skipped):
        raise InputError(f"article not coded ({result.reason}): {result.message}")
    if store:
        with server.writer() as writer:
            writer.write([result])
    kept = keep_modalities(result.events, req.modalities or DEFAULT_MODALITIES)
    events = [e.to_dict() for e in kept]
    return {"article": result.article.to_dict(), "events": events,
            "spans": coded_highlights(result, events), "stored": store}


@router.post("/code", response_model=models.CodedArticleOut, tags=["coding"],
             responses=ERRORS)
def code(server: Server, req: models.CodeRequest, credentials: Credentials
         ) -> dict[str, Any]:
    """Code an article's text and return its events; stored only with
    ``"store": true`` (and the token)."""
    if req.store:
        _check_token(server, credentials)
    return _code(server, req, req.store)


@router.post("/articles", response_model=models.CodedArticleOut, status_code=201,
             tags=["articles"], responses=ERRORS)
def ingest(server: Server, req: models.CodeRequest, credentials: Credentials
           ) -> dict[str, Any]:
    """Code an article and store it with its events (needs the token). Sending the
    same article again replaces it."""
    _check_token(server, credentials)
    return _code(server, req, True)
