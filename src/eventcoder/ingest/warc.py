"""WARC and WARC.gz files (web archives, Common Crawl News): one article per
HTML response record.

Request, metadata and warcinfo records are not articles and pass unremarked;
a response that is not HTML, is not HTTP 200, or is a revisit (a pointer to
an earlier copy) becomes a Skipped record. A truncated file keeps every
record read before the cut and ends with a ``truncated`` record.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any

from eventcoder.errors import ConfigError, SkipArticle
from eventcoder.ingest.html import article_from_html, is_html_type
from eventcoder.ingest.options import ReadOptions
from eventcoder.records import Article, Skipped


def _archive_iterator(stream: _Counting) -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ConfigError("reading WARC files needs warcio: pip install warcio") from None

    class Records(ArchiveIterator):  # type: ignore[misc]
        """warcio's iterator, noting whether the last gzip member ended with its trailer
        (warcio itself reads a member cut short as if it were whole)."""

        complete = True

        def close(self) -> None:
            decompressor = getattr(self.reader, "decompressor", None)
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.complete = False
            super().close()

    return Records(stream)


class _Truncated(Exception):
    """A record's body ends before its declared length."""


class _Counting:
    """A read-only stream that counts the bytes read and keeps the last few, to spot
    a truncated tail (a whole uncompressed WARC ends with a blank line)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self.head = b""
        self.tail = b""
        self._prefix = stream.read(1 << 12)  # for ``looks_like_warc``; replayed first

    def read(self, size: int = -1) -> bytes:
        if self._prefix:
            take = len(self._prefix) if size < 0 else size
            data, self._prefix = self._prefix[:take], self._prefix[take:]
            if size < 0:
                data += self._stream.read()
            return self._note(data)
        return self._note(self._stream.read(size))

    def readline(self, size: int = -1) -> bytes:
        if not self._prefix:
            return self._note(self._stream.readline(size))
        end = self._prefix.find(b"\n") + 1 or len(self._prefix)
        line = self.read(end if size < 0 else min(end, size))
        if line.endswith(b"\n") or (0 <= size <= len(line)):
            return line
        return line + self._note(self._stream.readline(-1 if size < 0 else size - len(line)))

    def looks_like_warc(self) -> bool:
        """A WARC (or old ARC) file starts with its version line, gzipped or not."""
        head = self._prefix
        if head.startswith(b"\x1f\x8b"):
            try:
                head = zlib.decompressobj(wbits=31).decompress(head, 64)
            except zlib.error:
                return False
        return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))

    def _note(self, data: bytes) -> bytes:
        if self.count < 2:
            self.head = (self.head + data)[:2]
        self.count += len(data)
        self.tail = (self.tail + data)[-4:]
        return data

    def drain(self) -> int:
        while self.read(1 << 16):
            pass
        return self.count

    def ends_cleanly(self) -> bool:
        gzipped = self.head == b"\x1f\x8b"
        return gzipped or self.count == 0 or self.tail.replace(b"\r", b"").endswith(b"\n\n")


def read(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    """The ingest reader for ``--input-format warc``."""
    counting = _Counting(stream)
    if not counting.looks_like_warc():
        empty = counting.drain() == 0
        yield Skipped(name, "empty" if empty else "malformed_warc",
                      f"{name}: " + ("the file is empty" if empty else
                                     "not a WARC file (it does not start with a WARC/ line)"))
        return
    records = _archive_iterator(counting)
    count = 0
    try:
        for record in records:
            count += 1
            item = _record_item(record, name, options)
            _finish(record)  # a record cut short is reported, not read as a page
            if item is not None:
                yield item
    except _Truncated as exc:
        yield _truncated(name, records.offset, str(exc))
        return
    except Exception as exc:  # warcio raises many types on damaged input
        yield _damaged(name, records, exc)
        return
    if records.offset < counting.drain() or not records.complete or not counting.ends_cleanly():
        yield _truncated(name, records.offset, "the file ends in the middle of a record")
    elif count == 0:
        yield Skipped(name, "empty", f"{name}: no WARC records in the file")


def _finish(record: Any) -> None:
    """Read the rest of the record; raise _Truncated when it ends before its length."""
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        url = record.rec_headers.get_header("WARC-Target-URI") or "a record"
        raise _Truncated(f"the record for {url} is cut short")


def _truncated(name: str, offset: int, what: str) -> Skipped:
    return Skipped(name, "truncated", f"{name}: truncated: {what} (after byte {offset}); "
                   "the records before it were read")


def _damaged(name: str, records: Any, exc: Exception) -> Skipped:
    where = f"{name}@{getattr(records, 'offset', 0)}"
    return Skipped(where, "malformed_warc", f"{where}: not a readable WARC record "
                   f"({type(exc).__name__}: {exc}); the records before it were read")


def _record_item(record: Any, name: str, options: ReadOptions) -> Article | Skipped | None:
    kind = record.rec_type
    if record.length is None:
        raise _Truncated("a record header is cut short")
    if kind not in ("response", "revisit", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{name}:{url}" if url else name
    if kind == "revisit":
        return Skipped(where, "revisit", f"{where}: a revisit record points to an earlier "
                       "copy of the page, it holds no page of its own")
    problem = _problem(record, where, options)
    if problem is not None:
        return problem
    body = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _Truncated(f"the record for {url or 'a page'} is cut short")  # before parsing
    if not is_html_type(_content_type(record), body):
        what = _content_type(record) or "no content type"
        return Skipped(where, "not_html", f"{where}: {what}, not an HTML page")
    try:
        return article_from_html(body, where, url=url or None)
    except SkipArticle as exc:
        return Skipped(where, exc.reason, str(exc))


def _problem(record: Any, where: str, options: ReadOptions) -> Skipped | None:
    """Why a response record is not an article, or None when it may be one."""
    http = record.http_headers
    status = int(http.get_statuscode()) if http is not None else 200
    if status != 200:
        return Skipped(where, "http_status", f"{where}: archived response is HTTP {status}")
    content_type = _content_type(record)
    if content_type and not is_html_type(content_type):
        return Skipped(where, "not_html", f"{where}: {content_type}, not an HTML page")
    if record.length and record.length > options.max_bytes:
        return Skipped(where, "too_large", f"{where}: record of {record.length / 1e6:.1f} MB, "
                       f"over the limit of {options.max_bytes / 1e6:.1f} MB (ingest.max_bytes)")
    return None


def _content_type(record: Any) -> str:
    http = record.http_headers
    if http is not None:
        return http.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""
