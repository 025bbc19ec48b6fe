"""Queries: filters, units, counts, DataFrames and the command line."""

import csv
import io
import json
from datetime import date

import pytest

from eventcoder.cli import main
from eventcoder.errors import ConfigError
from eventcoder.query import EventFilter, count_rows, counts_frame, events_frame, iter_events
from eventcoder.query.output import write_counts, write_events
from eventcoder.store import open_store
from test_store_fakes import (
    BOKO,
    MOSCOW,
    NGA_CVL,
    RUS,
    SYR,
    USA,
    make_coded,
    make_event,
)

CORPUS = [
    make_coded("a1", [
        make_event("a1", 0, location=MOSCOW),
        make_event("a1", 1, cameo="112", date="2014-08-26", modality="reported",
                   evidence="Moscow accused Damascus of stalling the 100% talks_now."),
    ], publisher="SANA"),
    make_coded("a2", [make_event("a2", 0, source=SYR, target=RUS, cameo="042",
                                 evidence="Syria's minister visited Lavrov in Moscow.")],
               publisher="TASS", published="2014-08-27"),
    make_coded("a3", [make_event("a3", 0, source=BOKO, target=NGA_CVL, cameo="181",
                                 date="2014-04-15",
                                 evidence="Boko Haram abducted schoolgirls in Chibok."),
                      make_event("a3", 1, source=USA, target=None, cameo="070",
                                 date="2014-05-02", evidence="The United States sent aid.")],
               publisher="BBC"),
    make_coded("a4", [make_event("a4", 0, source=BOKO, target=NGA_CVL, cameo="181",
                                 date="2014-04-16",
                                 evidence="Gunmen abducted the Chibok schoolgirls at night.")],
               publisher="AFP"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "events.duckdb"
    with open_store(path) as store:
        store.write(CORPUS)
    return path


def _ids(db, **filters):
    return sorted(e.article_id + ":" + e.cameo for e in iter_events(db, EventFilter(**filters)))


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["a1:041", "a1:112", "a2:042", "a3:070", "a3:181", "a4:181"]),
    ({"actor": "lavrov"}, ["a1:041", "a1:112", "a2:042"]),
    ({"actor": "NGA"}, ["a3:181", "a4:181"]),
    ({"source": "SYR"}, ["a2:042"]),
    ({"target": "Lavrov"}, ["a2:042"]),
    ({"country": "syr"}, ["a1:041", "a1:112", "a2:042"]),
    ({"sector": "REB"}, ["a3:181", "a4:181"]),
    ({"dyad": "RUS:SYR"}, ["a1:041", "a1:112"]),
    ({"dyad": ("RUS", "SYR"), "undirected": True}, ["a1:041", "a1:112", "a2:042"]),
    ({"cameo": "04"}, ["a1:041", "a2:042"]),
    ({"cameo": "041,112"}, ["a1:041", "a1:112"]),
    ({"root": ("18",)}, ["a3:181", "a4:181"]),
    ({"plover": "consult"}, ["a1:041", "a2:042"]),
    ({"quad_class": "4"}, ["a3:181", "a4:181"]),
    ({"modality": "reported"}, ["a1:112"]),
    ({"since": "2014-08-26"}, ["a1:112"]),
    ({"until": date(2014, 4, 15)}, ["a3:181"]),
    ({"since": "2014-04-01", "until": "2014-05-31"}, ["a3:070", "a3:181", "a4:181"]),
    ({"location": "moscow"}, ["a1:041"]),
    ({"location": "RUS"}, ["a1:041"]),
    ({"near": "55.7,37.5,25"}, ["a1:041"]),
    ({"near": (59.9, 30.3, 100)}, []),
    ({"publisher": "bbc"}, ["a3:070", "a3:181"]),
    ({"text": "chibok abducted"}, ["a3:181", "a4:181"]),
    ({"text": "100%"}, ["a1:112"]),
    ({"text": "talks_now"}, ["a1:112"]),
    ({"text": "100_"}, []),
    ({"article_id": "a2"}, ["a2:042"]),
    ({"run_id": 1}, ["a1:041", "a1:112", "a2:042", "a3:070", "a3:181", "a4:181"]),
    ({"actor": "Lavrov", "modality": ("asserted",)}, ["a1:041", "a2:042"]),
])
def test_filters(db, filters, expected):
    assert _ids(db, **filters) == expected


INJECTIONS = ["x' OR 1=1 --", "'; DROP TABLE events; --", "%", "_", "\\", "\" OR \"\"=\"",
              "a1'); DELETE FROM events; --"]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("field", ["actor", "source", "country", "sector", "location",
                                   "publisher", "text", "article_id", "cameo", "plover",
                                   "modality", "root"])
def test_injection_looking_values_are_just_values(db, field, value):
    literal = sorted(f"{e.article_id}:{e.cameo}" for c in CORPUS for e in c.events
                     if field == "text" and value.lower() in e.evidence.text.lower())
    assert _ids(db, **{field: value}) == literal  # "%" finds only "100%"
    with open_store(db, read_only=True) as store:
        assert store.counts()["events"] == 6


def test_injection_in_a_dyad_is_harmless(db):
    assert _ids(db, dyad=("x' OR 1=1 --", "RUS")) == []


@pytest.mark.parametrize(("bad", "message"), [
    ({"since": "last week"}, "bad since date"),
    ({"dyad": "RUS"}, "two actors"),
    ({"colour": "red"}, "unknown filter"),
    ({"near": "55.7,37.5"}, "LAT,LON,KM"),
    ({"near": "95,37.5,10"}, "out of range"),
])
def test_bad_filters_say_what_is_wrong(bad, message):
    with pytest.raises(ConfigError, match=message):
        EventFilter.from_kwargs(**bad)


def test_clusters_unit_gives_one_row_per_real_world_event(db):
    reports = list(iter_events(db, EventFilter(root="18")))
    clusters = list(iter_events(db, EventFilter(root="18"), unit="clusters"))
    assert len(reports) == 2 and [e.article_id for e in clusters] == ["a3"]


def test_counts_by_day_and_quad_show_reports_and_clusters(db):
    columns, rows = count_rows(db, ("day", "quad"), EventFilter(root="18"))
    assert columns == ["day", "quad_class", "reports", "clusters", "articles"]
    assert rows == [(date(2014, 4, 15), 4, 1, 1, 1), (date(2014, 4, 16), 4, 1, 1, 1)]
    _, rows = count_rows(db, ("month", "quad"), EventFilter(root="18"))
    assert rows == [(date(2014, 4, 1), 4, 2, 1, 2)]


@pytest.mark.parametrize("by", ["week", "year", "dyad", "code", "root", "plover", "country",
                                "target_country", "publisher", "modality"])
def test_every_grouping_counts_every_report(db, by):
    columns, rows = count_rows(db, (by,))
    assert sum(row[columns.index("reports")] for row in rows) == 6


def test_an_unknown_grouping_is_refused(db):
    with pytest.raises(ConfigError, match="cannot group by 'hour'"):
        count_rows(db, ("hour",))


def test_events_frame_is_a_flat_pandas_frame(db):
    df = events_frame(db, country="SYR")
    assert len(df) == 3 and "json" not in df.columns
    assert {"source_code", "cameo", "publisher", "cluster_articles"} <= set(df.columns)
    assert len(events_frame(db, unit="clusters", root="18")) == 1


def test_counts_frame_and_arrow_backend(db):
    df = counts_frame(db, by="month")
    assert int(df["reports"].sum()) == 6
    table = counts_frame(db, by=("quad",), backend="arrow")
    assert table.column_names[0] == "quad_class"


def test_polars_backend_needs_polars_or_says_how(db):
    try:
        import polars  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="pip install polars"):
            events_frame(db, backend="polars")
    else:
        assert len(events_frame(db, backend="polars")) == 6


def test_json_output_is_one_array_of_event_dicts(db):
    out = io.StringIO()
    write_events(db, EventFilter(actor="Lavrov"), out, fmt="json")
    data = json.loads(out.getvalue())
    originals = {e.id: e.to_dict() for c in CORPUS for e in c.events}
    assert len(data) == 3 and all(d == originals[d["id"]] for d in data)


def test_csv_and_table_outputs(db):
    out = io.StringIO()
    write_events(db, EventFilter(), out, fmt="csv", limit=2)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2 and rows[0]["cameo"] == "181"
    out = io.StringIO()
    write_counts(db, EventFilter(), ("root",), out, fmt="json")
    assert {r["cameo_root"]: r["reports"] for r in json.loads(out.getvalue())}["18"] == 2


def test_query_command(db, capsys):
    assert main(["query", "--db", str(db), "--actor", "Lavrov", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main(["query", "--db", str(db), "--root", "18", "--unit", "clusters"]) == 0
    out = capsys.readouterr().out
    assert "NGAREB" in out and out.count("\n") == 3
    assert main(["query", "--db", str(db), "--by", "day,quad", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("day,quad_class,reports,clusters,articles")


def test_query_command_reports_a_missing_database(tmp_path, capsys):
    assert main(["query", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no event database" in capsys.readouterr().err
