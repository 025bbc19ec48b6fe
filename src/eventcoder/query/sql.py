"""The queries behind ``eventcoder query``, the DataFrame API and the exports.

All read the ``event_reports`` view (one row a report, with its article's
publisher and its cluster's counts). Column and grouping names come from the
tables here, never from the caller; values come in as parameters.
"""

from __future__ import annotations

from typing import Any

from eventcoder.errors import ConfigError
from eventcoder.query.filters import EventFilter

UNITS = ("reports", "clusters")

# What --by accepts, and the SQL each one groups on.
GROUPS: dict[str, str] = {
    "day": "date AS day",
    "week": "CAST(date_trunc('week', date) AS DATE) AS week",
    "month": "CAST(date_trunc('month', date) AS DATE) AS month",
    "year": "year(date) AS year",
    "dyad": "source_code, target_code",
    "code": "cameo",
    "root": "cameo_root",
    "plover": "plover_type",
    "quad": "quad_class",
    "country": "source_country",
    "target_country": "target_country",
    "publisher": "publisher",
    "modality": "modality",
}

# The columns a table or CSV of events shows, in order.
TABLE_COLUMNS = ("date", "source_name", "source_code", "cameo", "plover_type", "target_name",
                 "target_code", "quad_class", "goldstein", "modality", "location_name",
                 "publisher", "cluster_articles", "cluster_sources", "evidence", "id",
                 "article_id", "cluster_id")

# What an export needs beside the event itself.
REPORT_COLUMNS = ("json", "publisher", "url", "published", "coded_at", "cluster_reports",
                  "cluster_articles", "cluster_sources")

# Everything but the JSON, for DataFrames and flat exports.
FLAT_EXCLUDE = "EXCLUDE (json)"


def _unit(unit: str) -> str:
    if unit not in UNITS:
        raise ConfigError(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}")
    return unit


def select_events(f: EventFilter, *, unit: str = "reports", columns: str = "*",
                  limit: int | None = None, offset: int = 0) -> tuple[str, list[Any]]:
    """Matching reports, or with unit="clusters" one row a cluster: its earliest
    matching report. ``columns`` is a constant of this package, never user text."""
    where, params = f.where()
    pick = ""
    if _unit(unit) == "clusters":
        pick = ("QUALIFY row_number() OVER (PARTITION BY coalesce(cluster_id, id) "
                "ORDER BY date NULLS LAST, published NULLS LAST, id) = 1")
    sql = (f"SELECT {columns} FROM event_reports WHERE {where} {pick} "
           "ORDER BY date NULLS LAST, id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, int(limit), int(offset)]
    return sql, params


def group_columns(by: tuple[str, ...]) -> list[str]:
    unknown = [b for b in by if b not in GROUPS]
    if unknown or not by:
        raise ConfigError(f"cannot group by {unknown[0] if unknown else 'nothing'!r}; "
                          f"use some of {', '.join(GROUPS)}")
    return [GROUPS[b] for b in by]


def count_events(f: EventFilter, by: tuple[str, ...]) -> tuple[str, list[Any]]:
    """Counts per group: reports (rows), clusters (real-world events) and articles,
    side by side so the two are never confused."""
    keys = ", ".join(group_columns(by))
    where, params = f.where()
    sql = (f"SELECT {keys}, count(*) AS reports, count(DISTINCT coalesce(cluster_id, id)) "
           f"AS clusters, count(DISTINCT article_id) AS articles FROM event_reports "
           f"WHERE {where} GROUP BY ALL ORDER BY ALL")
    return sql, params


def count_total(f: EventFilter) -> tuple[str, list[Any]]:
    where, params = f.where()
    return (f"SELECT count(*) AS reports, count(DISTINCT coalesce(cluster_id, id)) AS clusters, "
            f"count(DISTINCT article_id) AS articles FROM event_reports WHERE {where}", params)
