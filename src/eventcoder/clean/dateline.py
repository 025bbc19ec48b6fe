"""Datelines at the start of wire copy. Returns the dateline and where the story starts.

Forms read (the place may carry a region, "KYIV, Ukraine"; it is kept whole,
title-cased when written in capitals):

    Moscow, SANA-                     PLACE, AGENCY-
    WASHINGTON (Reuters) -            PLACE (AGENCY) -
    BEIRUT, Aug 25 (AFP) -            PLACE, DATE (AGENCY) -
    KYIV, Ukraine, June 2 (AP) —      PLACE, REGION, DATE (AGENCY) —
    MOSCOW, Aug. 25 /TASS/.           PLACE, DATE /AGENCY/.
    GENEVA, March 3 —                 PLACE, DATE —
    KABUL, Afghanistan —              PLACE, REGION —   (place in capitals)
    SANTA LUZIA: Thousands...         PLACE:            (place in capitals)
    (Reuters) - The ministry said     (AGENCY) -
"""

from __future__ import annotations

import re

from eventcoder.clean.boilerplate import is_label
from eventcoder.records import Dateline

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tues?|Wed|Thu|Thurs|Fri|Sat|Sun)[a-z]*\.?"
_DATE = (rf"(?:(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|"
         rf"\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)|{_WEEKDAY})")
_WORD = r"(?:(?:al|el|ad|as|an|ar|at|az)-)?[A-Z][A-Za-z'’.\-]*"
_PLACE = rf"{_WORD}(?:[ \-]{_WORD}){{0,3}}"
_REGION = rf"(?!{_DATE}\b){_WORD}(?: {_WORD}){{0,2}}"
_FULL = rf"(?P<place>{_PLACE}(?:\s*,\s*{_REGION})?)"
_CAPS = r"[A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*){0,3}"
_AGENCY = r"[A-Za-z][A-Za-z&.\- ]{1,30}?"
_DASH = r"\s*(?:-{1,2}|–|—)\s*"
# Acronyms after "PLACE," that are places, not agencies ("WASHINGTON, DC -").
_NOT_AGENCIES = frozenset("US USA UK UAE DC EU UN DRC".split())

_FORMS = [
    re.compile(rf"^{_FULL}\s*,\s*(?:(?P<date>{_DATE})\s*)?\((?P<agency>{_AGENCY})\){_DASH}"),
    re.compile(rf"^{_FULL}\s*\((?P<agency>{_AGENCY})\){_DASH}"),
    re.compile(rf"^{_FULL}\s*,\s*(?P<date>{_DATE})\s*/(?P<agency>[A-Za-z][A-Za-z.\- ]{{1,20}})/"
               r"\.?\s*"),
    re.compile(rf"^(?P<place>{_PLACE})\s*,\s*(?P<agency>[A-Z]{{2,8}})\s*(?:-{{1,2}}|–|—)\s*"),
    re.compile(rf"^(?P<place>{_PLACE})\s*,\s*(?P<agency>[A-Z][a-z]{{2,12}})(?:-{{1,2}}|–|—)(?=\S)"),
    re.compile(rf"^{_FULL}\s*,\s*(?P<date>{_DATE}){_DASH}"),
    # not "US-led forces ...": a hyphen before a lower-case word joins a compound
    re.compile(rf"^(?P<place>{_CAPS}(?:\s*,\s*{_REGION})?){_DASH}(?![a-z])"),
    re.compile(rf"^(?P<place>{_CAPS})(?:\s*,\s*(?P<date>{_DATE}))?\s*:\s+(?=[A-Z\"“‘'])"),
    re.compile(rf"^\((?P<agency>{_AGENCY})\){_DASH}"),
]


def read_dateline(paragraph: str) -> tuple[Dateline | None, int]:
    """The dateline at the start of ``paragraph`` and the offset after it."""
    for form in _FORMS:
        match = form.match(paragraph)
        if match and _plausible(match.groupdict()):
            groups = match.groupdict()
            return Dateline(place=_place(groups.get("place")), agency=groups.get("agency"),
                            date_text=groups.get("date")), match.end()
    return None, 0


def _plausible(groups: dict[str, str | None]) -> bool:
    agency, place = groups.get("agency"), groups.get("place")
    if agency and agency.strip() in _NOT_AGENCIES:
        return False
    return not (place and is_label(place))


def _place(raw: str | None) -> str | None:
    if not raw:
        return None
    parts = [" ".join(p.split()) for p in raw.split(",") if p.strip()]
    # The city in capitals becomes "Port Calder"; a short region ("UK", "DC") stays as written.
    return ", ".join(p.title() if p.isupper() and (i == 0 or len(p) > 3) else p
                     for i, p in enumerate(parts))
