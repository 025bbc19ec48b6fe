"""Keep the ``clusters`` table in step with the events, a batch at a time.

A write reclusters only the neighbourhood of its new events: the reports in
the same (source, target, root) block within the date window, plus every
member of any cluster those reports belong to, so a cluster is always
rebuilt whole. The algorithm itself is ``eventcoder.dedup.clusters``.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from eventcoder.dedup.clusters import Cluster, ClusterSettings, Report, cluster_reports, words_of
from eventcoder.store.schema import arrow_schema

_REPORT_COLUMNS = """e.id, e.article_id, a.publisher, a.published, coalesce(e.source_key, ''),
    coalesce(e.target_key, ''), e.cameo_root, e.date, e.evidence, e.cluster_id"""

# Reports near the batch's events ("batch_events") or in a cluster that one
# of them, or a rewritten article ("dirty_clusters"), belonged to.
_NEIGHBOURHOOD = f"""
WITH touched AS (
    SELECT coalesce(source_key, '') AS sk, coalesce(target_key, '') AS tk, cameo_root AS r,
           min(date) - CAST($window AS INTEGER) AS lo, max(date) + CAST($window AS INTEGER) AS hi
    FROM batch_events WHERE date IS NOT NULL GROUP BY ALL),
near AS (
    SELECT e.id, e.cluster_id FROM events e JOIN touched t
      ON coalesce(e.source_key, '') = t.sk AND coalesce(e.target_key, '') = t.tk
     AND e.cameo_root = t.r AND e.date BETWEEN t.lo AND t.hi),
old AS (
    SELECT cluster_id FROM near WHERE cluster_id IS NOT NULL
    UNION SELECT cluster_id FROM dirty_clusters),
members AS (
    SELECT id FROM near
    UNION SELECT id FROM batch_events
    UNION SELECT e.id FROM events e JOIN old o ON e.cluster_id = o.cluster_id)
SELECT {_REPORT_COLUMNS}
FROM events e JOIN members m ON m.id = e.id LEFT JOIN articles a ON a.id = e.article_id
"""

_ALL = f"SELECT {_REPORT_COLUMNS} FROM events e LEFT JOIN articles a ON a.id = e.article_id"


def _report(row: tuple) -> Report:
    event_id, article_id, publisher, published, sk, tk, root, day, evidence, _ = row
    return Report(event_id, article_id, publisher, published, (sk, tk, root or ""), day,
                  words_of(evidence or ""))


def recluster_batch(con: Any, batch_events: pa.Table, dirty: list[str],
                    settings: ClusterSettings) -> None:
    """Recluster around one batch of new events (inside the caller's transaction)."""
    con.register("batch_events", batch_events.select(
        ["id", "source_key", "target_key", "cameo_root", "date"]))
    con.register("dirty_clusters", pa.table({"cluster_id": pa.array(dirty, pa.string())}))
    try:
        rows = con.execute(_NEIGHBOURHOOD, {"window": settings.window_days}).fetchall()
    finally:
        con.unregister("batch_events")
        con.unregister("dirty_clusters")
    old = {row[-1] for row in rows if row[-1]} | set(dirty)
    _replace(con, cluster_reports([_report(r) for r in rows], settings), old)


def recluster_all(con: Any, settings: ClusterSettings) -> int:
    """Rebuild every cluster (after the cluster settings changed); returns how many."""
    clusters = cluster_reports([_report(r) for r in con.execute(_ALL).fetchall()], settings)
    con.execute("DELETE FROM clusters")
    _replace(con, clusters, set())
    return len(clusters)


def _replace(con: Any, clusters: list[Cluster], old: set[str]) -> None:
    gone = pa.table({"id": pa.array(sorted(old | {c.id for c in clusters}), pa.string())})
    assign = pa.table({
        "event_id": pa.array([e for c in clusters for e in c.event_ids], pa.string()),
        "cluster_id": pa.array([c.id for c in clusters for _ in c.event_ids], pa.string()),
    })
    con.register("gone_clusters", gone)
    con.register("cluster_rows", _cluster_table(clusters))
    con.register("cluster_assign", assign)
    try:
        con.execute("DELETE FROM clusters WHERE id IN (SELECT id FROM gone_clusters)")
        con.execute("INSERT INTO clusters SELECT * FROM cluster_rows")
        con.execute("UPDATE events SET cluster_id = a.cluster_id FROM cluster_assign a "
                    "WHERE events.id = a.event_id")
    finally:
        for name in ("gone_clusters", "cluster_rows", "cluster_assign"):
            con.unregister(name)


def _cluster_table(clusters: list[Cluster]) -> pa.Table:
    return pa.Table.from_pylist([{
        "id": c.id, "representative_id": c.representative_id, "num_reports": len(c.event_ids),
        "num_articles": c.num_articles, "num_sources": c.num_sources,
        "first_seen": c.first_seen, "date_min": c.date_min, "date_max": c.date_max,
    } for c in clusters], schema=arrow_schema("clusters"))
