"""The feed watcher: polls a local news site, codes only what is new, remembers
across restarts, retries what may pass, records every skip, links wire copies."""

import json

import pytest

for _name in ("httpx", "feedparser", "trafilatura"):
    pytest.importorskip(_name)

from eventcoder.errors import ConfigError, InputError  # noqa: E402
from eventcoder.ingest.fetch import FetchSettings  # noqa: E402
from eventcoder.records import Article, CodedArticle, Skipped  # noqa: E402
from eventcoder.watch import (  # noqa: E402
    ArticleSink,
    Watcher,
    WatchState,
    parse_interval,
    read_feed_list,
    run_watch,
)

QUICK = FetchSettings(timeout=0.4, retries=0, backoff=0.01, trust_env=False)
SETTINGS = {"ingest": {"max_attempts": 2, "keep_seen_days": 90, "link_similarity": 0.7}}


class MemorySink:
    """What a store does, in memory: keeps each poll's results, knows what it holds."""

    def __init__(self):
        self.batches = []
        self.links = []

    def write(self, results):
        self.batches.append(list(results))

    def seen(self, article_ids):
        held = {r.article.id for b in self.batches for r in b if isinstance(r, CodedArticle)}
        return {i for i in article_ids if i in held}

    def link_copies(self, links):
        self.links.extend(links)

    def coded(self, batch=-1):
        return [r for r in self.batches[batch] if isinstance(r, CodedArticle)]

    def skipped(self, batch=-1):
        return {r.source: r.reason for r in self.batches[batch] if isinstance(r, Skipped)}


def fake_code(items):
    """Stands in for the pipeline: every article coded, with no events."""
    for item in items:
        yield item if isinstance(item, Skipped) else CodedArticle(item, ())


@pytest.fixture()
def fetch_settings():
    return QUICK


def watcher(sink, state_path, fetcher):
    return Watcher(sink, WatchState(state_path), fetcher, fake_code, SETTINGS)


def feeds(site, *paths):
    return [site.url(p) for p in paths]


def test_memory_sink_is_an_article_sink():
    assert isinstance(MemorySink(), ArticleSink)


def test_first_poll_codes_new_items_and_records_every_skip(site, fetcher, tmp_path,
                                                            feedserver):
    sink = MemorySink()
    unreachable = f"http://127.0.0.1:{feedserver.free_port()}/rss.xml"
    urls = feeds(site, "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/malformed.xml")
    report = watcher(sink, tmp_path / "state.json", fetcher).poll(urls + [unreachable])
    assert len(sink.batches) == 1
    assert sorted(a.article.url for a in sink.coded()) == feeds(
        site, "/courier/grain-deal", "/economy/grain-deal", "/region/water-talks",
        "/world/port-calder-truce")
    assert sink.skipped() == {
        site.url("/broken"): "http_status", site.url("/loop"): "redirect_loop",
        site.url("/slow"): "timeout", site.url("/gallery"): "no_text",
        site.url("/photo.jpg"): "not_html", site.url("/feeds/malformed.xml"): "malformed_feed",
        unreachable: "unreachable"}
    assert (report.new, report.coded, report.feeds_failed, report.retry_later) == (9, 4, 2, 2)
    assert site.hits["/world/port-calder-truce"] == 1  # listed twice, fetched once
    assert site.hits["/region/water-talks"] == 1  # in both feeds, fetched once


def test_wire_copies_are_linked(site, fetcher, tmp_path):
    sink = MemorySink()
    watcher(sink, tmp_path / "state.json", fetcher).poll(feeds(site, "/feeds/rss.xml",
                                                               "/feeds/atom.xml"))
    ids = {a.article.url: a.article.id for a in sink.coded()}
    [link] = sink.links
    assert (link.article_id, link.original_id) == (ids[site.url("/courier/grain-deal")],
                                                   ids[site.url("/economy/grain-deal")])


def test_second_poll_fetches_only_what_failed_in_a_way_that_may_pass(site, fetcher, tmp_path):
    sink = MemorySink()
    watch = watcher(sink, tmp_path / "state.json", fetcher)
    urls = feeds(site, "/feeds/rss.xml")
    watch.poll(urls)
    loops = site.hits["/loop"]
    report = watch.poll(urls)  # the feed answers 304: only the items to retry are fetched
    assert sink.coded() == [] and set(sink.skipped()) == set(feeds(site, "/broken", "/slow"))
    assert site.hits["/world/port-calder-truce"] == 1 and site.hits["/loop"] == loops
    assert site.hits["/broken"] == 2 and report.retry_later == 0  # max_attempts is 2
    watch.poll(urls)
    assert site.hits["/broken"] == 2 and sink.batches[-1] == []  # given up on, and recorded


def test_a_restart_remembers_what_was_seen(site, fetcher, tmp_path):
    state = tmp_path / "state.json"
    watcher(MemorySink(), state, fetcher).poll(feeds(site, "/feeds/atom.xml"))
    again = MemorySink()
    report = watcher(again, state, fetcher).poll(feeds(site, "/feeds/atom.xml"))
    assert again.batches == [[]] and report.new == 0
    assert site.hits["/region/water-talks"] == 1
    assert site.hits["/feeds/atom.xml"] == 2  # the second time a conditional GET (304)
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert set(saved["seen"]) == set(feeds(site, "/courier/grain-deal", "/region/water-talks"))


def test_a_new_item_in_a_feed_is_the_only_page_fetched(site, fetcher, tmp_path):
    live = site.feed_bytes("feeds/atom.xml")
    site.extra["/feeds/live.xml"] = (200, "application/atom+xml", live)
    watch = watcher(MemorySink(), tmp_path / "state.json", fetcher)
    watch.poll(feeds(site, "/feeds/live.xml"))
    entry = (b"<entry><title>Truce</title><link href=\"" + site.url("/world/port-calder-truce")
             .encode() + b"\"/><id>urn:x:3</id><updated>2024-03-12T10:00:00Z</updated></entry>")
    site.extra["/feeds/live.xml"] = (200, "application/atom+xml",
                                     live.replace(b"</feed>", entry + b"</feed>"))
    report = watch.poll(feeds(site, "/feeds/live.xml"))
    assert report.new == 1 and [a.article.url for a in watch.sink.coded()] == [
        site.url("/world/port-calder-truce")]
    assert site.hits["/region/water-talks"] == 1 and site.hits["/courier/grain-deal"] == 1


def test_articles_already_stored_are_not_coded_again_when_the_state_is_lost(site, fetcher,
                                                                              tmp_path):
    sink = MemorySink()
    watcher(sink, tmp_path / "one.json", fetcher).poll(feeds(site, "/feeds/atom.xml"))
    watcher(sink, tmp_path / "other.json", fetcher).poll(feeds(site, "/feeds/atom.xml"))
    assert sink.batches[-1] == [] and site.hits["/region/water-talks"] == 1


def test_damaged_state_file_is_a_clear_error(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="damaged"):
        WatchState(path)


def test_run_watch_reads_the_feed_list_each_round(site, fetcher, tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# the test site\n{site.url('/feeds/atom.xml')}  # atom\n\n",
                       encoding="utf-8")
    sink, naps = MemorySink(), []
    report = run_watch(listing, sink, every=60, state_path=tmp_path / "s.json",
                       settings=SETTINGS, code=fake_code, fetcher=fetcher, iterations=2,
                       sleep=naps.append)
    assert len(sink.batches) == 2 and len(naps) == 1 and 0 < naps[0] <= 60
    assert report.coded == 0 and len(sink.coded(0)) == 2


@pytest.mark.parametrize("text,seconds", [("15m", 900), ("90s", 90), ("1h30m", 5400),
                                          ("2d", 172800), ("600", 600), ("0.5", 0.5)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15x", "-5m", "0", "m15"])
def test_bad_interval_is_a_config_error(text):
    with pytest.raises(ConfigError):
        parse_interval(text)


def test_feed_list_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read feed list"):
        read_feed_list(tmp_path / "none.txt")
    listing = tmp_path / "f.txt"
    listing.write_text("https://a.example/rss\nhttps://a.example/rss\n", encoding="utf-8")
    assert read_feed_list(listing) == ["https://a.example/rss"]


# ------------------------------------------------------------------ the command


def _quick_env(monkeypatch):
    for key, value in {"TIMEOUT": "2", "RETRIES": "0", "TRUST_ENV": "false"}.items():
        monkeypatch.setenv(f"EVENTCODER_INGEST__{key}", value)


def test_watch_command_once_prints_json_lines(site, tmp_path, monkeypatch, capsys, pipeline):
    from eventcoder.cli import main

    _quick_env(monkeypatch)
    listing = tmp_path / "feeds.txt"
    listing.write_text(site.url("/feeds/atom.xml") + "\n", encoding="utf-8")
    assert main(["watch", str(listing), "--once", "--every", "1m"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    coded = [line for line in lines if line["type"] == "coded"]
    assert {c["article"]["url"] for c in coded} == set(feeds(site, "/courier/grain-deal",
                                                              "/region/water-talks"))
    water = next(c for c in coded if c["article"]["url"].endswith("water-talks"))
    assert water["article"]["dateline"]["place"] == "Astrava" and water["events"]
    assert (tmp_path / "feeds.txt.watch.json").exists()


def test_watch_command_without_the_store_is_one_line(tmp_path, monkeypatch, capsys):
    from eventcoder.cli import main

    def missing():
        raise ImportError("No module named 'eventcoder.store'")

    monkeypatch.setattr("eventcoder.commands.ingest._store_opener", missing)
    listing = tmp_path / "feeds.txt"
    listing.write_text("http://127.0.0.1:9/rss\n", encoding="utf-8")
    assert main(["watch", str(listing), "--once", "--db", str(tmp_path / "e.duckdb")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--db needs the event store" in err[0]


def test_watch_command_rejects_a_bad_interval(tmp_path, capsys):
    from eventcoder.cli import main

    with pytest.raises(SystemExit) as info:
        main(["watch", str(tmp_path / "f.txt"), "--every", "soon"])
    assert info.value.code == 2 and "bad interval" in capsys.readouterr().err


def test_fake_coder_keeps_articles():
    article = Article(id="x", text="t")
    assert list(fake_code([article])) == [CodedArticle(article, ())]
