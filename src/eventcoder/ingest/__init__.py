"""The ingest stage: files, folders, globs, streams and feeds in, raw ``Article``s out.

Each reader yields ``Article`` records whose ``text`` is still raw (for HTML:
the extracted main text), or a ``Skipped`` record saying why an input could
not be read; nothing is dropped without a record, and one bad file or record
never stops the rest of a batch. Cleaning is the next stage's job.

Formats (``FORMATS``): ``text`` (one article a file), ``html`` (one page a
file, via trafilatura), ``jsonl`` and ``csv`` (one article a line or row,
field names from ``FieldNames``), ``warc`` (WARC or WARC.gz, one article per
HTML response), and ``auto`` (each file by its name or first bytes). Feeds
are read by ``ingest.feeds`` and watched by ``eventcoder.watch``.

>>> for item in read_source("news/*.html", "auto"):  # doctest: +SKIP
...     print(item.id if isinstance(item, Article) else item.reason)
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from eventcoder.errors import InputError, SkipArticle
from eventcoder.ingest import csvfile, files, html, jsonl, text, warc
from eventcoder.ingest.identity import article_id, canonical_url, unique
from eventcoder.ingest.jsonl import read_jsonl_lines
from eventcoder.ingest.options import FieldNames, ReadOptions
from eventcoder.ingest.text import decode_bytes
from eventcoder.records import Article, Skipped
from eventcoder.settings import default_settings

__all__ = ["FORMATS", "FieldNames", "ReadOptions", "Skipped", "article_id", "canonical_url",
           "decode_bytes", "read_jsonl_lines", "read_source", "read_sources", "read_stream"]

Item = Article | Skipped
Reader = Callable[[IO[bytes], str, ReadOptions], Iterator[Item]]

READERS: dict[str, Reader] = {
    "text": text.read, "html": html.read, "jsonl": jsonl.read, "csv": csvfile.read,
    "warc": warc.read,
}
FORMATS = ("text", "jsonl", "html", "csv", "warc", "auto")
# Metadata that describes one article; with many files it would give them all one id.
_SINGLE_ONLY = ("id", "url", "title")


def _check_format(input_format: str) -> None:
    if input_format not in FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")


def _options(options: ReadOptions | None, meta: dict[str, Any]) -> ReadOptions:
    if options is None:
        return ReadOptions.from_settings(default_settings(), **meta)
    return ReadOptions(fields=options.fields, max_bytes=options.max_bytes,
                       meta={**options.meta, **{k: v for k, v in meta.items() if v is not None}})


def read_stream(data: bytes, name: str, input_format: str = "text", *,
                options: ReadOptions | None = None, **meta: Any) -> Iterator[Item]:
    """Articles from the bytes of one file or stream (``auto`` sniffs the bytes)."""
    _check_format(input_format)
    opts = _options(options, meta)
    fmt = files.guess_format(name, data[:4096]) if input_format == "auto" else input_format
    if data.startswith(files.GZIP_MAGIC) and fmt != "warc":
        data = _gunzip(data, name)
        if data is None:
            yield Skipped(name, "truncated", f"{name}: a damaged or truncated gzip stream")
            return
    yield from unique(_guarded(READERS[fmt], io.BytesIO(data), name, opts))


def read_source(path: str | Path, input_format: str = "text", *,
                options: ReadOptions | None = None, **meta: Any) -> Iterator[Item]:
    """Articles from a file, a folder (every file, sorted), a glob, or ``-`` (stdin)."""
    _check_format(input_format)
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer.read(), "<stdin>", input_format,
                               options=options, **meta)
        return
    yield from unique(_read_paths(files.expand(path), input_format, _options(options, meta)))


def read_sources(paths: Iterable[str | Path], input_format: str = "text", *,
                 options: ReadOptions | None = None, **meta: Any) -> Iterator[Item]:
    """Articles from several sources; one that cannot be found is a Skipped record."""
    _check_format(input_format)
    opts = _options(options, meta)

    def every() -> Iterator[Item]:
        for path in paths:
            try:
                found = files.expand(path)
            except InputError as exc:
                yield Skipped(str(path), "not_found", str(exc))
                continue
            yield from _read_paths(found, input_format, opts)

    yield from unique(every())


def _read_paths(paths: list[Path], input_format: str, options: ReadOptions) -> Iterator[Item]:
    if len(paths) > 1 and any(k in options.meta for k in _SINGLE_ONLY):
        shared = {k: v for k, v in options.meta.items() if k not in _SINGLE_ONLY}
        options = ReadOptions(fields=options.fields, max_bytes=options.max_bytes, meta=shared)
    for path in paths:
        yield from _read_file(path, input_format, options)


def _read_file(path: Path, input_format: str, options: ReadOptions) -> Iterator[Item]:
    name = str(path)
    try:
        fmt = input_format
        if fmt == "auto":
            fmt = files.guess_format(name, files.read_head(path))
        with files.open_binary(path, fmt) as stream:
            yield from _guarded(READERS[fmt], stream, name, options)
    except InputError as exc:
        yield Skipped(name, getattr(exc, "reason", "unreadable"), str(exc))


def _guarded(reader: Reader, stream: IO[bytes], name: str, options: ReadOptions
             ) -> Iterator[Item]:
    """Run a reader; a damaged stream ends it with a Skipped record, not a traceback."""
    try:
        yield from reader(stream, name, options)
    except (EOFError, zlib.error, OSError) as exc:
        yield Skipped(name, "truncated", f"{name}: damaged or truncated ({_why(exc)}); "
                      "what was read before the damage was kept")
    except SkipArticle as exc:
        yield Skipped(name, exc.reason, str(exc))


def _gunzip(data: bytes, name: str) -> bytes | None:
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error):
        return None


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
