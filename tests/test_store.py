"""The event store: bulk writes, round trips, checkpoints, versions and locks."""

import json
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from eventcoder.errors import StoreError
from eventcoder.records import Event, Quote, Span
from eventcoder.store import SCHEMA_VERSION, open_store
from eventcoder.store import schema as store_schema
from test_store_fakes import MOSCOW, RUS, SYR, make_coded, make_event, make_skip


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "events.duckdb"


@pytest.fixture()
def store(db):
    with open_store(db) as s:
        yield s


def _rich_event() -> Event:
    quote = Quote("We will not allow it", Span(3, 25, "“We will not allow it”"), RUS)
    return make_event("a1", 2, location=MOSCOW, quote=quote, context=("diplomacy",),
                      modality="reported")


def test_a_new_database_has_every_table_and_its_version(store):
    assert set(store.counts()) >= {"articles", "events", "mentions", "quotes", "skipped",
                                   "clusters", "runs"}
    assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                             ).fetchall() == [(str(SCHEMA_VERSION),)]


@pytest.mark.parametrize("event", [
    _rich_event(),
    make_event("a1", 0, target=None, date=None),
    make_event("a1", 1, source=None, cameo="180"),
])
def test_stored_events_round_trip_exactly(store, event):
    store.write([make_coded("a1", [event])])
    (stored,) = store.con.execute("SELECT json FROM events").fetchall()
    assert Event.from_dict(json.loads(stored[0])) == event


def test_flat_columns_match_the_event(store):
    event = _rich_event()
    store.write([make_coded("a1", [event], publisher="SANA")])
    row = store.con.execute(
        "SELECT source_code, target_country, cameo, cameo_root, quad_class, plover_type, "
        "plover_context, modality, location_name, lat, quote, publisher, CAST(date AS VARCHAR) "
        "FROM event_reports").fetchall()[0]
    assert row == ("RUSGOV", "SYR", "041", "04", 1, "CONSULT", ["diplomacy"], "reported",
                   "Moscow", 55.75, "We will not allow it", "SANA", "2014-08-25")


def test_articles_mentions_quotes_and_skips_are_stored(store):
    store.write([make_coded("a1", [_rich_event()]), make_skip("a2"), make_skip(None, "bad")])
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["mentions"], counts["quotes"],
            counts["skipped"]) == (1, 1, 2, 1, 2)
    assert store.seen(["a1", "a2", "a3"]) == {"a1", "a2"}


def test_writing_an_article_again_replaces_it(store):
    store.write([make_coded("a1", [make_event("a1", 0), make_event("a1", 1, cameo="111")])])
    store.write([make_coded("a1", [make_event("a1", 0)])])
    store.write([make_coded("a1", [make_event("a1", 0)])])
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["mentions"]) == (1, 1, 2)


def test_an_article_skipped_then_coded_is_stored_once(store):
    store.write([make_skip("a1")])
    store.write([make_coded("a1", [make_event("a1")])])
    counts = store.counts()
    assert (counts["articles"], counts["skipped"]) == (1, 0)


def test_skips_a_retry_may_fix_are_not_done(store):
    store.write([make_skip("a1", "internal_error"), make_skip("a2", "timeout"),
                 make_skip("a3", "too_short")])
    assert store.seen(["a1", "a2", "a3"]) == {"a3"}
    store.write([make_coded("a1", [make_event("a1")])])  # the retry worked
    assert store.seen(["a1"]) == {"a1"}
    assert store.counts()["skipped"] == 2


def test_a_duplicate_input_is_recorded_but_keeps_the_coded_article(store):
    store.write([make_coded("a1", [make_event("a1")])])
    store.write([make_skip("a1", "duplicate")])
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["skipped"]) == (1, 1, 1)


def test_the_same_unreadable_input_is_recorded_once(store):
    store.write([make_skip(None, "malformed_json")])
    store.write([make_skip(None, "malformed_json")])
    assert store.counts()["skipped"] == 1


def test_every_row_points_to_the_run_that_wrote_it(store):
    run = store.start_run(command="run", settings={"nlp": {"model": "x"}}, sources=["a.jsonl"])
    store.write([make_coded("a1", [make_event("a1")]), make_skip("a2")])
    store.finish_run()
    store.write([make_coded("a3", [make_event("a3")])])  # the sink opens its own run
    runs = store.runs()
    assert [r["status"] for r in runs] == ["finished", "running"]
    assert (runs[0]["articles"], runs[0]["events"], runs[0]["skipped"]) == (1, 1, 1)
    assert json.loads(runs[0]["settings"]) == {"nlp": {"model": "x"}}
    assert runs[0]["version"] and runs[0]["seconds"] is not None
    assert store.con.execute("SELECT DISTINCT run_id FROM events ORDER BY 1").fetchall() == \
        [(run,), (run + 1,)]


def test_a_read_only_store_refuses_writes(db, store):
    store.close()
    with open_store(db, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.write([make_coded("a1", [make_event("a1")])])


def test_a_missing_database_is_a_clear_error_when_reading(tmp_path):
    with pytest.raises(StoreError, match="no event database"):
        open_store(tmp_path / "nope.duckdb", read_only=True)


def _set_version(db, version: int) -> None:
    with open_store(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    con.close()


def test_an_older_database_gets_a_clear_message(db):
    _set_version(db, SCHEMA_VERSION - 1)
    with pytest.raises(StoreError, match=r"older eventcoder \(schema 0\).*new database"):
        open_store(db)


def test_a_newer_database_gets_a_clear_message(db):
    _set_version(db, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer eventcoder"):
        open_store(db)


def test_an_older_database_is_migrated_when_a_step_exists(db, monkeypatch):
    _set_version(db, SCHEMA_VERSION - 1)
    steps = []
    monkeypatch.setitem(store_schema.MIGRATIONS, SCHEMA_VERSION - 1,
                        lambda con: steps.append(con.execute("SELECT 1").fetchall()))
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(db, read_only=True)
    with open_store(db) as s:
        assert steps and s.counts()["events"] == 0
    with open_store(db, read_only=True):
        pass  # now current


def test_a_foreign_duckdb_file_is_refused(db):
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE other (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventcoder database"):
        open_store(db)


_HOLD = textwrap.dedent("""
    import sys, time
    from eventcoder.store import open_store
    store = open_store(sys.argv[1])
    print("open", flush=True)
    time.sleep(float(sys.argv[2]))
    store.close()
""")


def _hold(db, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_a_second_writer_gets_a_clear_message_and_no_damage(db):
    with open_store(db) as s:
        s.write([make_coded("a1", [make_event("a1")])])
    holder = _hold(db, 30)
    try:
        with pytest.raises(StoreError, match=r"in use by another process \(PID \d+\)"):
            open_store(db)
        with pytest.raises(StoreError, match="--wait"):
            open_store(db, read_only=True)
    finally:
        holder.kill()
        holder.wait()
    with open_store(db, read_only=True) as s:
        assert s.counts()["events"] == 1


def test_a_second_writer_can_wait_for_the_first(db):
    holder = _hold(db, 1.0)
    started = time.monotonic()
    with open_store(db, wait=30) as s:
        s.write([make_coded("a1", [make_event("a1")])])
    holder.wait()
    assert time.monotonic() - started >= 0.5


def test_a_reader_in_the_writers_process_shares_its_database(store, db):
    store.write([make_coded("a1", [make_event("a1")])])
    with open_store(db, read_only=True) as reader:
        assert reader.counts()["events"] == 1


def test_writes_are_bulk_and_fast_enough(store):
    """A regression guard against row-by-row inserts, not a benchmark."""
    batch = [make_coded(f"a{i}", [make_event(f"a{i}", s, target=SYR if s else None)
                                  for s in range(3)]) for i in range(2000)]
    started = time.monotonic()
    store.write(batch)
    assert store.counts()["events"] == 6000
    assert time.monotonic() - started < 20
