"""``eventcoder watch``: poll feeds, code new items, store them."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError


def _interval(value: str) -> float:
    from eventcoder.watch import parse_interval

    try:
        return parse_interval(value)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(subparsers: Any, epilog: str) -> None:
    p = subparsers.add_parser(
        "watch", epilog=epilog, help="poll RSS/Atom feeds and code each new item",
        description="Poll the feeds listed in FEEDS, fetch only items not seen before, code "
                    "them and store the results; skipped items are logged with their reason.")
    p.add_argument("feeds", metavar="FEEDS",
                   help="text file of feed URLs, one a line (# starts a comment)")
    p.add_argument("--every", type=_interval, default="15m",
                   help="time between polls: 90s, 15m, 1h (default: 15m)")
    p.add_argument("--db", help="event database to store into; without it, results are "
                                "printed as JSON lines")
    p.add_argument("--state", help="file remembering seen items (default: DB.watch.json, "
                                   "or FEEDS.watch.json without --db)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.set_defaults(func=cmd_watch)


def cmd_watch(args: argparse.Namespace) -> int:
    from eventcoder.watch import JsonlSink, run_watch
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(message)s")
    state = args.state or f"{args.db or args.feeds}.watch.json"
    if args.db is None:
        run_watch(args.feeds, JsonlSink(sys.stdout), every=args.every, state_path=state,
                  iterations=1 if args.once else None)
        return 0
    store = _open_store(args.db)
    if store is None:
        return 2
    try:
        run_watch(args.feeds, store, every=args.every, state_path=state,
                  iterations=1 if args.once else None)
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()
    return 0


def _store_opener() -> Any:
    from eventcoder.store import open_store

    return open_store


def _open_store(path: str) -> Any:
    try:
        open_store = _store_opener()
    except ImportError:
        print("eventcoder: error: --db needs the event store (eventcoder.store), which this "
              "installation lacks; run without --db to print JSON lines", file=sys.stderr)
        return None
    return open_store(Path(path))
