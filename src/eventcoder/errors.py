"""One exception tree for everything eventcoder raises on purpose.

    EventcoderError
     ├── InputError          the input cannot be read or is not an article
     │    └── SkipArticle    one article is skipped; a batch records it and goes on
     ├── KnowledgeError      a dictionary or data file is malformed (file, line, what)
     ├── ConfigError         a setting or option is wrong
     ├── ModelError          the spaCy model (or an optional model) is missing
     └── StoreError          the database cannot be opened, is locked or too old
"""

from __future__ import annotations


class EventcoderError(Exception):
    """Base of every error eventcoder raises on purpose."""


class InputError(EventcoderError):
    """The input cannot be read, or is not an article we can code."""


class SkipArticle(InputError):
    """One article is skipped; ``reason`` is a short machine-friendly tag."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class KnowledgeError(EventcoderError):
    """A knowledge file is malformed; the message names the file and line."""

    def __init__(self, path: object, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line


class ConfigError(EventcoderError):
    """A setting or command-line option is wrong."""


class ModelError(EventcoderError):
    """A model the pipeline needs is not installed."""


class StoreError(EventcoderError):
    """The event database cannot be used as asked."""
