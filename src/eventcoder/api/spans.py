"""The spans of an article to highlight: each event's evidence sentence and
trigger, the actors, quotes and places found, as offsets into the text.

The browser draws them with text nodes only, so the article text is never
parsed as HTML however it was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from eventcoder.records import CodedArticle


def _add(found: dict[tuple, dict[str, Any]], start: Any, end: Any, kind: str,
         label: str | None = None, event_id: str | None = None) -> None:
    if not isinstance(start, int) or not isinstance(end, int) or end <= start or start < 0:
        return
    span = found.setdefault((start, end, kind),
                            {"start": start, "end": end, "kind": kind, "label": label,
                             "event_ids": []})
    if event_id and event_id not in span["event_ids"]:
        span["event_ids"].append(event_id)
    if label and not span["label"]:
        span["label"] = label


def _actor_label(actor: dict[str, Any]) -> str:
    code = actor.get("code")
    return f"{actor.get('name')} [{code}]" if code else str(actor.get("name"))


def highlights(events: Iterable[dict[str, Any]], actors: Iterable[dict[str, Any]] = (),
               quotes: Iterable[dict[str, Any]] = (),
               places: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Spans from ``Event.to_dict()`` events, actors (``Actor.to_dict()`` or
    mention rows with start and end), ``Quote.to_dict()`` quotes and place
    spans; in text order, one per (start, end, kind)."""
    found: dict[tuple, dict[str, Any]] = {}
    for e in events:
        ev, trig = e.get("evidence") or {}, e.get("trigger") or {}
        _add(found, ev.get("start"), ev.get("end"), "evidence", e.get("cameo"), e.get("id"))
        _add(found, trig.get("start"), trig.get("end"), "trigger", e.get("cameo"), e.get("id"))
        for side in ("source", "target"):
            actor = e.get(side)
            if actor and actor.get("span"):
                _add(found, actor["span"].get("start"), actor["span"].get("end"), "actor",
                     _actor_label(actor), e.get("id"))
    for a in actors:
        span = a.get("span") or a
        _add(found, span.get("start"), span.get("end"), "actor", _actor_label(a))
    for q in quotes:
        span = q.get("span") or {}
        _add(found, span.get("start"), span.get("end"), "quote")
    for p in places:
        _add(found, p.get("start"), p.get("end"), "place", p.get("text"))
    return sorted(found.values(), key=lambda s: (s["start"], -s["end"], s["kind"]))


def coded_highlights(coded: CodedArticle, events: Iterable[dict[str, Any]]) -> list[dict]:
    """Spans of a freshly coded article (``events`` those returned)."""
    return highlights(events, (a.to_dict() for a in coded.actors),
                      (q.to_dict() for q in coded.quotes),
                      (p.to_dict() for p in coded.places))
