"""Who is the source and who the target of a verb: subjects, passive agents,
objects, prepositional objects, inherited subjects, conjunctions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from eventcoder.events.places import PLACE_LABELS
from eventcoder.knowledge import DEFAULT_TARGET_PREPS, Pattern
from eventcoder.mentions import Mention

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
# A verb without a subject of its own takes its governor's.
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp", "ccomp", "pcomp", "oprd"})
RELATIVE_DEPS = frozenset({"relcl", "acl"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# Roots whose target may be the subject of their clause: "demanded that the US
# withdraw", "urged that Iran comply", "warned that Syria would pay", "alleged that
# France helped plan the killings".
CLAUSE_TARGET_ROOTS = frozenset({"02", "10", "11", "13"})


class Arguments:
    """Finds the mentions that fill a verb's slots within one sentence."""

    def __init__(self, mentions: list[Mention], modifiers: bool = False) -> None:
        self.mentions = [m for m in mentions
                         if not m.is_location and (modifiers or not m.is_modifier)]
        self.places = [m for m in mentions if m.is_location]

    def place_of(self, verb: Any) -> Mention | None:
        """A country or capital named as where the verb happened ("protested in Beijing",
        "inspect the refineries in Iran")."""
        for child in verb.children:  # "shelled Aleppo"
            if child.dep_ in ("dobj", "npadvmod") and (place := self.place_at(child)):
                return place
        holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        holders += [g for c in verb.children if c.dep_ == "prep" for g in c.children
                    if g.dep_ == "pobj"]  # "fired at targets in Jericho"
        for child in (c for h in holders for c in h.children):
            if child.dep_ != "prep":
                continue
            for grand in child.children:
                for m in self.places:
                    if grand.dep_ == "pobj" and m.covers(grand.i):
                        return m
        return None

    def place_at(self, token: Any) -> Mention | None:
        return next((m for m in self.places if m.covers(token.i)), None)

    def at(self, token: Any) -> Mention | None:
        """The mention covering ``token``, else the nearest one in its phrase."""
        for m in self.mentions:
            if m.covers(token.i):
                return m
        owner = next((m for c in token.children if c.dep_ == "poss" and c.tag_ != "PRP$"
                      and (m := self.at_exact(c)) is not None), None)
        if owner is not None:  # "Riyadh's new friendship with Tehran": Riyadh's
            return owner
        positions = {t.i for t in _phrase(token)}
        inside = [m for m in self.mentions if m.start in positions or (m.end - 1) in positions]
        owned = [m for m in inside if not _possessor(token.doc, m)]
        inside = owned or inside  # "one of his bodyguards": the bodyguards, not him
        if not inside:
            return None
        # a mention that names a country or a known entity beats a bare sector word
        return min(inside, key=lambda m: (not _specific(m), abs(m.start - token.i)))

    def with_conjuncts(self, token: Any) -> list[Mention]:
        """The mention at ``token`` and at each conjunct of its words ("Syria and Iraq";
        "US and British activists")."""
        first = self.at(token)
        out = [first] if first is not None else []
        words = [token] if first is None else [token.doc[i] for i in range(first.start,
                                                                           first.end)]
        for word in words:
            for conj in (*word.conjuncts, *_state_list(word, self)):
                m = self.at_exact(conj)
                if m is not None and m not in out:
                    out.append(m)
        return out

    def at_exact(self, token: Any) -> Mention | None:
        for m in self.mentions:
            if m.covers(token.i):
                return m
        return None

    def first_in(self, token: Any, exclude: set[int]) -> Mention | None:
        """The first mention in ``token``'s own clause (not in relative or adverbial
        clauses, nor named as a place), skipping positions in ``exclude``."""
        positions = sorted(t.i for t in _own_clause(token) if t.i not in exclude)
        for i in positions:
            for m in self.mentions:
                if m.covers(i):
                    return m
        return None


FALLBACK_STOP_DEPS = frozenset({"relcl", "advcl", "acl", "parataxis", "ccomp", "nsubj",
                                "nsubjpass", "csubj", "appos"})
PLACE_PREPS = frozenset({"in", "at", "near", "across", "inside", "outside", "throughout",
                         "around", "within", "from", "into", "through"})


def _own_clause(token: Any) -> list[Any]:
    """Tokens under ``token`` without descending into other clauses, place phrases
    or an attribution ("according to the Observatory")."""
    return _walk(token, lambda child: child.dep_ in FALLBACK_STOP_DEPS or (
        child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")) or (
        child.dep_ == "prep" and (child.lower_ in PLACE_PREPS and _names_place(child)
                                  or child.lower_ == "according")))


INNER_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})


def _phrase(token: Any) -> list[Any]:
    """``token``'s phrase without the clauses inside it: "a U.S. request (to
    interrogate detainees)"."""
    return _walk(token, lambda child: child.dep_ in INNER_CLAUSE_DEPS)


def _walk(token: Any, skip: Callable[[Any], bool]) -> list[Any]:
    """``token`` and the tokens under it, not descending into children ``skip`` names."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if not skip(c))
    return out


def _names_place(prep: Any) -> bool:
    return any(g.dep_ == "pobj" and g.ent_type_ in PLACE_LABELS for g in prep.children)


def _state_list(word: Any, args: Arguments) -> list[Any]:
    """ "The US, Russia, and Switzerland": parsed as an apposition, it is a list."""
    out = []
    for child in word.children:
        if child.dep_ != "appos":
            continue
        m = args.at_exact(child)
        if m is not None and m.actor.kind in ("state", "metonym"):
            out.extend([child, *child.conjuncts])
    return out


def _possessor(doc: Any, m: Mention) -> bool:
    """A possessive pronoun ("his", "their"): it names the owner, not the thing."""
    return m.end - m.start == 1 and doc[m.start].tag_ == "PRP$"


def _specific(m: Mention) -> bool:
    return bool(m.actor.country or m.actor.entity_id or m.pair)


def subject_of(verb: Any) -> tuple[Any | None, bool]:
    """(subject token, passive?) for ``verb``, inheriting through xcomp/conj/advcl.

    Relative clauses take the noun they modify ("the militants who attacked"),
    participles too ("troops attacking the city"; "rebels backed by Iran" is
    passive); an infinitive ("plans to fight IS") has no subject of its own."""
    current = verb
    controlled = False  # reached through an open complement: "X is scheduled to attend"
    conjuncts_only = True  # reached from ``verb`` through conjuncts alone, if at all
    for _ in range(6):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return _named(current.head), False
                # "X imprisoned them and they were released by Y": a passive conjunct
                # shares the subject, which it is done to
                inherited = current.i != verb.i and verb.dep_ == "conj" and passive_voice(verb)
                return child, inherited or _bare_participle(current)
            if child.dep_ == "nsubjpass":
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return _named(current.head), True
                if controlled:  # "Obama is scheduled to attend": Obama attends
                    return child, passive_voice(verb)
                if current.i != verb.i and verb.dep_ == "conj" and _active_of_its_own(verb):
                    return child, False  # "was indicted and will resign": he resigns
                return child, not _stative(current)
        if current.dep_ in RELATIVE_DEPS:
            return _participle_subject(current)
        controller = _object_controller(current)
        if controller is not None:  # "urged Saudi Arabia to stop": Saudi Arabia stops
            return controller, False
        if current.dep_ in INHERIT_DEPS and current.head.i != current.i:
            # "is scheduled to speak and meet": the conjunct is controlled as well
            controlled = current.dep_ == "xcomp" and (controlled or conjuncts_only)
            conjuncts_only = conjuncts_only and current.dep_ == "conj"
            current = current.head
            continue
        return None, False
    return None, False


def _active_of_its_own(verb: Any) -> bool:
    """A conjunct in the active voice, by its own auxiliary or tense ("... and will
    resign", "... and resigned"), not a participle that shares a passive one ("was
    arrested and charged")."""
    if passive_voice(verb):
        return False
    return any(c.dep_ == "aux" for c in verb.children) or verb.tag_ in ("VBD", "VBZ", "VBP")


# Participles that, with "be" and no "by" phrase, say what the subject does or
# holds, not what is done to it: "Israel is opposed to French mediation" opposes it.
STATIVE_PARTICIPLES = frozenset({"opposed", "committed", "dedicated", "devoted", "allied"})


def passive_voice(verb: Any) -> bool:
    """Does ``verb`` carry a passive auxiliary ("were repelled", "was presented"),
    other than a stative participle's ("is opposed to", see above)?"""
    return any(c.dep_ == "auxpass" for c in verb.children) and not _stative(verb)


def _stative(verb: Any) -> bool:
    return verb.lower_ in STATIVE_PARTICIPLES and not any(
        c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for c in verb.children)


def _named(noun: Any) -> Any:
    """ "Kabila, a lifetime rebel who seized ...": the name the description is in
    apposition to is who did it."""
    return noun.head if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" else noun


SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten"})


def _object_controller(verb: Any) -> Any | None:
    """The object of the verb whose open complement ``verb`` is: "asked Russia to
    withdraw" (not "promised Russia to withdraw")."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i or head.lemma_.lower() in SUBJECT_CONTROL:
        return None
    return next((c for c in head.children if c.dep_ in ("dobj", "obj") and c.i < verb.i), None)


def _bare_participle(verb: Any) -> bool:
    """ "10 soldiers killed in Ukraine", "with ten people killed": a past participle
    with a subject and no "have" is a passive the parser read as active."""
    return verb.tag_ == "VBN" and not any(
        c.dep_ in ("dobj", "obj", "dative", "ccomp", "agent")
        or (c.dep_ == "aux" and c.lemma_.lower() == "have") for c in verb.children)


def _participle_subject(verb: Any) -> tuple[Any | None, bool]:
    if verb.tag_ == "VBN" and not any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return verb.head, True  # "rebels backed by Iran"; not "the coalition bombed Sanaa"
    if verb.tag_ == "VBN":
        return verb.head, False
    if verb.tag_ == "VBG":
        return verb.head, False
    return None, False


def passive_agent(verb: Any) -> Any | None:
    """The "by" phrase of a passive verb (the parser sometimes calls it a plain prep)."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def prep_object(verb: Any, prep: str) -> Any | None:
    """The object of ``verb``'s preposition ``prep``, looking one level into the object."""
    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "attr")
                        or c.dep_ == "nsubjpass" and passive_voice(verb)]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
                for grand in child.children:
                    if grand.dep_ in ("pobj", "pcomp"):
                        return grand
    return None


def direct_object(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "obj"):
            return child
    for child in verb.children:  # "agree to meet X": the object of the open complement
        if child.dep_ == "xcomp":
            for grand in child.children:
                if grand.dep_ == "dobj":
                    return grand
    return None


def target_tokens(verb: Any, pattern: Pattern, passive: bool,
                  subject: Any | None) -> list[Any]:
    """Candidate tokens for the target, best first."""
    if pattern.no_target:
        return []
    out = []
    if passive and subject is not None:
        out.append(subject)
    if pattern.target_prep:
        tok = prep_object(verb, pattern.target_prep)
        if tok is not None:
            out.append(tok)
    obj = direct_object(verb)
    if obj is not None:
        out.append(obj)
    for prep in DEFAULT_TARGET_PREPS:
        if prep == "from" and pattern.code[:2] in ("18", "19", "20"):
            continue  # "rockets fired from Lebanon": where they came from, not at
        tok = prep_object(verb, prep)
        if tok is not None:
            out.append(tok)
    if pattern.code[:2] in CLAUSE_TARGET_ROOTS:
        out.extend(_clause_subjects(verb))
    return out


def _clause_subjects(verb: Any) -> list[Any]:
    """The subjects of ``verb``'s complement clauses ("demanded that X withdraw"),
    or of its object's ("stressed the need that X cooperate")."""
    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return [grand for holder in holders for child in holder.children
            if child.dep_ in ("ccomp", "acl") and child.i > holder.i
            for grand in child.children if grand.dep_ in ("nsubj", "nsubjpass")]


def holding(m: Mention, doc: Any, holdings: frozenset[str]) -> bool:
    """ "Rebel positions", "insurgent strongholds": a sector word modifying a place
    an armed party holds (``holdings``) names the holder."""
    word = doc[m.end - 1]
    return word.dep_ in ("compound", "amod") and word.head.lemma_.lower() in holdings


INSTRUMENT_PREPS = frozenset({"with", "using", "by"})


def instrument(m: Mention, doc: Any) -> bool:
    """A weapon the act was done with ("attacked ... with helicopter gunships")."""
    if m.actor.kind != "weapon":
        return False
    head = next((t.head for t in doc[m.start:m.end] if not m.covers(t.head.i)), None)
    return head is not None and head.lower_ in INSTRUMENT_PREPS


PLACE_OF_EVENT = "place-of-event"  # the target method of a place where it happened


def as_country(place: Mention, method: str = "place-as-target") -> Mention:
    """A place taken as a party stands for its country, not its government."""
    actor = replace(place.actor, code=place.actor.country, sectors=(), kind="state",
                    method=method, confidence=min(place.actor.confidence, 0.5))
    return replace(place, actor=actor)
