"""The one batch function every runner maps over partitions of articles."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from eventcoder.records import Article, CodedArticle, Skipped

# One pipeline per settings per process: a worker loads spaCy and the
# knowledge base once, then codes every partition it is sent.
_PIPELINES: dict[str, Any] = {}


def _pipeline(settings: dict[str, Any] | None) -> Any:
    from eventcoder.pipeline import Pipeline, default_pipeline

    if settings is None:
        return default_pipeline()
    key = json.dumps(settings, sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]


def code_batch(articles: Iterable[Article | Skipped],
               settings: dict[str, Any] | None = None) -> list[CodedArticle | Skipped]:
    """Code a partition of articles: one result (coded or skipped) per article.

    Every runner calls this, in this process or in a worker, so local,
    process-pool and cluster runs code identically.
    """
    return list(_pipeline(settings).run(list(articles)))
