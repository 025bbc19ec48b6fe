"""The shapes the API reads and answers, for validation and the OpenAPI spec.

Events travel as ``Event.to_dict()`` (documented field by field in the README,
"Event fields"), so they are typed loosely here: the record contract lives in
``eventcoder.records``, said once.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from eventcoder.records import MODALITIES

Modality = Literal["asserted", "negated", "future", "hypothetical", "reported"]
assert set(Modality.__args__) == set(MODALITIES)  # type: ignore[attr-defined]

# An article longer than this is refused before it reaches the coder
# (the pipeline's own default limit, nlp.max_chars, is 1,000,000).
MAX_TEXT_CHARS = 1_000_000


class ErrorBody(BaseModel):
    """Every error: a status and a message saying what was wrong and what to do."""

    status: int
    message: str
    errors: list[dict[str, Any]] | None = Field(
        None, description="for invalid requests: where (loc), what (msg) and its type")


class CodeRequest(BaseModel):
    """An article to code."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS,
                      description="the article text (plain text)")
    published: str | None = Field(None, max_length=40,
                                  description="publication date, YYYY-MM-DD or ISO datetime")
    url: str | None = Field(None, max_length=2000, description="gives the article a stable id")
    title: str | None = Field(None, max_length=1000)
    publisher: str | None = Field(None, max_length=200)
    modalities: list[Modality] | None = Field(
        None, description="modalities to return (default asserted and reported); "
                          "stored articles keep every event")
    store: bool = Field(False, description="also store the article and its events "
                                           "(needs the server's write token)")

    @field_validator("text", "published", "url", "title", "publisher")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        """JSON can smuggle in lone surrogates and NULs, which no article has and
        neither the database nor a JSON answer can hold."""
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("must be valid Unicode (no lone surrogates)") from None
            if "\x00" in value:
                raise ValueError("must not contain NUL characters")
        return value


class Highlight(BaseModel):
    """A span of the article text to highlight."""

    start: int
    end: int
    kind: Literal["evidence", "trigger", "actor", "quote", "place"]
    label: str | None = None
    event_ids: list[str] = []


class CodedArticleOut(BaseModel):
    """An article with its text, the events coded from it and the spans to
    highlight (offsets into ``article.text``)."""

    article: dict[str, Any] = Field(description="Article.to_dict()")
    events: list[dict[str, Any]] = Field(description="Event.to_dict() each")
    spans: list[Highlight]
    stored: bool = False
    skipped: dict[str, Any] | None = None


class ArticleSummary(BaseModel):
    id: str
    publisher: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None


class ClusterSummary(BaseModel):
    id: str | None = None
    reports: int | None = None
    articles: int | None = None
    sources: int | None = None


class EventItem(BaseModel):
    """One stored report: the event, where it was published, its cluster."""

    event: dict[str, Any] = Field(description="Event.to_dict()")
    article: ArticleSummary
    cluster: ClusterSummary


class EventPage(BaseModel):
    total: int = Field(description="how many match the filters (in the unit asked)")
    limit: int
    offset: int
    sort: str
    unit: str
    results: list[EventItem]


class TimelineRow(BaseModel):
    period: str | None
    quad_class: int | None
    count: int


class Timeline(BaseModel):
    interval: str
    unit: str
    rows: list[TimelineRow]


class DyadRow(BaseModel):
    source: str
    source_name: str | None
    source_country: str | None
    target: str
    target_name: str | None
    target_country: str | None
    count: int
    goldstein: float | None


class Dyads(BaseModel):
    unit: str
    rows: list[DyadRow]


class ActorRow(BaseModel):
    actor: str
    name: str | None
    country: str | None
    count: int
    as_source: int
    as_target: int


class Actors(BaseModel):
    unit: str
    side: str
    rows: list[ActorRow]


class PlaceRow(BaseModel):
    name: str | None
    country: str | None
    lat: float
    lon: float
    count: int
    goldstein: float | None


class Places(BaseModel):
    unit: str
    rows: list[PlaceRow]


class Health(BaseModel):
    status: str
    version: str
    database: str
    writable: bool
    counts: dict[str, int]
    dashboard: bool = Field(description="the dashboard's libraries are installed")
