"""Find the knowledge base's phrases in a Doc: named entities, countries and
agents, longest match first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.matcher import PhraseMatcher

from eventcoder.knowledge import Knowledge

ENTITY, COUNTRY, AGENT = "E", "C", "A"
_PRIORITY = {ENTITY: 3, COUNTRY: 2, AGENT: 1}


@dataclass(frozen=True)
class Unit:
    """One dictionary hit: tokens [start, end) and what they name."""

    start: int
    end: int
    kind: str  # ENTITY | COUNTRY | AGENT
    key: str  # entity id, country code or agent phrase
    detail: str = ""  # for countries: name | adjective | demonym | capital | metonym


def _case_sensitive(phrase: str) -> bool:
    """Short all-capital aliases (IS, US, ANF) must match their case exactly."""
    letters = phrase.replace(".", "").replace(" ", "")
    return letters.isupper() and len(letters) <= 5


def _country_phrases(kb: Knowledge) -> list[tuple[str, str]]:
    out = []
    for code, c in kb.countries.items():
        for detail, words in (("name", c.names), ("adjective", c.adjectives),
                              ("demonym", c.demonyms), ("capital", c.capitals),
                              ("metonym", c.metonyms)):
            out.extend((w, f"{COUNTRY}|{code}|{detail}") for w in words)
    return out


def _entity_phrases(kb: Knowledge) -> list[tuple[str, str]]:
    out = []
    for entity in kb.entities.values():
        for alias in (entity.name, *entity.aliases):
            out.append((alias, f"{ENTITY}|{entity.id}"))
    return out


class ActorMatcher:
    """Two PhraseMatchers over one vocabulary: exact case and lower case."""

    def __init__(self, nlp: Any, kb: Knowledge) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        phrases = _entity_phrases(kb) + _country_phrases(kb)
        phrases += [(p, f"{AGENT}|{p}") for p in kb.agents]
        self.titles = frozenset(p for p, a in kb.agents.items() if a.title)
        buckets: dict[tuple[bool, str], list[str]] = {}
        for phrase, label in phrases:
            phrase = " ".join(phrase.split())
            if phrase:
                buckets.setdefault((_case_sensitive(phrase), label), []).append(phrase)
        # capitalised word positions each lower-case phrase requires in cased text:
        # "Russia Today" (the channel) is no match for "visited Russia today"; the
        # words agents are named with may be lower case ("the US State department")
        self.capitals: dict[str, frozenset[int]] = {}
        self.generic = frozenset(w for p in kb.agents for w in p.lower().split())
        for (exact, label), texts in buckets.items():
            docs = list(nlp.tokenizer.pipe(dict.fromkeys(texts)))
            (self.exact if exact else self.lower).add(label, docs)
            if not exact and not label.startswith(AGENT):
                for d in docs:
                    self._require_capitals(d)
        self.vocab = nlp.vocab

    def _require_capitals(self, phrase: Any) -> None:
        key = " ".join(t.lower_ for t in phrase)
        caps = frozenset(i for i, t in enumerate(phrase)
                         if t.text[:1].isupper() and t.lower_ not in self.generic)
        known = self.capitals.get(key)
        self.capitals[key] = caps if known is None else known & caps

    def _case_fits(self, doc: Any, start: int, end: int) -> bool:
        """In cased text, the words a name capitalises must be capitalised."""
        need = self.capitals.get(" ".join(t.lower_ for t in doc[start:end]), frozenset())
        return all(_capitalised(doc[start + i]) for i in need)

    def units(self, doc: Any, cased: bool = True) -> list[Unit]:
        """Non-overlapping hits: longest first, then entity > country > agent."""
        hits = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                label = self.vocab.strings[match_id]
                kind, _, rest = label.partition("|")
                if kind != AGENT and cased and not (_capitalised(doc[start])
                                                    and self._case_fits(doc, start, end)):
                    continue
                if _stance_prefix(doc, start) or kind != AGENT and _backer(doc, end):
                    continue  # "pro-Russia rebels", "anti-government", "Iranian-backed"
                if kind == AGENT and end - start == 1 and doc[start].pos_ == "ADJ" \
                        and doc[start].lower_ in self.titles:
                    continue  # "a general strike": a title word used as an adjective
                key, _, detail = rest.partition("|")
                hits.append(Unit(start, end, kind, key, detail))
        hits.sort(key=lambda u: (-(u.end - u.start), -_PRIORITY[u.kind], u.start))
        taken: set[int] = set()
        chosen = []
        for unit in hits:
            if taken.isdisjoint(range(unit.start, unit.end)):
                chosen.append(unit)
                taken.update(range(unit.start, unit.end))
        return sorted(chosen, key=lambda u: u.start)


STANCE_PREFIXES = frozenset({"pro", "anti", "counter", "non", "ex", "post", "pre"})


def _stance_prefix(doc: Any, start: int) -> bool:
    """Is the name at ``start`` the second half of "pro-Russia", "anti-ISIL"?"""
    if start >= 1 and doc[start - 1].lower_ in {f"{p}-" for p in STANCE_PREFIXES}:
        return True
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


BACKING_WORDS = frozenset({"backed", "supported", "linked", "allied", "affiliated",
                           "sponsored", "funded", "trained", "armed", "inspired", "aligned"})


def _backer(doc: Any, end: int) -> bool:
    """Is the name before ``end`` the first half of "Iranian-backed", "US-trained"?"""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in BACKING_WORDS


def _capitalised(token: Any) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()
