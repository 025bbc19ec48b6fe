"""The dates stage: when did each event happen?

The events stage leaves the date expressions tied to each event's verb (then
those of its sentence) in ``extras``; here they are read against the
publication date. Explicit dates win, then relative ones ("Monday", "last
week"), then the publication date. Without a publication date only explicit
dates are used, never today's date.

>>> from datetime import date
>>> resolve_date("Monday", date(2014, 8, 25))
('2014-08-25', 'day', 'relative')
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from eventcoder.records import Event

__all__ = ["date_events", "resolve_date"]

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"((?:19|20)\d{2})"
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?\b")
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?")
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b")
ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
MONTH_ONLY = re.compile(
    rf"^(?:in|since|during|from|between|early|late|mid-?|last|this|next)?\s*{_MONTH}$")
YEAR_ONLY = re.compile(rf"^(?:in|since|during|from|between|early|late|mid-?)?\s*{_YEAR}$")
_TO = r"\s*(?:-|–|to|and|through|until)\s*"
_ORD = r"(?:st|nd|rd|th)?"
DAY_RANGE = re.compile(rf"\b(\d{{1,2}}){_ORD}{_TO}\d{{1,2}}{_ORD}(?=\s+(?:of\s+)?{_MONTH})")
MONTH_RANGE = re.compile(rf"\b{_MONTH}{_TO}{_MONTH}")
YEAR_RANGE = re.compile(rf"\b{_YEAR}{_TO}(?:(?:19|20)\d{{2}}|\d{{2}})\b(?!-)")
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")

Resolved = tuple[str, str, str]


def _anchor(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def resolve_date(text: str, published: date | datetime | None) -> Resolved | None:
    """(ISO date, precision, source) for one date expression, or None."""
    low = _range_start(" ".join(text.lower().split()))
    pub = _anchor(published)
    found = _explicit(low, pub)
    if found:
        return found
    return _relative(low, pub) if pub else None


def _range_start(low: str) -> str:
    """A range stands for its start: "10-12 August" is 10 August, "between March
    and May 2013" March 2013, "2013-2014" 2013."""
    low = DAY_RANGE.sub(r"\1", low)
    low = MONTH_RANGE.sub(lambda m: m[1], low)
    return YEAR_RANGE.sub(r"\1", low)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, pub: date | None) -> int | None:
    """A date without a year is the latest such date not far after publication."""
    if pub is None:
        return None
    candidate = _safe(pub.year, month, day)
    if candidate and candidate > pub + timedelta(days=31):
        return pub.year - 1
    return pub.year


def _explicit(low: str, pub: date | None) -> Resolved | None:
    if m := ISO.search(low):
        d = _safe(int(m[1]), int(m[2]), int(m[3]))
        return (d.isoformat(), "day", "explicit") if d else None
    for regex, order in ((DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy")):
        if m := regex.search(low):
            day, month = (m[1], m[2]) if order == "dmy" else (m[2], m[1])
            mon = MONTHS[month.rstrip(".")[:4] if month.startswith("sept") else month[:3]]
            year = int(m[3]) if m[3] else _year_for(mon, int(day), pub)
            d = _safe(year, mon, int(day)) if year else None
            return (d.isoformat(), "day", "explicit") if d else None
    if m := MONTH_YEAR.search(low):
        return f"{int(m[2]):04d}-{MONTHS[m[1][:3]]:02d}-01", "month", "explicit"
    if (m := YEAR_ONLY.match(low)) and not low.startswith("since"):
        return f"{m[1]}-01-01", "year", "explicit"
    if (m := MONTH_ONLY.match(low)) and pub:
        mon = MONTHS[m[1][:3]]
        year = pub.year if mon <= pub.month or "next" in low else pub.year - 1
        if "last" in low and mon >= pub.month:
            year = pub.year - 1
        return f"{year:04d}-{mon:02d}-01", "month", "relative"
    return None


def _relative(low: str, pub: date) -> Resolved | None:
    simple = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before": -1}
    for words, delta in simple.items():
        if re.search(rf"\b{words}\b", low):
            return (pub + timedelta(days=delta)).isoformat(), "day", "relative"
    if m := WEEKDAY.search(low):
        target = WEEKDAYS[m[1]]
        back = (pub.weekday() - target) % 7
        if "next" in low:
            return (pub + timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat(), \
                "day", "relative"
        if "last" in low and back == 0:
            back = 7
        return (pub - timedelta(days=back)).isoformat(), "day", "relative"
    if m := re.search(r"\b(\d+|a|one|two|three|four|five|six|seven)\s+(day|week|month|year)s?"
                      r"\s+ago\b", low):
        n = _number(m[1])
        return _shift(pub, m[2], -n)
    for words, unit, n in (("last week", "week", -1), ("this week", "week", 0),
                           ("next week", "week", 1), ("last month", "month", -1),
                           ("this month", "month", 0), ("earlier this month", "month", 0),
                           ("next month", "month", 1), ("last year", "year", -1),
                           ("this year", "year", 0), ("earlier this year", "year", 0),
                           ("next year", "year", 1)):
        if words in low:
            return _shift(pub, unit, n)
    return None


def _number(word: str) -> int:
    words = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
    return words.get(word) or int(word)


def _shift(pub: date, unit: str, n: int) -> Resolved:
    if unit == "day":
        return (pub + timedelta(days=n)).isoformat(), "day", "relative"
    if unit == "week":
        start = pub - timedelta(days=pub.weekday()) + timedelta(weeks=n)
        return start.isoformat(), "week", "relative"
    if unit == "month":
        month_index = pub.year * 12 + pub.month - 1 + n
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}-01", "month", "relative"
    return f"{pub.year + n:04d}-01-01", "year", "relative"


def date_event(event: Event, published: date | datetime | None) -> Event:
    """The event with its date set from its date expressions or the publication date."""
    extras = dict(event.extras)
    candidates = extras.pop("date_clause", []) + extras.pop("date_sentence", [])
    pub = _anchor(published)
    for cand in candidates:
        found = resolve_date(cand["text"], published)
        if found and _plausible(found[0], pub, event.modality):
            day, precision, source = found
            return replace(event, date=day, date_precision=precision, date_source=source,
                           extras=extras)
    if pub is None:
        return replace(event, date=None, date_precision=None, date_source=None, extras=extras)
    return replace(event, date=pub.isoformat(), date_precision="day",
                   date_source="publication", extras=extras)


def _plausible(day: str, pub: date | None, modality: str) -> bool:
    """A reported event happened by the time of the report: a date far past
    publication ("cooperation until 2030") is a target date, not the event's."""
    if pub is None or modality in ("future", "hypothetical"):
        return True
    return date.fromisoformat(day) <= pub + timedelta(days=7)


def date_events(events: list[Event], published: date | datetime | None) -> list[Event]:
    return [date_event(e, published) for e in events]
