"""Partitioned Parquet output: a corpus coded one input partition at a time,
on any runner (in process, a process pool, or a Dask cluster).

1. Plan: the sources become partitions: one file each (a WARC file, a CSV or a
   JSONL file), a large JSONL file split at line boundaries into shards of
   about ``partition_mb``, and one-article-a-file formats (text, HTML) grouped
   ``files_per_partition`` at a time. A partition's key is a hash of what it
   reads, so a rerun over the same sources finds the same keys.
2. Code: the worker reads its partition itself (the files must be reachable
   from every worker: a shared disk on a cluster) and codes it with
   ``code_batch``, ``commit_every`` articles at a time.
3. Write: one Parquet file per table (``articles``, ``events``, ``mentions``,
   ``quotes``, ``skipped``; the columns of the store's tables) per partition,
   each written to a temporary name and renamed into place, then a done
   marker ``_done/KEY.json`` with the partition's counts. A partition that
   fails is reported in ``_failed/KEY.json``; a rerun codes exactly the
   partitions that have no done marker.

    OUT/events/KEY.parquet   ... articles/, mentions/, quotes/, skipped/
    OUT/_done/KEY.json       what KEY read, its counts, how long it took
    OUT/_failed/KEY.json     the error, until a rerun codes KEY

DuckDB reads the folder as one event set (``read_parquet('OUT/events/*.parquet')``);
``load_parquet`` writes it into an event store, and ``open_parquet`` gives an
in-memory store that ``eventcoder.query`` and ``eventcoder.export`` read.

>>> stats = run_parquet(["corpus/"], "out/", RunOptions(input_format="jsonl"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.errors import ConfigError, InputError
from eventcoder.ingest import ReadOptions, read_sources, read_stream
from eventcoder.ingest import files as ingest_files
from eventcoder.records import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Quote,
    Skipped,
    Span,
    stable_hash,
)
from eventcoder.runner.batch import RunOptions, make_runner
from eventcoder.runner.coding import code_batch
from eventcoder.runner.dask import PartitionFailed
from eventcoder.runner.transports import Runner
from eventcoder.store import Store, open_store
from eventcoder.store.rows import result_tables
from eventcoder.store.schema import arrow_schema

TABLES = ("articles", "events", "mentions", "quotes", "skipped")
ONE_ARTICLE_FORMATS = ("text", "html")  # a file is one article: many go in a partition
BatchFn = Callable[..., list[CodedArticle | Skipped]]


@dataclass(frozen=True)
class InputPartition:
    """What one task reads: some files, or one byte range of a JSONL file."""

    files: tuple[str, ...]
    input_format: str
    start: int = 0
    end: int | None = None  # a shard ends before this byte; None: the whole file

    @property
    def key(self) -> str:
        return stable_hash("partition", self.input_format, *self.files, self.start, self.end)

    @property
    def label(self) -> str:
        first = self.files[0] if self.files else "?"
        if self.end is not None:
            return f"{first} [bytes {self.start}-{self.end}]"
        return first if len(self.files) == 1 else f"{first} (+{len(self.files) - 1} files)"


@dataclass(frozen=True)
class PartitionDone:
    """A worker's report of one coded partition (also its done marker)."""

    key: str
    label: str
    articles: int
    events: int
    skipped: int
    seconds: float
    worker: str
    finished_at: str


@dataclass
class ParquetStats:
    """What a Parquet run did; ``failed`` partitions are coded by the next run."""

    partitions: int = 0     # partitions of the input
    already: int = 0        # found done and left alone
    done: int = 0           # coded in this run
    articles: int = 0
    events: int = 0
    skipped: int = 0
    failed: list[PartitionFailed] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        return self.articles / max(time.monotonic() - self.started, 1e-9)


# ----------------------------------------------------------------- planning


def plan_partitions(paths: Iterable[str | Path], input_format: str = "text", *,
                    partition_mb: float = 64.0,
                    files_per_partition: int = 256) -> list[InputPartition]:
    """The partitions of the sources, in input order (see the module docstring)."""
    found: dict[str, str] = {}
    for source in paths:
        for path in ingest_files.expand(source):
            fmt = input_format
            if fmt == "auto":
                fmt = ingest_files.guess_format(str(path), ingest_files.read_head(path))
            found.setdefault(str(path), fmt)
    out: list[InputPartition] = []
    singles: list[str] = []
    for path, fmt in found.items():
        if fmt in ONE_ARTICLE_FORMATS:
            singles.append(path)
            if len(singles) >= files_per_partition:
                out.append(InputPartition(tuple(singles), input_format))
                singles = []
        else:
            out.extend(_shards(path, fmt, input_format, int(partition_mb * 1e6)))
    if singles:
        out.append(InputPartition(tuple(singles), input_format))
    return out


def _shards(path: str, fmt: str, input_format: str, size: int) -> list[InputPartition]:
    """A plain JSONL file over ``size`` bytes in line-aligned byte ranges."""
    total = os.path.getsize(path)
    if fmt != "jsonl" or total <= size or ingest_files.read_head(Path(path), 2) == \
            ingest_files.GZIP_MAGIC:
        return [InputPartition((path,), input_format)]
    cuts = [0]
    with open(path, "rb") as fh:
        while cuts[-1] + size < total:
            fh.seek(cuts[-1] + size)
            fh.readline()  # the shard ends after the line it is in
            if fh.tell() >= total:
                break
            cuts.append(fh.tell())
    ends = [*cuts[1:], total]
    return [InputPartition((path,), "jsonl", start, end) for start, end in zip(cuts, ends,
                                                                                 strict=True)]


def read_partition(partition: InputPartition, options: ReadOptions) -> Iterator[Article | Skipped]:
    """The articles (and unreadable inputs) of one partition."""
    if partition.end is None:
        yield from read_sources(partition.files, partition.input_format, options=options)
        return
    path = partition.files[0]
    with open(path, "rb") as fh:
        fh.seek(partition.start)
        data = fh.read(partition.end - partition.start)
    yield from read_stream(data, f"{path}@{partition.start}", "jsonl", options=options)


# ----------------------------------------------------------------- coding (on a worker)


def code_partition(partition: InputPartition, out: str, settings: dict[str, Any],
                   since: date | None = None, batch: int = 256,
                   batch_fn: BatchFn = code_batch) -> PartitionDone:
    """Read, code and write one partition; runs on a worker. Raises on failure
    (the runner retries it) and marks the partition done only when every file
    is in place."""
    started = time.monotonic()
    items = (i for i in read_partition(partition, ReadOptions.from_settings(settings))
             if not isinstance(i, Article) or _wanted(i, since))
    counts = {"articles": 0, "events": 0, "skipped": 0}
    with _PartitionWriter(Path(out), partition.key) as writer:
        while chunk := list(islice(items, batch)):
            results = batch_fn(chunk, settings)
            writer.write(result_tables(results, None))
            _count(counts, results)
    done = PartitionDone(partition.key, partition.label, **counts,
                         seconds=round(time.monotonic() - started, 3),
                         worker=f"{socket.gethostname()}:{os.getpid()}",
                         finished_at=datetime.now(UTC).isoformat(timespec="seconds"))
    _write_json(Path(out) / "_done" / f"{partition.key}.json",
                {**asdict(done), "partition": asdict(partition)})
    (Path(out) / "_failed" / f"{partition.key}.json").unlink(missing_ok=True)
    return done


def _wanted(article: Article, since: date | None) -> bool:
    day = article.published
    day = day.date() if isinstance(day, datetime) else day
    return since is None or day is None or day >= since


def _count(counts: dict[str, int], results: list[CodedArticle | Skipped]) -> None:
    for r in results:
        if isinstance(r, CodedArticle):
            counts["articles"] += 1
            counts["events"] += len(r.events)
        else:
            counts["skipped"] += 1


class _PartitionWriter:
    """One Parquet file per table, each written under a temporary name and
    renamed into place when the partition is complete (never half a file)."""

    def __init__(self, out: Path, key: str) -> None:
        self.final = {t: out / t / f"{key}.parquet" for t in TABLES}
        tag = uuid.uuid4().hex[:8]
        self.temp = {t: out / t / f".{key}.{tag}.tmp" for t in TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}

    def __enter__(self) -> _PartitionWriter:
        for table, path in self.temp.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            self.writers[table] = pq.ParquetWriter(path, arrow_schema(table),
                                                   compression="zstd")
        return self

    def write(self, tables: dict[str, pa.Table]) -> None:
        for table, writer in self.writers.items():
            if tables[table].num_rows:
                writer.write_table(tables[table])

    def __exit__(self, kind: object, *exc: object) -> None:
        for writer in self.writers.values():
            writer.close()
        for table, temp in self.temp.items():
            if kind is None:
                os.replace(temp, self.final[table])
            else:
                temp.unlink(missing_ok=True)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    temp.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    os.replace(temp, path)


# ----------------------------------------------------------------- the run


def done_keys(out: str | Path) -> set[str]:
    """Keys of the partitions already coded into ``out``."""
    folder = Path(out) / "_done"
    return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()


def run_parquet(paths: Iterable[str | Path], out: str | Path,
                options: RunOptions | None = None, *, runner: Runner | None = None,
                progress: Callable[[ParquetStats], None] | None = None,
                partition_mb: float = 64.0, files_per_partition: int = 256,
                batch_fn: BatchFn = code_batch) -> ParquetStats:
    """Code the partitions of ``paths`` not yet done in ``out``; see the module doc.

    >>> run_parquet(["news/*.warc.gz"], "out/", runner=DaskRunner("tcp://host:8786"))
    ...                                                             # doctest: +SKIP
    """
    from eventcoder.settings import load_settings

    options = options or RunOptions()
    if options.limit is not None:
        raise ConfigError("--limit does not apply to a Parquet run (it codes whole "
                          "partitions); leave it out or write to --db")
    settings = options.settings or load_settings()
    parts = plan_partitions(paths, options.input_format, partition_mb=partition_mb,
                            files_per_partition=files_per_partition)
    done = done_keys(out)
    todo = [p for p in parts if p.key not in done]
    stats = ParquetStats(partitions=len(parts), already=len(parts) - len(todo))
    if not todo:
        return stats
    runner = runner or make_runner(options, len(todo), report_failures=True)
    task = partial(code_partition, out=str(out), settings=settings, since=options.since,
                   batch=options.commit_every, batch_fn=batch_fn)
    for result in runner.map(task, todo):
        _tally(stats, result, Path(out))
        if progress:
            progress(stats)
    return stats


def _tally(stats: ParquetStats, result: PartitionDone | PartitionFailed, out: Path) -> None:
    if isinstance(result, PartitionFailed):
        stats.failed.append(result)
        _write_json(out / "_failed" / f"{result.partition.key}.json",
                    {"partition": asdict(result.partition), "label": result.partition.label,
                     "error": result.error,
                     "at": datetime.now(UTC).isoformat(timespec="seconds")})
        return
    stats.done += 1
    stats.articles += result.articles
    stats.events += result.events
    stats.skipped += result.skipped


# ----------------------------------------------------------------- reading back


def load_parquet(out: str | Path, store: Store, *, skip_stored: bool = False) -> int:
    """Write the done partitions of ``out`` into ``store``, one transaction each,
    as ``Store.write`` would have; returns how many. ``skip_stored`` leaves out
    partitions whose articles the store holds already (loaded by an earlier run)."""
    if not Path(out).is_dir():
        raise InputError(f"no Parquet output at {out}: no such folder")
    loaded = 0
    for key in sorted(done_keys(out)):
        if skip_stored and _stored(out, key, store):
            continue
        store.write(partition_records(out, key))
        loaded += 1
    return loaded


def _stored(out: str | Path, key: str, store: Store) -> bool:
    ids = set(pq.read_table(Path(out) / "articles" / f"{key}.parquet", columns=["id"])
              .column("id").to_pylist())
    ids |= {i for i in pq.read_table(Path(out) / "skipped" / f"{key}.parquet",
                                     columns=["article_id"]).column("article_id").to_pylist()
            if i}
    return bool(ids) and store.seen(ids) == ids


def open_parquet(out: str | Path, settings: dict[str, Any] | None = None) -> Store:
    """An in-memory event store holding a Parquet output: what ``eventcoder query
    --parquet`` and ``export --parquet`` read. Clusters are built as it loads."""
    store = open_store(":memory:", settings=settings)
    try:
        load_parquet(out, store)
    except BaseException:
        store.close()
        raise
    return store


def partition_records(out: str | Path, key: str) -> list[CodedArticle | Skipped]:
    """The records one partition's files hold: the inverse of the store's rows."""
    tables = {t: pq.read_table(Path(out) / t / f"{key}.parquet").to_pylist() for t in TABLES}
    events, actors, quotes = _by_article(tables["events"]), _by_article(tables["mentions"]), \
        _by_article(tables["quotes"])
    coded: list[CodedArticle | Skipped] = [CodedArticle(
        article=Article.from_dict(json.loads(row["json"])),
        events=tuple(Event.from_dict(json.loads(e["json"])) for e in events.get(row["id"], ())),
        actors=tuple(_actor(m) for m in sorted(actors.get(row["id"], ()),
                                                key=lambda m: m["idx"])),
        quotes=tuple(Quote.from_dict(json.loads(q["json"])) for q in sorted(
            quotes.get(row["id"], ()), key=lambda q: q["idx"])),
        places=tuple(Span.from_dict(p) for p in json.loads(row["places"] or "[]")),
        notes=tuple(row["notes"] or ()),
    ) for row in tables["articles"]]
    skips = [Skipped(s["source"], s["reason"], s["message"], s["article_id"])
             for s in tables["skipped"]]
    return [*skips, *coded]


def _by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["article_id"], []).append(row)
    return out


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(text=row["text"], span=Span(row["start"], row["end"], row["text"]),
                 name=row["name"], code=row["code"], entity_id=row["entity_id"],
                 kind=row["kind"], country=row["country"], sectors=tuple(row["sectors"] or ()),
                 role=row["role"], confidence=row["confidence"], method=row["method"])
