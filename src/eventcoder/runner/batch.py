"""Code a corpus into the store: plan, code on a runner, write in bulk.

1. Plan: read the sources once, keep the articles not yet in the store (the
   checkpoint is the article's row, written in the same transaction as its
   events), published on or after ``since``, at most ``limit`` of them.
2. Code: the runner maps ``code_batch`` over partitions of those articles.
3. Write: results are buffered and written a few hundred articles per
   transaction; a run killed at any moment loses at most that buffer, and a
   rerun codes exactly what is missing.
"""

from __future__ import annotations

import glob
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError, InputError
from eventcoder.ingest import read_sources
from eventcoder.records import Article, CodedArticle, Skipped
from eventcoder.runner.coding import code_batch
from eventcoder.runner.transports import LocalRunner, ProcessRunner, Runner, default_workers
from eventcoder.store import Store, open_store


@dataclass(frozen=True)
class RunOptions:
    """How to run; the defaults suit a laptop."""

    input_format: str = "text"
    workers: int | None = None      # None: every core; 1: in this process
    limit: int | None = None        # code at most this many new articles
    since: date | None = None       # skip articles published before this day
    chunk_size: int = 16            # articles per partition sent to a worker
    commit_every: int = 256         # articles per transaction
    commit_seconds: float = 5.0     # ... or this often, whichever comes first
    wait: float = 0.0               # seconds to wait for another writer to finish
    settings: dict[str, Any] | None = None
    engine: str | None = None       # local, process or dask; None: by ``workers``
    scheduler: str | None = None    # dask: the scheduler's address; None: a local cluster


@dataclass
class RunStats:
    """Progress of a run, as the progress bar shows it."""

    total: int = 0          # articles to code in this run
    already: int = 0        # articles found already in the store and left alone
    articles: int = 0       # articles coded or skipped so far
    events: int = 0
    skipped: int = 0
    run_id: int | None = None
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        return self.articles / max(time.monotonic() - self.started, 1e-9)


@dataclass
class _Plan:
    todo: dict[str, None]   # article ids to code, in input order
    already: int
    unreadable: list[Skipped]  # inputs the readers could not turn into articles


def run_corpus(paths: Iterable[str | Path], db: str | Path, options: RunOptions = RunOptions(),
               progress: Callable[[RunStats], None] | None = None,
               runner: Runner | None = None) -> RunStats:
    """Code every new article of ``paths`` into the database ``db``.

    >>> run_corpus(["corpus/"], "events.duckdb", RunOptions(workers=4))  # doctest: +SKIP
    """
    from eventcoder.settings import load_settings

    paths = [str(p) for p in paths]
    settings = options.settings or load_settings()
    with open_store(db, wait=options.wait, settings=settings) as store:
        plan = _plan(paths, options, store)
        stats = RunStats(total=len(plan.todo), already=plan.already)
        partitions = -(-stats.total // options.chunk_size)
        workers = _workers(options, partitions)
        stats.run_id = store.start_run(command="run", settings=settings, sources=paths,
                                       workers=workers)
        status = "interrupted"
        try:
            runner = runner or make_runner(options, partitions)
            _code(paths, options, settings, store, plan, runner, stats, progress)
            status = "finished"
        finally:
            store.finish_run(status)
    return stats


ENGINES = ("local", "process", "dask")


def _workers(options: RunOptions, partitions: int) -> int:
    # No more workers than partitions: each one loads the model first.
    return max(1, min(options.workers or default_workers(), partitions))


def make_runner(options: RunOptions, partitions: int, *, report_failures: bool = False
                ) -> Runner:
    """The runner ``options.engine`` names; without one, a process pool unless
    one worker (or one partition) makes this process enough. ``report_failures``:
    a Dask partition that fails after its retries is reported, not raised."""
    engine = options.engine or ("local" if _workers(options, partitions) == 1 else "process")
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if options.scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    if engine == "dask":
        from eventcoder.runner.dask import DaskRunner

        return DaskRunner(options.scheduler, workers=options.workers,
                          report_failures=report_failures)
    if engine == "local":
        return LocalRunner()
    return ProcessRunner(_workers(options, partitions))


def expand_sources(patterns: Iterable[str]) -> list[str]:
    """Files and folders as given; quoted globs ("data/*.jsonl") expanded, sorted.
    A path that is not there fails here, before a run that would code nothing."""
    out: list[str] = []
    for pattern in patterns:
        if "://" in pattern:
            out.append(pattern)  # for readers that fetch
        elif glob.has_magic(pattern):
            found = sorted(glob.glob(pattern, recursive=True))
            if not found:
                raise InputError(f"no file matches {pattern!r}")
            out.extend(found)
        elif not Path(pattern).exists():
            raise InputError(f"no such file or folder: {pattern}")
        else:
            out.append(pattern)
    return out


def _published(article: Article) -> date | None:
    when = article.published
    return when.date() if isinstance(when, datetime) else when


def _wanted(article: Article, since: date | None) -> bool:
    day = _published(article)
    return since is None or day is None or day >= since


def _plan(paths: list[str], options: RunOptions, store: Store) -> _Plan:
    todo: dict[str, None] = {}
    already: set[str] = set()
    pending: list[str] = []
    unreadable: list[Skipped] = []

    def settle() -> None:
        done = store.seen(pending)
        already.update(done)
        todo.update((i, None) for i in pending if i not in done)
        pending.clear()

    for item in read_sources(paths, options.input_format):
        if isinstance(item, Skipped):
            unreadable.append(item)
        elif _wanted(item, options.since) and item.id not in todo and item.id not in already:
            pending.append(item.id)
        if len(pending) >= 5000:
            settle()
        if options.limit is not None and len(todo) >= options.limit:
            break
    settle()
    ids = list(todo)[:options.limit] if options.limit is not None else list(todo)
    return _Plan(dict.fromkeys(ids), len(already), unreadable)


def _partitions(paths: list[str], options: RunOptions,
                todo: dict[str, None]) -> Iterator[list[Article]]:
    """The planned articles, in chunks, read again from the sources."""
    left = dict(todo)
    chunk: list[Article] = []
    for item in read_sources(paths, options.input_format):
        if isinstance(item, Article) and item.id in left:
            del left[item.id]  # the same article twice in the input is coded once
            chunk.append(item)
            if len(chunk) >= options.chunk_size:
                yield chunk
                chunk = []
        if not left:
            break
    if chunk:
        yield chunk


def _code(paths: list[str], options: RunOptions, settings: dict[str, Any], store: Store,
          plan: _Plan, runner: Runner, stats: RunStats,
          progress: Callable[[RunStats], None] | None) -> None:
    skips = list(plan.unreadable)
    buffer: list[CodedArticle | Skipped] = []
    last = time.monotonic()
    batches = runner.map(partial(code_batch, settings=settings),
                         _partitions(paths, options, plan.todo))
    for results in batches:
        buffer.extend(results)
        _count(stats, results)
        if progress:
            progress(stats)
        if len(buffer) >= options.commit_every or \
                time.monotonic() - last >= options.commit_seconds:
            _flush(store, buffer, skips, stats)
            last = time.monotonic()
    _flush(store, buffer, skips, stats)


def _flush(store: Store, buffer: list[CodedArticle | Skipped], skips: list[Skipped],
           stats: RunStats) -> None:
    """One transaction: the buffered results and the inputs that could not be read."""
    stats.skipped += len(skips)
    store.write([*buffer, *skips])
    buffer.clear()
    skips.clear()


def _count(stats: RunStats, results: list[CodedArticle | Skipped]) -> None:
    for r in results:
        stats.articles += 1
        if isinstance(r, CodedArticle):
            stats.events += len(r.events)
        else:
            stats.skipped += 1
