"""The learned coder: codes a verb that no dictionary pattern matches.

The verb's phrase ("reimpose blockade in") is embedded with MiniLM and
compared with the embeddings of the project's own verb patterns ("impose
blockade"); the nearest pattern's CAMEO code is taken when it is close
enough (``min_similarity``, fitted by ``scripts/train_learned.py`` and kept in
``data/models/minilm_fallback.json``), else nothing is coded. It plugs into
the events stage as its ``fallback``; without the ``learned`` extra the rule
path runs alone.

>>> coder = fallback_for(load_settings(), knowledge(()))  # doctest: +SKIP
>>> coder(verb_token)  # doctest: +SKIP
Pattern(code='191', head='reimpose', ..., source='learned:minilm', ...)
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventcoder.classify.model import INSTALL_HINT, available, embed, embed_cached, load_encoder
from eventcoder.classify.phrases import pattern_phrase, verb_phrase
from eventcoder.errors import ConfigError
from eventcoder.knowledge import Knowledge, Pattern

__all__ = ["LearnedCoder", "Neighbour", "Params", "fallback_for", "read_params"]

log = logging.getLogger("eventcoder")

METHOD = "learned:minilm"
SEEN_LIMIT = 50_000
MAIN_CLAUSE = frozenset({"ROOT", "conj", "ccomp", "xcomp"})
"""Verbs the coder may code. On relative, adverbial and participle clauses
("refugees fleeing the war", "guerrillas operating in Macedonia") the nearest
pattern was mostly wrong on the development data."""


@dataclass(frozen=True)
class Params:
    """What training decided (data/models/minilm_fallback.json)."""

    min_similarity: float
    model: str = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Neighbour:
    """The pattern phrase nearest to a verb's phrase."""

    phrase: str
    code: str
    similarity: float


def read_params() -> Params:
    path = resources.files("eventcoder") / "data" / "models" / "minilm_fallback.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return Params(min_similarity=float(data["min_similarity"]), model=str(data["model"]))


class LearnedCoder:
    """Nearest pattern phrase by MiniLM embedding; call it with a verb token."""

    def __init__(self, kb: Knowledge, params: Params, encoder: Any = None) -> None:
        self.params = params
        self.encoder = encoder if encoder is not None else load_encoder()
        self.phrases, self.codes = pattern_index(kb)
        self.vectors = embed_cached(self.encoder, self.phrases)
        self._seen: dict[str, Neighbour] = {}  # news repeats its phrases ("tell reporter")

    def nearest(self, phrases: list[str]) -> list[Neighbour]:
        """The nearest pattern phrase to each of ``phrases``."""
        scores = embed(self.encoder, phrases) @ self.vectors.T
        best = scores.argmax(axis=1)
        return [Neighbour(self.phrases[j], self.codes[j], float(scores[i, j]))
                for i, j in enumerate(best)]

    def neighbour_of(self, verb: Any) -> Neighbour | None:
        """The nearest pattern to a main-clause verb; None for other verbs."""
        if verb.dep_ not in MAIN_CLAUSE:
            return None
        phrase = verb_phrase(verb)
        if phrase not in self._seen:
            if len(self._seen) >= SEEN_LIMIT:
                self._seen.clear()
            self._seen[phrase] = self.nearest([phrase])[0]
        return self._seen[phrase]

    def __call__(self, verb: Any) -> Pattern | None:
        found = self.neighbour_of(verb)
        if found is None or found.similarity < self.params.min_similarity:
            return None
        return Pattern(found.code, verb.lemma_.lower(), (), None, False, METHOD, 0)


def pattern_index(kb: Knowledge) -> tuple[list[str], list[str]]:
    """(phrases, codes) of the verb patterns, one entry per distinct phrase, the
    first-listed pattern's code winning. Patterns whose source is a preposition's
    object ("receive aid from") are left out: the fallback cannot say so."""
    first: dict[str, Pattern] = {}
    for patterns in kb.verb_patterns.values():
        for pattern in patterns:
            if pattern.source_prep:
                continue
            phrase = pattern_phrase(pattern, kb.classes)
            if phrase not in first or pattern.order < first[phrase].order:
                first[phrase] = pattern
    phrases = sorted(first)
    return phrases, [first[p].code for p in phrases]


def fallback_for(settings: dict[str, Any], kb: Knowledge) -> LearnedCoder | None:
    """The learned coder when ``coding.learned`` asks for it, else None.

    ``learned: auto`` uses it when the extra is installed; ``true`` insists
    (ConfigError with the install hint when it is missing); ``false`` never."""
    wanted = settings.get("coding", {}).get("learned", False)
    if wanted is False or wanted is None:
        return None
    if not available():
        if wanted == "auto":
            log.debug("coding.learned: the learned extra is not installed; rules only")
            return None
        raise ConfigError(f"coding.learned is on but {INSTALL_HINT}")
    return LearnedCoder(kb, read_params())
