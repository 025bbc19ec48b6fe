"""The event store: one embedded DuckDB file, written in bulk, one article at a time
logically (an article and everything coded from it commit together).

Writes replace whole articles: writing an article that is already stored
deletes its old rows first, in the same transaction, so a rerun after a crash
never duplicates anything and ids stay unique without key constraints (which
would slow DuckDB's bulk inserts).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventcoder.dedup.clusters import ClusterSettings
from eventcoder.errors import StoreError
from eventcoder.records import CodedArticle, Skipped
from eventcoder.store import rows
from eventcoder.store.clusters import recluster_all, recluster_batch
from eventcoder.store.schema import MIGRATIONS, SCHEMA_VERSION, create_statements

RESULT_TABLES = ("articles", "events", "mentions", "quotes", "skipped")

# Skips that a later try may turn into a coded article: a crash in the coder,
# or a page that could not be fetched this time. ``seen`` does not count them
# as done, so a rerun (or the feed watcher) tries those articles again.
RETRY_REASONS = ("internal_error", "timeout", "unreachable", "http_status")


def scalar(con: Any, sql: str, params: list | None = None) -> Any:
    """The one value a query returns (fetched in full: DuckDB wants results finished)."""
    return con.execute(sql, params or []).fetchall()[0][0]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """An open event database. Also the sink the feed watcher writes to.

    >>> with open_store("events.duckdb") as store:  # doctest: +SKIP
    ...     store.write(results)
    """

    def __init__(self, con: Any, path: Path, read_only: bool,
                 cluster_settings: ClusterSettings | None = None) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self.cluster_settings = cluster_settings or ClusterSettings()
        self.run_id: int | None = None
        self._run_started = 0.0

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    # ------------------------------------------------------------ the sink

    def write(self, results: list[CodedArticle | Skipped]) -> None:
        """Store a batch of results in one transaction; an article written again
        replaces its earlier rows."""
        results = list(results)
        if not results:
            return
        self._writable()
        run_id = self._ensure_run()
        tables = rows.result_tables(results, run_id)
        with self.transaction():
            dirty = self._delete(tables)
            for name in RESULT_TABLES:
                self._insert(name, tables[name])
            recluster_batch(self.con, tables["events"], dirty, self.cluster_settings)
            self.con.execute(
                "UPDATE runs SET articles = articles + ?, events = events + ?, "
                "skipped = skipped + ? WHERE id = ?",
                [tables["articles"].num_rows, tables["events"].num_rows,
                 tables["skipped"].num_rows, run_id])

    def seen(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` done for good: coded, or skipped for a reason
        a retry cannot change (the checkpoint a rerun or the watcher trusts)."""
        return self._stored(article_ids, final=True)

    def _stored(self, article_ids: Iterable[str], final: bool = False) -> set[str]:
        ids = pa.table({"id": pa.array(sorted(set(article_ids)), pa.string())})
        if not ids.num_rows:
            return set()
        self.con.register("asked_ids", ids)
        try:
            found = self.con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT id FROM asked_ids) UNION "
                "SELECT article_id FROM skipped WHERE article_id IN (SELECT id FROM asked_ids) "
                "AND NOT list_contains(?, reason)", [list(RETRY_REASONS if final else ())]
            ).fetchall()
        finally:
            self.con.unregister("asked_ids")
        return {row[0] for row in found}

    # ------------------------------------------------------------ runs

    def start_run(self, *, command: str, settings: dict | None = None,
                  sources: list[str] | None = None, workers: int | None = None) -> int:
        """Open a row in ``runs`` that every row written from now on points to."""
        from eventcoder import __version__

        self._writable()
        with self.transaction():
            run_id = scalar(self.con, "SELECT coalesce(max(id), 0) + 1 FROM runs")
            self.con.execute(
                "INSERT INTO runs VALUES (?, ?, NULL, 'running', ?, ?, ?, ?, ?, ?, 0, 0, 0, NULL)",
                [run_id, _now(), __version__, SCHEMA_VERSION, command,
                 rows.dumps(settings or {}), rows.dumps(sources or []), workers])
        self.run_id, self._run_started = run_id, time.monotonic()
        return run_id

    def finish_run(self, status: str = "finished") -> None:
        if self.run_id is None:
            return
        with self.transaction():
            self.con.execute(
                "UPDATE runs SET finished_at = ?, status = ?, seconds = ? WHERE id = ?",
                [_now(), status, round(time.monotonic() - self._run_started, 3), self.run_id])
        self.run_id = None

    def _ensure_run(self) -> int:
        if self.run_id is None:
            self.start_run(command="write")
        assert self.run_id is not None
        return self.run_id

    # ------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        """Rows per table: what a run left behind."""
        return {t: scalar(self.con, f"SELECT count(*) FROM {t}")
                for t in (*RESULT_TABLES, "clusters", "runs")}

    def runs(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT * FROM runs ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def recluster(self) -> int:
        """Rebuild all clusters, e.g. after changing ``store.clusters`` settings."""
        self._writable()
        with self.transaction():
            return recluster_all(self.con, self.cluster_settings)

    # ------------------------------------------------------------ internals

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a crash or error leaves the database as it was before."""
        self.con.begin()
        try:
            yield
            self.con.commit()
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        with suppress(duckdb.Error):  # gone already, e.g. when the commit itself failed
            self.con.rollback()

    def _writable(self) -> None:
        if self.read_only or self.con is None:
            raise StoreError(f"{self.path} is open read-only (or closed); cannot write")

    def _insert(self, name: str, table: pa.Table) -> None:
        if not table.num_rows:
            return
        self.con.register("insert_batch", table)
        try:
            self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM insert_batch")
        finally:
            self.con.unregister("insert_batch")

    def _delete(self, tables: dict[str, pa.Table]) -> list[str]:
        """Remove earlier rows of the batch's articles; returns their cluster ids."""
        stored = self._replaced(tables)  # usually none: then there is nothing to delete
        self._delete_keys(tables["skipped"]["key"].to_pylist())
        if not stored:
            return []
        self.con.register("batch_ids", pa.table({"id": pa.array(stored, pa.string())}))
        try:
            dirty = [r[0] for r in self.con.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL "
                "AND article_id IN (SELECT id FROM batch_ids)").fetchall()]
            for table in ("events", "mentions", "quotes"):
                self.con.execute(
                    f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM batch_ids)")
            self.con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM batch_ids)")
            self.con.execute(
                "DELETE FROM skipped WHERE article_id IN (SELECT id FROM batch_ids)")
        finally:
            self.con.unregister("batch_ids")
        return dirty

    def _replaced(self, tables: dict[str, pa.Table]) -> list[str]:
        """Stored articles this batch replaces. A coded article replaces whatever
        was stored for it; a skip never replaces a coded article (a duplicate
        input is skipped, but the article it repeats stays coded)."""
        coded = set(tables["articles"]["id"].to_pylist())
        skipped = {i for i in tables["skipped"]["article_id"].to_pylist() if i} - coded
        stored = self._stored(coded | skipped)
        if skipped & stored:
            stored -= self._coded(skipped & stored)
        return sorted(stored)

    def _coded(self, ids: set[str]) -> set[str]:
        found = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)",
                                 [sorted(ids)]).fetchall()
        return {row[0] for row in found}

    def _delete_keys(self, keys: list[str]) -> None:
        """Skipped inputs are keyed too, so a rerun records each once."""
        if keys:
            self.con.execute("DELETE FROM skipped WHERE key IN (SELECT unnest(?))", [keys])


# ---------------------------------------------------------------- opening


def open_store(path: str | Path, read_only: bool = False, *, wait: float = 0.0,
               settings: dict | None = None) -> Store:
    """Open (or create) the event database at ``path``.

    Only one process may write a database at a time; ``wait`` is how many
    seconds to keep trying when another holds it, before a clear StoreError.

    >>> store = open_store("events.duckdb", read_only=True)  # doctest: +SKIP
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"no event database at {path}: create one with `eventcoder run`")
    con = _connect(path, read_only, wait)
    try:
        _prepare(con, path, read_only)
    except BaseException:
        con.close()
        raise
    return Store(con, path, read_only, ClusterSettings.from_settings(settings))


def _connect(path: Path, read_only: bool, wait: float) -> Any:
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if read_only and "different configuration" in str(exc):
                # Already open for writing in this process: share that instance.
                return duckdb.connect(str(path))
            if _is_lock(exc) and time.monotonic() < deadline:
                time.sleep(0.25)
                continue
            raise _open_error(path, exc) from exc


def _is_lock(exc: Exception) -> bool:
    text = str(exc).lower()
    return "could not set lock" in text or "conflicting lock" in text


def _open_error(path: Path, exc: Exception) -> StoreError:
    if _is_lock(exc):
        pid = re.search(r"PID (\d+)", str(exc))
        holder = f" (PID {pid.group(1)})" if pid else ""
        return StoreError(
            f"{path} is in use by another process{holder}: a database takes one writer at a "
            "time, and no readers while it is written. Try again when it has finished "
            "(eventcoder run --wait SECONDS waits by itself).")
    if "different configuration" in str(exc):
        return StoreError(f"{path} is already open in this process in another mode "
                          "(read-only vs read-write); close that Store first")
    return StoreError(f"cannot open {path} as an event database: {exc}")


def _tables(con: Any) -> set[str]:
    found = con.execute("SELECT table_name FROM duckdb_tables() "
                        "WHERE database_name = current_database()").fetchall()
    return {row[0] for row in found}


def _prepare(con: Any, path: Path, read_only: bool) -> None:
    """Create the schema in a new file, or check (and migrate) an existing one."""
    tables = _tables(con)
    if not tables:
        if read_only:
            raise StoreError(f"{path} is empty: create it with `eventcoder run`")
        _create(con)
        return
    if "meta" not in tables:
        raise StoreError(f"{path} is a DuckDB file but not an eventcoder database")
    found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    version = int(found[0][0]) if found else 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer eventcoder (schema {version}; this one reads "
            f"schema {SCHEMA_VERSION}): upgrade eventcoder to read it")
    if version < SCHEMA_VERSION:
        _migrate(con, path, version, read_only)


def _create(con: Any) -> None:
    from eventcoder import __version__

    con.begin()
    for statement in create_statements():
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('created_by', ?)",
                [str(SCHEMA_VERSION), f"eventcoder {__version__}"])
    con.commit()


def _migrate(con: Any, path: Path, version: int, read_only: bool) -> None:
    missing = [v for v in range(version, SCHEMA_VERSION) if v not in MIGRATIONS]
    if missing:
        raise StoreError(
            f"{path} was written by an older eventcoder (schema {version}) that this one "
            f"(schema {SCHEMA_VERSION}) cannot upgrade: code the corpus again into a new "
            "database (eventcoder run SOURCES --db NEW.duckdb)")
    if read_only:
        raise StoreError(f"{path} uses schema {version} and needs upgrading to "
                         f"{SCHEMA_VERSION}: open it once for writing (eventcoder run) first")
    con.begin()
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](con)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
    con.commit()
