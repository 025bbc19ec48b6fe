"""Ask questions of the event store: filtered events and counts, as records,
rows or DataFrames.

>>> from eventcoder.query import events_frame, counts_frame
>>> df = events_frame("events.duckdb", actor="Lavrov", root="04")     # doctest: +SKIP
>>> daily = counts_frame("events.duckdb", by=("day", "quad"))        # doctest: +SKIP

Every function takes a database path or an open ``Store``. ``unit`` says what
a row is: "reports" (one per article that reported an event) or "clusters"
(one per real-world event, however many articles reported it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError
from eventcoder.query.filters import EventFilter
from eventcoder.query.sql import (
    FLAT_EXCLUDE,
    GROUPS,
    REPORT_COLUMNS,
    TABLE_COLUMNS,
    UNITS,
    count_events,
    count_total,
    select_events,
)
from eventcoder.records import Event
from eventcoder.store import Store, open_store

__all__ = ["GROUPS", "UNITS", "EventFilter", "count_rows", "counts_frame", "event_rows",
           "events_frame", "flat_reader", "iter_event_dicts", "iter_events", "iter_reports",
           "reading", "totals"]

BACKENDS = ("pandas", "polars", "arrow")


@contextmanager
def reading(db: str | Path | Store) -> Iterator[Store]:
    """An open store: the caller's own, or one opened read-only for this query."""
    if isinstance(db, Store):
        yield db
        return
    store = open_store(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


def _filter(filters: EventFilter | None, kwargs: dict[str, Any]) -> EventFilter:
    if filters is not None and kwargs:
        raise ConfigError("pass either an EventFilter or filter keywords, not both")
    return filters or EventFilter.from_kwargs(**kwargs)


def iter_event_dicts(db: str | Path | Store, filters: EventFilter | None = None, *,
                     unit: str = "reports", limit: int | None = None,
                     batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Stored events as ``Event.to_dict()`` dicts, streamed in date order."""
    sql, params = select_events(filters or EventFilter(), unit=unit, columns="json",
                                limit=limit)
    with reading(db) as store:
        cursor = store.con.cursor()  # its own result, so the store stays usable
        try:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(batch):
                for (text,) in chunk:
                    yield json.loads(text)
        finally:
            cursor.close()


def iter_events(db: str | Path | Store, filters: EventFilter | None = None, *,
                unit: str = "reports", limit: int | None = None) -> Iterator[Event]:
    """Stored events as ``Event`` records, equal to the ones that were written."""
    for data in iter_event_dicts(db, filters, unit=unit, limit=limit):
        yield Event.from_dict(data)


def iter_reports(db: str | Path | Store, filters: EventFilter | None = None, *,
                 unit: str = "reports", batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Each matching report with its article and cluster, for exports:
    ``{"event": Event.to_dict(), "publisher", "url", "published", "coded_at",
    "cluster_reports", "cluster_articles", "cluster_sources"}``."""
    sql, params = select_events(filters or EventFilter(), unit=unit,
                                columns=", ".join(REPORT_COLUMNS))
    with reading(db) as store:
        cursor = store.con.cursor()
        try:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(batch):
                for row in chunk:
                    record = dict(zip(REPORT_COLUMNS, row, strict=True))
                    record["event"] = json.loads(record.pop("json"))
                    yield record
        finally:
            cursor.close()


@contextmanager
def flat_reader(db: str | Path | Store, filters: EventFilter | None = None, *,
                unit: str = "reports", with_json: bool = False, partitions: bool = False,
                batch: int = 100_000) -> Iterator[Any]:
    """Matching reports as an Arrow RecordBatchReader of flat columns, for CSV and
    Parquet; ``partitions`` adds year and month columns to partition on."""
    columns = "*" if with_json else f"* {FLAT_EXCLUDE}"
    if partitions:
        columns += ", year(date) AS year, month(date) AS month"
    sql, params = select_events(filters or EventFilter(), unit=unit, columns=columns)
    with reading(db) as store:
        cursor = store.con.cursor()
        try:
            relation = cursor.sql(sql, params=params)
            # to_arrow_reader is DuckDB 2's name; older releases call it fetch_arrow_reader.
            reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
            yield reader(batch)
        finally:
            cursor.close()


def event_rows(db: str | Path | Store, filters: EventFilter | None = None, *,
               unit: str = "reports", limit: int | None = None
               ) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of the table view of matching events."""
    sql, params = select_events(filters or EventFilter(), unit=unit,
                                columns=", ".join(TABLE_COLUMNS), limit=limit)
    with reading(db) as store:
        return list(TABLE_COLUMNS), store.con.execute(sql, params).fetchall()


def count_rows(db: str | Path | Store, by: tuple[str, ...],
               filters: EventFilter | None = None) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of counts per group; each row has reports, clusters, articles."""
    sql, params = count_events(filters or EventFilter(), tuple(by))
    with reading(db) as store:
        cur = store.con.execute(sql, params)
        rows = cur.fetchall()
        return [d[0] for d in cur.description], rows


def totals(db: str | Path | Store, filters: EventFilter | None = None) -> dict[str, int]:
    """How many reports, clusters and articles match."""
    sql, params = count_total(filters or EventFilter())
    with reading(db) as store:
        cur = store.con.execute(sql, params)
        row = cur.fetchall()[0]
        return dict(zip([d[0] for d in cur.description], row, strict=True))


def _frame(db: str | Path | Store, sql: str, params: list[Any], backend: str) -> Any:
    if backend not in BACKENDS:
        raise ConfigError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    with reading(db) as store:
        rel = store.con.sql(sql, params=params)
        if backend == "arrow":
            return rel.to_arrow_table()
        try:
            return rel.pl() if backend == "polars" else rel.df()
        except ImportError as exc:
            raise ConfigError(f"{backend} is not installed: pip install {backend}") from exc


def events_frame(db: str | Path | Store, *, unit: str = "reports", limit: int | None = None,
                 backend: str = "pandas", with_json: bool = False, **filters: Any) -> Any:
    """Matching events as a DataFrame, one flat row each (pandas, polars or arrow).

    >>> events_frame("events.duckdb", country="SYR", since="2014-01-01")  # doctest: +SKIP
    """
    sql, params = select_events(_filter(None, filters), unit=unit, limit=limit,
                                columns="*" if with_json else f"* {FLAT_EXCLUDE}")
    return _frame(db, sql, params, backend)


def counts_frame(db: str | Path | Store, by: tuple[str, ...] | str = ("day",), *,
                 backend: str = "pandas", **filters: Any) -> Any:
    """Counts of reports, clusters and articles per group, as a DataFrame.

    >>> counts_frame("events.duckdb", by=("day", "quad"), country="UKR")  # doctest: +SKIP
    """
    by = tuple(by.split(",")) if isinstance(by, str) else tuple(by)
    sql, params = count_events(_filter(None, filters), by)
    return _frame(db, sql, params, backend)
