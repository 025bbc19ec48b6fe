"""Intended and refused events, coded as CAMEO codes them: "wants to attack"
and "said it will attack" are threats (138), "plans to send aid" an intent (033),
"will not meet" a rejection (125): what is coded is the statement of intent,
which happened; "X said Y attacked Z" is also X's accusation of Y (112).
A generic attack takes the code of the arms it names ("Israeli airstrikes
killed ten": 195); protesters' violence is a riot (145), force used on
protesters repression (175). The tables are data: ``data/verbs/transforms.yaml``."""

from __future__ import annotations

from typing import Any

from eventcoder.events.syntax import passive_voice
from eventcoder.knowledge import Transforms
from eventcoder.records import Actor

FUTURE_AUX = frozenset({"will", "would", "wo", "'ll", "shall"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
RIOT_ROOTS = frozenset({"17", "18", "19"})
REPORTERS = frozenset({"MED", "JRN"})


def intent_head(verb: Any, heads: frozenset[str]) -> Any | None:
    """The word that makes ``verb`` an intended event ("wants", "ready"), if any."""
    if verb.dep_ != "xcomp" or verb.head.i == verb.i:
        return None
    head = verb.head
    return head if head.lemma_.lower() in heads or head.lower_ in heads else None


def scheduled(verb: Any, table: Transforms) -> bool:
    """ "is due to visit", "is expected to meet", "prepared to attend", "is scheduled
    to speak and meet": a future told as news (``table.schedule_heads``, each word in
    the voice it counts in)."""
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "xcomp" or verb.head.i == verb.i:
        return False
    head = verb.head
    voice = table.schedule_heads.get(head.lemma_.lower()) \
        or table.schedule_heads.get(head.lower_)
    if voice is None or voice == "any":
        return voice is not None
    return passive_voice(head) == (voice == "passive")


def _refused(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def transform(verb: Any, code: str, modality: str, reported: bool,
              table: Transforms) -> tuple[str, str]:
    """(code, modality) after intent and refusal are taken into account."""
    root = code[:2]
    said = "reported" if reported else "asserted"
    # "plans to attack", or an announced future ("said it will release"): a stated intent;
    # a future told as news ("the US will supply arms", "X is due to visit, officials
    # said") stays the event itself
    intended = (intent_head(verb, table.intent_heads) is not None or (
        modality == "future" and reported)) and not scheduled(verb, table)
    if modality != "negated" and root in table.intent and intended:
        return table.intent[root], said
    if modality == "negated" and root in table.refusal and _refused(verb):
        return table.refusal[root], said
    return code, modality


# generic attacks, and a blowing-up (183, a bombing) told with military arms: "blown
# up over Ukraine by a surface-to-air missile" is military force
ARMS_GENERIC = frozenset({"180", "183", "190"})
ARMS_PREPS = frozenset({"in", "during", "by", "with"})


def armed_code(verb: Any, code: str, table: Transforms,
               classes: dict[str, frozenset[str]]) -> str:
    """ "Israeli airstrikes killed ten civilians", "killed in tank shelling": an
    attack whose pattern is generic (180, 190) or a blowing-up (183) takes the code
    of the arms its doer or its attack phrase names (``table.arms``: 195 aerial,
    194 artillery)."""
    if code not in ARMS_GENERIC or not table.arms:
        return code
    words: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent") \
                or child.dep_ == "prep" and child.lower_ in ARMS_PREPS:
            words.update(t.lemma_.lower() for t in child.subtree)
    for name, armed in table.arms.items():
        if words & classes.get(name, frozenset()):
            return armed
    return code


def unrest(source: Actor, target: Actor | None, code: str, armed: bool,
           table: Transforms) -> str:
    """CAMEO's codes for street violence: protesters who wreck or fight riot (145:
    "a protester demolished the building"; with arms, "launched missiles", it is an
    armed attack still); police or troops who use force on protesters repress
    them (175: "troops clashed with rioters")."""
    if code[:2] not in RIOT_ROOTS:
        return code
    if table.riot is not None and not armed and _protesters(source, table):
        return table.riot
    if table.repression is not None and target is not None and code[:2] != "17" \
            and set(source.sectors) & FORCES and _protesters(target, table):
        return table.repression
    return code


FORCES = frozenset({"COP", "MIL", "SPY"})


def _protesters(actor: Actor, table: Transforms) -> bool:
    last = {(name or "").lower().rsplit(" ", 1)[-1] for name in (actor.name, actor.text)}
    return bool(last & table.protesters)


def demanded(verb: Any, code: str, table: Transforms) -> str | None:
    """The demand code when ``verb`` says what someone must do ("Y must drop
    barriers"), else None; the caller makes the speaker the source."""
    if not any(c.dep_ == "aux" and c.lower_ in table.demand_aux for c in verb.children):
        return None
    return table.demand.get(code[:2], "100")


def accused(verb: Any, speech: Any, speaker: Actor | None, modality: str, root: str,
            table: Transforms) -> str | None:
    """The code of the accusation a speaker makes by telling of someone's attack
    ("The Observatory said eight people were killed in an air strike by government
    forces": the Observatory accuses the government), CAMEO practice; None when the
    words make none. Only the complement of a speech verb that comes first is an
    accusation: "..., police said" attributes, it does not accuse; nor do reporters."""
    if table.accusation is None or speaker is None or speech is None \
            or modality != "reported" or root not in VIOLENT_ROOTS:
        return None
    if speaker.sectors and speaker.sectors[0] in REPORTERS:
        return None
    below = verb
    while below.head.i not in (speech.i, below.i):
        below = below.head
    if below.head.i != speech.i or below.dep_ != "ccomp" or below.i < speech.i:
        return None
    return table.accusation
