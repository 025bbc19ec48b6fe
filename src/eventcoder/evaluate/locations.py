"""Score event locations against verb-location gold (event_location style):
each record marks a VERB and the LOCATION(s) where that event happened. For the
gold verb we take the place candidates the coder would use and its choice rule,
and count the choice right when it overlaps one of the gold location spans
("shelled the villages of Mardes and Maharada": either is right). Records whose
location span is empty (broken offsets in the source) cannot be scored and are
left out, counted as ``unscorable``."""

from __future__ import annotations

from typing import Any

from eventcoder.evaluate.scoring import Score


def _span(record: dict[str, Any], label: str) -> tuple[int, int] | None:
    for e in record.get("entities") or ():
        if e["label"] == label:
            return e["start"], e["end"]
    return None


def _locations(record: dict[str, Any]) -> list[tuple[int, int]]:
    return [(e["start"], e["end"]) for e in record.get("entities") or ()
            if e["label"] == "LOCATION" and e["end"] > e["start"]]


def _verb_token(doc: Any, span: tuple[int, int]) -> Any:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None else None


def score_locations(records: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    from eventcoder.events import place_candidates
    from eventcoder.geo import choose_place

    score, misses, unanswered = Score(), [], 0
    located = [r for r in records if _span(r, "VERB") and _span(r, "LOCATION")]
    usable = [r for r in located if _locations(r)]
    for record, doc in zip(usable, nlp.pipe(r["text"] for r in usable), strict=True):
        golds = _locations(record)
        verb = _verb_token(doc, _span(record, "VERB"))
        cands = place_candidates(verb) if verb is not None else {}
        chosen = choose_place(cands.get("place_clause", []), cands.get("place_sentence", []),
                              material=True)
        guess = (chosen[0]["start"], chosen[0]["end"]) if chosen else None
        hit = guess is not None and any(g[0] < guess[1] and guess[0] < g[1] for g in golds)
        unanswered += guess is None
        score.add(int(hit), int(guess is not None), 1)
        if not hit:
            misses.append({"id": record.get("id"), "text": record["text"],
                           "gold": [record["text"][a:b] for a, b in golds],
                           "chosen": record["text"][guess[0]:guess[1]] if guess else None})
    s = score.as_dict()
    return {"level": "locations", "records": len(usable), "overall": s,
            "unscorable": len(located) - len(usable),
            "accuracy": s["recall"], "no_location_given": unanswered, "per_label": {},
            "misses": misses}
