"""``eventcoder run``, ``query`` and ``export``: a corpus into the store, and
questions and files out of it. Each parses its arguments and calls one
library function (``run_corpus``, ``write_events``/``write_counts``,
``export_events``)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from typing import Any

from eventcoder.commands import scale
from eventcoder.errors import ConfigError
from eventcoder.records import MODALITIES


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {value!r}: use YYYY-MM-DD") from None


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return number


def register(subparsers: Any, epilog: str) -> None:
    _register_run(subparsers, epilog)
    _register_query(subparsers, epilog)
    _register_export(subparsers, epilog)


# ----------------------------------------------------------------- run


def _register_run(subparsers: Any, epilog: str) -> None:
    from eventcoder.ingest import FORMATS

    p = subparsers.add_parser(
        "run", epilog=epilog, help="code a corpus into an event database (resumable)",
        description="Code every article of SOURCES into --db. Killed or interrupted, "
                    "run it again: articles already stored are not coded twice.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders or globs")
    p.add_argument("--db", help="the DuckDB database file (created if new); needed unless --out")
    p.add_argument("--input-format", choices=FORMATS,
                   default="auto" if "auto" in FORMATS else "text")
    p.add_argument("--workers", type=_positive, help="processes (default: every core; "
                                                     "1 codes in this process)")
    p.add_argument("--limit", type=_positive, help="code at most N new articles")
    p.add_argument("--since", type=_day, help="skip articles published before YYYY-MM-DD")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another process using --db to finish")
    p.add_argument("--commit-every", type=_positive, default=256, metavar="N",
                   help="articles per transaction (a crash loses at most these)")
    p.add_argument("--chunk-size", type=_positive, default=16, metavar="N",
                   help="articles per partition sent to a worker")
    scale.add_run_args(p)
    p.set_defaults(func=cmd_run)


class _Progress:
    """A tqdm bar on a terminal; a plain line a second otherwise (logs, CI)."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.last = 0.0

    def __call__(self, stats: Any) -> None:
        if sys.stderr.isatty():
            self._bar(stats)
        elif time.monotonic() - self.last >= 1.0:
            self.last = time.monotonic()
            print(f"eventcoder: {_line(stats)}", file=sys.stderr, flush=True)

    def _bar(self, stats: Any) -> None:
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=stats.total, unit="art", file=sys.stderr, smoothing=0.1)
        self.bar.set_postfix(events=stats.events, skips=stats.skipped, refresh=False)
        self.bar.update(stats.articles - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _line(stats: Any) -> str:
    rate = stats.rate
    left = (stats.total - stats.articles) / rate if rate else 0
    return (f"{stats.articles}/{stats.total} articles, {stats.events} events, "
            f"{stats.skipped} skipped, {rate:.1f} articles/s, ETA {left:.0f}s")


def cmd_run(args: argparse.Namespace) -> int:
    from eventcoder.runner import RunOptions, expand_sources, run_corpus

    options = RunOptions(input_format=args.input_format, workers=args.workers,
                         limit=args.limit, since=args.since, wait=args.wait,
                         commit_every=args.commit_every, chunk_size=args.chunk_size,
                         engine=args.engine, scheduler=args.scheduler)
    if args.out:
        return scale.cmd_run_parquet(args, options)
    if not args.db:
        raise ConfigError("give --db FILE (an event database) or --out DIR (Parquet), or both")
    progress = _Progress()
    try:
        stats = run_corpus(expand_sources(args.sources), args.db, options, progress)
    finally:
        progress.close()
    print(f"eventcoder: run {stats.run_id}: {_line(stats)}; {stats.already} articles were "
          f"already in {args.db}", file=sys.stderr)
    return 0


# ----------------------------------------------------------------- query and export


def _filter_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (combined with AND)")
    g.add_argument("--actor", help="either side: name contains, code starts with, or id")
    g.add_argument("--source", help="the source actor, matched like --actor")
    g.add_argument("--target", help="the target actor, matched like --actor")
    g.add_argument("--country", help="either side's ISO alpha-3 country, e.g. SYR")
    g.add_argument("--sector", help="either side's sector code, e.g. GOV, REB, MIL")
    g.add_argument("--dyad", metavar="SOURCE:TARGET", help="source and target, e.g. RUS:SYR")
    g.add_argument("--undirected", action="store_true", help="--dyad matches both directions")
    g.add_argument("--cameo", help="CAMEO code prefixes, comma-separated (04 or 042,043)")
    g.add_argument("--root", help="CAMEO roots, comma-separated (e.g. 14,18)")
    g.add_argument("--plover", help="PLOVER types, comma-separated (e.g. PROTEST,ASSAULT)")
    g.add_argument("--quad", help="quad classes 1-4, comma-separated")
    g.add_argument("--modality", help=f"comma-separated: {', '.join(MODALITIES)}")
    g.add_argument("--since", type=_day, help="events on or after YYYY-MM-DD")
    g.add_argument("--until", type=_day, help="events on or before YYYY-MM-DD")
    g.add_argument("--location", help="place, admin1 name or ISO alpha-3 country")
    g.add_argument("--near", metavar="LAT,LON,KM",
                   help="events located within KM kilometres of LAT,LON (e.g. 36.2,37.15,50)")
    g.add_argument("--publisher", help="the publisher, exactly (any case)")
    g.add_argument("--text", help="words that must all appear in the evidence sentence")
    g.add_argument("--article", help="one article id")
    g.add_argument("--run", type=int, help="events written by this run id")
    p.add_argument("--unit", choices=("reports", "clusters"), default="reports",
                   help="a row per report, or per real-world event (cluster of reports)")


def _filters(args: argparse.Namespace) -> Any:
    from eventcoder.query import EventFilter

    return EventFilter.from_kwargs(
        actor=args.actor, source=args.source, target=args.target, country=args.country,
        sector=args.sector, dyad=args.dyad, undirected=args.undirected, cameo=args.cameo,
        root=args.root, plover=args.plover, quad_class=args.quad, modality=args.modality,
        since=args.since, until=args.until, location=args.location, near=args.near,
        publisher=args.publisher, text=args.text, article_id=args.article, run_id=args.run)


def _register_query(subparsers: Any, epilog: str) -> None:
    from eventcoder.query import GROUPS

    p = subparsers.add_parser("query", epilog=epilog, help="filter and count stored events")
    scale.add_source_args(p)
    _filter_args(p)
    p.add_argument("--by", help=f"count per group instead, comma-separated: {', '.join(GROUPS)}")
    p.add_argument("--limit", type=_positive, help="at most N events")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=cmd_query)


def cmd_query(args: argparse.Namespace) -> int:
    from eventcoder.query.output import write_counts, write_events

    with scale.event_source(args) as db:
        if args.by:
            write_counts(db, _filters(args), tuple(args.by.split(",")), sys.stdout,
                         fmt=args.format)
        else:
            write_events(db, _filters(args), sys.stdout, fmt=args.format, unit=args.unit,
                         limit=args.limit)
    return 0


def _register_export(subparsers: Any, epilog: str) -> None:
    from eventcoder.export import FORMATS

    p = subparsers.add_parser("export", epilog=epilog, help="write stored events to a file",
                              description="Formats: " + ", ".join(FORMATS) +
                              " (parquet: a folder of year=/month= partitions).")
    scale.add_source_args(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, help="the file (a folder for parquet)")
    _filter_args(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from eventcoder.export import export_events

    with scale.event_source(args) as db:
        count = export_events(db, args.format, args.out, _filters(args), unit=args.unit)
    print(f"eventcoder: wrote {count} {args.unit} to {args.out}", file=sys.stderr)
    return 0
