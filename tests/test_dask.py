"""Partitioned Parquet runs, on this process and on a real Dask cluster (local,
on loopback): the same events as a local run, failures retried and reported,
reruns that finish only what is missing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventcoder.cli import main
from eventcoder.errors import ConfigError
from eventcoder.records import Article, Skipped, stable_hash
from eventcoder.runner import LocalRunner, RunOptions, run_corpus
from eventcoder.runner.batch import make_runner
from eventcoder.runner.parquet import TABLES, done_keys, plan_partitions, run_parquet
from eventcoder.store import open_store

PAIRS = [("Russia", "criticized", "Ukraine"), ("China", "met with", "Japan"),
         ("Iran", "accused", "Israel"), ("France", "praised", "Germany"),
         ("Turkey", "threatened", "Syria"), ("Egypt", "urged", "Sudan")]


def _corpus(folder: Path) -> list[str]:
    """Two JSONL files (one with a broken line and a too-short article) and two
    text files: the mix of partitions a real run meets, kept small."""
    folder.mkdir()
    rows = [{"id": f"a{i}", "date": f"2021-03-0{1 + i % 6}", "publisher": "AFP",
             "text": f"{a} {verb} {b} on Monday over the border dispute, officials said. "
                     f"Talks number {i} were held in the capital of {b}."}
            for i, (a, verb, b) in enumerate(PAIRS)]
    rows.append({"id": "short", "text": "Too short."})
    (folder / "one.jsonl").write_text("\n".join(json.dumps(r) for r in rows[:4]) + "\n")
    (folder / "two.jsonl").write_text("\n".join(json.dumps(r) for r in rows[4:]) +
                                      "\n{broken json\n")
    (folder / "three.txt").write_text("Britain condemned Iran over the attack, the Foreign "
                                      "Office said on Tuesday in London.\n")
    (folder / "four.txt").write_text("Kenya and Somalia agreed to reopen their border, the "
                                     "two governments said in Nairobi.\n")
    return [str(folder)]


def _parquet_events(out: Path) -> dict[str, dict]:
    table = pq.read_table(out / "events", columns=["id", "json"]) if any(
        (out / "events").glob("*.parquet")) else None
    rows = table.to_pylist() if table is not None else []
    return {r["id"]: json.loads(r["json"]) for r in rows}


def _store_events(db: Path) -> dict[str, dict]:
    with open_store(db, read_only=True) as store:
        rows = store.con.execute("SELECT id, json FROM events").fetchall()
    return {i: json.loads(j) for i, j in rows}


@dataclass(frozen=True)
class StubCoder:
    """A batch function that codes nothing (no model to load) and fails as told:
    once per partition (``hiccup``: a retry cures it) or for good on ``poison``."""

    folder: str
    hiccup: bool = False
    poison: str | None = None

    def __call__(self, items: list, settings: dict) -> list:
        ids = [i.id if isinstance(i, Article) else i.source for i in items]
        if self.poison in ids:
            raise RuntimeError(f"cannot code {self.poison}")
        mark = Path(self.folder) / stable_hash(*ids)
        if self.hiccup and not mark.exists():
            mark.touch()
            raise RuntimeError("worker hiccup")
        return [i if isinstance(i, Skipped) else Skipped(i.id, "stub", "not coded", i.id)
                for i in items]


# ----------------------------------------------------------------- without Dask


def test_partitions_are_files_shards_and_groups_of_small_files(tmp_path):
    sources = _corpus(tmp_path / "in")
    parts = plan_partitions(sources, "auto", partition_mb=0.0003, files_per_partition=1)
    labels = [p.label for p in parts]
    assert sum("one.jsonl [bytes" in lab for lab in labels) >= 2  # a shard per ~300 bytes
    assert sum(lab.endswith(".txt") for lab in labels) == 2
    assert len({p.key for p in parts}) == len(parts)
    assert [p.key for p in plan_partitions(sources, "auto", partition_mb=0.0003,
                                           files_per_partition=1)] == [p.key for p in parts]
    grouped = plan_partitions(sources, "auto")
    assert len(grouped) == 3  # two JSONL files, and both text files together


def test_a_rerun_codes_only_the_partitions_not_done(tmp_path):
    sources, out = _corpus(tmp_path / "in"), tmp_path / "out"
    options = RunOptions(input_format="auto", workers=1)
    with pytest.raises(RuntimeError, match="cannot code a4"):
        run_parquet(sources, out, options, runner=LocalRunner(),
                    batch_fn=StubCoder(str(tmp_path), poison="a4"))
    first = done_keys(out)
    assert 0 < len(first) < 3
    assert not list(out.rglob("*.tmp"))  # the failed partition left no half-written file
    again = run_parquet(sources, out, options, runner=LocalRunner(),
                        batch_fn=StubCoder(str(tmp_path)))
    assert (again.already, again.done, again.failed) == (len(first), 3 - len(first), [])
    assert all(len(list((out / t).glob("*.parquet"))) == 3 for t in TABLES)


def test_engine_options_are_checked():
    with pytest.raises(ConfigError, match="--scheduler needs --engine dask"):
        make_runner(RunOptions(engine="process", scheduler="tcp://127.0.0.1:8786"), 4)
    with pytest.raises(ConfigError, match="--limit"):
        run_parquet([], "unused", RunOptions(limit=3))


def test_cli_writes_parquet_and_reads_it_back_as_an_event_set(tmp_path, capsys, pipeline):
    sources, out = _corpus(tmp_path / "in"), tmp_path / "out"
    assert main(["run", *sources, "--input-format", "auto", "--engine", "local",
                 "--out", str(out), "--db", str(tmp_path / "loaded.duckdb")]) == 0
    assert main(["run", *sources, "--input-format", "auto", "--workers", "1",
                 "--db", str(tmp_path / "local.duckdb")]) == 0
    capsys.readouterr()
    counts = []
    for source in (["--parquet", str(out)], ["--db", str(tmp_path / "loaded.duckdb")],
                   ["--db", str(tmp_path / "local.duckdb")]):
        assert main(["query", *source, "--by", "root", "--format", "json"]) == 0
        counts.append(capsys.readouterr().out)
    assert counts[0] == counts[1] == counts[2] and json.loads(counts[0])
    assert main(["export", "--parquet", str(out), "--format", "jsonl",
                 "--out", str(tmp_path / "e.jsonl")]) == 0
    exported = {json.loads(line)["id"] for line in (tmp_path / "e.jsonl").open()}
    assert exported == set(_store_events(tmp_path / "local.duckdb"))


# ----------------------------------------------------------------- on a Dask cluster


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_a_dask_run_codes_exactly_as_a_local_run(tmp_path, client, pipeline):
    from eventcoder.runner.dask import DaskRunner

    sources, out, db = _corpus(tmp_path / "in"), tmp_path / "out", tmp_path / "local.duckdb"
    run_corpus(sources, db, RunOptions(input_format="auto", workers=1))
    stats = run_parquet(sources, out, RunOptions(input_format="auto"),
                        runner=DaskRunner(client, report_failures=True),
                        partition_mb=0.0003, files_per_partition=1)
    assert stats.failed == [] and stats.done == stats.partitions > 3
    local = _store_events(db)
    assert local and _parquet_events(out) == local  # same ids, and the same events
    skipped = pq.read_table(out / "skipped").to_pylist()
    assert sorted(s["reason"] for s in skipped) == ["empty", "malformed_json"]
    # The store's own run, with the coding done on the cluster
    run_corpus(sources, tmp_path / "dask.duckdb", RunOptions(input_format="auto", chunk_size=3),
               runner=DaskRunner(client))
    assert _store_events(tmp_path / "dask.duckdb") == local


def test_a_failing_partition_is_retried_reported_and_finished_by_a_rerun(tmp_path, client):
    from eventcoder.runner.dask import DaskRunner

    sources, out = _corpus(tmp_path / "in"), tmp_path / "out"
    options = RunOptions(input_format="auto")
    flaky = run_parquet(sources, tmp_path / "flaky", options,
                        runner=DaskRunner(client, retries=1, report_failures=True),
                        batch_fn=StubCoder(str(tmp_path), hiccup=True))
    assert (flaky.done, flaky.failed) == (3, [])  # every partition failed once, then passed
    broken = run_parquet(sources, out, options,
                         runner=DaskRunner(client, retries=1, report_failures=True),
                         batch_fn=StubCoder(str(tmp_path), poison="a4"))
    assert broken.done == 2 and len(broken.failed) == 1
    assert "cannot code a4" in broken.failed[0].error
    report = json.loads(next((out / "_failed").glob("*.json")).read_text())
    assert "two.jsonl" in report["label"] and "cannot code a4" in report["error"]
    rerun = run_parquet(sources, out, options, runner=DaskRunner(client, report_failures=True),
                        batch_fn=StubCoder(str(tmp_path)))
    assert (rerun.already, rerun.done, rerun.failed) == (2, 1, [])
    assert not list((out / "_failed").glob("*.json"))
