"""The HTTP API, in process: listing and filters, single records, stats, coding,
ingest with a token, errors as JSON, size limits, and the dashboard's files."""

from __future__ import annotations

import json
import warnings

import pytest

with warnings.catch_warnings():  # Starlette's TestClient warns about httpx; it works.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from eventcoder.api import create_app
from eventcoder.cli import main
from eventcoder.query import EventFilter, iter_event_dicts
from eventcoder.store import open_store
from test_api_fakes import SCRIPT, XSS_TEXT, build_db

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ARTICLE = ("Russian Foreign Minister Sergei Lavrov met Syrian Foreign Minister Walid al-Moallem "
           "in Moscow on Monday. The two ministers discussed the situation in Syria.")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("api") / "events.duckdb")


@pytest.fixture(scope="module")
def client(db, tmp_path_factory):
    web = tmp_path_factory.mktemp("no-web")  # a web/ folder without node_modules
    app = create_app(db, web_dir=web)
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def writable(tmp_path):
    app = create_app(build_db(tmp_path / "w.duckdb"), token="s3cret", web_dir=tmp_path)
    with TestClient(app) as c:
        yield c


def _pairs(page):
    return sorted(f"{r['event']['article_id']}:{r['event']['cameo']}" for r in page["results"])


# ----------------------------------------------------------------- events


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["a1:041", "a1:112", "a2:042", "a3:070", "a3:181", "a4:181", "x1:181"]),
    ({"country": "NGA"}, ["a3:181", "a4:181"]),
    ({"country": "nga"}, ["a3:181", "a4:181"]),
    ({"actor": "lavrov"}, ["a1:041", "a1:112", "a2:042", "x1:181"]),
    ({"dyad": "RUS:SYR"}, ["a1:041", "a1:112"]),
    ({"dyad": "RUS:SYR", "undirected": "true"}, ["a1:041", "a1:112", "a2:042"]),
    ({"plover": "consult"}, ["a1:041", "a2:042"]),
    ({"cameo": "04,112"}, ["a1:041", "a1:112", "a2:042"]),
    ({"root": "18"}, ["a3:181", "a4:181", "x1:181"]),
    ({"quad": "1,2"}, ["a1:041", "a2:042", "a3:070"]),
    ({"modality": "reported"}, ["a1:112"]),
    ({"since": "2014-04-16", "until": "2014-08-25"}, ["a1:041", "a3:070", "a4:181"]),
    ({"location": "borno"}, ["a3:181", "a4:181"]),
    ({"publisher": "tass"}, ["a2:042"]),
    ({"text": "abducted chibok"}, ["a3:181"]),
    ({"article": "a3"}, ["a3:070", "a3:181"]),
    ({"actor": "x' OR 1=1 --"}, []),
])
def test_list_events_filters(client, params, expected):
    response = client.get("/v1/events", params=params)
    assert response.status_code == 200, response.text
    page = response.json()
    assert _pairs(page) == expected
    assert page["total"] == len(expected)


def test_list_events_items_carry_article_and_cluster(client):
    item = client.get("/v1/events", params={"publisher": "TASS"}).json()["results"][0]
    assert item["article"] == {"id": "a2", "publisher": "TASS",
                               "url": "https://news.example/a2", "title": "a2",
                               "published": "2014-08-27T00:00:00"}
    assert item["cluster"]["reports"] == 1 and item["cluster"]["id"]
    assert item["event"]["source"]["code"] == "SYRGOV"  # Event.to_dict() exactly


def test_pages_and_sorting(client):
    first = client.get("/v1/events", params={"limit": 3, "sort": "-date"}).json()
    rest = client.get("/v1/events", params={"limit": 3, "offset": 3, "sort": "-date"}).json()
    dates = [r["event"]["date"] for r in first["results"] + rest["results"]]
    assert first["total"] == 7 and len(first["results"]) == 3
    assert dates == sorted(dates, reverse=True)
    by_tone = client.get("/v1/events", params={"sort": "goldstein", "limit": 1}).json()
    assert by_tone["results"][0]["event"]["goldstein"] == -9.0


@pytest.mark.parametrize("params", [{}, {"country": "NGA"}, {"country": "NGA", "unit": "clusters"}])
def test_past_the_last_page_still_counts(client, params):
    page = client.get("/v1/events", params={**params, "offset": 100}).json()
    assert page["results"] == []
    assert page["total"] == client.get("/v1/events", params=params).json()["total"] > 0


def test_unit_clusters_counts_real_world_events(client):
    page = client.get("/v1/events", params={"unit": "clusters", "root": "18"}).json()
    # The two Chibok reports are within three days and share words: one event.
    assert page["total"] < 3
    assert page["total"] == len(page["results"])


@pytest.mark.parametrize("params", [{}, {"root": "18"}, {"publisher": "bbc"},
                                    {"sort": "-publisher"}])
def test_clusters_pick_the_reports_eventcoder_query_picks(client, db, params):
    page = client.get("/v1/events", params={"unit": "clusters", "limit": 500, **params}).json()
    filters = EventFilter.from_kwargs(root=params.get("root"), publisher=params.get("publisher"))
    expected = {e["id"] for e in iter_event_dicts(db, filters, unit="clusters")}
    assert {r["event"]["id"] for r in page["results"]} == expected
    assert page["total"] == len(expected)


@pytest.mark.parametrize("params", [
    {"quad": "9"}, {"quad": "1;2"}, {"country": "RUSSIA"}, {"since": "yesterday"},
    {"limit": "0"}, {"limit": "100000"}, {"offset": "-1"}, {"sort": "json"},
    {"sort": "date; DROP TABLE events"}, {"unit": "articles"}, {"run": "x"},
    {"modality": "maybe"}, {"actor": "x" * 500},
])
def test_bad_parameters_are_json_422(client, params):
    response = client.get("/v1/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422 and body["message"].startswith("invalid request: query.")
    assert body["errors"][0]["loc"][0] == "query"


def test_bad_dyad_is_json_400(client):
    response = client.get("/v1/events", params={"dyad": " :RUS"})
    assert response.status_code == 400
    assert "dyad" in response.json()["message"]


def test_one_event(client):
    some = client.get("/v1/events", params={"publisher": "AFP"}).json()["results"][0]
    response = client.get(f"/v1/events/{some['event']['id']}")
    assert response.status_code == 200
    assert response.json() == some


def test_missing_event_and_article_are_json_404(client):
    for path in ("/v1/events/nope", "/v1/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "nope" in response.json()["message"]


def test_article_text_with_spans(client):
    data = client.get("/v1/articles/x1").json()
    assert data["article"]["text"] == XSS_TEXT  # as written: escaping is the page's job
    kinds = {s["kind"] for s in data["spans"]}
    assert {"evidence", "trigger", "actor"} <= kinds
    trigger = next(s for s in data["spans"] if s["kind"] == "trigger")
    assert XSS_TEXT[trigger["start"]:trigger["end"]] == data["events"][0]["trigger"]["text"]
    assert trigger["event_ids"] == [data["events"][0]["id"]]


def test_untrusted_text_is_json_not_html(client):
    response = client.get("/v1/articles/x1")
    assert response.headers["content-type"] == "application/json"
    assert SCRIPT in response.json()["article"]["text"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]


# ----------------------------------------------------------------- stats


def test_timeline_per_day_and_quad(client):
    rows = client.get("/v1/stats/timeline", params={"country": "NGA"}).json()["rows"]
    assert rows == [{"period": "2014-04-15", "quad_class": 4, "count": 1},
                    {"period": "2014-04-16", "quad_class": 4, "count": 1}]
    monthly = client.get("/v1/stats/timeline", params={"interval": "month"}).json()
    assert sum(r["count"] for r in monthly["rows"]) == 7
    assert {r["period"] for r in monthly["rows"]} == {"2014-04-01", "2014-05-01", "2014-08-01",
                                                      "2015-01-01"}


def test_dyads_busiest_first(client):
    rows = client.get("/v1/stats/dyads").json()["rows"]
    assert [(r["source"], r["target"], r["count"]) for r in rows[:2]] == [
        ("NGAREB", "NGACVL", 2), ("RUSGOV", "SYRGOV", 2)]
    assert all(r["target"] for r in rows)  # the aid to no one is not a dyad
    assert len(client.get("/v1/stats/dyads", params={"limit": 1}).json()["rows"]) == 1


def test_top_actors(client):
    rows = client.get("/v1/stats/actors", params={"limit": 3}).json()["rows"]
    assert rows[0] == {"actor": "RUSGOV", "name": "Sergei Lavrov", "country": "RUS",
                       "count": 4, "as_source": 2, "as_target": 2}
    sources = client.get("/v1/stats/actors", params={"side": "source"}).json()["rows"]
    assert all(r["as_target"] == 0 for r in sources)


def test_places_for_the_map(client):
    rows = client.get("/v1/stats/places", params={"country": "NGA"}).json()["rows"]
    assert {(r["name"], r["count"]) for r in rows} == {("Chibok", 1), ("Maiduguri", 1)}


def test_health(client, db):
    body = client.get("/v1/health").json()
    assert body["status"] == "ok" and body["writable"] is False
    assert body["counts"]["events"] == 7 and body["database"] == db.name
    assert body["dashboard"] is False


def test_openapi_spec_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/code", "/v1/events", "/v1/events/{event_id}", "/v1/articles/{article_id}",
            "/v1/articles", "/v1/stats/timeline", "/v1/stats/dyads", "/v1/stats/actors",
            "/v1/health"} <= set(spec["paths"])


# ----------------------------------------------------------------- coding and writing


def test_code_returns_events_and_stores_nothing(client, pipeline):
    before = client.get("/v1/health").json()["counts"]
    response = client.post("/v1/code", json={"text": ARTICLE, "published": "2014-08-25"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["stored"] is False and data["events"]
    assert any(e["source"] and e["source"]["code"] == "RUSGOV" for e in data["events"])
    assert {s["kind"] for s in data["spans"]} >= {"evidence", "trigger", "actor"}
    assert client.get("/v1/health").json()["counts"] == before


@pytest.mark.parametrize(("body", "words"), [
    ({"text": "Too short."}, "not coded"),
    ({"text": ARTICLE, "published": "last Monday"}, "publication date"),
    ({"text": ARTICLE, "colour": "red"}, "invalid request"),
    ({"text": ""}, "invalid request"),
    ({"text": "Russia \ud800 met Syria in a long enough sentence."}, "unicode"),
    ({"text": "Russia \u0000 met Syria in a long enough sentence."}, "NUL"),
])
def test_code_bad_input_is_json_422(client, pipeline, body, words):
    response = client.post("/v1/code", content=json.dumps(body),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert words in response.text


def test_malformed_json_is_json_422(client):
    response = client.post("/v1/code", content=b"{not json",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and response.json()["status"] == 422


def test_body_size_limit(client):
    big = {"text": "word " * 500_000}
    response = client.post("/v1/code", json=big)
    assert response.status_code == 413
    assert "too large" in response.json()["message"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(300):
            yield b"x" * 10_000

    response = client.post("/v1/code", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["message"] == "request body too large: at most 2000000 bytes"


def test_read_only_server_refuses_writes(client):
    for path, body in (("/v1/articles", {"text": ARTICLE}),
                       ("/v1/code", {"text": ARTICLE, "store": True})):
        response = client.post(path, json=body, headers={"Authorization": "Bearer s3cret"})
        assert response.status_code == 403
        assert "read-only" in response.json()["message"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": "Basic czNjcmV0"}])
def test_ingest_needs_the_token(writable, headers):
    response = writable.post("/v1/articles", json={"text": ARTICLE}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_with_the_token_stores(writable, pipeline):
    body = {"text": ARTICLE, "published": "2014-08-25", "url": "https://news.example/moscow",
            "title": "Lavrov meets Moallem"}
    response = writable.post("/v1/articles", json=body,
                             headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 201, response.text
    stored = response.json()
    assert stored["stored"] is True
    article = writable.get(f"/v1/articles/{stored['article']['id']}").json()
    assert article["article"]["title"] == "Lavrov meets Moallem"
    assert writable.get("/v1/health").json()["counts"]["articles"] == 6
    again = writable.post("/v1/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert again.status_code == 201  # the same article again replaces it
    assert writable.get("/v1/health").json()["counts"]["articles"] == 6


# ----------------------------------------------------------------- dashboard and command


def test_dashboard_without_libraries_says_how_to_install(client):
    response = client.get("/")
    assert response.status_code == 503
    assert "scripts/install-web.sh" in response.text
    assert client.get("/vendor/chart.js/chart.umd.min.js").status_code == 404
    assert client.get("/v1/health").status_code == 200  # the API works meanwhile


def test_dashboard_served_from_web_dir(db, tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.html").write_text("<!doctype html><title>x</title>")
    (tmp_path / "src" / "app.js").write_text("// app")
    from eventcoder.api.web import REQUIRED

    for rel in REQUIRED:
        path = tmp_path / "node_modules" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("/* lib */")
    with TestClient(create_app(db, web_dir=tmp_path)) as c:
        assert c.get("/").status_code == 200
        assert c.get("/static/app.js").text == "// app"
        assert c.get("/vendor/leaflet/leaflet.js").text == "/* lib */"
        assert c.get("/vendor/leaflet/../../../etc/passwd").status_code == 404
        assert c.get("/v1/health").json()["dashboard"] is True


def test_serve_command_reports_a_missing_database(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no event database" in capsys.readouterr().err


def test_serve_command_checks_its_port(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--db", "x.duckdb", "--port", "70000"])
    assert "1-65535" in capsys.readouterr().err


def test_database_stays_readable_by_others(db):
    with open_store(db, read_only=True) as store:  # the read-only app holds no write lock
        assert store.counts()["events"] == 7
