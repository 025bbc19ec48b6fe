"""What the endpoints share: the open database, the coder, and the write token.

Reads run in FastAPI's thread pool, each on its own DuckDB cursor (a DuckDB
connection must not be used by two threads at once); writes and coding go
one at a time, behind locks, on the one connection that may write.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventcoder.store import Store, open_store


class Backend:
    """The database (read-only unless a write token was given) and the pipeline."""

    def __init__(self, db_path: str | Path, token: str | None = None,
                 settings: dict[str, Any] | None = None) -> None:
        self.db_path = Path(db_path)
        self.token = token or None
        self.settings = settings
        self._store: Store | None = None
        self._cursor_lock = threading.Lock()  # the base connection only hands out cursors
        self._writer: Store | None = None
        self._write_lock = threading.Lock()
        self._code_lock = threading.Lock()
        self._pipeline: Any = None

    @property
    def writable(self) -> bool:
        return self.token is not None

    def token_ok(self, given: str | None) -> bool:
        """Compared in constant time, so timing does not reveal the token."""
        if self.token is None or given is None:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A Store on a cursor of its own, for one request's reads."""
        cursor = self._cursor()
        try:
            yield Store(cursor, self.db_path, read_only=True)
        finally:
            cursor.close()

    def open(self) -> Store:
        """Open the database if it is not (again, after a shutdown); a missing or
        locked one raises StoreError."""
        with self._cursor_lock:
            return self._open()

    def _open(self) -> Store:
        if self._store is None:
            # With a token the server is the database's one writer; without, it reads.
            self._store = open_store(self.db_path, read_only=self.token is None,
                                     settings=self.settings)
        return self._store

    def _cursor(self) -> Any:
        with self._cursor_lock:
            return self._open().con.cursor()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The writable store, to one request at a time; its writes form one run."""
        with self._write_lock:
            if self._writer is None:
                self._writer = Store(self._cursor(), self.db_path, False,
                                     self.open().cluster_settings)
                self._writer.start_run(command="serve", settings=self.settings)
            yield self._writer

    def code(self, items: list) -> list:
        """Run the pipeline on a few articles, one request at a time (spaCy and the
        knowledge base load on first use, then stay)."""
        from eventcoder.pipeline import Pipeline, default_pipeline

        with self._code_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings) if self.settings else default_pipeline()
            return list(self._pipeline.run(items))

    def close(self) -> None:
        """Finish the run of this server's writes and close the database."""
        with self._write_lock, self._cursor_lock:
            if self._writer is not None:
                self._writer.finish_run()
                self._writer.close()
                self._writer = None
            if self._store is not None:
                self._store.close()
                self._store = None
