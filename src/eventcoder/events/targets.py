"""Whom an event is aimed at: the target of a verb's event by one source.

The pattern's slot, the object, a preposition's object; the owner of a thing
that is no actor ("praised China's peace proposal"); an actor named by a
modifier ("the Russian embassy"); the first actor of the verb's own clause;
what the words say the act is against ("an anti-Israel rally"); last, the
place where it happened ("shelled Aleppo", "protested in Beijing")."""

from __future__ import annotations

from typing import Any

from eventcoder.events.implied import opposed_target
from eventcoder.events.nominal import attack_author
from eventcoder.events.sources import arms_users, violent_noun
from eventcoder.events.syntax import (
    PLACE_OF_EVENT,
    Arguments,
    as_country,
    holding,
    instrument,
    passive_agent,
    prep_object,
    subject_of,
    target_tokens,
)
from eventcoder.knowledge import Knowledge, Pattern
from eventcoder.mentions import Mention
from eventcoder.ontology import cameo
from eventcoder.records import Actor

__all__ = ["doers", "is_vague", "same_actor", "struck_city", "targets_of"]


def doers(verb: Any) -> set[int]:
    """Positions of the phrase that names who did it (subject or passive agent)."""
    subject, passive = subject_of(verb)
    doer = passive_agent(verb) if passive else subject
    return {t.i for t in doer.subtree} if doer is not None and verb.is_ancestor(doer) else set()


def _unowned_arms(m: Mention) -> bool:
    """ "Drones", "rockets": arms of no one named."""
    return m.actor.kind in ("projectile", "weapon") and not m.actor.country


def _words_about_attack(token: Any, pattern: Pattern, kb: Knowledge) -> bool:
    """Is a verbal event (a statement, a condemnation) about an attack?"""
    return cameo(pattern.code).quad_class in (1, 3) and violent_noun(token, kb)


def targets_of(verb: Any, pattern: Pattern, args: Arguments, source: Mention,
               mods: Arguments, kb: Knowledge | None = None) -> list[Mention | None]:
    """Target mentions, best first: the pattern's slot, the object, a preposition's
    object; then an actor named by a modifier there ("the Russian embassy"), the
    first actor of the verb's own clause, and last the place where it happened."""
    if pattern.no_target:
        return [None]
    subject, passive = subject_of(verb)
    tokens = target_tokens(verb, pattern, passive, subject)
    for n, token in enumerate(tokens if kb is not None else ()):
        # "condemned Israeli airstrikes on Gaza", "complained to the UN over Israeli air
        # raids": the words are aimed at Israel (an appeal stays with whom it asks)
        if not _words_about_attack(token, pattern, kb) \
                or n and cameo(pattern.code).quad_class != 3:
            continue
        author = attack_author(token, mods)
        if author is not None and not same_actor(author.actor, source.actor):
            return [author]
        struck = _struck_by(token, args) if pattern.code in CLAIM_CODES else []
        if struck:  # "claimed responsibility for an attack at a mall in Kenya's capital"
            return struck
    vague: list[Mention] = []
    for token in tokens:
        found = _others(_owner(token, args, mods) or args.with_conjuncts(token), source,
                        verb.doc)
        if not found and (token.dep_ in ("dobj", "obj", "npadvmod") or pattern.target_prep
                          and token.head.lower_ == pattern.target_prep):
            # "shelled Aleppo", "departed from Libya": the place stands for its country,
            # not where one acts at home ("Egyptians rallied in Cairo": see implied.py)
            found = [as_country(m) for m in [_place_in(token, pattern, args)]
                     if m and m.actor.country != source.actor.code]
        if found and not all(is_vague(m) for m in found):
            return found
        vague = vague or found
    for token in tokens:
        # "the Russian embassy" names Russia; "military exercises" name no one
        found = [m for m in _others(mods.with_conjuncts(token), source, verb.doc)
                 if not m.is_modifier or m.actor.country or m.actor.entity_id
                 or kb is not None and holding(m, verb.doc, kb.transforms.holdings)]
        if found and not (vague and all(is_vague(m) for m in found)):
            return found
    if vague:  # "offered its troops to Lebanon's president": Lebanon's, not the troops
        return vague
    exclude = doers(verb) | set(range(source.start, source.end))
    fallback = args.first_in(verb, exclude)
    if fallback is not None and _others([fallback], source, verb.doc):
        return [fallback]
    against = opposed_target(verb, source, kb) if kb is not None else None
    if against is not None:  # "held an anti-Israel rally in Amman": Israel, not Jordan
        return [against]
    # CAMEO practice: "protested in Beijing" targets China; words said or asked
    # somewhere ("made his remarks in Doha") are not aimed at the place
    place = args.place_of(verb) if pattern.code[:2] not in WORDS_ROOTS else None
    if place is not None and not same_actor(place.actor, source.actor) \
            and place.actor.country != source.actor.code:  # "Egyptians protested in Cairo"
        return [as_country(place, PLACE_OF_EVENT)]
    return [None]


def _place_in(token: Any, pattern: Pattern, args: Arguments) -> Mention | None:
    """The place ``token`` names; for the pattern's "to", a place in its phrase
    too, where what is given goes ("contributed troops to a peacekeeping force in
    Liberia"; not "engaged peacekeepers in a firefight in the Golan")."""
    place = args.place_at(token)
    if place is not None or pattern.target_prep != "to" or token.head.lower_ != "to":
        return place
    return next((m for t in token.subtree if (m := args.place_at(t)) is not None), None)


WORDS_ROOTS = frozenset({"01", "02"})  # statements and appeals
CLAIM_CODES = frozenset({"015"})  # claims of responsibility: aimed at whom the act struck


def _struck_by(attack: Any, args: Arguments) -> list[Mention]:
    """Whom an attack a noun names struck: "the attack on the army base", else the
    country of the place it names ("an attack at a mall in Kenya's capital")."""
    for prep in ("on", "against"):
        obj = prep_object(attack, prep)
        found = args.with_conjuncts(obj) if obj is not None else []
        if found:
            return found
    for token in attack.subtree:
        place = args.place_at(token) or args.at_exact(token)
        if place is not None and place.actor.country and (
                place.is_location or place.actor.kind in ("state", "metonym")):
            return [as_country(place, PLACE_OF_EVENT)]
    return []


def _owner(token: Any, args: Arguments, mods: Arguments) -> list[Mention]:
    """ "praised China's peace proposal for Ukraine", "opposed French mediation":
    the owner of a thing that is no actor is what the act is aimed at, before what
    the thing is about; so are the users of arms no one owns ("shot down drones
    launched by the Houthis")."""
    held = args.at_exact(token)
    if held is not None and not _unowned_arms(held):
        return []
    for child in token.children:
        if child.dep_ == "poss" and child.tag_ != "PRP$":
            return mods.with_conjuncts(child)
    if held is None:  # "opposed to French mediation in talks with Syria": France's
        for child in (c for c in token.children if c.dep_ in ("amod", "compound")):
            found = mods.at_exact(child)
            if found is not None and found.is_modifier and found.actor.country:
                return [found]
    return arms_users(token, args) if held is not None else []


def struck_city(target: Mention | None, pattern: Pattern, kb: Knowledge) -> Mention | None:
    """ "Bombed Sanaa", "shelled Kyiv": a capital struck is the place, not its
    government (which "urged Kyiv to ..." addresses)."""
    if target is None or target.actor.kind != "metonym" or not target.actor.country:
        return target
    if cameo(pattern.code).quad_class != 4:
        return target
    country = kb.countries.get(target.actor.country)
    if country is None or target.actor.text not in country.capitals:
        return target
    return as_country(target)


def is_vague(m: Mention) -> bool:
    """A sector word with no country or known entity ("troops", "refugees")."""
    return not (m.actor.country or m.actor.entity_id or m.pair)


def _others(found: list[Mention], source: Mention, doc: Any) -> list[Mention]:
    """The mentions that can be targets of ``source``'s act: not itself, no
    projectile ("fired four shells at targets in Jericho": shells are what was
    fired) and no weapon it was done with ("attacked ... with gunships")."""
    return [m for m in found if m is not source and not same_actor(m.actor, source.actor)
            and m.actor.kind != "projectile" and not instrument(m, doc)
            and not _its_own(m, source, doc)]


OWN_WORDS = frozenset({"its", "their"})


def _its_own(m: Mention, source: Mention, doc: Any) -> bool:
    """ "The United Nations rejected a call for its peacekeeping forces ...": an
    unnamed agent the source calls its own is part of the source, no target."""
    a = m.actor
    if a.country or a.entity_id or not a.sectors:
        return False
    head = doc[m.end - 1]
    return source.actor.kind != "person" and any(
        c.dep_ == "poss" and c.lower_ in OWN_WORDS for c in head.children)


def same_actor(a: Actor, b: Actor) -> bool:
    """The same known entity, or the same code and name when neither is one."""
    if a.entity_id and a.entity_id == b.entity_id:
        return True
    return a.entity_id is None and b.entity_id is None and a.code is not None \
        and a.code == b.code and a.name == b.name
