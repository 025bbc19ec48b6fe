"""Who did it: the source of a verb's event. The subject (and its conjuncts), the
passive agent, a speaker for "we" inside a quote, the author of an attack a
noun names ("Israeli airstrikes killed ..."), or of the attack a passive
casualty happened in ("killed in a Taliban ambush")."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventcoder.events.nominal import attack_author
from eventcoder.events.quotes import quote_at
from eventcoder.events.syntax import Arguments, as_country, passive_agent, subject_of
from eventcoder.events.transform import VIOLENT_ROOTS
from eventcoder.knowledge import Knowledge, Pattern
from eventcoder.mentions import Mention
from eventcoder.records import Actor, Quote, Span

__all__ = ["ATTACK_PREPS", "arms_users", "issuers", "origin", "protesters", "sources_of",
           "unclaimed", "violent_noun"]

FIRST_PERSON = frozenset({"i", "we", "me", "us"})


def sources_of(verb: Any, args: Arguments, quotes: list[Quote],
               mods: Arguments | None = None, kb: Knowledge | None = None) -> list[Mention]:
    """The subject's mentions ("Brazil and the United States" gives two), or the
    passive agent's, or the author of the attack a passive verb happened in."""
    subject, passive = subject_of(verb)
    if passive:
        agent = passive_agent(verb)
        if mods is None or kb is None:
            return args.with_conjuncts(agent) if agent is not None else []
        if agent is None:
            return _attackers(verb, mods, kb)
        # "killed by Syrian and Russian airstrikes": both air forces
        return _authors(agent, mods, kb) or arms_users(agent, args) \
            or args.with_conjuncts(agent)
    if subject is None:
        return []
    if subject.lower_ in FIRST_PERSON and subject.pos_ == "PRON" and subject.text != "US":
        speaker = _speaker_mention(subject, quotes)
        return [speaker] if speaker else []
    if mods is not None and kb is not None and violent_noun(subject, kb):
        # "Israeli airstrikes on Gaza killed ten": Israel killed, not Gaza
        return _authors(subject, mods, kb)
    found = args.with_conjuncts(subject)
    if not found and mods is not None and kb is not None:
        return issuers(subject, mods, kb)
    return found


ISSUED_PREPS = frozenset({"in", "from"})


def issuers(noun: Any, mods: Arguments, kb: Knowledge) -> list[Mention]:
    """Who issued the document ``noun`` names, which speaks for them: "a Rwandan
    report", "a statement by the French presidency", "a report issued by Amnesty",
    "a report released in the Rwandan capital" (that country's)."""
    if noun.lemma_.lower() not in kb.transforms.documents \
            and noun.lower_ not in kb.transforms.documents:
        return []
    author = attack_author(noun, mods)
    if author is not None:
        return [author]
    for clause in (c for c in noun.children if c.dep_ == "acl"):
        agent = passive_agent(clause)
        found = mods.at(agent) if agent is not None else None
        if found is not None:
            return [found]
        preps = [c for c in clause.children if c.dep_ == "prep" and c.lower_ in ISSUED_PREPS]
        for word in (t for prep in preps for t in prep.subtree):
            place = mods.place_at(word) or mods.at_exact(word)
            if place is not None and place.actor.country:
                return [as_country(place, "place-of-issue")]
    return []


def _authors(noun: Any, mods: Arguments, kb: Knowledge) -> list[Mention]:
    """Who carried out the attack ``noun`` names, each of "Syrian and Russian
    airstrikes"; no one when the noun names no attack or no author."""
    if not violent_noun(noun, kb):
        return []
    author = attack_author(noun, mods)
    if author is None:
        return []
    return mods.with_conjuncts(noun.doc[author.start]) or [author]


def arms_users(noun: Any, args: Arguments) -> list[Mention]:
    """ "Blown up by a missile fired by pro-Russia rebels": who used the arms."""
    for clause in (c for c in noun.children if c.dep_ == "acl"):
        for agent in (a for a in clause.subtree if a.dep_ == "agent"):
            for obj in (g for g in agent.children if g.dep_ == "pobj"):
                found = args.with_conjuncts(obj)
                if found:
                    return found
    return []


def protesters(verb: Any, pattern: Pattern, args: Arguments) -> list[Mention]:
    """ "Thousands of Egyptians protested in Tahrir Square", which the parser reads
    as a noun with a passive participle: no one is protested, so they protest."""
    if pattern.code[:2] != "14" or passive_agent(verb) is not None:
        return []
    subject, passive = subject_of(verb)
    return args.with_conjuncts(subject) if passive and subject is not None else []


def origin(verb: Any, pattern: Pattern, args: Arguments) -> list[Mention]:
    """ "A mortar bomb was fired at Israel from the Gaza Strip": with no one named,
    the place an attack came from stands for its author, as CAMEO codes it."""
    subject, passive = subject_of(verb)
    if pattern.code[:2] not in VIOLENT_ROOTS or (subject is not None and not passive):
        return []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            place = args.place_at(obj) or args.at_exact(obj)
            if place is not None and place.actor.country and not place.actor.sectors:
                return [as_country(place, "place-of-origin")]
    return []


def unclaimed(verb: Any, pattern: Pattern, args: Arguments, kb: Knowledge) -> list[Mention]:
    """ "A car bomb killed five people in Kabul", "two soldiers were killed in a bomb
    attack in southeastern Turkey": an attack no one is named for is, as ICEWS codes
    it, by unidentified attackers of the country where it happened (sector UAF)."""
    subject, passive = subject_of(verb)
    if pattern.code[:2] not in VIOLENT_ROOTS or not _unnamed_attack(verb, subject, passive,
                                                                    args, kb, pattern.code):
        return []
    # where: named in the subject ("a car bomb in Kabul") or the agent ("by a
    # roadside bomb near Basra"), else where the verb happened
    agent = passive_agent(verb) if passive else None
    phrases = [t for t in (subject, agent) if t is not None]
    inside = [args.place_at(t) for phrase in phrases for t in phrase.subtree]
    place = next((p for p in inside if p is not None), None) or args.place_of(verb)
    if place is None or not place.actor.country:
        return []
    found = as_country(place, "unclaimed-attack")
    actor = replace(found.actor, code=found.actor.code + "UAF", sectors=("UAF",),
                    kind="group", name=f"unidentified attackers ({found.actor.name})")
    return [replace(found, actor=actor)]


HOLDING_CODES = frozenset({"191", "192"})  # blockades and occupations: no casualties


def _unnamed_attack(verb: Any, subject: Any | None, passive: bool, args: Arguments,
                    kb: Knowledge, code: str = "") -> bool:
    """Does ``verb`` tell of an attack (a bombing, an explosion) with no actor named
    as its author: the subject is the attack, or a passive's agent or phrase is?"""
    if not passive:
        return subject is not None and _attack_words(subject, kb) and args.at(subject) is None
    agent = passive_agent(verb)
    if agent is not None:
        return args.at(agent) is None and _attack_words(agent, kb)
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ATTACK_PREPS]
    if any(_attack_words(c, kb) for c in preps):
        return True
    # "Two soldiers were killed in southeastern Turkey": casualties and the place,
    # nothing else said of how ("killed in a car crash" is no attack; "was captured
    # in Belgrade" is no casualty)
    return code not in HOLDING_CODES and subject is not None and args.at(subject) is not None \
        and bool(preps) and all(
        args.place_at(g) is not None for c in preps for g in c.children if g.dep_ == "pobj")


def _attack_words(token: Any, kb: Knowledge) -> bool:
    return any(violent_noun(t, kb) or t.lemma_.lower() in EXPLOSIVES for t in token.subtree)


# Words for what blows up, which name an attack without an author.
EXPLOSIVES = frozenset({"bomb", "explosion", "blast", "device", "ied", "mine", "landmine",
                        "grenade", "explosive", "minefield", "bombing"})


ATTACK_PREPS = frozenset({"in", "during", "by"})


def _attackers(verb: Any, mods: Arguments, kb: Knowledge) -> list[Mention]:
    """ "were killed in an Israeli air strike", "in a Taliban ambush": the actor
    named in the attack that a passive verb happened in."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ATTACK_PREPS):
        phrase = list(prep.subtree)
        following = verb.doc[phrase[-1].i + 1] if phrase[-1].i + 1 < len(verb.doc) else None
        words = phrase + ([following] if following is not None else [])
        if not any(violent_noun(t, kb) for t in words):
            continue
        found = next((m for t in phrase[1:] if (m := mods.at_exact(t)) is not None), None)
        if found is not None:  # "in Syrian and Russian airstrikes": both
            return mods.with_conjuncts(verb.doc[found.start]) or [found]
    return []


def violent_noun(token: Any, kb: Knowledge) -> bool:
    """A word that names an attack (its noun patterns code roots 18 to 20)."""
    patterns = kb.noun_patterns.get(token.lemma_.lower()) or kb.noun_patterns.get(token.lower_)
    return bool(patterns) and any(p.code[:2] in VIOLENT_ROOTS for p in patterns)


def _speaker_mention(token: Any, quotes: list[Quote]) -> Mention | None:
    """'We'/'I' inside a quote is its speaker."""
    quote = quote_at(quotes, token.idx)
    if quote is None or quote.speaker is None:
        return None
    span = Span(token.idx, token.idx + len(token.text), token.text)
    actor = quote.speaker
    return Mention(token.i, token.i + 1, 0, Actor(**{**_fields(actor), "text": token.text,
                                                    "span": span}))


def _fields(actor: Actor) -> dict[str, Any]:
    return {f: getattr(actor, f) for f in actor.__dataclass_fields__}
