"""eventcoder: news reports in, political event data out (CAMEO and PLOVER).

>>> import eventcoder
>>> events = eventcoder.code(text, published="2014-08-25")  # doctest: +SKIP
"""

from __future__ import annotations

from eventcoder.errors import EventcoderError
from eventcoder.pipeline import Pipeline, code, code_article
from eventcoder.records import Actor, Article, CodedArticle, Event, Skipped

__version__ = "0.1.0"

__all__ = ["Actor", "Article", "CodedArticle", "Event", "EventcoderError", "Pipeline",
           "Skipped", "__version__", "code", "code_article"]
