"""The records that pass between stages: frozen, typed, JSON-serialisable.

Each record has ``to_dict`` and a ``from_dict`` classmethod; nothing else in
the package builds or reads event dictionaries by hand.

>>> Span(0, 5, "Syria").to_dict()
{'text': 'Syria', 'start': 0, 'end': 5}
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

MODALITIES = ("asserted", "negated", "future", "hypothetical", "reported")
DEFAULT_MODALITIES = ("asserted", "reported")


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts: the basis of every stable id."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Span:
    """A piece of the article text with its character offsets."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        if data is None:
            return None
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


@dataclass(frozen=True)
class Dateline:
    place: str | None = None
    agency: str | None = None
    date_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Dateline | None:
        return None if data is None else cls(**data)


@dataclass(frozen=True)
class Article:
    """One cleaned news report; ``text`` is what the coder reads."""

    id: str
    text: str
    url: str | None = None
    publisher: str | None = None
    published: datetime | date | None = None
    title: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    language: str | None = "en"
    # (clean_start, raw_start, length) runs mapping cleaned text back to the raw input
    raw_offsets: tuple[tuple[int, int, int], ...] = ()

    @staticmethod
    def make_id(url: str | None, text: str) -> str:
        """Stable id: the URL's hash when there is one, else the text's."""
        return stable_hash("url", url) if url else stable_hash("text", text)

    def raw_position(self, offset: int) -> int:
        """Map an offset in ``text`` back to the raw input it was cleaned from."""
        for clean_start, raw_start, length in self.raw_offsets:
            if clean_start <= offset <= clean_start + length:
                return raw_start + offset - clean_start
        return offset

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["published"] = self.published.isoformat() if self.published else None
        out["dateline"] = self.dateline.to_dict() if self.dateline else None
        out["raw_offsets"] = [list(r) for r in self.raw_offsets]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["published"] = parse_when(data.get("published"))
        data["dateline"] = Dateline.from_dict(data.get("dateline"))
        data["raw_offsets"] = tuple(tuple(r) for r in data.get("raw_offsets") or ())
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Skipped:
    """An input or article that was not coded, and why: nothing is dropped silently."""

    source: str
    reason: str
    message: str
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Skipped:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Actor:
    """A mention resolved to a canonical actor."""

    text: str
    span: Span
    name: str
    code: str | None = None
    entity_id: str | None = None
    kind: str = "group"
    country: str | None = None
    sectors: tuple[str, ...] = ()
    role: str | None = None
    confidence: float = 0.5
    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": self.span.to_dict(),
            "name": self.name,
            "code": self.code,
            "entity_id": self.entity_id,
            "kind": self.kind,
            "country": self.country,
            "sectors": list(self.sectors),
            "role": self.role,
            "confidence": self.confidence,
            "method": self.method,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Actor | None:
        if data is None:
            return None
        data = dict(data)
        data["span"] = Span.from_dict(data["span"])
        data["sectors"] = tuple(data.get("sectors") or ())
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Plover:
    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": list(self.context)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plover:
        return cls(data["type"], data.get("mode"), tuple(data.get("context") or ()))


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None
    precision: str = "city"  # city | admin1 | country
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = self.span.to_dict() if self.span else None
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        if data is None:
            return None
        data = dict(data)
        data["span"] = Span.from_dict(data.get("span"))
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Quote:
    text: str
    span: Span
    speaker: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": self.span.to_dict(),
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Quote | None:
        if data is None:
            return None
        return cls(
            text=data["text"],
            span=Span.from_dict(data["span"]),
            speaker=Actor.from_dict(data.get("speaker")),
        )


@dataclass(frozen=True)
class Event:
    """One coded interaction, carrying the sentence that proves it."""

    id: str
    article_id: str
    sentence_index: int
    evidence: Span
    trigger: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: Plover
    reciprocal: bool = False
    modality: str = "asserted"
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None
    location: Location | None = None
    quote: Quote | None = None
    attributed_to: Actor | None = None
    confidence: float = 0.5
    method: str = ""
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @staticmethod
    def make_id(
        article_id: str, sentence_index: int, source: Actor | None, target: Actor | None, code: str
    ) -> str:
        """Deterministic: the same article always yields the same event ids."""
        return stable_hash(
            article_id, sentence_index, actor_key(source), actor_key(target), code, length=20
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.to_dict() if hasattr(value, "to_dict") else value
        out["extras"] = dict(self.extras)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        data["evidence"] = Span.from_dict(data["evidence"])
        data["trigger"] = Span.from_dict(data["trigger"])
        for key in ("source", "target", "attributed_to"):
            data[key] = Actor.from_dict(data.get(key))
        data["plover"] = Plover.from_dict(data["plover"])
        data["location"] = Location.from_dict(data.get("location"))
        data["quote"] = Quote.from_dict(data.get("quote"))
        data["extras"] = dict(data.get("extras") or {})
        return cls(**_known(cls, data))


def actor_key(actor: Actor | None) -> str:
    """What identifies an actor across mentions: its entity, else its code, else its name."""
    if actor is None:
        return ""
    return actor.entity_id or actor.code or actor.name


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def parse_when(value: object) -> datetime | date | None:
    """Read a publication date given as a string, date or datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class CodedArticle:
    """What the pipeline makes of one article."""

    article: Article
    events: tuple[Event, ...]
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Span, ...] = ()  # every place named in the text
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "places": [p.to_dict() for p in self.places],
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodedArticle:
        return cls(
            article=Article.from_dict(data["article"]),
            events=tuple(Event.from_dict(e) for e in data.get("events", ())),
            actors=tuple(a for a in (Actor.from_dict(x) for x in data.get("actors", ())) if a),
            quotes=tuple(q for q in (Quote.from_dict(x) for x in data.get("quotes", ())) if q),
            places=tuple(p for p in (Span.from_dict(x) for x in data.get("places", ())) if p),
            notes=tuple(data.get("notes", ())),
        )
