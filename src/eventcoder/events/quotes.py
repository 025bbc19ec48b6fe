"""Direct quotes and their speakers: '"...," said Lavrov', 'Lavrov said: "..."',
'"...", Lavrov said', and quotes running over several sentences."""

from __future__ import annotations

import re
from typing import Any

from eventcoder.mentions import Mention
from eventcoder.records import Quote, Span

QUOTE_RE = re.compile(r"“([^”]{3,}?)”|\"([^\"\n]{3,}?)\"|«([^»]{3,}?)»")


def find_quotes(doc: Any, mentions: list[Mention], speech_verbs: frozenset[str]) -> list[Quote]:
    """Every direct quote of three or more words, with its speaker when the text says."""
    quotes = []
    last_speaker = None
    text = doc.text  # spaCy joins the whole text again on every ``doc.text``
    for match in QUOTE_RE.finditer(text):
        start, end = match.span()
        body = next(g for g in match.groups() if g is not None)
        if len(body.split()) < 3:
            continue  # scare quotes: “pressing issues”
        speaker = _speaker(doc, start, end, mentions, speech_verbs)
        if speaker is None and _stands_alone(doc, start, end):
            speaker = last_speaker
        if speaker is not None:
            last_speaker = speaker
        quotes.append(Quote(text=body, span=Span(start, end, text[start:end]),
                            speaker=speaker))
    return quotes


def _stands_alone(doc: Any, start: int, end: int) -> bool:
    """A quote that is its own sentence continues the last speaker's words."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    sent = span[0].sent
    return sent.start_char >= start - 1 and sent.end_char <= end + 2


def _speaker(doc: Any, start: int, end: int, mentions: list[Mention],
             speech_verbs: frozenset[str]) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sents = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
    for sent in sents.values():
        for token in sent:
            if start <= token.idx < end or token.lemma_.lower() not in speech_verbs:
                continue
            actor = _subject_actor(token, mentions, start, end)
            if actor is not None:
                return actor
    return None


def _subject_actor(verb: Any, mentions: list[Mention], q_start: int, q_end: int) -> Any:
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass") or q_start <= child.idx < q_end:
            continue
        for m in mentions:
            if m.covers(child.i) or any(m.covers(t.i) for t in child.subtree):
                return m.actor
    return None


def quote_at(quotes: list[Quote], char: int) -> Quote | None:
    for q in quotes:
        if q.span.start <= char < q.span.end:
            return q
    return None
