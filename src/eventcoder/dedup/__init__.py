"""The dedup stage, within one article: the same (source, target, code, date)
reported twice is one event; the first report is kept and the others are
listed in ``extras["also_in_sentences"]``. Clustering across articles lives
with the store, which sees every article."""

from __future__ import annotations

from dataclasses import replace

from eventcoder.records import Event, actor_key

__all__ = ["dedup_article", "event_key"]


def event_key(event: Event) -> tuple[str, str, str, str | None]:
    return actor_key(event.source), actor_key(event.target), event.cameo, event.date


def dedup_article(events: list[Event]) -> list[Event]:
    """One event per (source, target, code, date), keeping the earliest sentence."""
    kept: dict[tuple[str, str, str, str | None], Event] = {}
    for event in sorted(events, key=lambda e: (e.sentence_index, e.trigger.start)):
        key = event_key(event)
        if key not in kept:
            kept[key] = event
            continue
        first = kept[key]
        also = [*first.extras.get("also_in_sentences", []), event.sentence_index]
        kept[key] = replace(first, extras={**first.extras, "also_in_sentences": also})
    return list(kept.values())
