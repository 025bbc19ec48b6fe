"""HTML pages: the main text and metadata via trafilatura.

trafilatura drops menus, footers, comments, share bars and most teasers, and
reads the title, author, date and site name from the page's metadata. What
it keeps becomes the article text: the headline first (as in scraped text),
then one paragraph per block, separated by blank lines, so the clean stage
sees the same shape whether an article came as text or as HTML. Offsets of
the cleaned article point into this extracted text, not into the markup.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO, Any

from eventcoder.errors import ConfigError, SkipArticle
from eventcoder.ingest.identity import article_id
from eventcoder.ingest.options import ReadOptions
from eventcoder.ingest.text import read_capped
from eventcoder.records import Article, Skipped, parse_when

MIN_TEXT = 40  # characters: less than this is a page with no article on it


def is_html_type(content_type: str, body: bytes = b"") -> bool:
    """HTML by its Content-Type, or by a sniff of the body when the type is missing."""
    kind = content_type.split(";")[0].strip().lower()
    if kind:
        return kind in ("text/html", "application/xhtml+xml")
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise ConfigError("reading HTML needs trafilatura: pip install 'trafilatura==2.3.*' "
                         "lxml_html_clean") from None
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    return trafilatura


def extract(html: bytes | str, url: str | None = None) -> Any:
    """trafilatura's Document (text and metadata) for a page, or None."""
    return _trafilatura().bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True,
        date_extraction_params={"original_date": True, "extensive_search": True})


def article_from_html(html: bytes | str, name: str, **meta: Any) -> Article:
    """One Article from one page; SkipArticle("no_text") when it holds no article.

    ``meta`` (url, published, publisher, title, id) wins over what the page says:
    it is what a feed or the user told us.
    """
    if not html.strip():
        raise SkipArticle("no_text", f"{name}: the page is empty")
    try:
        doc = extract(html, meta.get("url"))
    except (ValueError, TypeError) as exc:  # lxml on markup it cannot parse at all
        raise SkipArticle("malformed_html", f"{name}: cannot parse the HTML ({exc})") from None
    text = (doc.text or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT:
        raise SkipArticle("no_text", f"{name}: no article text found in the page, only "
                          "menus, footers or teasers")
    title = meta.get("title") or doc.title or None
    body = _body(text, title)
    url = meta.get("url") or doc.url or None
    return Article(
        id=str(meta.get("id") or article_id(url, body)), text=body, url=url,
        publisher=meta.get("publisher") or doc.sitename or None,
        published=_published(meta.get("published") or doc.date), title=title,
        byline=meta.get("byline") or doc.author or None, language=None,
    )


def _body(text: str, title: str | None) -> str:
    """Headline first, then one paragraph per extracted block."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and (not lines or lines[0] != title.strip()):
        lines.insert(0, title.strip())
    return "\n\n".join(lines)


def _published(value: Any) -> Any:
    try:
        return parse_when(value)
    except ValueError:
        return None  # a page's odd date string is not worth losing the article over


def read(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    """The ingest reader for ``--input-format html``: one article per page."""
    meta = dict(options.meta)
    try:
        yield article_from_html(read_capped(stream, name, options.max_bytes), name, **meta)
    except SkipArticle as exc:
        yield Skipped(name, exc.reason, str(exc), str(meta["id"]) if meta.get("id") else None)
