"""The events stage: code each sentence of a parsed article into events.

For every verb (and event noun) that a pattern matches: find the source
(subject, passive agent, inherited subject), the targets (object,
prepositional object, conjuncts), the modality and any quote around it, and
build one ``Event`` per (source, target). ``code_doc`` is the only function
that turns a Doc into records; dates and places are left as raw candidates in
``extras`` for the dates and geo stages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from eventcoder.events.implied import DOMESTIC, implied_target
from eventcoder.events.modality import modality_of
from eventcoder.events.nominal import nominal_hits
from eventcoder.events.patterns import match_pattern
from eventcoder.events.places import candidates as _candidates
from eventcoder.events.places import place_candidates
from eventcoder.events.quotes import find_quotes, quote_at
from eventcoder.events.sources import (
    ATTACK_PREPS,
    origin,
    protesters,
    sources_of,
    unclaimed,
    violent_noun,
)
from eventcoder.events.syntax import (
    PLACE_OF_EVENT,
    Arguments,
    direct_object,
    prep_object,
    subject_of,
)
from eventcoder.events.targets import doers, is_vague, same_actor, struck_city, targets_of
from eventcoder.events.transform import (
    VIOLENT_ROOTS,
    accused,
    armed_code,
    demanded,
    intent_head,
    scheduled,
    transform,
    unrest,
)
from eventcoder.knowledge import Knowledge, Pattern, Transforms
from eventcoder.mentions import SENTENCE_ACTORS, Mention, telling
from eventcoder.ontology import cameo
from eventcoder.records import Actor, Event, Quote, Span, actor_key

__all__ = ["code_doc", "find_quotes", "known_party", "place_candidates"]

@dataclass(frozen=True)
class _Hit:
    verb: Any
    pattern: Pattern
    source: Mention
    target: Mention | None
    sentence: int
    args: Arguments
    reciprocal: bool = False


Fallback = Callable[[Any], Pattern | None]
"""Codes a verb that no pattern matched but that has a source and a target
(the learned coder, ``eventcoder.classify``); returns None to code nothing."""

GENERIC = Pattern("010", "", (), None, False, "generic", 0)
# "The Red Cross said US forces must ensure security": whatever Y must do, the
# speaker demands it of Y (the demand code comes from transforms.yaml)
OBLIGED = Pattern("100", "", (), None, True, "transforms.yaml", 0)


def code_doc(doc: Any, mentions: list[Mention], article_id: str, kb: Knowledge,
             max_sentence_tokens: int = 150, fallback: Fallback | None = None,
             implied_targets: bool = True,
             ) -> tuple[list[Event], list[Quote], list[str]]:
    """(events, quotes, debug notes) for one parsed article. ``fallback`` codes
    verbs that no pattern matches, where it is given; ``implied_targets`` gives
    events with no named target the one they are aimed at (events/implied.py)."""
    quotes = find_quotes(doc, mentions, kb.speech_verbs)
    events: list[Event] = []
    notes: list[str] = []
    attacker: Mention | None = None  # the author of the last attack told
    for index, sent in enumerate(doc.sents):
        if len(sent) > max_sentence_tokens:
            notes.append(f"sentence {index} skipped: {len(sent)} tokens (a table or list?)")
            continue
        sent_mentions = [m for m in mentions if m.sentence == index]
        if not sent_mentions:
            continue
        aimed: dict[int, _Hit] = {}  # verb -> its hit with a target, for the verbs it governs
        for hit in _sentence_hits(sent, index, sent_mentions, kb, quotes, fallback):
            hit = _with_attack_author(hit, attacker, kb)
            hit = _with_governing_target(hit, aimed, kb)
            if _toll(hit, aimed):
                continue
            if implied_targets:
                hit = _with_implied_target(hit, sent_mentions, kb)
            if hit.target is not None:
                aimed.setdefault(hit.verb.i, hit)
            events.extend(_build(hit, sent, article_id, kb, quotes))
            if hit.pattern.code[:2] in VIOLENT_ROOTS:
                attacker = hit.source
    return _unique(events), quotes, notes


TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC"})
NAMED_METHODS = frozenset({"ner", "named"})  # a name of its own, not in our knowledge


def known_party(event: Event) -> bool:
    """Can ``event`` be placed: a party of a known country, a named actor (known
    to us or not: "Hassan Idrissi") or a transnational one (UN, Amnesty), or else
    a place with its country where it happened ("government troops attacked
    rebel positions near Aleppo")? "A protester demolished the building" and
    "eight people were killed in an air strike by government forces in a
    rebel-held part of the city" cannot."""
    if event.location is not None and event.location.country:
        return True
    return any(a is not None and (a.country or a.entity_id or a.method in NAMED_METHODS
                                  or (a.code or "")[:3] in TRANSNATIONAL)
               for a in (event.source, event.target))


def _with_attack_author(hit: _Hit, attacker: Mention | None, kb: Knowledge) -> _Hit:
    """ "Terrorists attacked Iraq. The ministers condemned the attack.": an event
    whose object is an attack told before, and no one else, targets its author."""
    if hit.target is not None or attacker is None or same_actor(attacker.actor, hit.source.actor):
        return hit
    obj = direct_object(hit.verb)
    if obj is None or not violent_noun(obj, kb) or hit.args.at(obj) is not None:
        return hit
    if not any(c.lower_ in ("the", "this", "that", "these", "those") for c in obj.children):
        return hit
    return replace(hit, target=attacker)


def _with_governing_target(hit: _Hit, aimed: dict[int, _Hit], kb: Knowledge) -> _Hit:
    """ "Russian missiles hit Kyiv, killing three": the participle's act of the same
    kind (quad class), with no target or subject of its own, falls on its verb's
    target, before any implied one (roots that need a named target keep needing one)."""
    head = aimed.get(hit.verb.head.i)
    if hit.target is not None or hit.verb.dep_ not in ("advcl", "conj") or head is None \
            or hit.pattern.code[:2] in kb.transforms.dyadic \
            or cameo(head.pattern.code).quad_class != cameo(hit.pattern.code).quad_class:
        return hit
    subject, _ = subject_of(hit.verb)
    if subject is not None and subject.head.i == hit.verb.i:
        return hit  # a subject of its own: another act
    return replace(hit, target=head.target)


def _toll(hit: _Hit, aimed: dict[int, _Hit]) -> bool:
    """ "Rebels shelled Juba, killing about 20 people": the participle tells the
    toll of the attack it hangs on (same doer, casualties of no one named), not
    a second attack."""
    head = aimed.get(hit.verb.head.i)
    if head is None or hit.verb.dep_ != "advcl" or hit.verb.tag_ != "VBG" \
            or hit.pattern.code[:2] not in VIOLENT_ROOTS \
            or head.pattern.code[:2] not in VIOLENT_ROOTS:
        return False
    same_doer = same_actor(hit.source.actor, head.source.actor)
    return same_doer and hit.target is not None and is_vague(hit.target)


def _with_implied_target(hit: _Hit, mentions: list[Mention], kb: Knowledge) -> _Hit:
    """An event of a root that needs no named target, with none named, takes the
    one it is implied to be aimed at ("Egyptian demonstrators rioted": Egypt);
    not someone named among those who did it."""
    if hit.target is not None or hit.pattern.code[:2] in kb.transforms.dyadic:
        return hit
    skip = doers(hit.verb)
    doc = hit.verb.doc
    others = [m for m in mentions if not m.covers(hit.source.start)
              and not skip.intersection(range(m.start, m.end))
              and not telling(doc[m.start], kb.speech_verbs)]  # ", Thai police said"
    target = implied_target(hit.verb, hit.source, others, kb)
    return hit if target is None else replace(hit, target=target)


def _sentence_hits(sent: Any, index: int, mentions: list[Mention], kb: Knowledge,
                   quotes: list[Quote], fallback: Fallback | None = None) -> list[_Hit]:
    args = Arguments(mentions)
    mods = Arguments(mentions, modifiers=True)
    hits = []
    coded: set[int] = set()
    heads = kb.transforms.intent_heads
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
            continue
        if _serves(token) and token.head.i in coded and intent_head(token, heads) is None \
                and not scheduled(token, kb.transforms):
            continue  # "agreed to expand trade", "met to discuss": one event, on the first verb
        pattern = _pattern_for(token, kb)
        if pattern is None and fallback is not None and _has_dyad(token, args, mods, quotes):
            pattern = fallback(token)
        if pattern is None and _obliged(token, kb):
            pattern = OBLIGED
        if pattern is None:
            continue
        if pattern.source_prep:
            pairs = _giver_pairs(token, pattern, args, quotes)
            coded.update([token.i] if pairs else [])
            hits.extend(_Hit(token, pattern, s, t, index, args) for s, t in pairs)
            continue
        sources = sources_of(token, args, quotes, mods, kb) or protesters(token, pattern, args) \
            or origin(token, pattern, args) or unclaimed(token, pattern, args, kb)
        if sources:  # with no one acting, its complement may still be coded
            coded.add(token.i)  # ("Obama is scheduled to attend a summit")
        found = [(s, struck_city(t, pattern, kb)) for s in sources
                 for t in targets_of(token, pattern, args, s, mods, kb)]
        if len(sources) >= 2 and _mutual(token, pattern, kb) \
                and all(t is None or not t.actor.code or t.actor.method == PLACE_OF_EVENT
                        for _, t in found):
            # "Hungary and Romania agreed", "Armenia and Azerbaijan signed a peace
            # agreement in Washington": each side acted towards the other
            found = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
            hits.extend(_Hit(token, pattern, a, b, index, args, True) for a, b in found)
            continue
        hits.extend(_Hit(token, pattern, s, t, index, args, _fought_with(token, t, pattern, kb))
                    for s, t in found)
    hits = [h for h in hits if not _arms_clause(h, hits) and not _told_twice(h, hits, kb)]
    # nominal events take modifiers as sources ("Israeli airstrikes")
    for noun, pattern, source, target, reciprocal in nominal_hits(sent, mods, kb,
                                                                  _taken(hits)):
        hits.append(_Hit(noun, pattern, source, target, index, args, reciprocal))
    return hits


def _arms_clause(hit: _Hit, hits: list[_Hit]) -> bool:
    """ "Killed by a rocket fired by Hamas": the firing is the killing's means, told
    in a clause on the attack's phrase, not a second attack."""
    if hit.pattern.code[:2] not in VIOLENT_ROOTS:
        return False
    current = hit.verb
    while current.dep_ in ("xcomp", "acl", "relcl") and current.head.i != current.i:
        current = current.head
        if current.pos_ in ("NOUN", "PROPN"):
            break
    if current.pos_ not in ("NOUN", "PROPN") or current.head.dep_ not in ("agent", "prep"):
        return False
    attack = current.head.head
    return any(other.verb.i == attack.i and other.pattern.code[:2] in VIOLENT_ROOTS
               for other in hits)


# Cooperation is between the parties that cooperate: "Brazil and the United
# States seek to deepen a partnership" is each with the other.
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "08"})


def _mutual(verb: Any, pattern: Pattern, kb: Knowledge) -> bool:
    """Do coordinated subjects of ``verb`` act on each other when no target is named?"""
    if pattern.code[:2] in COOPERATIVE_ROOTS or verb.lemma_.lower() in kb.transforms.mutual:
        return True
    # "Gondor and Osgiliath delayed their meeting": the meeting is between them
    return any(g.dep_ == "poss" and g.lower_ == "their" for c in verb.children
               if c.dep_ in ("dobj", "obj") for g in c.children)


def _told_twice(hit: _Hit, hits: list[_Hit], kb: Knowledge) -> bool:
    """ "Gbagbo announced that he will extend the curfew": the speech verb matched
    its pattern only with the words of the reported clause, whose own verb is
    coded; the act is told once, on that verb."""
    if hit.verb.lemma_.lower() not in kb.speech_verbs:
        return False
    told = [c for c in hit.verb.children if c.dep_ == "ccomp"]
    if not any(other.verb.i == c.i or c.is_ancestor(other.verb) for c in told
               for other in hits if other is not hit):
        return False
    return match_pattern(hit.verb, kb, kb.verb_patterns, told=True) != hit.pattern


def _obliged(verb: Any, kb: Knowledge) -> bool:
    """Is ``verb`` what someone is told they must do, in reported words ("said US
    forces must ensure security")?"""
    if verb.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ in kb.transforms.demand_aux
                                      for c in verb.children):
        return False
    return modality_of(verb, kb.speech_verbs, kb.transforms)[1] is not None


def _fought_with(verb: Any, target: Mention | None, pattern: Pattern, kb: Knowledge) -> bool:
    """ "Police clashed with protesters": each side used force on the other."""
    if target is None or cameo(pattern.code).quad_class != 4 \
            or verb.lemma_.lower() not in kb.transforms.mutual:
        return False
    with_object = prep_object(verb, "with")
    return with_object is not None and target.covers(with_object.i)


def _pattern_for(token: Any, kb: Knowledge) -> Pattern | None:
    """The pattern that codes ``token``, if any. "Wants to attack" is coded once,
    on "attack" (as a threat); "wants Putin to attack" is an appeal to Putin."""
    if _denies_act(token, kb.transforms):
        return Pattern(kb.transforms.denial or "", token.lemma_.lower(), (), None, False,
                       "transforms.yaml", 0)
    if not _intends_event(token, kb):
        return match_pattern(token, kb, kb.verb_patterns)
    if not _object_of_intent(token) or kb.transforms.appeal is None:
        return None
    return Pattern(kb.transforms.appeal, token.lemma_.lower(), (), None, False,
                   "transforms.yaml", 0)


def _denies_act(token: Any, table: Transforms) -> bool:
    """ "denied that its forces attacked", "denied using chemical weapons": a denial
    of an act, not of the things the act names ("deny weapons" is another code)."""
    return table.denial is not None and token.lemma_.lower() in table.denial_heads and any(
        c.dep_ in ("ccomp", "xcomp", "pcomp") and c.pos_ in ("VERB", "AUX")
        for c in token.children)


def _taken(hits: list[_Hit]) -> set[int]:
    """Coded verbs and their attack phrases: nouns there are part of those events
    ("killed in a Taliban ambush": the ambush is the killing's, not a second event)."""
    taken = {hit.verb.i for hit in hits}
    return taken | {p.i for hit in hits for p in hit.verb.children
                    if p.dep_ == "prep" and p.lower_ in ATTACK_PREPS}


def _has_dyad(verb: Any, args: Arguments, mods: Arguments, quotes: list[Quote]) -> bool:
    """Does ``verb`` have a source and a target among the sentence's actors?"""
    if verb.pos_ != "VERB":
        return False
    return any(targets_of(verb, GENERIC, args, s, mods) != [None]
               for s in sources_of(verb, args, quotes))


def _giver_pairs(verb: Any, pattern: Pattern, args: Arguments,
                 quotes: list[Quote]) -> list[tuple[Mention, Mention]]:
    """ "X received aid from Y": Y is the source, X the target."""
    giver = prep_object(verb, pattern.source_prep or "")
    if giver is None:
        return []
    receivers = sources_of(verb, args, quotes)
    return [(g, r) for g in args.with_conjuncts(giver) for r in receivers
            if not same_actor(g.actor, r.actor)]


def _serves(token: Any) -> bool:
    """An open complement or a purpose clause ("to discuss") of its head verb."""
    if token.dep_ == "xcomp":
        return True
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in token.children)


def _intends_event(token: Any, kb: Knowledge) -> bool:
    """ "plans to attack", "is due to visit": the event is the complement's."""
    heads = kb.transforms.intent_heads
    if token.lemma_.lower() not in heads and token.lower_ not in heads and not any(
            scheduled(c, kb.transforms) for c in token.children):
        return False
    return any((c.dep_ == "xcomp" or _infinitive_clause(c)) and match_pattern(
        c, kb, kb.verb_patterns) for c in token.children)


def _infinitive_clause(token: Any) -> bool:
    """ "(wants) Putin to attack", parsed as a clause with its own subject."""
    return token.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in token.children) and any(
        c.dep_ == "nsubj" for c in token.children)


def _object_of_intent(token: Any) -> bool:
    """ "wants Putin to attack": the intent is of someone else, the object."""
    if any(_infinitive_clause(c) for c in token.children):
        return True
    xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
    return xcomp is not None and any(c.dep_ in ("dobj", "obj") and c.i < xcomp.i
                                     for c in token.children)


def _build(hit: _Hit, sent: Any, article_id: str, kb: Knowledge,
           quotes: list[Quote]) -> list[Event]:
    pairs = _pairs(hit, cameo(hit.pattern.code).quad_class)
    modality, speech = modality_of(hit.verb, kb.speech_verbs, kb.transforms)
    attributed = _speaker_of(speech, sent, hit) if speech is not None else None
    code = armed_code(hit.verb, hit.pattern.code, kb.transforms, kb.classes)
    code, modality = transform(hit.verb, code, modality, speech is not None, kb.transforms)
    demand = demanded(hit.verb, code, kb.transforms) if attributed is not None else None
    if demand is not None and attributed is not None:
        # "Bush said China must drop barriers": Bush demands of China
        obliged = list({actor_key(s): s for s, _, _ in pairs
                        if not same_actor(s, attributed)}.values())
        if obliged:
            pairs = [(attributed, o, False) for o in obliged]
            code, modality = demand, "asserted"
    entry = cameo(code)
    quote = quote_at(quotes, hit.verb.idx)
    if entry.root in COUNTERPART_ROOTS:
        pairs = [(_abroad(s, t), _abroad(t, s), r) for s, t, r in pairs]
    out = []
    armed = _armed(hit)
    for source, target, reciprocal in pairs:
        if source.code is None or (target is not None and same_actor(source, target)
                                   and target.method != DOMESTIC) \
                or entry.root == "04" and _own_seat(source, target):
            continue
        if target is None and entry.root in kb.transforms.dyadic:
            continue  # "Russia said on Monday": no one on the other end
        out.append(_event(hit, sent, article_id, source, target,
                          cameo(unrest(source, target, entry.code, armed, kb.transforms)), hit.verb,
                          reciprocal=reciprocal, modality=modality, quote=quote,
                          attributed_to=attributed, method=_method(hit.pattern)))
    accusation = accused(hit.verb, speech, attributed, modality, entry.root, kb.transforms)
    if accusation is not None:
        accused_ones = {actor_key(s): s for s, _, _ in pairs if s.code}.values()
        out.extend(_event(hit, sent, article_id, attributed, source, cameo(accusation), speech,
                          reciprocal=False, modality="asserted", quote=quote,
                          method="accusation")
                   for source in accused_ones if not same_actor(source, attributed))
    return out


def _armed(hit: _Hit) -> bool:
    """Are arms named in the act ("launched missiles", "attacked with guns")?"""
    words = {g.i for c in hit.verb.children if c.dep_ in ("dobj", "obj", "prep")
             for g in c.subtree}
    return any(m.actor.kind in ("projectile", "weapon") and m.start in words
               for m in hit.args.mentions)


# Acts between counterparts: a meeting, a visit, an agreement is with another side.
COUNTERPART_ROOTS = frozenset({"03", "04", "05", "06"})


def _abroad(actor: Actor | None, other: Actor | None) -> Actor | None:
    """ "The Foreign Secretary met the Iraqi Foreign Minister": an agent that took
    its country only from the other side of a meeting is of no known country."""
    if actor is None or other is None or not actor.method.endswith(SENTENCE_ACTORS) \
            or actor.country != other.country or not actor.country:
        return actor
    return replace(actor, code=(actor.code or "")[len(actor.country):] or None, country=None,
                   method=actor.method[:-len(SENTENCE_ACTORS)])


def _own_seat(source: Actor, target: Actor | None) -> bool:
    """ "Erdogan flew to Ankara": the capital standing for one's own government is
    no one to visit or meet."""
    return target is not None and target.kind == "metonym" and target.code == source.code


def _event(hit: _Hit, sent: Any, article_id: str, source: Actor, target: Actor | None,
           entry: Any, word: Any, **rest: Any) -> Event:
    """One Event of ``hit``'s sentence, triggered by ``word``."""
    return Event(
        id=Event.make_id(article_id, hit.sentence, source, target, entry.code),
        article_id=article_id, sentence_index=hit.sentence,
        evidence=Span(sent.start_char, sent.end_char, sent.text),
        trigger=Span(word.idx, word.idx + len(word.text), word.text),
        source=source, target=target, cameo=entry.code, cameo_root=entry.root,
        quad_class=entry.quad_class, goldstein=entry.goldstein, plover=entry.plover,
        confidence=_confidence(source, target, hit), extras=_candidates(word, sent), **rest)


def _pairs(hit: _Hit, quad_class: int) -> list[tuple[Actor, Actor | None, bool]]:
    """(source, target, reciprocal) triples. "The two sides agreed" is reciprocal;
    "the two ministers condemned the attack" is each of them condemning it."""
    if hit.reciprocal and hit.target is not None:
        return [(hit.source.actor, hit.target.actor, True),
                (hit.target.actor, hit.source.actor, True)]
    target = hit.target.actor if hit.target else None
    if hit.source.pair:
        a, b = hit.source.pair
        if target is None and quad_class in (1, 2):
            return [(a, b, True), (b, a, True)]
        return [(a, target, False), (b, target, False)]
    if hit.target is not None and hit.target.pair:
        return [(hit.source.actor, t, False) for t in hit.target.pair]
    return [(hit.source.actor, target, False)]


def _speaker_of(speech: Any, sent: Any, hit: _Hit) -> Actor | None:
    """Who said the words that report the event (None when it is the source)."""
    for child in speech.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            found = hit.args.at(child)
            return found.actor if found is not None else None
    return None


def _method(pattern: Pattern) -> str:
    """How the event was coded: ``pattern:FILE`` or the fallback's own name."""
    return pattern.source if pattern.source.startswith("learned") else f"pattern:{pattern.source}"


def _confidence(source: Actor, target: Actor | None, hit: _Hit) -> float:
    score = 0.5 + 0.1 * min(hit.pattern.specificity, 2)
    score *= (source.confidence + (target.confidence if target else 0.5)) / 2 + 0.3
    return round(min(score, 0.99), 2)


def _unique(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for e in events:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out
