"""The database schema, said once: each table's columns, from which both the DDL
and the Arrow schema of its bulk inserts are derived, so they cannot drift.

Bump ``SCHEMA_VERSION`` whenever a table changes, and add a step to
``MIGRATIONS`` that takes a database from the previous version to the new one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = 1

_ARROW = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "TINYINT": pa.int8(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _actor_columns(prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}_{name}", kind) for name, kind in (
        ("key", "VARCHAR"), ("name", "VARCHAR"), ("code", "VARCHAR"), ("country", "VARCHAR"),
        ("kind", "VARCHAR"), ("sectors", "VARCHAR[]"), ("entity_id", "VARCHAR"),
        ("role", "VARCHAR"), ("text", "VARCHAR"))]


TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "VARCHAR"), ("url", "VARCHAR"), ("publisher", "VARCHAR"),
        ("published", "TIMESTAMP"), ("title", "VARCHAR"), ("language", "VARCHAR"),
        ("byline", "VARCHAR"), ("dateline_place", "VARCHAR"), ("dateline_agency", "VARCHAR"),
        ("num_events", "INTEGER"), ("notes", "VARCHAR[]"), ("places", "VARCHAR"),
        ("json", "VARCHAR"), ("run_id", "INTEGER"), ("coded_at", "TIMESTAMP"),
    ],
    "events": [
        ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("run_id", "INTEGER"),
        ("cluster_id", "VARCHAR"), ("sentence_index", "INTEGER"), ("date", "DATE"),
        ("date_precision", "VARCHAR"), ("date_source", "VARCHAR"), ("cameo", "VARCHAR"),
        ("cameo_root", "VARCHAR"), ("quad_class", "TINYINT"), ("goldstein", "DOUBLE"),
        ("plover_type", "VARCHAR"), ("plover_mode", "VARCHAR"),
        ("plover_context", "VARCHAR[]"), ("modality", "VARCHAR"), ("reciprocal", "BOOLEAN"),
        *_actor_columns("source"), *_actor_columns("target"),
        ("attributed_to_name", "VARCHAR"), ("attributed_to_code", "VARCHAR"),
        ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
        ("location_admin1", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("location_gazetteer_id", "VARCHAR"), ("location_precision", "VARCHAR"),
        ("evidence", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
        ("trigger", "VARCHAR"), ("quote", "VARCHAR"), ("quote_speaker", "VARCHAR"),
        ("confidence", "DOUBLE"), ("method", "VARCHAR"), ("json", "VARCHAR"),
    ],
    "mentions": [
        ("article_id", "VARCHAR"), ("idx", "INTEGER"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("name", "VARCHAR"), ("code", "VARCHAR"),
        ("entity_id", "VARCHAR"), ("kind", "VARCHAR"), ("country", "VARCHAR"),
        ("sectors", "VARCHAR[]"), ("role", "VARCHAR"), ("confidence", "DOUBLE"),
        ("method", "VARCHAR"), ("run_id", "INTEGER"),
    ],
    "quotes": [
        ("article_id", "VARCHAR"), ("idx", "INTEGER"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("speaker_name", "VARCHAR"),
        ("speaker_code", "VARCHAR"), ("json", "VARCHAR"), ("run_id", "INTEGER"),
    ],
    "skipped": [
        ("key", "VARCHAR"), ("source", "VARCHAR"), ("reason", "VARCHAR"),
        ("message", "VARCHAR"), ("article_id", "VARCHAR"), ("run_id", "INTEGER"),
        ("at", "TIMESTAMP"),
    ],
    "clusters": [
        ("id", "VARCHAR"), ("representative_id", "VARCHAR"), ("num_reports", "INTEGER"),
        ("num_articles", "INTEGER"), ("num_sources", "INTEGER"), ("first_seen", "TIMESTAMP"),
        ("date_min", "DATE"), ("date_max", "DATE"),
    ],
    "runs": [
        ("id", "INTEGER"), ("started_at", "TIMESTAMP"), ("finished_at", "TIMESTAMP"),
        ("status", "VARCHAR"), ("version", "VARCHAR"), ("schema_version", "INTEGER"),
        ("command", "VARCHAR"), ("settings", "VARCHAR"), ("sources", "VARCHAR"),
        ("workers", "INTEGER"), ("articles", "BIGINT"), ("events", "BIGINT"),
        ("skipped", "BIGINT"), ("seconds", "DOUBLE"),
    ],
    "meta": [("key", "VARCHAR"), ("value", "VARCHAR")],
}

# A flat view an analyst can query directly: one row a report, with its
# article's publisher and its cluster's counts.
VIEW = """
CREATE OR REPLACE VIEW event_reports AS
SELECT e.*, a.publisher, a.url, a.published, a.title, a.coded_at,
       c.num_reports AS cluster_reports, c.num_articles AS cluster_articles,
       c.num_sources AS cluster_sources
FROM events e
LEFT JOIN articles a ON a.id = e.article_id
LEFT JOIN clusters c ON c.id = e.cluster_id
"""


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a bulk insert into ``table``."""
    return pa.schema([(name, _ARROW[kind]) for name, kind in TABLES[table]])


def create_statements() -> list[str]:
    """DDL for an empty database at ``SCHEMA_VERSION``."""
    out = []
    for table, columns in TABLES.items():
        cols = ", ".join(f'"{name}" {kind}' for name, kind in columns)
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
    # No primary keys or indexes: DuckDB scans columns fast, keys slow bulk
    # inserts, and writes keep ids unique by replacing whole articles.
    return [*out, VIEW]


# version -> step taking a connection at that version to version + 1.
Migration = Callable[[Any], None]
MIGRATIONS: dict[int, Migration] = {}
