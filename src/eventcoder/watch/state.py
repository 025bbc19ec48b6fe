"""What the watcher remembers between polls and across restarts, in one JSON file.

- ``seen``: feed items already handled (coded, or skipped for good), by key
  (canonical link), with the article id and when the item was last listed;
  items gone from their feeds for ``keep_seen_days`` are forgotten.
- ``pending``: items whose fetch failed in a way that may pass, how often, and
  what is needed to try again (a feed answering 304 lists nothing).
- ``feeds``: each feed's ETag and Last-Modified, for conditional requests.
- ``fingerprints``: recent MinHash signatures, to link wire copies across restarts.

The file is replaced atomically, so a crash leaves the old state or the new.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError

VERSION = 1


def _now() -> datetime:
    return datetime.now(UTC)


class WatchState:
    """Seen items, retry counts, feed validators and fingerprints; ``save`` persists."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        data = self._load() if self.path and self.path.exists() else {}
        self.seen: dict[str, dict[str, str]] = data.get("seen", {})
        self.pending: dict[str, dict[str, Any]] = data.get("pending", {})
        self.feeds: dict[str, dict[str, str]] = data.get("feeds", {})
        self.fingerprints: list[tuple[str, tuple[int, ...]]] = [
            (str(i), _unpack(sig)) for i, sig in data.get("fingerprints", [])]

    def _load(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"watch state file {self.path} is damaged ({exc}); move it away "
                              "to start afresh (stored articles are still not coded twice)"
                              ) from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ConfigError(f"{self.path} is not a watch state file of this version")
        return data

    def is_seen(self, key: str) -> bool:
        return key in self.seen

    def mark_seen(self, key: str, article_id: str, now: datetime | None = None) -> None:
        stamp = (now or _now()).isoformat()
        self.seen[key] = {"id": article_id, "listed": stamp}
        self.pending.pop(key, None)

    def listed(self, keys: list[str], now: datetime | None = None) -> None:
        """Note that these items are still in a feed, so they are not forgotten."""
        stamp = (now or _now()).isoformat()
        for key in keys:
            if key in self.seen:
                self.seen[key]["listed"] = stamp

    def failed(self, key: str, item: dict[str, Any]) -> int:
        """Count one more failed attempt at an item, keeping ``item`` to retry it."""
        attempts = int(self.pending.get(key, {}).get("attempts", 0)) + 1
        self.pending[key] = {**item, "attempts": attempts}
        return attempts

    def forget_older_than(self, days: float, now: datetime | None = None) -> int:
        cutoff = ((now or _now()) - timedelta(days=days)).isoformat()
        old = [k for k, v in self.seen.items() if v.get("listed", "") < cutoff]
        for key in old:
            del self.seen[key]
        return len(old)

    def save(self) -> None:
        if self.path is None:
            return
        data = {"version": VERSION, "seen": self.seen, "pending": self.pending,
                "feeds": self.feeds,
                "fingerprints": [[i, _pack(sig)] for i, sig in self.fingerprints]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


def _pack(sig: tuple[int, ...]) -> str:
    return "".join(format(v, "08x") for v in sig)


def _unpack(text: str) -> tuple[int, ...]:
    return tuple(int(text[i:i + 8], 16) for i in range(0, len(text), 8))
