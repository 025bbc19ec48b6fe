"""The queries behind the API (eventcoder.query.stats), on hand-built events."""

from __future__ import annotations

import pytest

from eventcoder.errors import ConfigError
from eventcoder.query import EventFilter, stats
from eventcoder.store import open_store
from test_store_fakes import RUS, SYR, make_coded, make_event


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats") / "events.duckdb"
    with open_store(path) as store:
        store.write([
            make_coded("s1", [make_event("s1", 0, source=RUS, target=RUS, cameo="042",
                                         evidence="Russian officials met in Moscow.")]),
            make_coded("s2", [make_event("s2", 0, source=RUS, target=SYR)], publisher="TASS"),
        ])
    return path


def test_an_actor_on_both_sides_counts_once(db):
    rows = stats.top_actors(db, EventFilter())
    assert rows[0] == {"actor": "RUSGOV", "name": "Sergei Lavrov", "country": "RUS",
                       "count": 2, "as_source": 2, "as_target": 0}
    targets = stats.top_actors(db, EventFilter(), side="target")
    assert {r["actor"]: r["count"] for r in targets} == {"RUSGOV": 1, "SYRGOV": 1}


@pytest.mark.parametrize(("filters", "sort", "table"), [
    ({}, "date", "events"),
    ({"country": "RUS", "text": "met"}, "-goldstein", "events"),
    ({"publisher": "TASS"}, "date", "event_reports"),
    ({}, "-published", "event_reports"),
])
def test_the_view_is_read_only_when_needed(filters, sort, table):
    where, _ = EventFilter(**filters).where()
    assert stats._table(where, stats.order_by(sort)) == table


@pytest.mark.parametrize(("filters", "sort"), [({"publisher": "tass"}, "date"),
                                               ({}, "-publisher"), ({}, "goldstein")])
def test_pages_read_through_either_table_alike(db, filters, sort):
    total, rows = stats.page_events(db, EventFilter(**filters), sort=sort)
    assert total == len(rows) >= 1
    assert all(r["publisher"] and r["cluster_reports"] == 1 for r in rows)


@pytest.mark.parametrize("call", [
    lambda db: stats.order_by("json"),
    lambda db: stats.timeline(db, EventFilter(), interval="hour"),
    lambda db: stats.top_actors(db, EventFilter(), side="both"),
    lambda db: stats.page_events(db, EventFilter(), unit="articles"),
])
def test_unknown_choices_are_config_errors(db, call):
    with pytest.raises(ConfigError):
        call(db)
