"""Short lemma phrases for verbs and verb patterns, the text the model embeds.

A pattern ``impose ~sanction +on`` and a parsed "reimposed sanctions on Iran"
both become plain phrases ("impose sanction on", "reimpose sanction on") so
that their embeddings can be compared. Named words (actors, places) are left
out: the pattern's target slot is an actor, not part of its wording.
"""

from __future__ import annotations

from typing import Any

from eventcoder.knowledge import Pattern

OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "acomp", "oprd", "dative"})
NOUN_MODIFIERS = frozenset({"amod", "compound"})


def pattern_phrase(pattern: Pattern, classes: dict[str, Any]) -> str:
    """'impose ~sanction +on' -> 'impose sanction on' (a class reads as its first member)."""
    words = [pattern.head]
    for word in pattern.words:
        if word.startswith("~"):
            members = list(classes.get(word[1:]) or ())
            word = str(members[0]) if members else word[1:]
        words.append(word.replace("_", " "))
    return " ".join(words)


def verb_phrase(verb: Any, depth: int = 0) -> str:
    """The verb's lemma with its particles, objects and prepositional objects."""
    words = [verb.lemma_.lower()]
    for child in verb.children:
        words.extend(_child_words(child, depth))
    return " ".join(w for w in words if w)


def _child_words(child: Any, depth: int) -> list[str]:
    if child.dep_ == "prt":
        return [child.lower_]
    if child.dep_ in OBJECT_DEPS:
        return _noun_words(child)
    if child.dep_ == "prep":
        objects = [w for g in child.children if g.dep_ == "pobj" for w in _noun_words(g)]
        return [child.lower_, *objects] if objects else []
    if child.dep_ == "xcomp" and depth == 0:  # "continued to send arms"
        return ["to", verb_phrase(child, depth + 1)]
    return []


def _noun_words(token: Any) -> list[str]:
    """A noun's modifiers and lemma; nothing for a named actor or place."""
    if _named(token):
        return []
    mods = [c.lemma_.lower() for c in token.children
            if c.dep_ in NOUN_MODIFIERS and not _named(c)]
    return [*mods, token.lemma_.lower()]


def _named(token: Any) -> bool:
    return token.pos_ in ("PROPN", "PRON", "NUM") or bool(token.ent_type_)
