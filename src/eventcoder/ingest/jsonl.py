"""JSON Lines: one article a line, ``{"id", "text", "date"?, "url"?, "publisher"?,
"title"?}`` (``published`` is accepted for ``date``; other names through
``FieldNames``). Lines are read one at a time, so a file may be any size."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from eventcoder.ingest.options import ReadOptions
from eventcoder.ingest.rows import row_to_item
from eventcoder.records import Article, Skipped


def read_jsonl_lines(lines: Iterable[str], name: str,
                     options: ReadOptions | None = None) -> Iterator[Article | Skipped]:
    """Articles from decoded lines (``name`` is used in messages as ``name:line``)."""
    options = options or ReadOptions()
    for number, line in enumerate(lines, start=1):
        item = _parse_line(line, f"{name}:{number}", options)
        if item is not None:
            yield item


def read(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    """The ingest reader for ``--input-format jsonl``."""
    for number, raw in enumerate(stream, start=1):
        where = f"{name}:{number}"
        if len(raw) > options.max_bytes:
            yield Skipped(where, "too_large", f"{where}: line of {len(raw) / 1e6:.1f} MB, over "
                          f"the limit of {options.max_bytes / 1e6:.1f} MB (ingest.max_bytes)")
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Skipped(where, "encoding", f"{where}: not UTF-8 (byte {exc.start} of the line)")
            continue
        item = _parse_line(line, where, options)
        if item is not None:
            yield item


def _parse_line(line: str, where: str, options: ReadOptions) -> Article | Skipped | None:
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skipped(where, "malformed_json", f"{where}: not valid JSON ({exc.msg})")
    if not isinstance(row, dict):
        return Skipped(where, "no_text", f"{where}: each line must be a JSON object")
    return row_to_item(row, where, options)
