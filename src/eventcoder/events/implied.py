"""Implied targets: whom an event with no named target is aimed at.

"Egyptian demonstrators rioted" is aimed at Egypt; "Israeli tanks fired four
shells at targets in Jericho" at the Palestinians; "Demonstrators in Baghdad
blocked a road to show their disapproval for the United States' policies" at
the United States. Human coders of event data (CAMEO and PLOVER gold) name
such a target; a coder that leaves it empty loses the event's dyad.

The rule, for events whose root is not dyadic (those need a named target):
the first country the sentence names after the verb (as a country or an actor
of one); else the country of a place the sentence names, other than the
source's own (where it happened; "Islamic State claimed a bombing in Kabul":
Afghanistan, for a source of no country too); failing that, for an agent of a
country (its police, government, protesters), that country itself. The target is
marked as implied (``method``) and carries a low confidence, so users can
tell it from a named one and filter it out (setting ``coding.implied_targets``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventcoder.knowledge import Knowledge, country_words
from eventcoder.mentions import Mention

__all__ = ["DOMESTIC", "implied_target", "opposed_target"]

IMPLIED_CONFIDENCE = 0.4
DOMESTIC = "implied-domestic"  # the method of a target that is the source's own country


def implied_target(verb: Any, source: Mention, mentions: list[Mention],
                   kb: Knowledge) -> Mention | None:
    """The implied target of ``verb``'s event by ``source``, or None.
    ``mentions`` are the sentence's mentions, modifiers and places included."""
    own = source.actor.country
    if source.pair is not None or not own and not source.actor.code:
        return None
    named = [m for m in mentions if m.start > verb.i and m.actor.country
             and m.actor.country not in (own, "IGO") and not m.pair
             and m.actor.method != "gazetteer"]
    if named:
        return _country_of(named[0], kb, "implied-named")
    away = [m for m in mentions if m.is_location and m.actor.country
            and m.actor.country not in (own, "IGO")]
    if away:  # "In Deir Ezzor, the Russian Air Force struck a district": Syria
        return _country_of(away[0], kb, "implied-place")
    if own and (source.actor.code != own or source.actor.kind == "group"):
        # "Egyptian police", "thousands of Egyptians" act within Egypt
        return _country_of(source, kb, DOMESTIC)
    return None


OPPOSING = frozenset({"anti", "counter"})
# "anti-government", "anti-regime": against the authorities of one's own country
AUTHORITIES = frozenset({"government", "regime", "junta", "state", "establishment"})


def opposed_target(verb: Any, source: Mention, kb: Knowledge) -> Mention | None:
    """The country a word of ``verb``'s sentence says the act is against, as a
    target: "an anti-Israel rally" (Israel), "anti-government protests" (the
    source's own country). Not an implication: the words say so."""
    own = source.actor.country
    if source.pair is not None or not own and not source.actor.code:
        return None
    against = _opposed(verb, own, kb)
    if against is None:
        return None
    found = _country_of(replace(source, actor=replace(source.actor, country=against)), kb,
                        "opposed")
    return replace(found, actor=replace(found.actor, confidence=source.actor.confidence))


def _opposed(verb: Any, own: str, kb: Knowledge) -> str | None:
    """The country after "anti-" in ``verb``'s sentence: "anti-American" (the US),
    "anti-government" (``own``)."""
    words = [t.lower_ for t in verb.sent]
    for i, word in enumerate(words[:-2]):
        if word in OPPOSING and words[i + 1] == "-":
            against = words[i + 2]
            if against in AUTHORITIES:
                return own
            found = country_words(kb, ("names", "adjectives", "demonyms")).get(against)
            if found is not None:
                return found
    return None


def _country_of(m: Mention, kb: Knowledge, method: str) -> Mention:
    """The mention standing for its whole country."""
    code = m.actor.country or ""
    country = kb.countries.get(code)
    actor = replace(m.actor, code=code, name=country.name if country else m.actor.name,
                    entity_id=None, kind="state", sectors=(), role=None, method=method,
                    confidence=min(m.actor.confidence, IMPLIED_CONFIDENCE))
    return replace(m, actor=actor, is_location=False, is_modifier=False)
