"""Match a verb (or event noun) and the words of its clause against the
pattern dictionaries; the most specific pattern wins."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from eventcoder.events.places import PLACE_LABELS
from eventcoder.events.syntax import passive_voice
from eventcoder.knowledge import Knowledge, Pattern, country_words

# Dependents whose words a pattern may name.
CLAUSE_DEPS = frozenset({
    "prt", "dobj", "prep", "agent", "dative", "attr", "acomp", "xcomp", "advmod", "npadvmod",
    "oprd", "pobj", "compound", "amod", "pcomp", "ccomp", "obj", "nmod", "poss", "aux",
})
SKIP_INTO = frozenset({"nsubj", "nsubjpass", "csubj", "punct", "cc", "conj", "mark", "advcl",
                       "relcl", "appos", "parataxis"})
PLACE_WORD = "@place"  # a pattern word: a named place ("hit @place": "hit Kyiv")


def clause_words(head: Any, depth: int = 3, places: Collection[str] = (),
                 told: bool = False) -> set[str]:
    """Lemmas and lower-case forms of the words that belong to ``head``'s own clause,
    and ``@place`` when it names a place (an NER place, or one of ``places``:
    country names and capitals, which the small NER model sometimes misses).
    A speech verb's (``told``) reported clause is not its own: "announced that he
    will extend the curfew" is coded on "extend", not as announcing a curfew."""
    words: set[str] = set()
    # a passive's subject is what an active verb has as object: "evidence against
    # Russia was presented" is "presented evidence against Russia"; so is the noun a
    # passive participle describes ("a report released by X": "released a report")
    passive = passive_voice(head)
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ in ("NOUN", "PROPN"):
        words.update((head.head.lemma_.lower(), head.head.lower_))
    frontier = [(child, 1) for child in head.children]
    while frontier:
        token, d = frontier.pop()
        if (token.dep_ in SKIP_INTO or token.dep_ not in CLAUSE_DEPS) \
                and not (passive and d == 1 and token.dep_ == "nsubjpass"):
            continue
        if token.dep_ == "prep" and token.lower_ == "according":
            continue  # "according to activists": who told it, not what was done
        if told and d == 1 and token.dep_ == "ccomp":
            continue
        words.add(token.lemma_.lower())
        words.add(token.lower_)
        if token.ent_type_ in PLACE_LABELS or token.pos_ == "PROPN" and token.lower_ in places:
            words.add(PLACE_WORD)
        if d < depth:
            frontier.extend((child, d + 1) for child in token.children)
    return words


def _word_present(word: str, words: set[str], kb: Knowledge) -> bool:
    if word.startswith("~"):
        members = kb.classes.get(word[1:], frozenset())
        return not members.isdisjoint(words)
    if "_" in word:  # a multi-word lemma written with underscores
        return all(part in words for part in word.split("_"))
    return word in words


def _forms(token: Any) -> list[str]:
    """The lemma, then guesses for words the lemmatizer gets wrong ("staged" -> "stag")."""
    low = token.lower_
    forms = [token.lemma_.lower(), low]
    if low.endswith("ed"):
        forms += [low[:-1], low[:-2], low[:-3] if low[-3:-2] == low[-4:-3] else low[:-2]]
    elif low.endswith("ing"):
        forms += [low[:-3] + "e", low[:-3]]
    elif low.endswith("s") and token.pos_ == "VERB":
        forms += [low[:-1], low[:-2]]
    return forms


def match_pattern(head: Any, kb: Knowledge, table: dict[str, tuple[Pattern, ...]],
                  told: bool = False) -> Pattern | None:
    """The best pattern for ``head`` (a verb or noun token), or None. A verb done
    again ("reimposed blockades", "rearrested") takes the plain verb's patterns
    when its own name none that fits: all of them if it has none, else the
    specific ones. ``told``: leave out a reported clause (see clause_words)."""
    forms = _forms(head)
    candidates = next((table[f] for f in forms if f in table), ())
    again = next((table[f[2:]] for f in forms
                  if f.startswith("re") and len(f) > 6 and f[2:] in table), ())
    if candidates:
        again = tuple(p for p in again if p.words)
    if not candidates and not again:
        return None
    words = clause_words(head, places=country_words(kb, ("names", "capitals")), told=told)
    for pattern in (*candidates, *again):  # each sorted most specific first
        if all(_word_present(w, words, kb) for w in pattern.words):
            return pattern
    return None
