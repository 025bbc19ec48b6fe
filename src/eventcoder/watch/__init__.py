"""Watch RSS/Atom feeds: poll them, code what is new, hand it to a sink.

``run_watch`` is what ``eventcoder watch`` calls; ``Watcher.poll`` does one
round; ``ArticleSink`` is what a store implements to receive the results;
``WatchState`` is the JSON file that remembers seen items across restarts.
"""

from __future__ import annotations

from eventcoder.watch.loop import (
    PollReport,
    Watcher,
    default_coder,
    parse_interval,
    read_feed_list,
    run_watch,
)
from eventcoder.watch.sink import ArticleSink, CopyLinkSink, JsonlSink
from eventcoder.watch.state import WatchState

__all__ = ["ArticleSink", "CopyLinkSink", "JsonlSink", "PollReport", "WatchState", "Watcher",
           "default_coder", "parse_interval", "read_feed_list", "run_watch"]
