"""Where the watcher hands its results: anything with ``write`` and ``seen``.

The DuckDB store implements ``ArticleSink``; ``JsonlSink`` prints results as
JSON lines for a run without a database, and tests use their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Protocol, TextIO, runtime_checkable

from eventcoder.ingest.identity import WireCopy
from eventcoder.records import CodedArticle, Skipped


@runtime_checkable
class ArticleSink(Protocol):
    """Receives coded articles and skip records; knows which articles it holds."""

    def write(self, results: list[CodedArticle | Skipped]) -> None:
        """Store one poll's results (coded articles and Skipped records) together."""

    def seen(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` already stored (coded or skipped for good)."""


@runtime_checkable
class CopyLinkSink(Protocol):
    """Optional: a sink that also records which articles are wire copies of which."""

    def link_copies(self, links: list[WireCopy]) -> None:
        """Store that each ``link.article_id`` is a near-identical copy of ``original_id``."""


class JsonlSink:
    """Prints each result as one JSON line: ``{"type": "coded"|"skipped"|"copy", ...}``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._ids: set[str] = set()

    def write(self, results: list[CodedArticle | Skipped]) -> None:
        for result in results:
            if isinstance(result, CodedArticle):
                self._ids.add(result.article.id)
                self._line({"type": "coded", **result.to_dict()})
            else:
                self._line({"type": "skipped", **result.to_dict()})
        self._stream.flush()

    def seen(self, article_ids: Iterable[str]) -> set[str]:
        return {i for i in article_ids if i in self._ids}

    def link_copies(self, links: list[WireCopy]) -> None:
        for link in links:
            self._line({"type": "copy", "article_id": link.article_id,
                        "original_id": link.original_id, "similarity": link.similarity})
        self._stream.flush()

    def _line(self, data: dict[str, object]) -> None:
        self._stream.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
