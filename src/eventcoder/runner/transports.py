"""Runners: thin transports that map the batch function over partitions.

Each has one method, ``map(batch_fn, partitions)``, yielding one result per
partition (in completion order for pools). They know nothing of articles,
events or the store, so a Dask runner is one more class of this size.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol, TypeVar

P = TypeVar("P")
R = TypeVar("R")


class Runner(Protocol):
    def map(self, batch_fn: Callable[[Any], Any], partitions: Iterable[Any]) -> Iterator[Any]:
        ...


class LocalRunner:
    """In this process, one partition after another: simplest to debug."""

    def map(self, batch_fn: Callable[[P], R], partitions: Iterable[P]) -> Iterator[R]:
        for partition in partitions:
            yield batch_fn(partition)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


class ProcessRunner:
    """A pool of worker processes, each loading the pipeline once.

    Workers start with "spawn" (or "forkserver"): forking a process that holds
    a DuckDB connection or spaCy threads is not safe. At most ``2 * workers``
    partitions are in flight, so a huge corpus is never read into memory.
    """

    def __init__(self, workers: int | None = None, context: str = "spawn") -> None:
        self.workers = workers or default_workers()
        self.context = multiprocessing.get_context(context)

    def map(self, batch_fn: Callable[[P], R], partitions: Iterable[P]) -> Iterator[R]:
        pending: set[Future[R]] = set()
        source = iter(partitions)
        pool = ProcessPoolExecutor(self.workers, mp_context=self.context,
                                   initializer=_exit_with, initargs=(os.getpid(),))
        try:
            while True:
                for partition in source:
                    pending.add(pool.submit(batch_fn, partition))
                    if len(pending) >= 2 * self.workers:
                        break
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _exit_with(parent: int) -> None:
    """Worker initializer: leave when the parent is gone. A parent killed with
    SIGKILL tells no one, and an orphan would keep coding for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="eventcoder-parent-watch", daemon=True).start()
