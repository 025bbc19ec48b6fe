"""The feed-polling loop: each poll fetches the feeds, keeps the items not seen
before, fetches their pages, codes them, hands the results to the sink, and
only then remembers the items as seen, so a crash means a refetch, never a
loss. A page that failed in a way that may pass (timeout, connection error,
5xx) is tried again on later polls, up to ``ingest.max_attempts``.

>>> run_watch("feeds.txt", sink, every=900, state_path="feeds.state.json")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError, InputError, SkipArticle
from eventcoder.ingest.feeds import Feed, FeedItem, fetch_feed, item_article
from eventcoder.ingest.fetch import Fetcher, FetchError, FetchSettings, Page
from eventcoder.ingest.identity import WireCopy, WireLinker
from eventcoder.records import Article, CodedArticle, Skipped
from eventcoder.watch.sink import ArticleSink, CopyLinkSink
from eventcoder.watch.state import WatchState

log = logging.getLogger("eventcoder.watch")

Result = CodedArticle | Skipped
Coder = Callable[[Iterable[Article | Skipped]], Iterable[Result]]
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class PollReport:
    """What one poll did, for the log line and for tests."""

    feeds: int
    feeds_failed: int
    new: int
    coded: int
    skipped: int
    retry_later: int
    copies: int


def parse_interval(text: str) -> float:
    """Seconds in "15m", "90s", "1h30m", "2d" or a plain number of seconds."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        seconds = float(value)
    elif re.fullmatch(r"(\d+(\.\d+)?[smhd])+", value):
        seconds = sum(float(n) * _UNITS[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)([smhd])",
                                                                   value))
    else:
        raise ConfigError(f"bad interval {text!r}: use e.g. 90s, 15m, 1h or 1h30m")
    if seconds <= 0:
        raise ConfigError(f"bad interval {text!r}: it must be more than zero")
    return seconds


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs, one a line; blank lines and ``#`` comments are ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read feed list {path}: {exc.strerror or exc}") from None
    urls = [line.split("#", 1)[0].strip() for line in lines]
    return list(dict.fromkeys(u for u in urls if u))


class Watcher:
    """One sink, one state, one fetcher and one coder; ``poll`` does one round."""

    def __init__(self, sink: ArticleSink, state: WatchState, fetcher: Fetcher, code: Coder,
                 settings: Mapping[str, Any] | None = None) -> None:
        section = dict((settings or {}).get("ingest") or {})
        self.sink, self.state, self.fetcher, self.code = sink, state, fetcher, code
        self.max_attempts = int(section.get("max_attempts", 3))
        self.keep_days = float(section.get("keep_seen_days", 90))
        self.linker = WireLinker(float(section.get("link_similarity", 0.7)),
                                 known=state.fingerprints)

    def poll(self, feed_urls: list[str]) -> PollReport:
        """One round over the feeds; the state is saved at the end."""
        feed_skips, items = self._new_items(feed_urls)
        pages = self._fetch_pages(items)
        retry = {i.key for i, p in zip(items, pages, strict=True)
                 if isinstance(p, FetchError) and p.transient}
        fetched = [item_article(i, p) for i, p in zip(items, pages, strict=True)]
        results = feed_skips + list(self.code(fetched))
        copies = self._link(results)
        self.sink.write(results)
        if copies and isinstance(self.sink, CopyLinkSink):
            self.sink.link_copies(copies)
        retrying = self._remember(items, results, retry)
        _log_skips(results)
        self.state.forget_older_than(self.keep_days)
        self.state.fingerprints = self.linker.known()
        self.state.save()
        coded = sum(isinstance(r, CodedArticle) for r in results)
        return PollReport(len(feed_urls), len(feed_skips), len(items), coded,
                          len(results) - coded, retrying, len(copies))

    def _new_items(self, feed_urls: list[str]) -> tuple[list[Result], list[FeedItem]]:
        """Skips for feeds that failed, and the items no poll has handled yet."""
        skips: list[Result] = []
        fresh: dict[str, FeedItem] = {k: _item_from(v) for k, v in self.state.pending.items()}
        for url, feed in zip(feed_urls, self._fetch_feeds(feed_urls), strict=True):
            if isinstance(feed, SkipArticle):
                skips.append(Skipped(url, feed.reason, str(feed)))
                continue
            if not feed.not_modified:
                self.state.feeds[url] = {k: v for k, v in (("etag", feed.etag),
                                                            ("modified", feed.modified)) if v}
            self.state.listed([i.key for i in feed.items])
            for item in feed.items:
                if not self.state.is_seen(item.key):
                    fresh.setdefault(item.key, item)
        return skips, self._not_stored(list(fresh.values()))

    def _fetch_feeds(self, urls: list[str]) -> list[Feed | SkipArticle]:
        """All feeds at once (the fetcher keeps to its per-host limit)."""
        def one(url: str) -> Feed | SkipArticle:
            known = self.state.feeds.get(url, {})
            try:
                return fetch_feed(self.fetcher, url, known.get("etag"), known.get("modified"))
            except SkipArticle as exc:
                return exc

        if not urls:
            return []
        with ThreadPoolExecutor(max_workers=max(1, self.fetcher.settings.workers)) as pool:
            return list(pool.map(one, urls))

    def _fetch_pages(self, items: list[FeedItem]) -> list[Page | FetchError]:
        got = iter(self.fetcher.get_many([i.url for i in items if i.url]))
        return [next(got) if i.url else FetchError("no_link", f"{i.feed_url}: entry {i.key} "
                                                    "links to no page") for i in items]

    def _not_stored(self, items: list[FeedItem]) -> list[FeedItem]:
        """Drop items the sink already holds (the state file may be new or lost)."""
        stored = self.sink.seen([i.article_id for i in items]) if items else set()
        for item in items:
            if item.article_id in stored:
                self.state.mark_seen(item.key, item.article_id)
        return [i for i in items if i.article_id not in stored]

    def _link(self, results: list[Result]) -> list[WireCopy]:
        links = []
        for result in results:
            if isinstance(result, CodedArticle):
                link = self.linker.link(result.article.id, result.article.text)
                if link:
                    log.info("article %s is a wire copy of %s", link.article_id, link.original_id)
                    links.append(link)
        return links

    def _remember(self, items: list[FeedItem], results: list[Result], retry: set[str]) -> int:
        """Mark handled items seen; count those left for a later poll."""
        later = 0
        for item in items:
            if item.key in retry and self.state.failed(item.key, _item_to(item)) \
                    < self.max_attempts:
                later += 1
                continue
            self.state.mark_seen(item.key, item.article_id)
        return later


def _item_to(item: FeedItem) -> dict[str, Any]:
    data = asdict(item)
    data["published"] = item.published.isoformat() if item.published else None
    return data


def _item_from(data: dict[str, Any]) -> FeedItem:
    published = data.get("published")
    return FeedItem(key=data["key"], url=data.get("url"), feed_url=data.get("feed_url", ""),
                    title=data.get("title"), feed_title=data.get("feed_title"),
                    published=datetime.fromisoformat(published) if published else None)


def _log_skips(results: list[Result]) -> None:
    for result in results:
        if isinstance(result, Skipped):
            log.warning("skipped %s (%s): %s", result.source, result.reason, result.message)


def default_coder(settings: Mapping[str, Any] | None = None) -> Coder:
    """The full pipeline (loads the spaCy model on first use)."""
    from eventcoder.pipeline import Pipeline

    pipeline = Pipeline(dict(settings) if settings else None)
    return pipeline.run


def run_watch(feeds_file: str | Path, sink: ArticleSink, *, every: float,
              state_path: str | Path | None, settings: Mapping[str, Any] | None = None,
              code: Coder | None = None, fetcher: Fetcher | None = None,
              iterations: int | None = None,
              sleep: Callable[[float], None] = time.sleep) -> PollReport | None:
    """Poll the feeds listed in ``feeds_file`` every ``every`` seconds, for ever or
    ``iterations`` times; the list is reread each round, so it can be edited live."""
    from eventcoder.settings import load_settings

    settings = settings or load_settings()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(FetchSettings.from_settings(settings))
    watcher = Watcher(sink, WatchState(state_path), fetcher, code or default_coder(settings),
                      settings)
    report, done = None, 0
    try:
        while iterations is None or done < iterations:
            started = time.monotonic()
            report = watcher.poll(read_feed_list(feeds_file))
            log.info("polled %d feeds (%d failed): %d new items, %d coded, %d skipped, "
                     "%d to retry, %d wire copies", *_fields(report))
            done += 1
            if iterations is None or done < iterations:
                sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        if own_fetcher:
            fetcher.close()
    return report


def _fields(report: PollReport) -> tuple[int, ...]:
    return (report.feeds, report.feeds_failed, report.new, report.coded, report.skipped,
            report.retry_later, report.copies)
