"""Batch coding: the one batch function every runner maps over partitions,
the runners themselves (thin transports), and ``run_corpus``, which codes a
corpus into the store with a checkpoint per article.

>>> from functools import partial
>>> from eventcoder.runner import ProcessRunner, code_batch
>>> for results in ProcessRunner(4).map(partial(code_batch, settings=None), chunks):
...     store.write(results)                                   # doctest: +SKIP
"""

from __future__ import annotations

from eventcoder.runner.batch import RunOptions, RunStats, expand_sources, run_corpus
from eventcoder.runner.coding import code_batch
from eventcoder.runner.transports import LocalRunner, ProcessRunner, Runner, default_workers

__all__ = ["LocalRunner", "ProcessRunner", "RunOptions", "RunStats", "Runner", "code_batch",
           "default_workers", "expand_sources", "run_corpus"]
