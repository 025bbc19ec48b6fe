"""Score entity and actor mentions against span-labelled gold (re3d style):
Person, Organisation, Location and Nationality, strict (same span) and
lenient (overlapping span, same label)."""

from __future__ import annotations

from typing import Any

from eventcoder.evaluate.scoring import Score
from eventcoder.records import Actor, CodedArticle

LABELS = ("Person", "Organisation", "Location", "Nationality")
ORG_KINDS = frozenset({"organization", "igo", "ngo", "armed_group"})


def actor_label(actor: Actor) -> str | None:
    if actor.kind == "person":
        return "Person"
    if actor.kind in ORG_KINDS:
        return "Organisation"
    if actor.kind in ("state", "metonym"):
        return "Location"
    if actor.method == "country" and actor.kind == "group":
        return "Nationality"
    return None


def predicted_spans(result: CodedArticle) -> set[tuple[int, int, str]]:
    spans = set()
    for actor in result.actors:
        if actor.method.startswith("coref-pronoun"):
            continue
        label = actor_label(actor)
        if label:
            spans.add((actor.span.start, actor.span.end, label))
    for place in result.places:
        spans.add((place.start, place.end, "Location"))
    return spans


def _strip_article(start: int, end: int, text: str) -> tuple[int, int]:
    """'the Security Council' and 'Security Council' name the same thing."""
    chunk = text[start:end]
    for det in ("the ", "The "):
        if chunk.startswith(det):
            return start + len(det), end
    return start, end


def score_entities(records: list[dict[str, Any]], results: dict[str, Any]) -> dict[str, Any]:
    strict = {label: Score() for label in LABELS}
    lenient = {label: Score() for label in LABELS}
    misses = []
    for record in records:
        text = record["text"]
        gold = {(*_strip_article(e["start"], e["end"], text), e["label"])
                for e in record.get("entities") or () if e["label"] in LABELS}
        result = results.get(str(record.get("id")))
        pred = set()
        if isinstance(result, CodedArticle):
            raw = result.article.raw_position  # spans are in the cleaned text; gold in the raw
            pred = {(*_strip_article(raw(s), raw(e - 1) + 1, text), lab)
                    for s, e, lab in predicted_spans(result)}
        for label in LABELS:
            g = {x for x in gold if x[2] == label}
            p = {x for x in pred if x[2] == label}
            strict[label].add(len(g & p), len(p), len(g))
            hits_p = sum(any(_overlap(x, y) for y in g) for x in p)
            hits_g = sum(any(_overlap(x, y) for y in p) for x in g)
            lenient[label].add(min(hits_p, hits_g), len(p), len(g))
        misses.append({"id": record.get("id"),
                       "missed": sorted(text[s:e] + f" [{lab}]" for s, e, lab in gold - pred),
                       "extra": sorted(text[s:e] + f" [{lab}]" for s, e, lab in pred - gold)})
    total = Score()
    for s in strict.values():
        total.add(s.tp, s.predicted, s.gold)
    return {"level": "entities", "records": len(records), "overall": total.as_dict(),
            "per_label": {k: v.as_dict() for k, v in strict.items()},
            "lenient": {k: v.as_dict() for k, v in lenient.items()}, "misses": misses}


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]
