"""How to read a source: the field names of tabular exports and the size cap.

Exports from news databases name their columns differently (``body``,
``maintext``, ``content``; ``pubdate``, ``date_publish``); ``FieldNames``
lists, for each article field, the column names to try in order. Users set
their own in the ``ingest.fields`` setting or pass ``FieldNames`` in Python.

>>> FieldNames.from_mapping({"text": "body"}).text
('body',)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from eventcoder.errors import ConfigError

DEFAULT_MAX_BYTES = 10_000_000


@dataclass(frozen=True)
class FieldNames:
    """For each article field, the column or key names to look for, first match wins."""

    id: tuple[str, ...] = ("id", "article_id", "doc_id", "guid")
    text: tuple[str, ...] = ("text", "body", "content", "maintext", "article")
    html: tuple[str, ...] = ("html", "raw_html")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link", "source_url")
    publisher: tuple[str, ...] = ("publisher", "source", "site_name", "outlet")
    published: tuple[str, ...] = ("date", "published", "publish_date", "pubdate",
                                  "date_publish", "published_at")
    byline: tuple[str, ...] = ("byline", "author", "authors")

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any] | None) -> FieldNames:
        """Override some fields: ``{"text": "body", "published": ["pubdate", "date"]}``."""
        known = {f.name for f in fields(cls)}
        chosen: dict[str, tuple[str, ...]] = {}
        for key, value in (mapping or {}).items():
            name = "published" if key == "date" else key
            if name not in known:
                raise ConfigError(f"unknown article field {key!r} in ingest.fields; "
                                  f"use some of {', '.join(sorted(known))}")
            chosen[name] = (value,) if isinstance(value, str) else tuple(map(str, value))
        return cls(**chosen)

    def pick(self, row: Mapping[str, Any], name: str) -> tuple[str | None, Any]:
        """(column, value) of the first of ``name``'s columns that ``row`` has filled."""
        for column in getattr(self, name):
            value = row.get(column)
            if value not in (None, ""):
                return column, value
        return None, None


@dataclass(frozen=True)
class ReadOptions:
    """Everything a reader needs besides the bytes: field names, caps, metadata.

    ``meta`` (id, url, published, publisher, title) describes a single-article
    input such as one text file or stdin; tabular readers ignore it.
    """

    fields: FieldNames = field(default_factory=FieldNames)
    max_bytes: int = DEFAULT_MAX_BYTES
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None, **meta: Any) -> ReadOptions:
        section = dict((settings or {}).get("ingest") or {})
        return cls(fields=FieldNames.from_mapping(section.get("fields")),
                   max_bytes=int(section.get("max_bytes") or DEFAULT_MAX_BYTES),
                   meta={k: v for k, v in meta.items() if v is not None})
