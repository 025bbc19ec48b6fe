"""Coreference, written for news text (no offline model exists for it):
surnames and titles to the full name introduced earlier, pronouns to the most
recent person, "the ministry"/"the group" to the right antecedent, and
"the two sides" to the last two parties."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from eventcoder.mentions import Mention
from eventcoder.records import Actor, Span

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
PAIR_PHRASES = re.compile(
    r"^(the|both)\s+(two\s+)?(sides|parties|ministers|leaders|countries|presidents|"
    r"delegations|governments|officials|men|states|nations)$",
    re.IGNORECASE,
)
# head noun of a definite description -> kinds of antecedent it can take
DEFINITE_HEADS = {
    "group": ("armed_group", "organization", "igo", "ngo"),
    "organization": ("armed_group", "organization", "igo", "ngo"),
    "organisation": ("armed_group", "organization", "igo", "ngo"),
    "movement": ("armed_group", "organization"),
    "militia": ("armed_group",),
    "council": ("igo", "organization"),
    "body": ("igo", "organization"),
    "alliance": ("igo", "organization", "armed_group"),
    "bloc": ("igo",),
    "agency": ("igo", "organization"),
    "country": ("state", "metonym"),
    "kingdom": ("state", "metonym"),
    "republic": ("state", "metonym"),
}


def _norm(text: str) -> str:
    text = re.sub(r"^(al|el|ad|as|ash|an|ar)[-\s]", "", text.strip().lower())
    return re.sub(r"[^a-z]", "", text)


def _surnames(actor: Actor) -> set[str]:
    names = {actor.name, actor.text}
    out = set()
    for name in names:
        parts = name.split()
        if len(parts) >= 2:
            out.add(_norm(parts[-1]))
            out.add(_norm(" ".join(parts[-2:])))
    return {s for s in out if len(s) > 2}


def link_names(mentions: list[Mention]) -> list[Mention]:
    """A bare surname ("Lavrov", "al-Moallem") takes the person named in full before."""
    people: list[Actor] = []
    out = []
    for m in mentions:
        a = m.actor
        if a.kind in ("person", "organization") and a.method == "ner":
            key = _norm(_strip_titles(a.text))
            match = next((p for p in reversed(people) if key and key in _surnames(p)), None)
            if match is not None:
                m = replace(m, actor=_adopt(match, a.span, "coref-name", 0.8))
        if m.actor.kind == "person" and (m.actor.entity_id or m.actor.code):
            people.append(m.actor)
        out.append(m)
    return out


def _strip_titles(text: str) -> str:
    return re.sub(r"^((dr|mr|mrs|ms|gen|sheikh|president|minister)\.?\s+)+", "", text,
                  flags=re.IGNORECASE)


def _adopt(antecedent: Actor, span: Span, method: str, confidence: float) -> Actor:
    return replace(antecedent, text=span.text, span=span, method=method,
                   confidence=min(confidence, antecedent.confidence))


def pronoun_mentions(doc: Any, mentions: list[Mention],
                     speech_verbs: frozenset[str] = frozenset()) -> list[Mention]:
    """Mentions for he/she/his/her, each tied to the most recent person."""
    by_start = sorted(mentions, key=lambda m: m.start)
    out = []
    for token in doc:
        if token.lower_ in REPORTED_PRONOUNS and token.pos_ == "PRON":
            speaker = _reporting_subject(token, by_start, speech_verbs)
            if speaker is not None:  # "Israel said it would...", "the rebels said they..."
                span = Span(token.idx, token.idx + len(token.text), token.text)
                actor = _adopt(speaker.actor, span, "coref-pronoun", 0.7)
                out.append(Mention(token.i, token.i + 1, _sent_index(doc, token), actor))
            continue
        if token.lower_ not in PERSON_PRONOUNS or token.pos_ != "PRON":
            continue
        prior = [m for m in by_start if m.end <= token.i and m.actor.kind == "person"
                 and (m.actor.entity_id or m.actor.code)
                 and token.sent.start - 60 <= m.start]
        if not prior:
            continue
        span = Span(token.idx, token.idx + len(token.text), token.text)
        actor = _adopt(prior[-1].actor, span, "coref-pronoun", 0.6)
        out.append(Mention(token.i, token.i + 1, _sent_index(doc, token), actor))
    return out


REPORTED_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})


def _reporting_subject(token: Any, mentions: list[Mention],
                       speech_verbs: frozenset[str]) -> Mention | None:
    """ "Israel said it would ...", "Israel said a mortar was fired at it": a
    pronoun argument of a reported clause is the one who said it."""
    clause = token.head
    if token.dep_ == "pobj" and clause.dep_ == "prep":
        clause = clause.head  # "Israel said a mortar bomb was fired at it"
    elif token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
        return None
    speech = clause.head
    if speech.lemma_.lower() not in speech_verbs:
        return None
    for child in speech.children:
        if child.dep_ == "nsubj" and child.i < token.i:
            found = next((m for m in mentions if m.covers(child.i)), None)
            if found is not None and not found.is_location and found.actor.code:
                return found
    return None


def definite_mentions(mentions: list[Mention], doc: Any) -> list[Mention]:
    """Resolve "the ministry", "the group", "the two sides" to what they refer to."""
    out: list[Mention] = []
    for m in mentions:
        text = _with_determiner(doc, m).lower()
        if is_pair_phrase(text):
            pair = _last_pair(out, text.split()[-1])
            out.append(replace(m, pair=pair) if pair else m)
            continue
        if m.actor.code is None or m.actor.country is None:
            antecedent = _antecedent(text, m.actor, out)
            if antecedent is not None:
                m = replace(m, actor=_adopt(antecedent, m.actor.span, "coref-definite", 0.7))
        out.append(m)
    return out


# Heads of "the group said": words too plain to be actor names of their own.
PLAIN_HEADS = frozenset({"group", "movement", "organization", "organisation", "militia",
                         "alliance", "bloc"})


def head_mentions(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Mentions for "the group", "the movement" that no name covers, each tied to
    the last actor of a fitting kind named before it ("Hamas ... the group")."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    prior = sorted(mentions, key=lambda m: m.start)
    out = []
    for token in doc:
        if token.lower_ not in PLAIN_HEADS or token.pos_ != "NOUN" or token.i in covered \
                or token.i == 0 or doc[token.i - 1].lower_ not in ("the", "this"):
            continue
        span = Span(token.idx, token.idx + len(token.text), token.text)
        before = [m for m in prior if m.end <= token.i]
        antecedent = _antecedent(f"the {token.lower_}", Actor(token.text, span, token.text),
                                 before)
        if antecedent is not None:
            actor = _adopt(antecedent, span, "coref-definite", 0.6)
            out.append(Mention(token.i, token.i + 1, _sent_index(doc, token), actor))
    return out


def _with_determiner(doc: Any, m: Mention) -> str:
    """The mention's words with the determiners before it ("the two sides")."""
    start = m.start
    while start > 0 and doc[start - 1].lower_ in ("the", "both", "two", "this", "that"):
        start -= 1
    return doc[start:m.end].text


def _antecedent(text: str, actor: Actor, prior: list[Mention]) -> Actor | None:
    if re.match(r"^(the|this|that)\s", text) and actor.kind == "person" and actor.role \
            and actor.entity_id is None:
        return _title_holder(actor.role, prior)  # "the Foreign Secretary" named before
    if not re.match(r"^(the|this|that)\s", text) or any(
            w[:1].isupper() for w in actor.text.split()[1:]):
        return None  # only "the ministry", "the group": not "the UN Security Council"
    head = text.split()[-1]
    kinds = DEFINITE_HEADS.get(head)
    for earlier in reversed(prior):
        cand = earlier.actor
        if earlier.is_location or earlier.pair or cand.code is None:
            continue
        if kinds and cand.kind in kinds:
            return cand
        if not kinds and head in cand.text.lower().split() and cand is not actor:
            return cand
    return None


def _title_holder(role: str, prior: list[Mention]) -> Actor | None:
    """The last person named before with this title ("Foreign Secretary Boris
    Johnson ... the Foreign Secretary said")."""
    for earlier in reversed(prior):
        cand = earlier.actor
        if cand.kind == "person" and cand.entity_id and cand.country \
                and (cand.role or "").lower() == role.lower():
            return cand
    return None


PAIR_HEADS = frozenset({"sides", "parties", "ministers", "leaders", "countries", "presidents",
                        "delegations", "governments", "states", "nations", "premiers"})


def pair_mentions(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Mentions for "the two sides", "both countries" where no mention covers them."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    ordered = sorted(mentions, key=lambda m: m.start)
    out = []
    for token in doc:
        if token.lower_ not in PAIR_HEADS or token.i in covered or token.i < 2:
            continue
        start = token.i - 2 if doc[token.i - 1].lower_ == "two" else token.i - 1
        words = doc[start:token.i + 1]
        if not is_pair_phrase(words.text):
            continue
        prior = [m for m in ordered if m.end <= start]
        pair = _last_pair(prior, token.lower_)
        if pair is None:
            continue
        span = Span(words.start_char, words.end_char, words.text)
        actor = Actor(text=words.text, span=span, name=words.text, kind="group",
                      confidence=0.6, method="coref-pair")
        out.append(Mention(start, token.i + 1, _sent_index(doc, token), actor, pair=pair))
    return out


PERSON_PAIRS = frozenset({"ministers", "leaders", "presidents", "premiers", "delegations",
                          "officials", "men"})


def is_pair_phrase(text: str) -> bool:
    """ "the two sides", "both countries", "the ministers": yes; "the countries": no."""
    if not PAIR_PHRASES.match(text):
        return False
    words = text.lower().split()
    return "two" in words or words[0] == "both" or words[-1] in PERSON_PAIRS


def _last_pair(prior: list[Mention], head: str = "sides") -> tuple[Actor, Actor] | None:
    """The last two parties named before: people for "the two ministers", any
    government, state or person with a known country or identity for "the two sides"."""
    seen: dict[str, Actor] = {}
    for earlier in reversed(prior):
        if earlier.pair:
            return earlier.pair
        a = earlier.actor
        if earlier.is_location or earlier.is_modifier or not (a.country or a.entity_id):
            continue
        if a.kind == "armed_group" or "REB" in a.sectors:
            continue
        if head in PERSON_PAIRS and a.kind != "person":
            continue
        key = a.entity_id or a.code
        if key not in seen:
            seen[key] = a
        if len(seen) == 2:
            second, first = list(seen.values())
            return first, second
    return None


def _sent_index(doc: Any, token: Any) -> int:
    for i, sent in enumerate(doc.sents):
        if sent.start <= token.i < sent.end:
            return i
    return 0
