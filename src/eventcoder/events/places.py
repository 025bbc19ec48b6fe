"""Date and place expressions around an event's verb, left as raw candidates
for the dates and geo stages.

Places come in two lists. ``place_clause`` holds those tied to the event: in
the verb's own place phrase or object ("shelled Aleppo", "in the town of
Maarat al-Numan", "at a market in the town of Biu"), then those of its
subject ("Guerrillas near Fallujah shot down ..."), marked ``"role":
"subject"``. ``place_sentence`` holds the sentence's other places, leaving
out distances and bearings ("250 km north of Baghdad"). Each list runs from
the finest place to the coarsest: in "the town of Halba in Akkar, Lebanon"
the event happened in Halba. A place given with its container ("X in Y
province", "X, Y") carries that container as ``within``.

Named places the NER missed or mislabelled count where their words say so:
"the town of Talata Mafara", "Saptari district", or a name the gazetteer
knows inside an "in/near/at" phrase.
"""

from __future__ import annotations

from typing import Any

from eventcoder.gazetteer import PLACE_NOUNS, whole_name

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                         "around", "on", "off", "along", "north", "south", "east", "west",
                         "into", "over", "within", "between", "outskirts"})
NEVER_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                          "QUANTITY"})
NOT_PLACES = NEVER_PLACES | {"PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"}
BEARINGS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                      "southwest", "km", "kilometers", "kilometres", "miles", "mi"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "agent"})
ORIGIN_PREPS = frozenset({"from", "to", "toward", "towards", "against", "with", "for"})
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})


def candidates(verb: Any, sent: Any) -> dict[str, Any]:
    """Date and place expressions tied to the verb, then those of the sentence."""
    subtree = {t.i for t in verb.subtree}
    dates_clause, dates_sent = [], []
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME"):
            item = {"text": ent.text, "start": ent.start_char, "end": ent.end_char}
            (dates_clause if ent.root.i in subtree else dates_sent).append(item)
    clause, sentence = place_lists(verb, sent)
    return {"date_clause": dates_clause, "date_sentence": dates_sent,
            "place_clause": clause, "place_sentence": sentence}


def place_lists(verb: Any, sent: Any) -> tuple[list[dict], list[dict]]:
    """(places tied to the event, the sentence's other places), finest first."""
    roles: dict[str | None, list[dict]] = {"tied": [], "object": [], "subject": [], "main": [],
                                           None: []}
    spans = place_spans(sent)
    for span in spans:
        role = _role(span, verb)
        if role is None and _main_clause_place(span, verb):
            role = "main"
        if role is None and (_bearing(span) or _origin(span)):
            continue
        item = _item(span, spans)
        roles[role].append({**item, "role": role} if role not in ("tied", None) else item)
    tied = _finest_first(roles["tied"] + roles["object"])
    clause = tied + [i for role in ("subject", "main") for i in _finest_first(roles[role])]
    return clause, _finest_first(roles[None])


def place_spans(sent: Any) -> list[Any]:
    """Named places of the sentence: the NER's, and names whose words or
    gazetteer entry make them places though the NER said otherwise."""
    doc = sent.doc
    found = [e for e in sent.ents if e.label_ in PLACE_LABELS]
    taken = {t.i for e in sent.ents for t in e}
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in NEVER_PLACES:
            whole = whole_name(ent)  # "the village of [Kafr] Qaddum"
            if _looks_like_place(whole):
                found.append(whole)
                taken.update(t.i for t in whole)
    for start, end in _proper_runs(sent, taken):
        span = doc[start:end]
        if _looks_like_place(span):
            found.append(span)
    return sorted(found, key=lambda s: s.start)


def _proper_runs(sent: Any, taken: set[int]) -> list[tuple[int, int]]:
    runs, start = [], None
    for t in sent:
        inside = t.pos_ == "PROPN" and t.i not in taken
        if inside and start is None:
            start = t.i
        elif not inside and start is not None:
            runs.append((start, t.i))
            start = None
    if start is not None:
        runs.append((start, sent.end))
    return runs


def _looks_like_place(span: Any) -> bool:
    """'the town of X', 'X district', or a gazetteer name in an 'in/near X' phrase."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS:
        return True
    if root.dep_ == "compound" and head.lower_ in PLACE_NOUNS - {"border", "base"} \
            and head.ent_type_ not in NOT_PLACES:
        return True
    if root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        return _known_place(span.text)
    return False


def _known_place(name: str) -> bool:
    from eventcoder.gazetteer import gazetteer

    return bool(gazetteer().lookup(name))


def _role(span: Any, verb: Any) -> str | None:
    """'tied' when the place is in one of the verb's place phrases ("at her
    Reshimbagh residence", "in the town of Maarat al-Numan"); 'object' when in
    its object ("shelled Aleppo", but also "discussed the situation in Syria",
    which is why verbal events do not take it); 'subject' when in the verb's
    subject or agent ("gunmen near Kirkuk"); None when it belongs to another clause or says where
    someone came from ("an officer from West Africa")."""
    token = span.root
    for _ in range(12):
        head = token.head
        if head.i == token.i or (token.dep_ == "prep" and token.lower_ in ORIGIN_PREPS):
            return None
        if head.i == verb.i:
            if token.dep_ == "prep" and token.lower_ in PLACE_PREPS:
                return "tied"
            if token.dep_ in ("dobj", "npadvmod"):
                return "object"
            return "subject" if token.dep_ in SUBJECTS else None
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "acl"):
            return None  # another clause's place
        token = head
    return None


def _main_clause_place(span: Any, verb: Any) -> bool:
    """A place phrase of a verb that governs the event's clause: in "In Ramadi,
    troops captured X, killing Y" the killing happened in Ramadi too; so with
    "In Jericho, officials said soldiers shot a man"."""
    for ancestor in verb.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and _role(span, ancestor) == "tied":
            return True
    return False


def _bearing(span: Any) -> bool:
    """ "250 km north of Baghdad", "south of Kathmandu": a reference point, not
    where anything happened."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ == "of" and (
        head.head.lower_ in BEARINGS or head.head.lower_.endswith(("north", "south", "east",
                                                                   "west")))


def _origin(span: Any) -> bool:
    """ "an officer from Ghana": where someone came from."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in ORIGIN_PREPS


def _item(span: Any, spans: list[Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"text": span.text, "start": span.start_char, "end": span.end_char}
    container = _container(span, spans)
    if container is not None:
        item["within"] = container.text
    if _modifier(span):
        item["modifier"] = True
    return item


def _modifier(span: Any) -> bool:
    """A place naming something else's origin or owner, not a location: "the US
    embassy", "the Islamic State's defenses" (but "Saptari district" is a place)."""
    root = span.root
    return root.dep_ in MODIFIER_DEPS and root.head.lower_ not in PLACE_NOUNS


def _container(span: Any, spans: list[Any]) -> Any:
    """The place that holds ``span``: "X in Y", "X, Y", "the town of X in Y
    province", "Y's X prison"."""
    named = _named_nouns(span)
    for other in spans:
        if other.start == span.start or other.root.i in named:
            continue
        outer = span.doc[max(_named_nouns(other))]
        if outer.dep_ in ("appos", "poss") and outer.head.i in named:
            return other
        if outer.dep_ == "pobj" and outer.head.lower_ in ("in", "of") \
                and outer.head.head.i in named:
            return other
    return None


def _named_nouns(span: Any) -> set[int]:
    """The tokens that stand for the place ``span`` names: its root, and the
    place noun it modifies ("Saptari district", "the town of Biu")."""
    root = span.root
    named = {root.i}
    if root.dep_ == "compound":
        named.add(root.head.i)
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS:
        named.add(root.head.head.i)
    return named


def _finest_first(items: list[dict]) -> list[dict]:
    """Finer places first: a place that holds another of the list comes after
    it, and a country or first-level region after a town."""
    containers = {i["within"] for i in items if "within" in i}
    return sorted(items, key=lambda i: (i.pop("modifier", False), i["text"] in containers,
                                        _coarseness(i["text"])))


def _coarseness(name: str) -> int:
    from eventcoder.gazetteer import best_place

    place = best_place(name)
    return {"country": 2, "admin1": 1}.get(place.precision, 0) if place else 0


def place_candidates(verb: Any) -> dict[str, Any]:
    """The place (and date) expressions the dates and geo stages choose from for an
    event on ``verb``: for evaluation tools that hold a parsed sentence."""
    return candidates(verb, verb.sent)
