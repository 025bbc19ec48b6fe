"""Read-only endpoints: events, articles, statistics and health."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from eventcoder import __version__
from eventcoder.api import models
from eventcoder.api.backend import Backend
from eventcoder.api.params import SORT_PATTERN, Unit, backend, event_filter
from eventcoder.api.spans import highlights
from eventcoder.api.web import missing_assets
from eventcoder.query import stats
from eventcoder.query.filters import EventFilter

router = APIRouter(prefix="/v1", responses={
    code: {"model": models.ErrorBody} for code in (400, 422, 503)})

Filters = Annotated[EventFilter, Depends(event_filter)]
Server = Annotated[Backend, Depends(backend)]
UnitQuery = Annotated[Unit, Query(description="count reports (articles' mentions) or "
                                              "clusters (real-world events)")]
Limit = Annotated[int, Query(ge=1, le=1000, description="how many rows, most first")]
Id = Annotated[str, Path(min_length=1, max_length=200)]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _item(row: dict[str, Any]) -> dict[str, Any]:
    event = row["json"]
    return {
        "event": event,
        "article": {"id": event.get("article_id"), "publisher": row["publisher"],
                    "url": row["url"], "title": row["title"],
                    "published": _iso(row["published"])},
        "cluster": {"id": row["cluster_id"], "reports": row["cluster_reports"],
                    "articles": row["cluster_articles"], "sources": row["cluster_sources"]},
    }


@router.get("/health", response_model=models.Health, tags=["server"])
def health(server: Server, request: Request) -> dict[str, Any]:
    """Is the server up, which database does it serve, may it write."""
    with server.reader() as store:
        counts = store.counts()
    return {"status": "ok", "version": __version__, "database": server.db_path.name,
            "writable": server.writable, "counts": counts,
            "dashboard": not missing_assets(request.app.state.web_dir)}


@router.get("/events", response_model=models.EventPage, tags=["events"])
def list_events(
    server: Server, filters: Filters, unit: UnitQuery = "reports",
    limit: Annotated[int, Query(ge=1, le=500, description="events per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000_000, description="events to skip")] = 0,
    sort: Annotated[str, Query(pattern=SORT_PATTERN, description=(
        "date, published, goldstein, confidence, quad, cameo, source, target or "
        "publisher; a leading - sorts descending"))] = "date",
) -> dict[str, Any]:
    """Stored events matching the filters, a page at a time."""
    with server.reader() as store:
        total, rows = stats.page_events(store, filters, unit=unit, sort=sort, limit=limit,
                                        offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "unit": unit,
            "results": [_item(r) for r in rows]}


@router.get("/events/{event_id}", response_model=models.EventItem, tags=["events"],
            responses={404: {"model": models.ErrorBody}})
def get_event(server: Server, event_id: Id) -> dict[str, Any]:
    """One stored event (report) by id."""
    with server.reader() as store:
        row = stats.event_record(store, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r} in this database")
    return _item(row)


@router.get("/articles/{article_id}", response_model=models.CodedArticleOut,
            tags=["articles"], responses={404: {"model": models.ErrorBody}})
def get_article(server: Server, article_id: Id) -> dict[str, Any]:
    """A stored article's text, its events, and the spans to highlight in it."""
    with server.reader() as store:
        found = stats.article_record(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r} in this database")
    spans = highlights(found["events"], found["mentions"], found["quotes"], found["places"])
    return {"article": found["article"], "events": found["events"], "spans": spans,
            "stored": True}


@router.get("/stats/timeline", response_model=models.Timeline, tags=["stats"])
def timeline(server: Server, filters: Filters, unit: UnitQuery = "reports",
             interval: Annotated[Literal["day", "week", "month"], Query()] = "day"
             ) -> dict[str, Any]:
    """Events per day (or week, month) and quad class."""
    with server.reader() as store:
        rows = stats.timeline(store, filters, interval=interval, unit=unit)
    return {"interval": interval, "unit": unit,
            "rows": [{**r, "period": _iso(r["period"])} for r in rows]}


@router.get("/stats/dyads", response_model=models.Dyads, tags=["stats"])
def dyads(server: Server, filters: Filters, unit: UnitQuery = "reports",
          limit: Limit = 25) -> dict[str, Any]:
    """The busiest directed dyads (source, target)."""
    with server.reader() as store:
        rows = stats.top_dyads(store, filters, limit=limit, unit=unit)
    return {"unit": unit, "rows": rows}


@router.get("/stats/actors", response_model=models.Actors, tags=["stats"])
def actors(server: Server, filters: Filters, unit: UnitQuery = "reports", limit: Limit = 20,
           side: Annotated[Literal["any", "source", "target"], Query()] = "any"
           ) -> dict[str, Any]:
    """The actors in most events."""
    with server.reader() as store:
        rows = stats.top_actors(store, filters, limit=limit, side=side, unit=unit)
    return {"unit": unit, "side": side, "rows": rows}


@router.get("/stats/places", response_model=models.Places, tags=["stats"])
def places(server: Server, filters: Filters, unit: UnitQuery = "reports",
           limit: Limit = 500) -> dict[str, Any]:
    """Located events per place, for the map."""
    with server.reader() as store:
        rows = stats.places(store, filters, limit=limit, unit=unit)
    return {"unit": unit, "rows": rows}
