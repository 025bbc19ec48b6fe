"""Modality of an event clause (PLOVER's auxiliary modes): negated, future or
intended, hypothetical, reported, asserted."""

from __future__ import annotations

from typing import Any

from eventcoder.events.transform import scheduled
from eventcoder.knowledge import Transforms

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "can", "should", "ca", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"not", "n't", "never", "no"})


def _aux_words(verb: Any) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
               for c in verb.children)


def modality_of(verb: Any, speech_verbs: frozenset[str],
                heads: Transforms) -> tuple[str, Any | None]:
    """(modality, speech verb token or None) for the clause headed by ``verb``;
    ``heads`` gives the intent and demand words (data/verbs/transforms.yaml)."""
    chain = [verb]
    current = verb
    while current.dep_ in ("xcomp", "conj", "acomp", "ccomp", "advcl", "pcomp") \
            and current.head.i != current.i and len(chain) < 6:
        current = current.head
        chain.append(current)
    if any(_negated(v) for v in chain[:2]):
        return "negated", None
    claimed = _denied_or_claimed(chain, heads)
    if claimed is not None:
        return claimed, None
    for v in chain:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in v.children):
            return "hypothetical", None
        if v.lemma_.lower() in speech_verbs and v is not verb:
            break
    if _asked_for(chain, heads):
        return "hypothetical", None  # asked for, not done
    speech = _speech_ancestor(chain, verb, speech_verbs)
    aux = _aux_words(verb)
    if speech is not None and "would" in aux:
        aux = (aux - {"would"}) | {"will"}  # reported speech: "said it would" is its "will"
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical", speech
    if aux & FUTURE_AUX or _intended(chain, heads.intent_heads) or scheduled(verb, heads):
        return "future", speech
    if speech is not None:
        return "reported", speech
    return "asserted", None


def _denied_or_claimed(chain: list[Any], heads: Transforms) -> str | None:
    """ "negated" for what a denial denies ("denied that its forces attacked", "denied
    attacking", "denied allegations that soldiers killed"), "reported" for the content
    of a claim no one denies ("allegations that soldiers killed civilians")."""
    clause = next((v for v in chain if v.dep_ != "conj"), chain[-1])
    above = clause.head
    if clause.dep_ in ("ccomp", "xcomp", "pcomp") and above.lemma_.lower() in heads.denial_heads:
        return "negated"
    if clause.dep_ in ("acl", "ccomp") and above.pos_ == "NOUN" \
            and above.lemma_.lower() in heads.claim_nouns:
        return "negated" if above.head.lemma_.lower() in heads.denial_heads else "reported"
    return None


def _intended(chain: list[Any], intent_heads: frozenset[str]) -> bool:
    """Is the clause the open complement of an intent ("plans to attack", "is ready
    to talk"), not just under such a word ("set off a bomb, killing eight")?"""
    return any(below.dep_ == "xcomp" and above.lemma_.lower() in intent_heads
               for below, above in zip(chain, chain[1:3], strict=False))


def _asked_for(chain: list[Any], heads: Transforms) -> bool:
    """Is the clause the complement of a demand ("urged X to stop bombing Y")?"""
    for below, above in zip(chain, chain[1:3], strict=False):
        if below.dep_ not in ("ccomp", "xcomp"):
            return False
        if above.lemma_.lower() in heads.demand_heads:
            return True
        if above.lemma_.lower() in heads.intent_heads and (any(
                c.dep_ in ("dobj", "obj") and c.i < below.i for c in above.children)
                or any(c.dep_ == "nsubj" for c in below.children)):
            return True  # "wants Putin to attack": Putin's attack is wished for
    return False


def _speech_ancestor(chain: list[Any], verb: Any, speech_verbs: frozenset[str]) -> Any | None:
    for v in chain[1:]:
        if v.lemma_.lower() in speech_verbs:
            return v
    return None
