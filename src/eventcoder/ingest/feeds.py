"""RSS and Atom feeds: the items a feed lists, and each item's page as an Article.

feedparser reads RSS 0.9x-2.0, RSS 1.0 and Atom, and recovers what it can from
sloppy XML; a feed it can make nothing of is a ``malformed_feed`` skip. Each
item's page is fetched over HTTP (politely, see ``fetch``) and read as HTML;
the feed's own title and date fill in what the page leaves out.

>>> with Fetcher() as fetcher:  # doctest: +SKIP
...     for item in read_feeds(["https://news.example/rss"], fetcher):
...         print(item)
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from eventcoder.errors import ConfigError, SkipArticle
from eventcoder.ingest.fetch import Fetcher, FetchError, Page
from eventcoder.ingest.html import article_from_html
from eventcoder.ingest.identity import article_id, canonical_url
from eventcoder.records import Article, Skipped

log = logging.getLogger("eventcoder.ingest")
# feedparser's notes that are not problems with the feed's content.
_HARMLESS = frozenset({"CharacterEncodingOverride", "NonXMLContentType"})


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: where its page is and what the feed says about it."""

    key: str  # what "seen" means: the canonical link, else the entry id
    url: str | None
    feed_url: str
    title: str | None = None
    published: datetime | None = None
    feed_title: str | None = None

    @property
    def article_id(self) -> str:
        """The id the article will get, known before its page is fetched."""
        return article_id(self.url, self.key)


@dataclass(frozen=True)
class Feed:
    url: str
    items: tuple[FeedItem, ...]
    title: str | None = None
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False  # the server said 304: nothing new since last time


def _feedparser() -> Any:
    try:
        import feedparser
    except ImportError:
        raise ConfigError("reading feeds needs feedparser: pip install feedparser") from None
    return feedparser


def parse_feed(data: bytes, url: str, content_type: str = "application/xml") -> Feed:
    """The items of an RSS or Atom document; SkipArticle("malformed_feed") if none."""
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = _feedparser().parse(data, response_headers=headers)
    if parsed.bozo and not parsed.entries:
        why = getattr(parsed, "bozo_exception", None) or "unreadable"
        raise SkipArticle("malformed_feed", f"{url}: not a readable RSS or Atom feed ({why})")
    if not parsed.get("version") and not parsed.entries:
        raise SkipArticle("malformed_feed", f"{url}: not an RSS or Atom feed")
    if parsed.bozo and type(parsed.get("bozo_exception")).__name__ not in _HARMLESS:
        log.warning("feed %s is malformed (%s); read %d items from it anyway",
                    url, parsed.get("bozo_exception"), len(parsed.entries))
    title = parsed.feed.get("title") or None
    items = (_item(entry, url, title) for entry in parsed.entries)
    return Feed(url=url, title=title, items=tuple(i for i in items if i is not None))


def _item(entry: Mapping[str, Any], feed_url: str, feed_title: str | None) -> FeedItem | None:
    link = entry.get("link") or None
    key = canonical_url(link) if link else entry.get("id")
    if not key:
        log.warning("feed %s has an entry with neither link nor id; it cannot be read", feed_url)
        return None
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None
    return FeedItem(key=key, url=link, feed_url=feed_url, title=entry.get("title") or None,
                    published=published, feed_title=feed_title)


def fetch_feed(fetcher: Fetcher, url: str, etag: str | None = None,
               modified: str | None = None) -> Feed:
    """Fetch and parse one feed, conditionally when we have its ETag or date."""
    headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
    page = fetcher.get(url, headers)
    if page.status == 304:
        return Feed(url=url, items=(), etag=etag, modified=modified, not_modified=True)
    feed = parse_feed(page.body, url, page.content_type)
    return replace(feed, etag=page.headers.get("etag"), modified=page.headers.get("last-modified"))


def item_article(item: FeedItem, page: Page | FetchError) -> Article | Skipped:
    """The item's page as an Article, or a Skipped record saying why not."""
    where = item.url or item.key
    if isinstance(page, FetchError):
        return Skipped(where, page.reason, str(page), item.article_id)
    if not page.is_html:
        kind = page.content_type or "no content type"
        return Skipped(where, "not_html", f"{where}: {kind}, not an HTML page", item.article_id)
    try:
        article = article_from_html(page.body, where, url=item.url, id=item.article_id,
                                    published=item.published)
    except SkipArticle as exc:
        return Skipped(where, exc.reason, str(exc), item.article_id)
    return replace(article, title=article.title or item.title,
                   publisher=article.publisher or item.feed_title)


def items_articles(items: Iterable[FeedItem], fetcher: Fetcher) -> list[Article | Skipped]:
    """Fetch the pages of ``items`` concurrently and read each one."""
    items = list(items)
    fetchable = [i for i in items if i.url]
    pages = dict(zip([i.key for i in fetchable], fetcher.get_many([i.url for i in fetchable]),
                     strict=True))
    out: list[Article | Skipped] = []
    for item in items:
        page = pages.get(item.key)
        if page is None:
            out.append(Skipped(item.key, "no_link", f"{item.feed_url}: entry {item.key} has no "
                               "link to a page", item.article_id))
        else:
            out.append(item_article(item, page))
    return out


def read_feeds(urls: Iterable[str], fetcher: Fetcher) -> Iterator[Article | Skipped]:
    """Every item of every feed, once, as an Article or Skipped (no memory of past runs)."""
    seen: set[str] = set()
    for url in urls:
        try:
            feed = fetch_feed(fetcher, url)
        except SkipArticle as exc:
            yield Skipped(url, exc.reason, str(exc))
            continue
        fresh = []
        for item in feed.items:
            if item.key not in seen:
                seen.add(item.key)
                fresh.append(item)
        yield from items_articles(fresh, fetcher)
