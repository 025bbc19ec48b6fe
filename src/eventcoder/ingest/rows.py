"""One row of a tabular export (a JSONL object or a CSV row) to an Article.

Shared by the JSONL and CSV readers so both honour the same ``FieldNames``.
A row with no text but an HTML column is run through the HTML reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventcoder.errors import SkipArticle
from eventcoder.ingest.identity import article_id
from eventcoder.ingest.options import ReadOptions
from eventcoder.ingest.text import looks_binary
from eventcoder.records import Article, Skipped, parse_when


def row_to_item(row: Mapping[str, Any], where: str, options: ReadOptions) -> Article | Skipped:
    """The row's Article, or a Skipped record naming the row and what was wrong."""
    fields = options.fields
    given_id = _str(fields.pick(row, "id")[1])
    try:
        article = _article(row, where, options)
    except SkipArticle as exc:
        return Skipped(where, exc.reason, str(exc), given_id)
    return article


def _article(row: Mapping[str, Any], where: str, options: ReadOptions) -> Article:
    fields = options.fields
    column, text = fields.pick(row, "text")
    if text is None:
        return _from_html(row, where, options)
    if not isinstance(text, str):
        raise SkipArticle("bad_field", f"{where}: field {column!r} must be a string")
    _check_text(text, column or "text", where, options.max_bytes)
    url = _str(fields.pick(row, "url")[1])
    return Article(
        id=_str(fields.pick(row, "id")[1]) or article_id(url, text), text=text, url=url,
        publisher=_str(fields.pick(row, "publisher")[1]), published=_date(row, where, options),
        title=_str(fields.pick(row, "title")[1]), byline=_byline(fields.pick(row, "byline")[1]),
        language=None,
    )


def _from_html(row: Mapping[str, Any], where: str, options: ReadOptions) -> Article:
    fields = options.fields
    column, html = fields.pick(row, "html")
    if not isinstance(html, str):
        wanted = " or ".join(repr(c) for c in fields.text)
        raise SkipArticle("no_text", f"{where}: no text; each row needs a string field {wanted} "
                          "(set other names in ingest.fields)")
    _check_text(html, column or "html", where, options.max_bytes)
    from eventcoder.ingest.html import article_from_html

    meta = {name: fields.pick(row, name)[1] for name in ("id", "url", "title", "publisher")}
    meta["published"] = _date(row, where, options)
    return article_from_html(html, where, **{k: v for k, v in meta.items() if v})


def _check_text(text: str, column: str, where: str, max_bytes: int) -> None:
    if len(text) > max_bytes:
        raise SkipArticle("too_large", f"{where}: field {column!r} holds {len(text):,} "
                          f"characters, over the limit of {max_bytes:,} (ingest.max_bytes)")
    if looks_binary(text):
        raise SkipArticle("binary", f"{where}: field {column!r} holds binary data, not text")


def _date(row: Mapping[str, Any], where: str, options: ReadOptions) -> Any:
    column, value = options.fields.pick(row, "published")
    try:
        return parse_when(value)
    except (ValueError, TypeError):
        raise SkipArticle("bad_field", f"{where}: bad date {value!r} in field {column!r} "
                          "(use YYYY-MM-DD or ISO 8601)") from None


def _byline(value: Any) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return _str(value)


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)
