"""Batch runs: the runners, the batch function, resuming, and crashes."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from eventcoder.errors import InputError
from eventcoder.ingest import read_sources
from eventcoder.records import Article, CodedArticle, Event, Skipped
from eventcoder.runner import (
    LocalRunner,
    ProcessRunner,
    RunOptions,
    code_batch,
    expand_sources,
    run_corpus,
)
from eventcoder.store import open_store
from test_store_fakes import make_coded, make_event

ACTORS = ["Russia", "Syria", "Iran", "Turkey", "France", "Germany", "China", "Japan", "Egypt"]
VERBS = ["criticized", "accused", "met with", "praised", "attacked", "threatened", "condemned",
         "visited", "supported", "urged"]


def _rows(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        a, b = ACTORS[i % len(ACTORS)], ACTORS[(i * 7 + 3) % len(ACTORS)]
        text = (f"{a} {VERBS[i % len(VERBS)]} {b} on Monday over the border dispute, officials "
                f"said. Talks number {i} were held in the capital of {b}.")
        rows.append({"id": f"art-{i:05d}", "text": "Too short." if i % 50 == 7 else text,
                     "date": f"2020-0{1 + i % 9}-1{i % 10}",
                     "publisher": ["AFP", "BBC", "Reuters"][i % 3]})
    return rows


def _corpus(path, n: int, extra: str = "") -> str:
    lines = [json.dumps(r) for r in _rows(n)]
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return str(path)


def _options(**kwargs) -> RunOptions:
    return RunOptions(**{"input_format": "jsonl", "workers": 1, **kwargs})


def test_local_runner_maps_in_order():
    assert list(LocalRunner().map(sum, [[1, 2], [3], []])) == [3, 3, 0]


def test_process_runner_maps_every_partition_in_workers():
    partitions = [list(range(i)) for i in range(12)]
    assert sorted(ProcessRunner(2).map(sum, partitions)) == sorted(map(sum, partitions))


_ORPHAN = """
import multiprocessing, threading, time
from eventcoder.runner import ProcessRunner
threading.Thread(target=lambda: list(ProcessRunner(1).map(time.sleep, [60])), daemon=True).start()
while not multiprocessing.active_children():
    time.sleep(0.05)
time.sleep(0.5)
print(*[p.pid for p in multiprocessing.active_children()], flush=True)
time.sleep(60)
"""


def test_workers_exit_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE,
                              text=True)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


def test_code_batch_gives_one_result_per_article(pipeline):
    articles = [Article(id=r["id"], text=r["text"]) for r in _rows(8)]
    results = code_batch(articles)
    by_id = {r.article.id if isinstance(r, CodedArticle) else r.article_id: r for r in results}
    assert len(results) == 8 and sorted(by_id) == [a.id for a in articles]
    assert isinstance(by_id["art-00007"], Skipped)


def _stored(db) -> dict:
    with open_store(db, read_only=True) as store:
        con = store.con
        return {
            "articles": sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall()),
            "skipped": sorted(r[0] for r in con.execute(
                "SELECT coalesce(article_id, source) FROM skipped").fetchall()),
            "events": sorted(r[0] for r in con.execute("SELECT id FROM events").fetchall()),
            "runs": store.runs(),
        }


def test_run_codes_a_corpus_and_a_rerun_does_nothing(tmp_path, pipeline):
    corpus = _corpus(tmp_path / "c.jsonl", 20, extra="{broken json\n")
    db = tmp_path / "e.duckdb"
    seen = []
    stats = run_corpus([corpus], db, _options(chunk_size=4), progress=seen.append)
    assert (stats.total, stats.articles, stats.skipped) == (20, 20, 2)
    assert seen and seen[-1].articles == 20
    first = _stored(db)
    assert len(first["articles"]) == 19 and len(first["skipped"]) == 2
    again = run_corpus([corpus], db, _options())
    assert (again.total, again.already) == (0, 20)
    second = _stored(db)
    assert {k: second[k] for k in ("articles", "skipped", "events")} == \
        {k: first[k] for k in ("articles", "skipped", "events")}
    assert [r["status"] for r in second["runs"]] == ["finished", "finished"]


def test_run_limit_since_and_duplicate_inputs(tmp_path, pipeline):
    rows = _rows(10)
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows + rows[:3]) + "\n")
    db = tmp_path / "e.duckdb"
    assert run_corpus([str(path)], db, _options(limit=4)).total == 4  # rows 0-3
    since = run_corpus([str(path)], db, _options(since=date(2020, 5, 1)))
    assert (since.total, since.already) == (5, 0)  # rows 4-8 are published from May on
    assert run_corpus([str(path)], db, _options()).total == 1  # row 9; duplicates done
    stored = _stored(db)
    assert len(stored["articles"]) == 9  # one of the ten is too short
    assert stored["skipped"] == ["art-00000", "art-00001", "art-00002", "art-00007"]


def test_worker_processes_code_exactly_as_this_process(tmp_path, pipeline):
    corpus = _corpus(tmp_path / "c.jsonl", 12)
    run_corpus([corpus], tmp_path / "one.duckdb", _options(chunk_size=3))
    run_corpus([corpus], tmp_path / "two.duckdb", _options(workers=2, chunk_size=3))
    one, two = _stored(tmp_path / "one.duckdb"), _stored(tmp_path / "two.duckdb")
    assert (one["articles"], one["events"]) == (two["articles"], two["events"])
    assert two["runs"][0]["workers"] == 2


def test_sources_expand_globs_and_refuse_missing_paths(tmp_path):
    for name in ("b.jsonl", "a.jsonl", "c.txt"):
        (tmp_path / name).write_text("{}\n")
    assert expand_sources([str(tmp_path / "*.jsonl")]) == \
        [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    with pytest.raises(InputError, match="no file matches"):
        expand_sources([str(tmp_path / "*.xml")])
    with pytest.raises(InputError, match="no such file"):
        expand_sources([str(tmp_path / "missing.jsonl")])


def _cli_run(corpus, db, *extra) -> list[str]:
    return [sys.executable, "-m", "eventcoder", "run", corpus, "--db", str(db),
            "--input-format", "jsonl", "--workers", "1", *extra]


def test_kill_9_mid_run_then_rerun_codes_every_article_exactly_once(tmp_path, pipeline):
    n = 500
    corpus = _corpus(tmp_path / "c.jsonl", n)
    db = tmp_path / "e.duckdb"
    args = _cli_run(corpus, db, "--commit-every", "20", "--chunk-size", "10")
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        found = re.search(r"(\d+)/\d+ articles", line)
        if found and int(found.group(1)) >= 50:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed = _stored(db)
    assert 0 < len(killed["articles"]) < n and killed["runs"][0]["status"] == "running"

    rerun = run_corpus([corpus], db, _options(commit_every=50))  # here: the model is loaded
    assert rerun.already == len(killed["articles"]) + len(killed["skipped"])
    done = _stored(db)
    coded_or_skipped = done["articles"] + done["skipped"]
    assert sorted(coded_or_skipped) == sorted(r["id"] for r in _rows(n))  # each exactly once
    assert len(done["events"]) == len(set(done["events"]))
    runs = done["runs"]
    assert [r["status"] for r in runs] == ["running", "finished"]
    assert runs[0]["articles"] + runs[1]["articles"] == len(done["articles"])
    _same_as_coding_here(db, corpus, pipeline)


def _same_as_coding_here(db, corpus, pipeline) -> None:
    """A sample of stored articles has exactly the events this process codes."""
    articles = list(read_sources([corpus], "jsonl"))[::25]
    expected = {e.id: e for r in code_batch(articles) if isinstance(r, CodedArticle)
                for e in r.events}
    ids = [a.id for a in articles]
    with open_store(db, read_only=True) as store:
        stored = store.con.execute("SELECT json FROM events WHERE list_contains(?, article_id)",
                                   [ids]).fetchall()
    assert {e.id: _gist(e) for e in (Event.from_dict(json.loads(r[0])) for r in stored)} == \
        {i: _gist(e) for i, e in expected.items()}


def _gist(e: Event) -> tuple:
    """What was coded; not ``method``, whose file:line moves when patterns are edited."""
    return (e.cameo, e.source and e.source.code, e.target and e.target.code, e.evidence,
            e.date, e.modality)


def test_a_second_run_on_a_busy_database_fails_with_a_clear_message(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 3)
    db = tmp_path / "e.duckdb"
    with open_store(db) as store:
        store.write([make_coded("x", [make_event("x")])])
        result = subprocess.run(_cli_run(corpus, db), capture_output=True, text=True,
                                timeout=120)
    assert result.returncode == 2
    assert "in use by another process" in result.stderr and "Traceback" not in result.stderr
    assert _stored(db)["articles"] == ["x"]


def test_batch_function_is_picklable_for_workers():
    import pickle

    fn = pickle.loads(pickle.dumps(partial(code_batch, settings={"nlp": {}})))
    assert fn.func is code_batch
