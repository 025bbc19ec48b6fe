"""API benchmark: latency of /v1/events with filters and of the timeline, over
HTTP, on a database of synthetic events (one million by default).

Run by hand (it is not a test):

    .venv/bin/python benchmarks/api_bench.py                         # 1M events, new database
    .venv/bin/python benchmarks/api_bench.py --db bench.duckdb       # built once, then reused
    .venv/bin/python benchmarks/api_bench.py --events 100000 --requests 50

The events come from store_bench.py's generator (~200 actors, 20 CAMEO codes,
three years, 50 publishers). The server is `eventcoder serve` in a process of
its own on a loopback port, and one client sends one request at a time, so
each latency is what one analyst waits: parsing, the query, JSON and HTTP.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_bench import synthetic  # noqa: E402  (a sibling script, not a package)

from eventcoder.store import open_store  # noqa: E402

# (label, path, query): what the dashboard asks when an analyst filters.
CASES = [
    ("events: no filter, newest first", "/v1/events", {"sort": "-date"}),
    ("events: country + root + year", "/v1/events",
     {"country": "SYR", "root": "19", "since": "2019-01-01", "until": "2019-12-31"}),
    ("events: actor name, quad 3,4", "/v1/events", {"actor": "rus gov", "quad": "3,4"}),
    ("events: dyad both ways", "/v1/events", {"dyad": "USA:CHN", "undirected": "true"}),
    ("events: words in evidence", "/v1/events", {"text": "ceasefire", "quad": "4"}),
    ("events: page 100, by goldstein", "/v1/events",
     {"country": "UKR", "sort": "goldstein", "offset": "5000"}),
    ("events: clusters of a country", "/v1/events", {"country": "IRN", "unit": "clusters"}),
    ("timeline: everything", "/v1/stats/timeline", {}),
    ("timeline: country", "/v1/stats/timeline", {"country": "SYR"}),
    ("timeline: dyad + dates", "/v1/stats/timeline",
     {"dyad": "RUS:UKR", "since": "2019-01-01", "until": "2019-06-30"}),
]


def build(db: Path, events: int, batch: int = 5000) -> None:
    print(f"building {db} with {events:,} synthetic events ...", flush=True)
    started = time.perf_counter()
    generated = list(synthetic(events))
    with open_store(db) as store:
        for i in range(0, len(generated), batch):
            store.write(generated[i:i + batch])
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def serving(db: Path):
    """Start `eventcoder serve` on a free loopback port; returns (url, stop)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventcoder", "serve", "--db", str(db),
                               "--port", str(port), "--log-level", "warning"])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"{url}/v1/health", timeout=5).raise_for_status()
            break
        except httpx.HTTPError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)

    def stop() -> None:
        server.terminate()
        server.wait(timeout=20)

    return url, stop


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client: httpx.Client, path: str, query: dict, n: int) -> tuple[list[float], int]:
    client.get(path, params=query).raise_for_status()  # warm: the first read loads columns
    times, rows = [], 0
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(path, params=query)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        body = response.json()
        rows = body.get("total", len(body.get("rows", [])))
    return times, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="database file: built when missing, reused when there")
    parser.add_argument("--requests", type=int, default=100, help="requests per case")
    args = parser.parse_args(argv)
    db = Path(args.db or Path(tempfile.mkdtemp(prefix="eventcoder-api-bench-")) / "bench.duckdb")
    if not db.exists():
        build(db, args.events)
    url, stop = serving(db)
    groups: dict[str, list[float]] = {"events": [], "timeline": []}
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            count = client.get("/v1/health").json()["counts"]["events"]
            print(f"\n{count:,} events; {args.requests} requests per case, one at a time")
            print(f"{'case':<36} {'matches':>9} {'median ms':>10} {'p95 ms':>8}")
            for label, path, query in CASES:
                times, rows = measure(client, path, query, args.requests)
                groups[label.split(":")[0]].extend(times)
                print(f"{label:<36} {rows:>9,} {statistics.median(times):>10.1f} "
                      f"{percentile(times, 0.95):>8.1f}", flush=True)
    finally:
        stop()
    print()
    for name, times in groups.items():
        print(f"all {name} requests: median {statistics.median(times):.1f} ms, "
              f"p95 {percentile(times, 0.95):.1f} ms ({len(times)} requests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
