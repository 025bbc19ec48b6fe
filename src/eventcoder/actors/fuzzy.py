"""Transliteration-tolerant lookup of names the knowledge base spells otherwise:
"Walid Muallem" / "Walid al-Moallem", "Mouammar Kadhafi" / "Muammar Gaddafi".

Names are folded (no diacritics, no Arabic article, common transliteration
variants merged, doubled letters single) and then compared with difflib among
names whose surname starts alike. Only full names (two words or more) are
looked up; a unique best match is required."""

from __future__ import annotations

import difflib
import re
import unicodedata

from eventcoder.knowledge import Entity, Knowledge

_ARTICLES = re.compile(r"\b(?:al|el|ad|as|ash|an|ar|at|az|ul)[-\s]+")
_DIGRAPHS = re.compile(r"kh|gh|dh|th|ph|ou|oo|ee|ey")
_DIGRAPH_TO = {"kh": "k", "gh": "g", "dh": "d", "th": "t", "ph": "f", "ou": "u", "oo": "u",
               "ee": "i", "ey": "i"}
_LETTERS = str.maketrans({"q": "k", "y": "i", "w": "u", "o": "u", "e": "i", "c": "k",
                          "z": "s", "j": "g"})
_DROP = re.compile(r"['’`ʿʾ.]")
_NON_LETTERS = re.compile(r"[^a-z ]+")
_DOUBLES = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """A spelling-neutral key: 'Mouammar Kadhafi' and 'Muammar Gaddafi' come close."""
    text = name.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NON_LETTERS.sub(" ", _ARTICLES.sub("", _DROP.sub("", text)))
    text = _DIGRAPHS.sub(lambda m: _DIGRAPH_TO[m.group()], text).translate(_LETTERS)
    return " ".join(_DOUBLES.sub(r"\1", text).split())


class FuzzyNames:
    def __init__(self, kb: Knowledge) -> None:
        self.keys: dict[str, set[str]] = {}
        self.by_initial: dict[str, list[str]] = {}
        self.kb = kb
        for entity in kb.entities.values():
            for name in {entity.name, *entity.aliases}:
                if len(name.split()) >= 2:
                    self._add(fold(name), entity.id)

    def _add(self, key: str, entity_id: str) -> None:
        if not key:
            return
        if key not in self.keys:
            self.keys[key] = set()
            self.by_initial.setdefault(key.split()[-1][:1], []).append(key)
        self.keys[key].add(entity_id)

    def lookup(self, text: str, cutoff: float = 0.88) -> Entity | None:
        """The one entity whose name is spelt like ``text``, or None."""
        if len(text.split()) < 2:
            return None
        key = fold(text)
        if not key:
            return None
        found = self.keys.get(key)
        if found is None:
            pool = self.by_initial.get(key.split()[-1][:1], [])
            close = difflib.get_close_matches(key, pool, n=2, cutoff=cutoff)
            found = set().union(*(self.keys[k] for k in close)) if close else set()
        return self.kb.entities[next(iter(found))] if len(found) == 1 else None


_INDEX: dict[int, FuzzyNames] = {}


def fuzzy_names(kb: Knowledge) -> FuzzyNames:
    if id(kb) not in _INDEX:
        _INDEX[id(kb)] = FuzzyNames(kb)
    return _INDEX[id(kb)]
