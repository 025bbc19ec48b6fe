"""The event store: an embedded DuckDB database of articles, events, actors,
quotes, skipped inputs, event clusters and runs (schema in docs/store.md).

SQL lives here and in ``eventcoder.query``; nothing else builds SQL.

>>> from eventcoder.store import open_store
>>> with open_store("events.duckdb") as store:  # doctest: +SKIP
...     store.write(results)                    # CodedArticle | Skipped records
...     done = store.seen(["a1", "a2"])         # ids already stored
"""

from __future__ import annotations

from eventcoder.store.db import Store, open_store
from eventcoder.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
