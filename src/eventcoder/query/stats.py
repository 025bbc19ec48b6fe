"""Pages of events, single records and the aggregates behind the HTTP API and
the dashboard: a timeline per day and quad class, the busiest dyads and
actors, and the places events happened.

They ask the ``events`` table itself whenever the filters and the sort need
none of the columns the ``event_reports`` view joins in (publisher, url, ...):
the view's joins cost a pass over articles and clusters on every query, most
of the time a query takes on a million events. A page then fetches its 50
rows' article and cluster details separately. SQL text comes only from this
module's constants; every user value is a parameter.

>>> total, rows = page_events("events.duckdb", EventFilter(country="SYR"), sort="-date")
... # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError
from eventcoder.query import reading
from eventcoder.query.filters import EventFilter
from eventcoder.query.sql import UNITS
from eventcoder.store import Store

Db = str | Path | Store

# Sort keys the API accepts ("-" before one sorts descending), and their columns.
SORTS: dict[str, str] = {
    "date": "date", "published": "published", "goldstein": "goldstein",
    "confidence": "confidence", "quad": "quad_class", "cameo": "cameo",
    "source": "source_name", "target": "target_name", "publisher": "publisher",
}
INTERVALS: dict[str, str] = {
    "day": "date",
    "week": "CAST(date_trunc('week', date) AS DATE)",
    "month": "CAST(date_trunc('month', date) AS DATE)",
}
SIDES = ("any", "source", "target")

# What a page of events carries beside each event's JSON.
PAGE_COLUMNS = ("json", "publisher", "url", "title", "published", "cluster_id",
                "cluster_reports", "cluster_articles", "cluster_sources")
# Columns of the event_reports view that the events table lacks.
_VIEW_ONLY = re.compile(r"\b(publisher|url|published|title|coded_at|cluster_reports|"
                        r"cluster_articles|cluster_sources)\b")
# unit="clusters": each cluster's earliest matching report, as query.sql picks it;
# on the events table the article's publication time is looked up row by row.
_ONE_PER_CLUSTER = ("QUALIFY row_number() OVER (PARTITION BY coalesce(cluster_id, id) "
                    "ORDER BY date NULLS LAST, {published} NULLS LAST, id) = 1")
_PUBLISHED = {"event_reports": "published",
              "events": "(SELECT published FROM articles WHERE articles.id = events.article_id)"}
_CLUSTER_KEY = "coalesce(cluster_id, id)"


def _unit(unit: str) -> str:
    if unit not in UNITS:
        raise ConfigError(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}")
    return unit


def _table(*sql: str) -> str:
    """``events`` unless these SQL fragments (our own text, never user input)
    name a column only the view has."""
    return "event_reports" if any(_VIEW_ONLY.search(part) for part in sql) else "events"


def _count(unit: str) -> str:
    return "count(*)" if _unit(unit) == "reports" else f"count(DISTINCT {_CLUSTER_KEY})"


def order_by(sort: str) -> str:
    """An ORDER BY list from a sort key such as "-date"; unknown keys are refused."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        raise ConfigError(f"cannot sort by {sort!r}; use one of {', '.join(SORTS)} "
                          "(a leading - sorts descending)")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{SORTS[key]} {direction} NULLS LAST, id {direction}"


def _records(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    out = []
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        if "json" in record:
            record["json"] = json.loads(record["json"])
        out.append(record)
    return out


def page_events(db: Db, f: EventFilter, *, unit: str = "reports", sort: str = "date",
                limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(how many match, one page of them): each a dict of ``PAGE_COLUMNS``, the
    event's ``Event.to_dict()`` under "json"."""
    where, params = f.where()
    order = order_by(sort)
    table = _table(where, order)
    pick = ""
    if _unit(unit) == "clusters":
        pick = _ONE_PER_CLUSTER.format(published=_PUBLISHED[table])
    # Filtered reports are counted by the page query itself, so the filter runs once.
    counted = table == "events" and not pick and where != "TRUE"
    total_column, total = (", count(*) OVER () AS total", ", total") if counted else ("", "")
    if table == "events":
        # Sort row ids, then read the page's JSON: sorting whole rows, JSON and
        # all, is what makes a deep page slow.
        page_sql = (f"WITH page AS (SELECT rowid AS r{total_column} "
                    f"FROM events WHERE {where} {pick} ORDER BY {order} LIMIT ? OFFSET ?) "
                    f"SELECT json, article_id, cluster_id{total} "
                    f"FROM events JOIN page ON events.rowid = page.r ORDER BY {order}")
    else:
        page_sql = (f"SELECT json, article_id, cluster_id FROM {table} WHERE {where} {pick} "
                    f"ORDER BY {order} LIMIT ? OFFSET ?")
    count_sql = f"SELECT {_count(unit)} FROM {_table(where)} WHERE {where}"
    with reading(db) as store:
        rows = _records(store.con.execute(page_sql, [*params, int(limit), int(offset)]))
        totals = {row.pop("total", None) for row in rows}
        found = (totals.pop() if counted and rows  # past the last page: count apart
                 else store.con.execute(count_sql, params).fetchall()[0][0])
        _add_details(store, rows)
    return int(found), rows


def _add_details(store: Store, rows: list[dict[str, Any]]) -> None:
    """Each row's article (publisher, url, title, published) and cluster counts."""
    articles = {r[0]: r[1:] for r in store.con.execute(
        "SELECT id, publisher, url, title, published FROM articles "
        "WHERE id IN (SELECT unnest(?))", [sorted({r["article_id"] for r in rows})]).fetchall()}
    clusters = {r[0]: r[1:] for r in store.con.execute(
        "SELECT id, num_reports, num_articles, num_sources FROM clusters "
        "WHERE id IN (SELECT unnest(?))",
        [sorted({r["cluster_id"] for r in rows if r["cluster_id"]})]).fetchall()}
    for row in rows:
        article = articles.get(row.pop("article_id"), (None,) * 4)
        cluster = clusters.get(row["cluster_id"], (None,) * 3)
        row.update(zip(("publisher", "url", "title", "published"), article, strict=True))
        row.update(zip(("cluster_reports", "cluster_articles", "cluster_sources"), cluster,
                       strict=True))


def event_record(db: Db, event_id: str) -> dict[str, Any] | None:
    """One stored report by event id, shaped like a row of ``page_events``."""
    sql = f"SELECT {', '.join(PAGE_COLUMNS)} FROM event_reports WHERE id = ? LIMIT 1"
    with reading(db) as store:
        found = _records(store.con.execute(sql, [event_id]))
    return found[0] if found else None


def article_record(db: Db, article_id: str) -> dict[str, Any] | None:
    """A stored article with what was found in it: ``{"article": Article.to_dict(),
    "places": [span], "mentions": [...], "quotes": [Quote.to_dict()], "events":
    [Event.to_dict()]}``, or None."""
    with reading(db) as store:
        found = store.con.execute("SELECT json, places FROM articles WHERE id = ?",
                                  [article_id]).fetchall()
        if not found:
            return None
        mentions = _records(store.con.execute(
            'SELECT idx, text, start, "end", name, code, entity_id, kind, country, sectors, '
            "role FROM mentions WHERE article_id = ? ORDER BY idx", [article_id]))
        quotes = store.con.execute("SELECT json FROM quotes WHERE article_id = ? ORDER BY idx",
                                   [article_id]).fetchall()
        events = store.con.execute(
            "SELECT json FROM events WHERE article_id = ? ORDER BY sentence_index, id",
            [article_id]).fetchall()
    return {"article": json.loads(found[0][0]), "places": json.loads(found[0][1] or "[]"),
            "mentions": mentions, "quotes": [json.loads(q) for (q,) in quotes],
            "events": [json.loads(e) for (e,) in events]}


def timeline(db: Db, f: EventFilter, *, interval: str = "day",
             unit: str = "reports") -> list[dict[str, Any]]:
    """Counts per period and quad class: ``{"period", "quad_class", "count"}``,
    in date order. Undated events are left out."""
    if interval not in INTERVALS:
        raise ConfigError(f"unknown interval {interval!r}; use one of {', '.join(INTERVALS)}")
    where, params = f.where()
    sql = (f"SELECT {INTERVALS[interval]} AS period, quad_class, {_count(unit)} AS count "
           f"FROM {_table(where)} WHERE ({where}) AND date IS NOT NULL "
           "GROUP BY ALL ORDER BY ALL")
    with reading(db) as store:
        return _records(store.con.execute(sql, params))


def top_dyads(db: Db, f: EventFilter, *, limit: int = 25,
              unit: str = "reports") -> list[dict[str, Any]]:
    """The busiest directed dyads (source, target), most events first; an actor is
    its code, else its name."""
    where, params = f.where()
    sql = ("SELECT coalesce(source_code, source_name) AS source, "
           "any_value(source_name) AS source_name, any_value(source_country) AS source_country, "
           "coalesce(target_code, target_name) AS target, "
           "any_value(target_name) AS target_name, any_value(target_country) AS target_country, "
           f"{_count(unit)} AS count, avg(goldstein) AS goldstein "
           f"FROM {_table(where)} WHERE ({where}) "
           "AND coalesce(source_code, source_name) IS NOT NULL "
           "AND coalesce(target_code, target_name) IS NOT NULL "
           "GROUP BY 1, 4 ORDER BY count DESC, source, target LIMIT ?")
    with reading(db) as store:
        return _records(store.con.execute(sql, [*params, int(limit)]))


def top_actors(db: Db, f: EventFilter, *, limit: int = 20, side: str = "any",
               unit: str = "reports") -> list[dict[str, Any]]:
    """The actors in most events, as source, target or either (an event whose
    source and target are the same actor counts once, as source)."""
    if side not in SIDES:
        raise ConfigError(f"unknown side {side!r}; use one of {', '.join(SIDES)}")
    sides = ("source", "target") if side == "any" else (side,)
    where, params = f.where()
    actor = "coalesce({0}_code, {0}_name)"
    legs = []
    for s in sides:
        once = (f" AND {actor.format('source')} IS DISTINCT FROM {actor.format('target')}"
                if s == "target" and side == "any" else "")
        legs.append(f"SELECT id, cluster_id, {actor.format(s)} AS actor, {s}_name AS name, "
                    f"{s}_country AS country, '{s}' AS side FROM {_table(where)} "
                    f"WHERE ({where}) AND {actor.format(s)} IS NOT NULL{once}")
    sql = (f"SELECT actor, any_value(name) AS name, any_value(country) AS country, "
           f"{_count(unit)} AS count, count(*) FILTER (WHERE side = 'source') AS as_source, "
           f"count(*) FILTER (WHERE side = 'target') AS as_target "
           f"FROM ({' UNION ALL '.join(legs)}) GROUP BY actor ORDER BY count DESC, actor LIMIT ?")
    with reading(db) as store:
        return _records(store.con.execute(sql, [*params * len(sides), int(limit)]))


def places(db: Db, f: EventFilter, *, limit: int = 500,
           unit: str = "reports") -> list[dict[str, Any]]:
    """Located events per place (name, country, coordinates), most first."""
    where, params = f.where()
    sql = ("SELECT location_name AS name, location_country AS country, "
           "round(lat, 4) AS lat, round(lon, 4) AS lon, "
           f"{_count(unit)} AS count, avg(goldstein) AS goldstein "
           f"FROM {_table(where)} WHERE ({where}) AND lat IS NOT NULL AND lon IS NOT NULL "
           "GROUP BY ALL ORDER BY count DESC, name LIMIT ?")
    with reading(db) as store:
        return _records(store.con.execute(sql, [*params, int(limit)]))
