"""Date and place expressions around an event's verb, left as raw candidates
for the dates and geo stages: those tied to the verb ("in/near/at X", the
object of an attack) first, then the rest of the sentence."""

from __future__ import annotations

from typing import Any

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                         "around", "on", "off", "along", "north", "south", "east", "west"})


def candidates(verb: Any, sent: Any) -> dict[str, Any]:
    """Date and place expressions tied to the verb, then those of the sentence."""
    subtree = {t.i for t in verb.subtree}
    dates_clause, dates_sent, places_clause, places_sent = [], [], [], []
    for ent in sent.ents:
        item = {"text": ent.text, "start": ent.start_char, "end": ent.end_char}
        if ent.label_ in ("DATE", "TIME"):
            (dates_clause if ent.root.i in subtree else dates_sent).append(item)
        elif ent.label_ in PLACE_LABELS:
            (places_clause if _tied_place(ent, verb) else places_sent).append(item)
    if not places_clause:
        places_clause = _proper_names_in_place_phrases(verb)
    return {"date_clause": dates_clause, "date_sentence": dates_sent,
            "place_clause": places_clause, "place_sentence": places_sent}


NOT_PLACES = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL",
                        "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "EVENT", "WORK_OF_ART"})


def _proper_names_in_place_phrases(verb: Any) -> list[dict[str, Any]]:
    """Place names the NER missed: proper nouns inside the verb's "in/at/near" phrase
    ("near the MFO base in Al-Gurah")."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
            continue
        names = [t for t in child.subtree if t.pos_ == "PROPN" and t.ent_type_ not in NOT_PLACES]
        if names:
            last = names[-1]
            first = last
            while first.i > child.i + 1 and first.nbor(-1).pos_ == "PROPN":
                first = first.nbor(-1)
            text = verb.doc[first.i:last.i + 1]
            return [{"text": text.text, "start": text.start_char, "end": text.end_char}]
    return []


def _tied_place(ent: Any, verb: Any) -> bool:
    """Is the place where ``verb`` happened: inside one of its place phrases
    ("at her Reshimbagh residence", "in the town of Maarat al-Numan") or its
    object ("shelled Aleppo")."""
    token = ent.root
    for _ in range(8):
        head = token.head
        if head is token:
            return False
        if head is verb:
            return token.dep_ in ("dobj", "npadvmod") or (
                token.dep_ == "prep" and token.lower_ in PLACE_PREPS)
        if head.pos_ == "VERB" and head.dep_ not in ("amod", "acl"):
            return False  # another clause's place
        token = head
    return False


def place_candidates(verb: Any) -> dict[str, Any]:
    """The place (and date) expressions the dates and geo stages choose from for an
    event on ``verb``: for evaluation tools that hold a parsed sentence."""
    return candidates(verb, verb.sent)
