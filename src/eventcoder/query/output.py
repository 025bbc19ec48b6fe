"""Query results for people and programs: an aligned table, JSON or CSV.

JSON events are ``Event.to_dict()`` exactly (one array), the shape
``eventcoder code --format json`` prints; counts are one object a group.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from eventcoder.query import count_rows, event_rows, iter_event_dicts
from eventcoder.query.filters import EventFilter
from eventcoder.store import Store

OUTPUTS = ("table", "json", "csv")

# (column, header, width) of the events table; evidence takes what is left.
_EVENT_TABLE = (("date", "date", 10), ("source_code", "source", 10), ("cameo", "code", 4),
                ("plover_type", "plover", 9), ("target_code", "target", 10),
                ("modality", "modality", 8), ("publisher", "publisher", 12),
                ("cluster_articles", "arts", 4))


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def events_table(columns: list[str], rows: list[tuple], width: int = 120) -> str:
    """One event a line: who, what code, to whom, when, and the evidence."""
    pos = {c: i for i, c in enumerate(columns)}
    head = " ".join(f"{h:<{w}}" for _, h, w in _EVENT_TABLE) + " evidence"
    lines = [head, "-" * min(len(head) + 40, width)]
    room = max(20, width - len(head) + len("evidence"))
    for row in rows:
        cells = " ".join(f"{_text(row[pos[c]])[:w]:<{w}}" for c, _, w in _EVENT_TABLE)
        evidence = _text(row[pos["evidence"]])
        lines.append(f"{cells} {evidence if len(evidence) <= room else evidence[:room - 1] + '…'}")
    return "\n".join(lines + ([] if rows else ["(no events)"]))


def plain_table(columns: Sequence[str], rows: list[tuple]) -> str:
    cells = [[_text(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(f"{c:<{w}}" for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(f"{v:<{w}}" for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def _csv(columns: Sequence[str], rows: list[tuple], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else _text(v) for v in row] for row in rows])


def write_events(db: str | Path | Store, f: EventFilter, out: TextIO, *, fmt: str = "table",
                 unit: str = "reports", limit: int | None = None) -> None:
    """Print matching events: a table, a JSON array of events, or CSV."""
    if fmt == "json":
        out.write("[")
        for i, event in enumerate(iter_event_dicts(db, f, unit=unit, limit=limit)):
            out.write(("," if i else "") + "\n" + json.dumps(event, ensure_ascii=False))
        out.write("\n]\n")
        return
    columns, rows = event_rows(db, f, unit=unit, limit=limit)
    if fmt == "csv":
        _csv(columns, rows, out)
    else:
        out.write(events_table(columns, rows) + "\n")


def write_counts(db: str | Path | Store, f: EventFilter, by: tuple[str, ...], out: TextIO, *,
                 fmt: str = "table") -> None:
    """Print counts per group (reports, clusters and articles in each)."""
    columns, rows = count_rows(db, by, f)
    if fmt == "json":
        data = [{c: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        _csv(columns, rows, out)
    else:
        out.write(plain_table(columns, rows) + "\n")


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
