"""The scale-out options of ``eventcoder run`` (``--engine``, ``--scheduler``,
``--out``) and ``--parquet`` for ``query`` and ``export``: each parses its
arguments and calls one library function (``run_parquet``, ``load_parquet``,
``open_parquet``)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def add_run_args(p: argparse.ArgumentParser) -> None:
    """``--engine``, ``--scheduler``, ``--out`` and the partition sizes of ``run``."""
    from eventcoder.runner.batch import ENGINES

    g = p.add_argument_group("scale-out (docs/scale.md)")
    g.add_argument("--engine", choices=ENGINES,
                   help="local: this process; process: a pool of --workers processes; dask: "
                        "a Dask cluster (default: process, or local for --workers 1)")
    g.add_argument("--scheduler", metavar="ADDR",
                   help="the Dask scheduler, e.g. tcp://host:8786 (default with --engine dask: "
                        "a local cluster of --workers processes)")
    g.add_argument("--out", metavar="DIR",
                   help="write partitioned Parquet to DIR (one file per input partition); "
                        "with --db as well, then load the new partitions into the database")
    g.add_argument("--partition-mb", type=float, default=64.0, metavar="MB",
                   help="with --out: split JSONL files into shards of about this size")
    g.add_argument("--files-per-partition", type=int, default=256, metavar="N",
                   help="with --out: text and HTML files (one article each) per partition")


def add_source_args(p: argparse.ArgumentParser) -> None:
    """``--db FILE`` or ``--parquet DIR``: where ``query`` and ``export`` read events."""
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--db", help="the DuckDB database file")
    g.add_argument("--parquet", metavar="DIR",
                   help="a Parquet output folder of `eventcoder run --out` (loaded into memory)")


@contextmanager
def event_source(args: argparse.Namespace) -> Iterator[Any]:
    """The database path, or an in-memory store of the Parquet folder."""
    if not getattr(args, "parquet", None):
        yield args.db
        return
    from eventcoder.runner.parquet import open_parquet
    from eventcoder.settings import load_settings

    store = open_parquet(args.parquet, load_settings())
    try:
        yield store
    finally:
        store.close()


def cmd_run_parquet(args: argparse.Namespace, options: Any) -> int:
    """``eventcoder run --out DIR``: code the missing partitions, report failures."""
    from eventcoder.runner import expand_sources
    from eventcoder.runner.parquet import run_parquet

    started = time.monotonic()
    stats = run_parquet(expand_sources(args.sources), args.out, options,
                        progress=_progress(), partition_mb=args.partition_mb,
                        files_per_partition=args.files_per_partition)
    print(f"eventcoder: {_line(stats)} in {time.monotonic() - started:.1f}s; "
          f"{stats.already} partitions were already done in {args.out}", file=sys.stderr)
    for failed in stats.failed:
        print(f"eventcoder: partition {failed.partition.label} failed: "
              f"{failed.error.splitlines()[-1]}", file=sys.stderr)
    if args.db:
        _load(args, options)
    if stats.failed:
        print(f"eventcoder: {len(stats.failed)} partitions failed (details in "
              f"{args.out}/_failed/); run the same command again to retry them",
              file=sys.stderr)
        return 1
    return 0


def _load(args: argparse.Namespace, options: Any) -> None:
    from eventcoder.runner.parquet import load_parquet
    from eventcoder.settings import load_settings
    from eventcoder.store import open_store

    settings = options.settings or load_settings()
    with open_store(args.db, wait=options.wait, settings=settings) as store:
        count = load_parquet(args.out, store, skip_stored=True)
    print(f"eventcoder: loaded {count} new partitions into {args.db}", file=sys.stderr)


def _line(stats: Any) -> str:
    return (f"{stats.done + stats.already}/{stats.partitions} partitions, {stats.articles} "
            f"articles, {stats.events} events, {stats.skipped} skipped, "
            f"{stats.rate:.1f} articles/s")


def _progress() -> Any:
    last = [0.0]

    def show(stats: Any) -> None:
        if time.monotonic() - last[0] >= 1.0 or stats.done + stats.already == stats.partitions:
            last[0] = time.monotonic()
            end = "\r" if sys.stderr.isatty() else "\n"
            print(f"eventcoder: {_line(stats)}", file=sys.stderr, end=end, flush=True)

    return show
