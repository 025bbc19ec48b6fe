"""Write stored events in the formats other tools read.

    jsonl    one ``Event.to_dict()`` a line: the native shape, lossless
    plover   PLOVER-style records (id, date, event, mode, context, actor,
             recipient, text, geo ...), one a line (a JSON array if PATH ends .json)
    gdelt    GDELT 2.0 event table: 61 tab-separated columns, GDELT's order and codes
    csv      the flat columns of the ``events`` table, with a header
    parquet  a folder of Parquet files partitioned by year=/month= (hive style),
             which DuckDB, pandas, polars and Spark read back

>>> export_events("events.duckdb", "gdelt", "events.tsv", unit="clusters")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eventcoder.errors import ConfigError
from eventcoder.export.files import write_csv, write_jsonl, write_parquet
from eventcoder.export.gdelt import write_gdelt
from eventcoder.export.plover import write_plover
from eventcoder.query import EventFilter
from eventcoder.store import Store

__all__ = ["FORMATS", "export_events"]

Writer = Callable[[str | Path | Store, EventFilter, str, Path], int]

WRITERS: dict[str, Writer] = {
    "jsonl": write_jsonl,
    "plover": write_plover,
    "gdelt": write_gdelt,
    "csv": write_csv,
    "parquet": write_parquet,
}
FORMATS = tuple(WRITERS)


def export_events(db: str | Path | Store, fmt: str, out: str | Path,
                  filters: EventFilter | None = None, *, unit: str = "reports") -> int:
    """Write the matching events to ``out`` in format ``fmt``; returns how many."""
    if fmt not in WRITERS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return WRITERS[fmt](db, filters or EventFilter(), unit, Path(out))
