"""Token-level actor mentions: what the actors stage leaves on a parsed Doc
for the events stage. Internal to the Doc-reading stages; the records that
leave them are ``Actor`` and ``Event``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventcoder.records import Actor

# Method suffixes of an actor that took its country from its sentence: from the
# places it names, or from the one country of the other actors it names.
SENTENCE_PLACE = "+sentence-country"
SENTENCE_ACTORS = "+sentence-actors"


@dataclass(frozen=True)
class Mention:
    start: int  # first token index
    end: int  # one past the last token
    sentence: int
    actor: Actor
    is_location: bool = False  # a place named in passing ("in Moscow"), not an actor
    is_modifier: bool = False  # describes a thing, not an actor ("terrorist crimes")
    pair: tuple[Actor, Actor] | None = None  # "the two sides": both parties

    def covers(self, token_index: int) -> bool:
        return self.start <= token_index < self.end


def telling(token: Any, speech_verbs: frozenset[str]) -> bool:
    """Is ``token`` in the words that say who told the news ("relief officials in
    Nairobi said", "the agency reported from Kabul"), not in what was told?"""
    current = token
    for _ in range(8):
        head = current.head
        if head.i == current.i:
            return False
        if head.lemma_.lower() in speech_verbs and head.pos_ in ("VERB", "AUX"):
            return current.dep_ in ("nsubj", "prep", "npadvmod", "agent")
        current = head
    return False
