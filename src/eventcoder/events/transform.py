"""Intended and refused events, coded as CAMEO codes them: "wants to attack"
is a threat (138), "plans to send aid" an intent (033), "will not meet" a
rejection (125). The tables are data: ``data/verbs/transforms.yaml``."""

from __future__ import annotations

from typing import Any

from eventcoder.knowledge import Transforms

FUTURE_AUX = frozenset({"will", "would", "wo", "'ll", "shall"})


def intent_head(verb: Any, heads: frozenset[str]) -> Any | None:
    """The word that makes ``verb`` an intended event ("wants", "ready"), if any."""
    if verb.dep_ != "xcomp" or verb.head is verb:
        return None
    head = verb.head
    return head if head.lemma_.lower() in heads or head.lower_ in heads else None


def _refused(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def transform(verb: Any, code: str, modality: str, reported: bool,
              table: Transforms) -> tuple[str, str]:
    """(code, modality) after intent and refusal are taken into account."""
    root = code[:2]
    said = "reported" if reported else "asserted"
    if modality != "negated" and root in table.intent and \
            intent_head(verb, table.intent_heads) is not None:
        return table.intent[root], said
    if modality == "negated" and root in table.refusal and _refused(verb):
        return table.refusal[root], said
    return code, modality
