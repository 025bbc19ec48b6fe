"""Query parameters shared by the listing and the stats endpoints: the store's
event filters (docs/store.md, "Query"), with the same names as the CLI flags."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Request

from eventcoder.api.backend import Backend
from eventcoder.query.filters import EventFilter
from eventcoder.query.stats import SORTS
from eventcoder.records import MODALITIES

Unit = Literal["reports", "clusters"]
_TEXT = 200  # longest filter value: a name, a place, a few words

_modalities = "|".join(MODALITIES)
SORT_PATTERN = rf"^-?({'|'.join(SORTS)})$"


def backend(request: Request) -> Backend:
    return request.app.state.backend


def _text(description: str, **kw: object) -> object:
    return Query(max_length=_TEXT, description=description, **kw)


def event_filter(
    actor: Annotated[str | None, _text(
        "either side: name contains (any case), code starts with, or entity id")] = None,
    source: Annotated[str | None, _text("the source actor, matched like actor")] = None,
    target: Annotated[str | None, _text("the target actor, matched like actor")] = None,
    country: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{3}$", description="either side's ISO alpha-3 country")] = None,
    sector: Annotated[str | None, Query(
        pattern=r"^[A-Za-z/]{2,10}$", description="either side has this sector (GOV, REB)")
    ] = None,
    dyad: Annotated[str | None, _text(
        "SOURCE:TARGET, each matched like actor", pattern=r"^[^:]+:[^:]+$")] = None,
    undirected: Annotated[bool, Query(description="dyad matches both directions")] = False,
    cameo: Annotated[str | None, Query(
        pattern=r"^\d{2,4}(,\d{2,4}){0,19}$",
        description="CAMEO code prefixes, comma-separated (04 or 042,043)")] = None,
    root: Annotated[str | None, Query(
        pattern=r"^\d{2}(,\d{2}){0,19}$", description="CAMEO roots, comma-separated")] = None,
    plover: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{3,12}(,[A-Za-z]{3,12}){0,15}$",
        description="PLOVER types, comma-separated (PROTEST,ASSAULT)")] = None,
    quad: Annotated[str | None, Query(
        pattern=r"^[1-4](,[1-4]){0,3}$", description="quad classes 1-4, comma-separated")
    ] = None,
    modality: Annotated[str | None, Query(
        pattern=rf"^({_modalities})(,({_modalities})){{0,4}}$",
        description="modalities, comma-separated")] = None,
    since: Annotated[date | None, Query(description="event date on or after")] = None,
    until: Annotated[date | None, Query(description="event date on or before")] = None,
    location: Annotated[str | None, _text("place, admin1 name or ISO alpha-3 country")] = None,
    near: Annotated[str | None, Query(
        pattern=r"^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?,\d{1,5}(\.\d+)?$",
        description="LAT,LON,KM: events located within KM kilometres")] = None,
    publisher: Annotated[str | None, _text("the publisher, exactly (any case)")] = None,
    text: Annotated[str | None, _text("words that must all be in the evidence sentence")
                    ] = None,
    article: Annotated[str | None, _text("one article id")] = None,
    run: Annotated[int | None, Query(ge=0, le=2**31 - 1, description="a run id")] = None,
) -> EventFilter:
    return EventFilter.from_kwargs(
        actor=actor, source=source, target=target, country=country, sector=sector, dyad=dyad,
        undirected=undirected, cameo=cameo, root=root, plover=plover, quad_class=quad,
        modality=modality, since=since, until=until, location=location, near=near,
        publisher=publisher,
        text=text, article_id=article, run_id=run)
