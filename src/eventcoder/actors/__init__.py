"""The actors stage: find every actor mention in a parsed article and resolve
it to a canonical actor (knowledge base, composition, coreference).

Entry point: ``find_mentions(doc, when)``; ``mentions_to_actors`` turns them
into ``Actor`` records for output.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from eventcoder.actors.coref import (
    definite_mentions,
    head_mentions,
    link_names,
    pair_mentions,
    pronoun_mentions,
)
from eventcoder.actors.matcher import ActorMatcher
from eventcoder.actors.resolve import (
    HOSTED_AGENTS,
    LOCATIVE_PREPS,
    find_runs,
    is_locative,
    is_modifier,
    resolve_run,
)
from eventcoder.knowledge import Knowledge, knowledge
from eventcoder.mentions import SENTENCE_ACTORS, SENTENCE_PLACE, Mention, telling
from eventcoder.records import Actor, Span

__all__ = ["find_mentions", "mentions_to_actors", "place_spans", "sentence_indexes"]


_MATCHERS: dict[tuple[int, int], ActorMatcher] = {}


def get_matcher(nlp: Any, kb: Knowledge) -> ActorMatcher:
    """One matcher per (pipeline, knowledge) pair, built on first use."""
    key = (id(nlp), id(kb))
    if key not in _MATCHERS:
        _MATCHERS[key] = ActorMatcher(nlp, kb)
    return _MATCHERS[key]


def sentence_indexes(doc: Any) -> list[int]:
    """Sentence number of every token."""
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def _is_cased(doc: Any) -> bool:
    """Lower-cased corpora (some scraped archives) cannot rely on capitals."""
    sents = list(doc.sents)[:20]
    return not sents or sum(s[0].text[:1].isupper() for s in sents) / len(sents) >= 0.3


def find_mentions(doc: Any, when: date | None, kb: Knowledge | None = None,
                  nlp: Any = None) -> list[Mention]:
    """Every actor mention in ``doc``, in text order, resolved on date ``when``."""
    kb = kb or knowledge()
    if nlp is None:
        from eventcoder.nlp import load_nlp
        from eventcoder.settings import default_settings

        nlp = load_nlp(default_settings()["nlp"]["model"])
    units = get_matcher(nlp, kb).units(doc, cased=_is_cased(doc))
    sent_of = sentence_indexes(doc)
    mentions = []
    for run in find_runs(doc, units):
        actor = resolve_run(doc, run, kb, when)
        if actor is None:
            continue
        mentions.append(Mention(run.start, run.end, sent_of[run.start], actor,
                                is_location=is_locative(doc, run, actor),
                                is_modifier=is_modifier(doc, run)))
    mentions = _share_agents(doc, mentions, kb)
    places = _place_mentions(doc, mentions, sent_of)
    taken = {i for m in places for i in range(m.start, m.end)}
    mentions = [m for m in mentions if m.actor.code or not taken & set(range(m.start, m.end))]
    mentions += places
    mentions = link_names(mentions)
    mentions = definite_mentions(mentions, doc)
    mentions += head_mentions(doc, mentions)
    mentions = _sentence_country(doc, mentions, kb.speech_verbs)
    # "Israel said it would ...", "Israel denied it had ...": the pronoun is the speaker
    mentions += pronoun_mentions(doc, mentions, kb.speech_verbs | kb.transforms.denial_heads)
    mentions += pair_mentions(doc, mentions)
    return sorted(mentions, key=lambda m: m.start)


def _share_agents(doc: Any, mentions: list[Mention], kb: Knowledge) -> list[Mention]:
    """ "US and British activists": the nationality coordinated with another one
    shares its agent, giving two actors (USA activists, British activists); with a
    named group it shares only the agent word ("Israeli and Hamas leaders": the
    Israeli leaders, not Israeli members of Hamas)."""
    out = list(mentions)
    for n, m in enumerate(mentions):
        if not m.is_modifier or m.actor.kind not in ("state", "group") or not m.actor.country:
            continue
        partner = _coordinated_actor(doc, m, mentions)
        if partner is None:
            continue
        a = partner.actor
        agent_code, sectors, kind = (a.code or "")[len(a.country or ""):], a.sectors, a.kind
        if a.entity_id is not None:
            agent = kb.agents.get(doc[partner.end - 1].lower_)
            if agent is None:
                continue
            agent_code, sectors, kind = agent.code, (agent.code[:3],), agent.kind
        actor = replace(m.actor, code=m.actor.country + agent_code, sectors=sectors,
                        kind=kind, role=a.role if a.entity_id is None else None,
                        method="composed-shared")
        out[n] = replace(m, actor=actor, is_modifier=False)
    return out


# Sectors whose members are, with no place named, of the one country of the actors
# their sentence names: the state's offices and the people of its politics. Not the
# armed (soldiers, rebels), civilians or refugees, who are often of the other side.
DOMESTIC = frozenset({"GOV", "JUD", "LEG", "OPP", "PTY", "ELI", "COP", "SPY", "MED", "BUS",
                      "LAB", "EDU", "HLH", "AGR"})


# Words for peoples and blocs of no one country, which the small NER often misses.
BLOCS = frozenset({"western", "arab", "islamic", "muslim", "european", "african", "asian",
                   "foreign", "international", "gulf", "nordic", "kurdish", "jewish",
                   "christian", "shiite", "shia", "sunni", "ethnic"})


def _sentence_country(doc: Any, mentions: list[Mention],
                      speech_verbs: frozenset[str] = frozenset()) -> list[Mention]:
    """ "Police fired tear gas at protesters in Cairo": an agent with no country of
    its own is of the country where its sentence happens, when the sentence names
    places of one country only. Rebels and refugees too: on the development data
    ("guerrillas ... in Western Cambodia", "refugees fleeing the war in Liberia")
    they are more often of the place than from elsewhere. Not projectiles: shells
    that fall in Jericho are whoever fired them. With no place named, the one
    country of the sentence's actors serves ("Venezuela's government released five
    political prisoners", "Tunisia's president dismissed the prime minister"), for
    the domestic sectors only: "Israeli troops killed three civilians (militants)",
    "Poland will not accept migrants" say nothing of whose they are. Who told of
    it is not where it happened (", relief officials in Nairobi said")."""
    placed: dict[int, set[str]] = {}
    acting: dict[int, set[str]] = {}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if telling(doc[m.start], speech_verbs):
            continue
        if m.actor.country and (m.is_location or _placed(doc, m)):
            placed.setdefault(m.sentence, set()).add(m.actor.country)
        elif m.actor.country and not _topic(doc, m, covered):
            acting.setdefault(m.sentence, set()).add(m.actor.country)
    return [_resident(doc, m, placed.get(m.sentence)) or _teller(doc, m, acting, speech_verbs)
            or _with_country(m, placed.get(m.sentence),
                             None if _peopled(doc, m) else acting.get(m.sentence))
            for m in mentions]


def _teller(doc: Any, m: Mention, acting: dict[int, set[str]],
            speech_verbs: frozenset[str]) -> Mention | None:
    """ "France is ready to send troops to Liberia, Defence Minister Pierre Joxe
    said": who tells of it speaks for the sentence's actors rather than for where
    it happens; with no such actor, the place serves ("..., officials said")."""
    if not telling(doc[m.start], speech_verbs) or _peopled(doc, m):
        return None
    found = _with_country(m, None, acting.get(m.sentence), any_sector=True)
    return found if found is not m else None


def _resident(doc: Any, m: Mention, placed: set[str] | None) -> Mention | None:
    """ "Ethnic Albanians in south Serbia": an ethnic group is of the country it
    lives in when its sentence places it in one other country (as PLOVER's and
    ICEWS's coders do); else it keeps its people's country."""
    a = m.actor
    if m.start == 0 or doc[m.start - 1].lower_ != "ethnic" or a.sectors \
            or not a.country or not placed or len(placed) != 1 or a.country in placed:
        return None
    country = next(iter(placed))
    return replace(m, actor=replace(a, code=country + "CVL", country=country, sectors=("CVL",),
                                    entity_id=None, method=a.method + "+residence",
                                    confidence=a.confidence * 0.8))


def _peopled(doc: Any, m: Mention) -> bool:
    """Does the mention name a people or bloc of its own, one with no country code
    ("Arab and Islamic leaders", "Western diplomats")?"""
    words = [doc[i] for i in range(m.start, m.end)]
    words += [c for c in doc[m.end - 1].children if c.dep_ in ("amod", "compound", "nmod")]
    return any(t.ent_type_ == "NORP" or t.lower_ in BLOCS for t in words)


def _with_country(m: Mention, placed: set[str] | None, acting: set[str] | None,
                  any_sector: bool = False) -> Mention:
    """``m`` of the one country its sentence happens in (``placed``), else of the one
    country of its actors (``acting``: for the domestic sectors, or ``any_sector``)."""
    a = m.actor
    if a.country is not None or a.entity_id is not None or not a.sectors \
            or a.kind == "projectile" or m.is_location or m.is_modifier:
        return m
    only = placed or (acting if any_sector or a.sectors[0] in DOMESTIC else None) or set()
    if len(only) != 1:
        return m
    country = next(iter(only))
    how = SENTENCE_PLACE if placed else SENTENCE_ACTORS
    return replace(m, actor=replace(a, code=country + (a.code or ""), country=country,
                                    method=a.method + how, confidence=a.confidence * 0.8))


def _topic(doc: Any, m: Mention, covered: set[int]) -> bool:
    """A country named as what something is about or whose it is, not as someone
    who acts: "China's assistance", "Russian gas", "Syrian territory"."""
    if m.actor.sectors:
        return False
    head = doc[m.end - 1]
    return m.is_modifier or (head.dep_ in ("poss", "amod", "compound")
                             and head.head.i not in covered)


def _placed(doc: Any, m: Mention) -> bool:
    """An actor placed by its own words ("people in Lagos", "rebels in Syria"), not
    a guest there ("the US embassy in Cairo")."""
    words = {doc[i].lower_ for i in range(m.start, m.end)}
    return not words & HOSTED_AGENTS and any(
        doc[i].lower_ in LOCATIVE_PREPS for i in range(m.start + 1, m.end - 1))


def _coordinated_actor(doc: Any, m: Mention, mentions: list[Mention]) -> Mention | None:
    for token in doc[m.start:m.end]:
        for conj in token.conjuncts:
            other = next((x for x in mentions if x.covers(conj.i) and x is not m), None)
            if other is not None and other.actor.sectors and other.actor.country:
                return other
    return None


def _place_mentions(doc: Any, mentions: list[Mention], sent_of: list[int]) -> list[Mention]:
    """Named places that are not countries or capitals ("in Zurich"), as locations
    standing for their country; the article's countries decide ambiguous names."""
    from eventcoder.gazetteer import best_place, named_as_place, whole_name

    covered = {i for m in mentions if m.actor.code for i in range(m.start, m.end)}
    unknown = {i for m in mentions if not m.actor.code for i in range(m.start, m.end)}
    countries = frozenset(m.actor.country for m in mentions if m.actor.country)
    out = []
    for ent in doc.ents:
        if covered & set(range(ent.start, ent.end)):
            continue
        introduced = named_as_place(doc, ent.start) or _org_in_place(doc, ent)
        if unknown & set(range(ent.start, ent.end)) and not introduced:
            continue
        if ent.label_ not in ("GPE", "LOC", "FAC", "NORP") and not introduced:
            continue
        if ent.text.isupper() and len(ent.text) <= 4:
            continue  # an acronym ("BAK") is not a small town of the same name
        if introduced:  # "the village of Kafr Qaddum", however the NER cut it
            ent = whole_name(ent)
        place = best_place(ent.text, countries)
        if place is None or place.country is None:
            continue
        if ent.label_ == "NORP" and not introduced and place.population < NORP_PLACE_MIN:
            continue  # an unknown people's name, not a town that happens to share it
        span = Span(ent.start_char, ent.end_char, ent.text)
        actor = Actor(text=ent.text, span=span, name=place.name, code=place.country,
                      kind="place", country=place.country, confidence=0.5, method="gazetteer")
        out.append(Mention(ent.start, ent.end, sent_of[ent.start], actor, is_location=True))
    return out


def _org_in_place(doc: Any, ent: Any) -> bool:
    """ "a shootout in Sinaloa", which the small NER calls an organisation: a name
    right after "in" that the gazetteer knows as a province or town of that name."""
    from eventcoder.gazetteer import gazetteer

    if ent.label_ != "ORG" or ent.start == 0 or doc[ent.start - 1].lower_ not in ("in", "near"):
        return False
    g = gazetteer()
    return any(g.called(p, ent.text) and (p.precision == "admin1"
                                          or p.population >= ORG_PLACE_MIN)
               for p in g.lookup(ent.text))


# The small parser sometimes labels a city NORP ("shelled Aleppo"); a NORP name
# that is no nationality we know is taken as a place only for a sizeable city.
NORP_PLACE_MIN = 100_000
ORG_PLACE_MIN = 50_000  # likewise a town the NER calls an organisation, after "in"


def place_spans(doc: Any, mentions: list[Mention]) -> list[Span]:
    """Every place named in the text: named places and countries named as places."""
    spans = {(m.actor.span.start, m.actor.span.end): m.actor.span for m in mentions
             if m.is_location}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            covered = any(m.start <= ent.start < m.end and not m.is_location for m in mentions)
            if not covered:
                spans[(ent.start_char, ent.end_char)] = Span(ent.start_char, ent.end_char,
                                                             ent.text)
    return [spans[k] for k in sorted(spans)]


def mentions_to_actors(mentions: list[Mention]) -> list[Actor]:
    """The Actor records of the mentions that act (places named in passing excluded)."""
    return [m.actor for m in mentions
            if not (m.is_location or m.is_modifier) and (m.actor.code or m.actor.name)]
