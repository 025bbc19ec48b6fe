"""The geo stage: where did each event happen?

The events stage leaves the places tied to the event's verb ("in/near/at X",
the object of an attack, then those of its subject and of the clause that
governs it) and the sentence's other places in ``extras``, finest first. Here
they are looked up in an offline gazetteer (GeoNames places of 500 people or
more, first-level subdivisions, countries; see ``eventcoder.gazetteer``) and
same-name places are told apart by the place's container ("X in Y
province", "X, Y"), the article's countries, the dateline and population.
Verbal events (statements, calls, appeals) take only a place in their own
place phrase; material events may also take their subject's place or the
sentence's one place. No place is better than a wrong one.

>>> resolve_place("Maarat al-Numan", within="Idlib province").admin1
'Idlib'
"""

from __future__ import annotations

from dataclasses import replace

from eventcoder.gazetteer import Place, best_place
from eventcoder.records import Event, Location, Span

__all__ = ["choose_place", "locate_events", "resolve_place"]


def resolve_place(name: str, countries: frozenset[str] = frozenset(), *,
                  within: str | None = None, dateline: str | None = None) -> Place | None:
    """The most likely place called ``name``: inside ``within`` (the name of its
    container) where that resolves, then in the article's countries or the
    dateline's country (alpha-3), then the coarser kind, then the most populous."""
    container = best_place(within, countries, dateline=dateline) if within else None
    return best_place(name, countries, within=container, dateline=dateline)


def _location(item: dict, countries: frozenset[str], dateline: str | None) -> Location | None:
    place = resolve_place(item["text"], countries, within=item.get("within"),
                          dateline=dateline)
    if place is None:
        return None
    return Location(
        name=place.name, country=place.country, admin1=place.admin1, lat=place.lat,
        lon=place.lon, gazetteer_id=place.id, precision=place.precision,
        span=Span(item["start"], item["end"], item["text"]),
    )


def choose_place(clause: list[dict], sentence: list[dict], material: bool) -> list[dict]:
    """Candidate places in order of preference. A verbal event (a statement, a
    call) takes only a place in its own place phrase; a material one also the
    place of its subject or of the clause that governs it, then the sentence's
    place when the sentence names only one."""
    if not material:
        return [i for i in clause if "role" not in i]  # not "the situation in Syria"
    return list(clause) + (list(sentence) if _one_place(sentence) else [])


def _one_place(items: list[dict]) -> bool:
    """The sentence names one place, perhaps with its containers ("Biu,
    northeast Nigeria")."""
    names = {i["text"] for i in items}
    return len(names - {i["within"] for i in items if "within" in i}) == 1


def locate_event(event: Event, countries: frozenset[str], dateline: str | None = None) -> Event:
    extras = dict(event.extras)
    clause = extras.pop("place_clause", [])
    sentence = extras.pop("place_sentence", [])
    for item in choose_place(clause, sentence, material=event.quad_class in (2, 4)):
        loc = _location(item, countries, dateline)
        if loc is not None:
            return replace(event, location=loc, extras=extras)
    return replace(event, extras=extras)


def locate_events(events: list[Event], countries: frozenset[str] = frozenset(),
                  dateline: str | None = None) -> list[Event]:
    """Each event with its location, if one can be told; ``dateline`` is the
    alpha-3 country of the article's dateline place, where known."""
    return [locate_event(e, countries, dateline) for e in events]
