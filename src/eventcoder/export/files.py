"""The plain formats: JSON Lines (native), CSV and partitioned Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from eventcoder.errors import ConfigError
from eventcoder.query import EventFilter, flat_reader, iter_event_dicts
from eventcoder.store import Store


def write_jsonl(db: str | Path | Store, f: EventFilter, unit: str, out: Path) -> int:
    """One ``Event.to_dict()`` a line, exactly as ``eventcoder code --format jsonl``."""
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for event in iter_event_dicts(db, f, unit=unit):
            fh.write(json.dumps(event, ensure_ascii=False) + "\n")
            count += 1
    return count


def _cell(value: object) -> object:
    """Lists (sectors, contexts) become "A;B", which every CSV reader handles."""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def write_csv(db: str | Path | Store, f: EventFilter, unit: str, out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as fh, \
            flat_reader(db, f, unit=unit) as reader:
        writer = csv.writer(fh)
        writer.writerow(reader.schema.names)
        for batch in reader:
            for row in batch.to_pylist():
                writer.writerow([_cell(v) for v in row.values()])
                count += 1
    return count


def write_parquet(db: str | Path | Store, f: EventFilter, unit: str, out: Path) -> int:
    """A folder of files partitioned by the event's year and month; each row
    keeps its full JSON, so events can be read back exactly."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} exists and is not an empty folder: remove it or choose "
                          "another --out")
    out.mkdir(parents=True, exist_ok=True)
    count = [0]

    def counted(reader: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
        for batch in reader:
            count[0] += batch.num_rows
            yield batch

    with flat_reader(db, f, unit=unit, with_json=True, partitions=True) as reader:
        ds.write_dataset(pa.RecordBatchReader.from_batches(reader.schema, counted(reader)),
                         out, format="parquet", partitioning=["year", "month"],
                         partitioning_flavor="hive",
                         existing_data_behavior="overwrite_or_ignore")
    return count[0]
