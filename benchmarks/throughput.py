"""Throughput benchmark: eventcoder against the raw spaCy parse of the same texts.

Run by hand (it is not a test; a full run takes a few minutes on 2 cores):

    .venv/bin/python benchmarks/throughput.py                 # 1 and 2 workers
    .venv/bin/python benchmarks/throughput.py --dask          # and a local 2-worker Dask run
    .venv/bin/python benchmarks/throughput.py --profile       # where our own time goes
    .venv/bin/python benchmarks/throughput.py --india         # add the India police corpus

The corpus is benchmarks/corpus/wire.jsonl, made by make_corpus.py when it is
missing (1,200 wire-style articles; ignored by git). ``--india`` adds
../shared/data/dev/indiapoliceevents_docs.jsonl, read where it lies.

Every measurement runs in a fresh process (``--repeat N`` runs each N times,
alternating, and keeps the fastest), after the models are loaded and a
few articles coded (loading is a per-worker cost, reported apart), so the
times are steady-state throughput and the peak memory is that of one worker.
"spaCy" is ``spacy.load(model).pipe(texts)`` with the shipped components;
"eventcoder" is ``code_batch`` (clean, parse, actors, events, dates, places,
dedup) on the same texts. The ratio eventcoder/spaCy is what our own stages
cost on top of the parse.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus" / "wire.jsonl"
INDIA = HERE.parent.parent / "shared" / "data" / "dev" / "indiapoliceevents_docs.jsonl"
CHUNK = 32  # articles per batch handed to a worker


# ----------------------------------------------------------------- the corpus


def load_rows(india: bool, limit: int | None) -> list[dict]:
    if not CORPUS.exists():
        from make_corpus import make_corpus

        make_corpus(CORPUS)
    paths = [CORPUS] + ([INDIA] if india and INDIA.exists() else [])
    rows = [json.loads(line) for path in paths for line in path.open(encoding="utf-8")]
    return rows[:limit] if limit else rows


def articles(rows: list[dict]) -> list:
    """The rows as ``eventcoder run`` reads them: through the JSONL reader."""
    from eventcoder.ingest import read_jsonl_lines

    return list(read_jsonl_lines((json.dumps(r) for r in rows), "corpus"))


def chunks(items: list, size: int = CHUNK) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


# ----------------------------------------------------------------- worker state


_STATE: dict = {}


def _load_spacy() -> None:
    import spacy

    from eventcoder.settings import load_settings

    settings = load_settings()
    _STATE["nlp"] = spacy.load(settings["nlp"]["model"])
    _STATE["batch"] = settings["nlp"]["batch_size"]
    list(_STATE["nlp"].pipe(["Russia criticized Ukraine on Monday."] * 4))


def _load_eventcoder() -> None:
    from eventcoder.runner import code_batch

    code_batch(articles(load_rows(False, 8)))  # loads the pipeline, and what it loads lazily


def _spacy_batch(texts: list[str]) -> int:
    return sum(len(list(d.sents)) for d in _STATE["nlp"].pipe(texts, batch_size=_STATE["batch"]))


def _eventcoder_batch(batch: list) -> tuple[int, list[str]]:
    from eventcoder.records import CodedArticle
    from eventcoder.runner import code_batch

    results = code_batch(batch)
    ids = [e.id for r in results if isinstance(r, CodedArticle) for e in r.events]
    return len(results), ids


def _ready(loader: str, queue) -> None:
    globals()[loader]()
    queue.put(os.getpid())


# ----------------------------------------------------------------- one measurement (child)


def measure(kind: str, workers: int, rows: list[dict], ids_out: str | None) -> dict:
    """Time ``kind`` ("spacy" or "eventcoder") on ``workers`` processes."""
    texts = [r["text"] for r in rows]
    work = chunks(texts) if kind == "spacy" else chunks(articles(rows))
    fn = _spacy_batch if kind == "spacy" else _eventcoder_batch
    loader = "_load_spacy" if kind == "spacy" else "_load_eventcoder"
    started = time.perf_counter()
    if workers == 1:
        globals()[loader]()
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        results = [fn(w) for w in work]
        seconds, peak = time.perf_counter() - started, peak_mb()
    else:
        results, loaded, seconds, peak = _pooled(fn, loader, work, workers)
    out = {"kind": kind, "workers": workers, "articles": len(rows), "seconds": seconds,
           "load_seconds": loaded, "peak_mb": peak}
    if kind == "spacy":
        out["sentences"] = sum(results)
    else:
        ids = [i for _, batch_ids in results for i in batch_ids]
        out["events"] = len(ids)
        if ids_out:
            Path(ids_out).write_text("\n".join(sorted(ids)))
    return out


def _pooled(fn, loader: str, work: list, workers: int) -> tuple[list, float, float, float]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    started = time.perf_counter()
    with ctx.Pool(workers, initializer=_ready, initargs=(loader, queue)) as pool:
        for _ in range(workers):
            queue.get()  # every worker has loaded its models
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        results = list(pool.imap_unordered(fn, work))
        seconds = time.perf_counter() - started
        pool.close()
        pool.join()
    return results, loaded, seconds, peak_mb(resource.RUSAGE_CHILDREN)


def measure_dask(rows: list[dict], workers: int, ids_out: str) -> dict:
    """A Parquet run on a local Dask cluster, cluster start and model loads included."""
    import pyarrow.parquet as pq

    from eventcoder.runner import RunOptions
    from eventcoder.runner.dask import DaskRunner
    from eventcoder.runner.parquet import run_parquet

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        started = time.perf_counter()
        stats = run_parquet([str(corpus)], Path(tmp) / "out", RunOptions(input_format="jsonl"),
                            runner=DaskRunner(workers=workers, report_failures=True),
                            partition_mb=corpus.stat().st_size / 1e6 / (4 * workers))
        seconds = time.perf_counter() - started
        ids = pq.read_table(Path(tmp) / "out" / "events", columns=["id"]).column("id")
        Path(ids_out).write_text("\n".join(sorted(ids.to_pylist())))
    return {"kind": "dask", "workers": workers, "articles": stats.articles,
            "partitions": stats.partitions, "failed": len(stats.failed), "seconds": seconds,
            "events": stats.events}


def profile(rows: list[dict]) -> None:
    """cProfile of our stages alone: documents parsed first, then coded."""
    import cProfile
    import pstats

    from eventcoder.pipeline import default_pipeline

    pipe = default_pipeline()
    arts = [pipe.clean(a) for a in articles(rows)]
    docs = list(pipe.nlp.pipe([a.text for a in arts], batch_size=64))
    for a, d in zip(arts[:20], docs[:20], strict=True):
        pipe.code_doc(a, d)  # lazy loads out of the way
    prof = cProfile.Profile()
    prof.enable()
    for a, d in zip(arts, docs, strict=True):
        pipe.code_doc(a, d)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


# ----------------------------------------------------------------- the parent


def child(args: argparse.Namespace) -> None:
    rows = load_rows(args.india, args.limit)
    if args.kind == "dask":
        result = measure_dask(rows, args.workers, args.ids)
    else:
        result = measure(args.kind, args.workers, rows, args.ids)
    print(json.dumps(result))


def run_child(kind: str, workers: int, args: argparse.Namespace, ids: str | None) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--workers", str(workers)]
    cmd += ["--india"] if args.india else []
    cmd += ["--limit", str(args.limit)] if args.limit else []
    cmd += ["--ids", ids] if ids else []
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{kind} x{workers} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: dict[tuple[str, int], dict], sentences: int) -> str:
    head = ("| workers | articles/s | sentences/s | events/s | peak MB/worker | load s "
            "| spaCy-only s | eventcoder s | ratio |\n|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for workers in sorted({w for _, w in results}):
        sp, ec = results[("spacy", workers)], results[("eventcoder", workers)]
        s = ec["seconds"]
        lines.append(f"| {workers} | {ec['articles'] / s:.1f} | {sentences / s:.0f} | "
                     f"{ec['events'] / s:.0f} | {ec['peak_mb']:.0f} | {ec['load_seconds']:.1f} "
                     f"| {sp['seconds']:.1f} | {s:.1f} | {s / sp['seconds']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--india", action="store_true", help="add the India police corpus")
    parser.add_argument("--repeat", type=int, default=1,
                        help="measure each N times, keep the fastest (shared machines are noisy)")
    parser.add_argument("--dask", action="store_true", help="also run on a local Dask cluster")
    parser.add_argument("--profile", action="store_true", help="profile our stages and stop")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--ids", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.kind, args.workers = args.child, args.workers[0]
        return child(args)
    rows = load_rows(args.india, args.limit)
    if args.profile:
        return profile(rows)
    words = sum(len(r["text"].split()) for r in rows)
    print(f"corpus: {len(rows)} articles, {words} words; {os.cpu_count()} cores", flush=True)
    results: dict[tuple[str, int], dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for workers in args.workers:
            for _ in range(args.repeat):  # alternating, so a slow minute hits both alike
                for kind in ("spacy", "eventcoder"):
                    ids = f"{tmp}/{kind}-{workers}.ids" if kind == "eventcoder" else None
                    result = run_child(kind, workers, args, ids)
                    print(json.dumps(result), flush=True)
                    best = results.get((kind, workers))
                    if best is None or result["seconds"] < best["seconds"]:
                        results[(kind, workers)] = result
        sentences = results[("spacy", args.workers[0])]["sentences"]
        print(f"\n{sentences} sentences (spaCy's count)\n\n{table(results, sentences)}")
        if args.dask:
            report_dask(args, tmp)


def report_dask(args: argparse.Namespace, tmp: str) -> None:
    result = run_child("dask", 2, args, f"{tmp}/dask.ids")
    local = Path(f"{tmp}/eventcoder-{args.workers[0]}.ids").read_text()
    same = Path(f"{tmp}/dask.ids").read_text() == local
    print(f"\nDask, local cluster of 2 workers (start and model loads included): "
          f"{result['articles']} articles in {result['partitions']} partitions, "
          f"{result['seconds']:.1f} s ({result['articles'] / result['seconds']:.1f} articles/s), "
          f"{result['events']} events, {result['failed']} failed partitions; "
          f"event ids identical to the in-process run: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
