"""Plain text: a file or stream holding one article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from eventcoder.errors import SkipArticle
from eventcoder.ingest.identity import article_id
from eventcoder.ingest.options import ReadOptions
from eventcoder.records import Article, Skipped, parse_when

# More control characters than this in the first 10,000 makes text "binary".
_MAX_CONTROL = 20


def looks_binary(text: str) -> bool:
    """NUL bytes or many control characters: data, not prose."""
    head = text[:10000]
    return "\x00" in head or sum(c < " " and c not in "\n\r\t\f" for c in head) > _MAX_CONTROL


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is allowed); anything else is a clear error."""
    if b"\x00" in data[:8192]:
        raise SkipArticle("binary", f"{name}: this is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkipArticle(
            "encoding",
            f"{name}: not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}); "
            f"convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None


def read_capped(stream: IO[bytes], name: str, max_bytes: int) -> bytes:
    """All of ``stream``, or SkipArticle("too_large") past ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SkipArticle("too_large", f"{name}: larger than {max_bytes / 1e6:.1f} MB, the "
                          "limit for one article (ingest.max_bytes); split it or raise the limit")
    return data


def read_text_bytes(data: bytes, name: str, **meta: object) -> Article:
    text = decode_bytes(data, name)
    url = meta.get("url")
    published = parse_when(meta.get("published"))
    return Article(
        id=str(meta.get("id") or article_id(str(url) if url else None, text)),
        text=text, url=str(url) if url else None,
        publisher=str(meta["publisher"]) if meta.get("publisher") else None,
        published=published, title=str(meta["title"]) if meta.get("title") else None,
    )


def read(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    """The ingest reader for ``--input-format text``: one article per file."""
    meta = dict(options.meta)
    try:
        yield read_text_bytes(read_capped(stream, name, options.max_bytes), name, **meta)
    except SkipArticle as exc:
        yield Skipped(name, exc.reason, str(exc), _id(meta))
    except ValueError as exc:
        yield Skipped(name, "bad_field", f"{name}: {exc}", _id(meta))


def _id(meta: dict[str, object]) -> str | None:
    return str(meta["id"]) if meta.get("id") else None
