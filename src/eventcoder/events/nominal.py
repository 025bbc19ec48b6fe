"""Nominal events: "talks between X and Y", "an attack on Y by X",
"Israeli airstrikes on Gaza", "Russia's support for Syria"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventcoder.events.patterns import match_pattern
from eventcoder.events.syntax import Arguments, prep_object, subject_of
from eventcoder.knowledge import Knowledge, Pattern
from eventcoder.mentions import Mention
from eventcoder.ontology import cameo

SOURCE_MODIFIERS = ("poss", "amod", "compound", "nmod")


def nominal_hits(sent: Any, args: Arguments, kb: Knowledge, taken: set[int]
                 ) -> Iterator[tuple[Any, Pattern, Mention, Mention | None, bool]]:
    """(noun, pattern, source, target, reciprocal) for each event noun of ``sent``.

    ``taken`` holds verbs already coded: their object nouns ("held talks") are
    part of that event, not a second one."""
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        setting = _setting(token)
        claimer = _claimer(token, args)
        if setting is None and claimer is None and _governor(token).i in taken:
            continue
        if token.dep_ == "compound" or any(m.covers(token.i) for m in args.mentions):
            continue  # "attack helicopters", "the war crimes tribunal": names, not events
        pattern = match_pattern(token, kb, kb.noun_patterns)
        if pattern is None:
            continue
        if setting is not None and cameo(pattern.code).quad_class not in (1, 2):
            continue  # "killed in an attack": the attack is the killing's
        between = prep_object(token, "between") or prep_object(token, "among")
        if between is not None:
            parties = args.with_conjuncts(between)
            if len(parties) >= 2:
                yield token, pattern, parties[0], parties[1], True
            continue
        source = _source(token, args) or claimer or (
            args.at(setting) if setting is not None else None)
        if source is None:
            continue
        for target in _targets(token, pattern, args, source):
            yield token, pattern, source, target, False


# Prepositions that set the scene of a clause: "In a phone call with Erdogan,
# Putin expressed concern", "Speaking after talks with his Japanese counterpart".
SETTING_PREPS = frozenset({"in", "during", "after", "at", "following", "before"})


def _setting(noun: Any) -> Any | None:
    """The subject of the active clause whose scene ``noun`` sets, if it does: the
    scene's actor (its talks, its phone call)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in SETTING_PREPS:
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject, passive = subject_of(verb)
    return subject if not passive else None


# "IS claimed responsibility for the bombing", "took credit for the attack"
CLAIMED_NOUNS = frozenset({"responsibility", "credit"})
CLAIM_VERBS = frozenset({"claim"})


def _claimer(noun: Any, args: Arguments) -> Mention | None:
    """Who claimed the act ``noun`` names ("al-Shabab claimed responsibility for the
    attack", "IS claimed the bombing"): its author, as far as the words go."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "for" and verb.head.lemma_.lower() in CLAIMED_NOUNS:
        verb = verb.head.head if verb.head.dep_ in ("dobj", "obj") else verb.head
    elif noun.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in CLAIM_VERBS:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject, passive = subject_of(verb)
    return args.at(subject) if subject is not None and not passive else None


def _governor(noun: Any) -> Any:
    """The word whose argument phrase ``noun`` sits in: its verb ("complained over
    Israeli air raids", "refused assistance to the war"), else its plain head.
    A nominal event in a coded verb's phrase is part of what that verb says."""
    current = noun
    for _ in range(8):
        head = current.head
        if head.i == current.i or head.pos_ in ("VERB", "AUX"):
            while head.dep_ == "xcomp" and head.head.i != head.i:
                head = head.head  # "refused to commit to assistance to the war"
            return head
        if current.dep_ in ("relcl", "acl", "appos", "conj"):
            return noun.head
        current = head
    return noun.head


def attack_author(noun: Any, args: Arguments) -> Mention | None:
    """Who carried out the attack a noun names: "Israeli airstrikes", "an attack by
    Hamas"; None when the noun names no one."""
    return _source(noun, args)


def _source(noun: Any, args: Arguments) -> Mention | None:
    by = prep_object(noun, "by")
    if by is not None:
        return args.at(by)
    for child in noun.children:
        if child.dep_ in SOURCE_MODIFIERS and child.i < noun.i:
            found = args.at(child)
            if found is not None:
                return found
    return None


def _targets(noun: Any, pattern: Pattern, args: Arguments,
             source: Mention) -> list[Mention | None]:
    if pattern.no_target:
        return [None]
    preps = [pattern.target_prep] if pattern.target_prep else []
    preps += ["on", "against", "to", "with", "of", "for"]
    for prep in preps:
        obj = prep_object(noun, prep)
        if obj is None:
            continue
        found = [m for m in args.with_conjuncts(obj) if m is not source]
        if found:
            return found
    return [None]
