"""Exports: every format writes what its readers expect."""

import csv
import json

import duckdb
import pytest

from eventcoder.cli import main
from eventcoder.errors import ConfigError
from eventcoder.export import FORMATS, export_events
from eventcoder.export.gdelt import COLUMNS
from eventcoder.query import EventFilter
from eventcoder.records import Event
from eventcoder.store import open_store
from test_store_fakes import BOKO, MOSCOW, NGA_CVL, make_coded, make_event

EVENTS = [
    make_event("a1", 0, location=MOSCOW, context=("diplomacy",)),
    make_event("a1", 1, cameo="112", date="2015-01-03", target=None),
    make_event("a2", 0, source=BOKO, target=NGA_CVL, cameo="181", date="2014-04-15",
               evidence="Boko Haram abducted schoolgirls in Chibok."),
    make_event("a3", 0, source=BOKO, target=NGA_CVL, cameo="181", date="2014-04-16",
               evidence="Gunmen abducted schoolgirls from Chibok."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "events.duckdb"
    by_article: dict[str, list] = {}
    for e in EVENTS:
        by_article.setdefault(e.article_id, []).append(e)
    with open_store(path) as store:
        store.write([make_coded(a, evs, publisher=f"pub-{a}") for a, evs in by_article.items()])
    return path


def test_jsonl_is_lossless(db, tmp_path):
    out = tmp_path / "e.jsonl"
    assert export_events(db, "jsonl", out) == 4
    events = [Event.from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    assert sorted(events, key=lambda e: e.id) == sorted(EVENTS, key=lambda e: e.id)


def test_plover_records_have_the_spec_fields(db, tmp_path):
    out = tmp_path / "p.jsonl"
    assert export_events(db, "plover", out, EventFilter(article_id="a1")) == 2
    first = json.loads(out.read_text().splitlines()[0])
    for key in ("id", "date", "event", "mode", "context", "actor", "recipient", "text", "geo",
                "source", "url", "publication_date", "num_articles", "num_sources"):
        assert key in first
    assert first["event"] == "CONSULT" and first["context"] == ["diplomacy"]
    assert first["actor"]["country"] == "RUS" and first["actor"]["sectors"] == ["GOV"]
    assert first["geo"]["placename"] == "Moscow" and first["geo"]["geonames_id"] == "524901"
    assert first["source"] == "pub-a1"


def test_plover_json_suffix_gives_one_array(db, tmp_path):
    out = tmp_path / "p.json"
    assert export_events(db, "plover", out) == 4
    assert len(json.loads(out.read_text())) == 4


def _gdelt_rows(db, tmp_path, **kwargs):
    out = tmp_path / "g.tsv"
    export_events(db, "gdelt", out, **kwargs)
    return [dict(zip(COLUMNS, line.split("\t"), strict=True))
            for line in out.read_text().splitlines()]


def test_gdelt_rows_have_61_columns_in_gdelt_order_and_codes(db, tmp_path):
    assert len(COLUMNS) == 61 and COLUMNS[26] == "EventCode" and COLUMNS[-1] == "SOURCEURL"
    rows = {r["EventCode"]: r for r in _gdelt_rows(db, tmp_path)}
    consult = rows["041"]
    assert (consult["SQLDATE"], consult["MonthYear"], consult["Year"]) == \
        ("20140825", "201408", "2014")
    assert (consult["Actor1Code"], consult["Actor1CountryCode"], consult["Actor1Type1Code"]) \
        == ("RUSGOV", "RUS", "GOV")
    assert (consult["EventBaseCode"], consult["EventRootCode"], consult["QuadClass"]) == \
        ("041", "04", "1")
    assert consult["ActionGeo_Type"] == "4" and consult["ActionGeo_CountryCode"] == "RS"
    assert consult["ActionGeo_FeatureID"] == "524901"
    assert consult["SOURCEURL"] == "https://news.example/a1"
    assert int(consult["GLOBALEVENTID"]) < 2**63 and len(consult["DATEADDED"]) == 14
    assert rows["112"]["Actor2Code"] == "" and rows["112"]["ActionGeo_Type"] == "0"


def test_gdelt_counts_articles_and_sources_of_the_event(db, tmp_path):
    rows = _gdelt_rows(db, tmp_path, filters=EventFilter(root="18"), unit="clusters")
    assert len(rows) == 1
    assert (rows[0]["NumMentions"], rows[0]["NumSources"], rows[0]["NumArticles"]) == \
        ("2", "2", "2")


def test_csv_has_the_flat_columns(db, tmp_path):
    out = tmp_path / "e.csv"
    assert export_events(db, "csv", out) == 4
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"id", "cameo", "source_code", "publisher", "evidence"} <= set(rows[0])
    assert "json" not in rows[0]
    assert {r["source_sectors"] for r in rows} == {"GOV", "REB"}


def test_parquet_is_partitioned_and_reads_back(db, tmp_path):
    out = tmp_path / "parquet"
    assert export_events(db, "parquet", out) == 4
    assert sorted(p.name for p in out.iterdir()) == ["year=2014", "year=2015"]
    glob = str(out / "**" / "*.parquet")
    rows = duckdb.sql(f"SELECT json, year, month FROM read_parquet('{glob}', "
                      "hive_partitioning = true)").fetchall()
    events = {Event.from_dict(json.loads(r[0])) for r in rows}
    assert events == set(EVENTS)
    assert {(r[1], r[2]) for r in rows} == {(2014, 8), (2014, 4), (2015, 1)}


def test_parquet_refuses_to_mix_with_an_earlier_export(db, tmp_path):
    out = tmp_path / "parquet"
    export_events(db, "parquet", out)
    with pytest.raises(ConfigError, match="not an empty folder"):
        export_events(db, "parquet", out)


def test_an_unknown_format_is_refused(db, tmp_path):
    with pytest.raises(ConfigError, match="unknown export format"):
        export_events(db, "xml", tmp_path / "x")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_command(db, tmp_path, capsys, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out),
                 "--root", "18"]) == 0
    assert "wrote 2 reports" in capsys.readouterr().err
    assert out.exists()
