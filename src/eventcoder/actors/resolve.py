"""Group dictionary hits and named entities into mentions, and resolve each
mention to an Actor by composition: a known entity and its role on the
article's date, else country + agent ("Syrian opposition leader" -> SYR OPP)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from eventcoder.actors.matcher import AGENT, COUNTRY, ENTITY, Unit
from eventcoder.gazetteer import named_as_place
from eventcoder.knowledge import Entity, Knowledge
from eventcoder.records import Actor, Span

TITLE_WORDS = frozenset(
    "dr dr. mr mr. mrs mrs. ms ms. gen gen. general col col. colonel lt lt. maj maj. major "
    "capt capt. sheikh sheik sen sen. rep rep. prof prof. sir lord lady imam ayatollah "
    "sayyed sayed brig brig. adm adm. admiral judge justice caretaker acting interim former "
    "deputy senior top chief new outgoing incoming ousted exiled".split()
)
NER_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# After these words a country names where an agent works, not whose agent it is
# ("ambassador to Russia", "envoy for Syria").
HOST_PREPS = frozenset({"to", "in", "at", "for", "on"})
# Agents whose "in <country>" is still a host country ("the ambassador in Moscow",
# "US troops in Iraq"); for other agents it says whose they are ("rebels in Syria").
HOSTED_AGENTS = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "embassy",
                           "embassies", "consulate", "delegation", "mission", "correspondent",
                           "representative", "representatives", "diplomat", "diplomats"})
LINK_AFTER_AGENT = frozenset({"to", "for", "of", "on", "in", "from"})
LOCATIVE_PREPS = frozenset({"in", "near", "across", "inside", "outside", "throughout", "within",
                            "around", "over"})


@dataclass
class Run:
    """A stretch of tokens that names one actor."""

    start: int
    end: int
    units: list[Unit]
    ner: str | None = None
    person: str | None = None  # the personal name inside the run, if any
    text: str = ""


def _actorish(doc: Any, units: list[Unit]) -> dict[int, Unit | str]:
    marks: dict[int, Unit | str] = {}
    for ent in doc.ents:
        if ent.label_ in NER_ACTOR_LABELS:
            for i in range(ent.start, ent.end):
                marks[i] = ent.label_
    for unit in units:
        for i in range(unit.start, unit.end):
            marks[i] = unit
    return marks


def find_runs(doc: Any, units: list[Unit]) -> list[Run]:
    """Maximal stretches of actor words, joined across "'s", "of", "and" and
    "to" where English joins the parts of one name or title."""
    marks = _actorish(doc, units)
    persons = _persons(doc)
    runs: list[Run] = []
    i = 0
    while i < len(doc):
        if i not in marks:
            i += 1
            continue
        start = i
        # Same sentence as ``start``: no sentence starts after it (``Token.sent``
        # would build the sentence's Span for every token).
        while i < len(doc) and (i == start or not doc[i].is_sent_start):
            if i in marks or _is_title(doc[i]) and (i + 1) in marks:
                i += 1
                continue
            if _joins(doc, i, marks):
                i += 1
                continue
            break
        while start > 0 and _is_title(doc[start - 1]) and not doc[start].is_sent_start:
            start -= 1
        end = i
        while end > start and doc[end - 1].lower_ in {"and", "of", "'s", "’s", "the", "to", "-"}:
            end -= 1
        i = max(i, start + 1)  # always move on, even when only connectors were marked
        if end <= start:
            continue
        run_units = _units_in(units, start, end)
        linked = _across_modifier(doc, start, end, run_units, units)
        run_units = run_units if linked is None else [*run_units, linked]
        ner = _ner_label(doc, start, end)
        if run_units or ner:
            runs.append(Run(start, end, run_units, ner, _person_name(persons, start, end),
                            doc[start:end].text))
    return runs


def _is_title(token: Any) -> bool:
    return token.text.lower() in TITLE_WORDS and token.sent is not None


def _joins(doc: Any, i: int, marks: dict[int, Unit | str]) -> bool:
    """May token i join the actor words on its left and right into one mention?"""
    word = doc[i].text.lower()
    left, right = marks.get(i - 1), marks.get(i + 1)
    if i + 1 >= len(doc) or doc[i + 1].is_sent_start:
        return False
    if word in {"'s", "’s"}:
        return left is not None
    if word == "-" and left is not None and right is not None:
        return True
    if word == "-" and doc[i + 1].lower_ == "led" and isinstance(left, Unit) \
            and i + 2 < len(doc) and (i + 2) in marks:
        return True  # "Saudi-led coalition", "Vietnamese-led forces"
    if word == "led" and doc[i - 1].text == "-" and isinstance(marks.get(i - 2), Unit) \
            and (i + 1) in marks:
        return True
    if word == "the" and i > 0 and doc[i - 1].text.lower() in LINK_AFTER_AGENT:
        return right is not None and not _hyphen_modifier(doc, i + 1, marks)
    if word in LINK_AFTER_AGENT and word != "of" and doc[i].head.pos_ not in ("NOUN", "PROPN"):
        return False  # "withdraw troops from Gaza", "sent troops to Syria": the verb's place
    if word in LINK_AFTER_AGENT:
        if word != "of" and _possessive_after(doc, i + 1, marks):
            return False  # "troops to Lebanon's president": a new phrase starts
        after = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        if after < len(doc) and _hyphen_modifier(doc, after, marks):
            return False  # "dissidents from military-ruled Myanmar": not from the military
        return isinstance(left, Unit) and left.kind == AGENT and (
            right is not None or doc[i + 1].text.lower() == "the")
    if word in {"and", "&"}:
        return _weak(left) and _weak(right) and right is not None
    return False


def _possessive_after(doc: Any, i: int, marks: dict[int, Unit | str]) -> bool:
    """Does the actor word at ``i`` end in "'s" ("Lebanon's")?"""
    mark = marks.get(i)
    end = mark.end if isinstance(mark, Unit) and mark.start == i else i + 1
    return end < len(doc) and doc[end].lower_ in ("'s", "’s")


def _hyphen_modifier(doc: Any, i: int, marks: dict[int, Unit | str]) -> bool:
    """Is the actor word at ``i`` the first part of a hyphenated modifier
    ("military-ruled", "government-held")?"""
    mark = marks.get(i)
    end = mark.end if isinstance(mark, Unit) and mark.start == i else i + 1
    return end + 1 < len(doc) and doc[end].text == "-" and (end + 1) not in marks


def _across_modifier(doc: Any, start: int, end: int, run_units: list[Unit],
                     units: list[Unit]) -> Unit | None:
    """ "dissidents from military-ruled Myanmar": the country an agent is "from",
    past the hyphenated modifier the run stopped at (the military is no part)."""
    if not run_units or run_units[-1].kind != AGENT or end + 3 >= len(doc) \
            or any(u.kind == COUNTRY for u in run_units):
        return None
    prep = doc[end]
    if prep.lower_ not in LINK_AFTER_AGENT or not start <= prep.head.i < end:
        return None
    first = end + 2 if doc[end + 1].lower_ == "the" else end + 1
    if first + 1 >= len(doc) or doc[first + 1].text != "-":
        return None
    objects = [c.i for c in prep.children if c.dep_ == "pobj"]
    return next((u for u in units if u.kind == COUNTRY
                 and any(u.start <= i < u.end for i in objects)), None)


def _weak(mark: Unit | str | None) -> bool:
    """A piece of a title ("Foreign and Expatriates Minister"), not a whole actor."""
    if mark is None:
        return False
    if isinstance(mark, Unit):
        return mark.kind == AGENT
    return mark == "ORG"


def _units_in(units: list[Unit], start: int, end: int) -> list[Unit]:
    return [u for u in units if start <= u.start and u.end <= end]


def _persons(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, text) of the PERSON entities; ``doc.ents`` rebuilds its spans on
    every call, so a document's are read once."""
    return [(ent.start, ent.end, ent.text) for ent in doc.ents if ent.label_ == "PERSON"]


def _person_name(persons: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for ent_start, ent_end, text in persons:
        if start <= ent_start and ent_end <= end:
            return text
    return None


def _ner_label(doc: Any, start: int, end: int) -> str | None:
    labels = [t.ent_type_ for t in doc[start:end] if t.ent_type_ in NER_ACTOR_LABELS]
    if "PERSON" in labels:
        return "PERSON"
    return labels[0] if labels else None


# ----------------------------------------------------------------- resolving


def _eligible_countries(doc: Any, run: Run, agent: Any) -> list[Unit]:
    """The run's countries that say whose the actor is: not the host country of
    "ambassador to Russia", though "opposition groups in Zimbabwe" are Zimbabwe's."""
    out = []
    for unit in run.units:
        if unit.kind != COUNTRY:
            continue
        before = doc[unit.start - 1].text.lower() if unit.start > run.start else ""
        before2 = doc[unit.start - 2].text.lower() if unit.start - 1 > run.start else ""
        prep = before2 if before == "the" else before
        if prep in HOST_PREPS and not (prep == "in" and _native_in(agent)):
            continue
        out.append(unit)
    return out


def _native_in(agent: Any) -> bool:
    """Is an agent "in" a country one of its own (rebels, police, officials), not a
    guest there (troops, diplomats)?"""
    return agent is not None and agent.sector != "MIL" and agent.phrase not in HOSTED_AGENTS


def resolve_run(doc: Any, run: Run, kb: Knowledge, when: date | None) -> Actor | None:
    """The Actor a run names, or None when it names nothing we can code."""
    span = doc[run.start:run.end]
    text_span = Span(span.start_char, span.end_char, span.text)
    entities = [u for u in run.units if u.kind == ENTITY]
    agents = [u for u in run.units if u.kind == AGENT]
    countries = _eligible_countries(doc, run, kb.agents[agents[0].key] if agents else None)
    if entities:
        best = max(entities, key=lambda u: u.end - u.start)
        actor = _from_entity(kb.entities[best.key], text_span, when, agents, kb)
        return _with_agent(actor, kb.agents[agents[-1].key] if agents else None)
    agent = kb.agents[agents[-1].key] if agents else None
    country = countries[0] if countries else None
    if agent and country:
        holder = _role_holder(kb, country.key, agent.title, when)
        if holder is not None and _named_otherwise(run, holder):
            holder = None  # "Lebanon's President Elias Hrawi" when Lahoud held the office
        if holder is not None:
            return _from_entity(holder, text_span, when, agents, kb, method="role-holder",
                                confidence=0.8)
    # a lone word the NER calls no person may still be a surname ("Obama"), but not
    # an acronym ("a BAK missile")
    alone = run.end - run.start == 1 and not run.units and not span.text.isupper()
    surname = run.person or (span.text if alone else None)
    if surname and (run.person or not agents):
        title = kb.agents[agents[-1].key].title if agents else None
        titled = title or ("" if _is_title(doc[run.start]) else None)
        famous = _by_surname(kb, surname, when, titled)
        if famous is not None:  # "(President) Obama": the one such person in office
            return _from_entity(famous, text_span, when, agents, kb, method="surname",
                                confidence=0.6)
    spelt = _by_spelling(kb, run)
    if spelt is not None:  # "Walid Muallem" is Walid al-Moallem
        actor = _from_entity(spelt, text_span, when, agents, kb, method="fuzzy", confidence=0.7)
        return _with_agent(actor, agent)
    if agent is None and country is None:
        return _unknown(run, text_span, doc)
    return _compose(text_span, country, agent, kb, run)


def _named_otherwise(run: Run, holder: Entity) -> bool:
    """Does the run name a person who is not ``holder``?"""
    if not run.person:
        return False
    names = {surname_key(n) for n in (holder.name, *holder.aliases)}
    return surname_key(run.person) not in names


def _with_agent(actor: Actor, agent: Any) -> Actor:
    """A bare country-like code takes the agent's sector ("Calenardhon government")."""
    if agent is None or actor.kind == "person" or not actor.code or len(actor.code) != 3:
        return actor
    return replace(actor, code=actor.code + agent.code, sectors=(agent.sector,),
                   kind=agent.kind)


def _compose(text_span: Span, country: Unit | None, agent: Any, kb: Knowledge,
             run: Run) -> Actor:
    code = country.key if country else None
    sectors = (agent.sector,) if agent else ()
    agent_code = agent.code if agent else ""
    if country and not agent and country.detail in ("capital", "metonym"):
        sectors, agent_code = ("GOV",), "GOV"
    kind = agent.kind if agent else _country_kind(country)
    if agent and agent.sector == "IGO":
        kind = "igo"
    if run.ner == "PERSON" and (agent is not None or country is None):
        kind = "person"  # "Sanaa" alone is the city, whatever the NER says
        name = run.person or text_span.text
    else:
        name = _composed_name(kb, country, agent) if country else text_span.text
    # "named": a person's own name read with the title, whose country is not known
    # ("Foreign Minister Irena Volkhova"); "agent": a title or group word alone
    method = "composed" if agent and country else "country" if country else \
        "named" if kind == "person" and run.person else "agent"
    return Actor(
        text=text_span.text, span=text_span, name=name,
        code=((code or "") + agent_code) or None, kind=kind, country=code, sectors=sectors,
        role=agent.title if agent else None,
        confidence=0.7 if (agent and country) else 0.6, method=method,
    )


def _composed_name(kb: Knowledge, country: Unit, agent: Any) -> str:
    base = kb.countries[country.key].name
    if agent is None:
        return base
    return f"{base} {agent.title or agent.phrase}".strip()


def _country_kind(country: Unit | None) -> str:
    if country is None:
        return "group"
    return {"name": "state", "capital": "metonym", "metonym": "metonym"}.get(country.detail,
                                                                            "group")


def _code(country: str | None, sectors: tuple[str, ...]) -> str | None:
    parts = (country or "") + "".join(sectors[:1])
    return parts or None


def _by_spelling(kb: Knowledge, run: Run) -> Entity | None:
    if run.ner not in ("PERSON", "ORG") or any(u.kind == ENTITY for u in run.units):
        return None
    from eventcoder.actors.fuzzy import fuzzy_names

    return fuzzy_names(kb).lookup(run.person or run.text)


def _unknown(run: Run, text_span: Span, doc: Any = None) -> Actor | None:
    if run.ner not in ("PERSON", "ORG"):
        return None
    if doc is not None and named_as_place(doc, run.start):
        return None
    kind = "person" if run.ner == "PERSON" else "organization"
    name = (run.person if kind == "person" else None) or text_span.text
    return Actor(text=text_span.text, span=text_span, name=name, kind=kind,
                 confidence=0.3, method="ner")


def _from_entity(entity: Entity, text_span: Span, when: date | None, agents: list[Unit],
                 kb: Knowledge, method: str = "knowledge-base", confidence: float = 0.9) -> Actor:
    role = entity.role_on(when)
    if role is not None:
        country = role.country
        sectors = (role.sector,)
        code = role.igo or _code(country, sectors)
        title = role.title
        if not role.in_force(when):
            confidence -= 0.2
    else:
        country = entity.country
        sectors = entity.sectors
        code = entity.code or _code(country, sectors)
        title = kb.agents[agents[-1].key].title if agents else None
    return Actor(
        text=text_span.text, span=text_span, name=entity.name, code=code,
        entity_id=entity.id, kind=entity.kind, country=country, sectors=tuple(sectors),
        role=title, confidence=round(confidence, 2), method=method,
    )


def _role_holder(kb: Knowledge, country: str, title: str | None,
                 when: date | None) -> Entity | None:
    """The one person who held ``title`` for ``country`` on ``when``."""
    if not title or when is None:
        return None
    holders = _title_index(kb).get((country, title.lower()), ())
    current = [e for e, r in holders if r.in_force(when)]
    return current[0] if len(current) == 1 else None


_TITLE_INDEX: dict[int, dict[tuple[str, str], list[Any]]] = {}
_SURNAMES: dict[int, dict[str, list[Entity]]] = {}


def surname_key(name: str) -> str:
    last = name.replace("’", "'").split()[-1].lower()
    for article in ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-"):
        last = last.removeprefix(article)
    return last.strip(".,'")


def _by_surname(kb: Knowledge, text: str, when: date | None,
                title: str | None = None) -> Entity | None:
    """The one person in office on ``when`` whose surname is ``text``; with a
    title before the name ("President Obama", ``title`` "" for a bare "Gen.")
    and no one of it in office, the known people of that name who held that
    title, when they all served one country (the one nearest in time)."""
    if len(text.split()) != 1:
        return None
    key = id(kb)
    if key not in _SURNAMES:
        index: dict[str, list[Entity]] = {}
        for entity in kb.entities.values():
            if entity.kind == "person":
                first = bool({r.country for r in entity.roles} & kb.family_name_first)
                for name in {entity.name, *entity.aliases}:
                    index.setdefault(surname_key(name), []).append(entity)
                    if first and len(name.split()) > 1:
                        index.setdefault(surname_key(name.split()[0]), []).append(entity)
        _SURNAMES[key] = index
    people = {e.id: e for e in _SURNAMES[key].get(surname_key(text), ())}
    current = [e for e in people.values() if any(r.in_force(when) for r in e.roles)]
    if current or title is None:
        return current[0] if len(current) == 1 else None
    # no one of that name in office on the day ("President Obama" in a later
    # article): the known people of that name, when they all served one country
    if title:
        people = {k: e for k, e in people.items()
                  if any((r.title or "").lower() == title.lower() for r in e.roles)}
    countries = {r.country for e in people.values() for r in e.roles}
    if len(countries) != 1 or None in countries:
        return None
    return min(people.values(), key=lambda e: _days_away(e, when))


def _days_away(entity: Entity, when: date | None) -> int:
    """Days from ``when`` to ``entity``'s nearest role (0 inside one)."""
    role = entity.role_on(when)
    if role is None or when is None:
        return 0
    if role.start and when < role.start:
        return (role.start - when).days
    return (when - role.end).days if role.end and when > role.end else 0


def _title_index(kb: Knowledge) -> dict[tuple[str, str], list[Any]]:
    key = id(kb)
    if key not in _TITLE_INDEX:
        index: dict[tuple[str, str], list[Any]] = {}
        for entity in kb.entities.values():
            for role in entity.roles:
                if role.country and role.title:
                    index.setdefault((role.country, role.title.lower()), []).append((entity, role))
        _TITLE_INDEX[key] = index
    return _TITLE_INDEX[key]


def is_modifier(doc: Any, run: Run) -> bool:
    """Agent or nationality words describing a thing: "terrorist crimes",
    "military effort", "Syrian territories". Possessives stay actors."""
    if any(u.kind == ENTITY for u in run.units) or run.ner == "PERSON":
        return False
    root = doc[run.start:run.end].root
    return root.dep_ in ("amod", "compound", "nmod") and not (
        run.start <= root.head.i < run.end) and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.i > root.i


def is_locative(doc: Any, run: Run, actor: Actor) -> bool:
    """A country or capital named as a place ("in Moscow"), not as an actor."""
    if actor.kind not in ("state", "metonym") or any(u.kind == AGENT for u in run.units):
        return False
    head = doc[run.start:run.end].root
    return head.dep_ == "pobj" and head.head.text.lower() in LOCATIVE_PREPS
