"""Hand-built records shared by the store, query, export, runner and cluster tests.

No tests live here: building events by hand keeps those tests fast and lets
each say exactly what it stores.
"""

from __future__ import annotations

from eventcoder.records import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Location,
    Plover,
    Quote,
    Skipped,
    Span,
    parse_when,
)

# CAMEO root -> (quad class, Goldstein, PLOVER type) for the few codes the tests use.
CODES = {"04": (1, 1.0, "CONSULT"), "05": (1, 3.5, "COOPERATE"), "11": (3, -2.0, "ACCUSE"),
         "14": (3, -6.5, "PROTEST"), "18": (4, -9.0, "ASSAULT"), "07": (2, 7.0, "AID")}


def make_actor(name: str, code: str | None, country: str | None = None,
               sectors: tuple[str, ...] = ("GOV",), kind: str = "state",
               start: int = 0) -> Actor:
    return Actor(text=name, span=Span(start, start + len(name), name), name=name, code=code,
                 entity_id=None, kind=kind, country=country or (code or "")[:3] or None,
                 sectors=sectors, role=None, confidence=0.8, method="test")


RUS = make_actor("Sergei Lavrov", "RUSGOV", "RUS", kind="person")
SYR = make_actor("Walid al-Moallem", "SYRGOV", "SYR", kind="person")
BOKO = make_actor("Boko Haram", "NGAREB", "NGA", ("REB",), "armed_group")
NGA_CVL = make_actor("schoolgirls", "NGACVL", "NGA", ("CVL",), "group")
USA = make_actor("United States", "USA", "USA", (), "state")


def make_event(article_id: str, sentence: int = 0, *, source: Actor | None = RUS,
               target: Actor | None = SYR, cameo: str = "041", date: str | None = "2014-08-25",
               evidence: str = "Lavrov discussed the situation in Syria with al-Moallem.",
               modality: str = "asserted", location: Location | None = None,
               quote: Quote | None = None, context: tuple[str, ...] = ()) -> Event:
    quad, goldstein, plover = CODES[cameo[:2]]
    return Event(
        id=Event.make_id(article_id, sentence, source, target, cameo), article_id=article_id,
        sentence_index=sentence, evidence=Span(0, len(evidence), evidence),
        trigger=Span(7, 16, evidence[7:16]), source=source, target=target, cameo=cameo,
        cameo_root=cameo[:2], quad_class=quad, goldstein=goldstein,
        plover=Plover(plover, None, context), modality=modality, date=date,
        date_precision="day" if date else None, date_source="explicit" if date else None,
        location=location, quote=quote, confidence=0.7, method="test:1",
        extras={"note": "extras are not compared"})


MOSCOW = Location("Moscow", "RUS", None, 55.75, 37.62, "geonames:524901", "city",
                  Span(0, 6, "Moscow"))


def make_coded(article_id: str, events: list[Event] | tuple[Event, ...] = (), *,
               publisher: str | None = "AFP", published: str | None = "2014-08-25",
               url: str | None = None) -> CodedArticle:
    text = " ".join(e.evidence.text for e in events) or "Nothing happened today in the capital."
    article = Article(id=article_id, text=text, url=url or f"https://news.example/{article_id}",
                      publisher=publisher, published=parse_when(published), title=article_id)
    actors = tuple({a for e in events for a in (e.source, e.target) if a})
    quotes = tuple(e.quote for e in events if e.quote)
    return CodedArticle(article, tuple(events), actors, quotes)


def make_skip(article_id: str | None, reason: str = "too_short") -> Skipped:
    return Skipped(source=f"file-{article_id}.txt", reason=reason,
                   message=f"article {article_id} is too short", article_id=article_id)
