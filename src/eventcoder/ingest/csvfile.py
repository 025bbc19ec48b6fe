"""CSV (and TSV) exports: one article a row, columns named in the header.

The header must name a text column (or an HTML column); which names count is
set by ``FieldNames``. A file without one is skipped whole with a message
listing the columns it has. Rows are read one at a time.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import IO

from eventcoder.ingest.options import ReadOptions
from eventcoder.ingest.rows import row_to_item
from eventcoder.records import Article, Skipped


def read(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    """The ingest reader for ``--input-format csv``."""
    text = codecs.getreader("utf-8-sig")(stream, errors="strict")
    delimiter = "\t" if name.lower().endswith((".tsv", ".tsv.gz")) else ","
    csv.field_size_limit(max(options.max_bytes, 131072))
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Skipped(name, "malformed_csv", f"{name}: cannot read the CSV header ({exc})")
        return
    missing = _missing_column(header, name, options)
    if missing:
        yield missing
        return
    yield from _rows(reader, name, options)


def _missing_column(header: list[str], name: str, options: ReadOptions) -> Skipped | None:
    wanted = options.fields.text + options.fields.html
    if any(column in header for column in wanted):
        return None
    return Skipped(name, "missing_column",
                   f"{name}: no text column; the header has {', '.join(header) or 'nothing'} "
                   f"but needs one of {', '.join(options.fields.text)} "
                   "(set other names in ingest.fields)")


def _rows(reader: csv.DictReader, name: str,
          options: ReadOptions) -> Iterator[Article | Skipped]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _bad_row(f"{name}:{reader.line_num}", exc, options.max_bytes)
            continue
        except UnicodeDecodeError as exc:
            where = f"{name}:{reader.line_num + 1}"
            yield Skipped(where, "encoding", f"{where}: not UTF-8 ({exc.reason}); the rest of "
                          "the file is not read")
            return
        where = f"{name}:{reader.line_num}"
        yield row_to_item({k: v for k, v in row.items() if k is not None}, where, options)


def _bad_row(where: str, exc: csv.Error, max_bytes: int) -> Skipped:
    if "field limit" in str(exc):
        return Skipped(where, "too_large", f"{where}: a field is over the limit of "
                       f"{max_bytes / 1e6:.1f} MB (ingest.max_bytes)")
    return Skipped(where, "malformed_csv", f"{where}: {exc}")
