"""Feeds and the polite HTTP client, against a small news site on 127.0.0.1."""

import time
from pathlib import Path

import pytest

for _name in ("httpx", "feedparser", "trafilatura"):
    pytest.importorskip(_name)

from eventcoder.ingest.feeds import fetch_feed, parse_feed, read_feeds  # noqa: E402
from eventcoder.ingest.fetch import Fetcher, FetchError, FetchSettings  # noqa: E402
from eventcoder.records import Article, Skipped  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


QUICK = FetchSettings(timeout=0.5, retries=1, backoff=0.01, per_host=2, workers=4,
                      trust_env=False)


@pytest.fixture()
def fetch_settings():
    return QUICK


def test_get_sends_a_user_agent(site, fetcher):
    page = fetcher.get(site.url("/world/port-calder-truce"))
    assert page.status == 200 and page.is_html
    assert any(agent.startswith("eventcoder/") for agent in site.agents)


@pytest.mark.parametrize("path,reason,transient,hits", [
    ("/broken", "http_status", True, 2),          # tried again once (retries=1), then given up
    ("/nowhere", "http_status", False, 1),        # a 404 is not retried
    ("/loop", "redirect_loop", False, None),
    ("/slow", "timeout", True, 2),
])
def test_failures_are_fetch_errors_with_a_reason(site, fetcher, path, reason, transient, hits):
    with pytest.raises(FetchError) as info:
        fetcher.get(site.url(path))
    assert info.value.reason == reason and info.value.transient is transient
    assert path.strip("/") in str(info.value)
    if hits is not None:
        assert site.hits[path] == hits


def test_backoff_doubles_between_retries(site):
    waits = []
    settings = FetchSettings(timeout=1, retries=3, backoff=0.5, trust_env=False)
    with Fetcher(settings, sleep=waits.append) as client, pytest.raises(FetchError):
        client.get(site.url("/broken"))
    assert waits == [0.5, 1.0, 2.0]


def test_unreachable_host_is_a_transient_error(fetcher, feedserver):
    with pytest.raises(FetchError) as info:
        fetcher.get(f"http://127.0.0.1:{feedserver.free_port()}/feed.xml")
    assert info.value.reason == "unreachable" and info.value.transient


def test_page_over_the_size_limit_is_refused(site):
    settings = FetchSettings(max_bytes=1000, trust_env=False)
    with Fetcher(settings) as client, pytest.raises(FetchError) as info:
        client.get(site.url("/world/port-calder-truce"))
    assert info.value.reason == "too_large"


def test_non_http_url_is_refused(fetcher):
    with pytest.raises(FetchError, match="not an http"):
        fetcher.get("file:///etc/passwd")


def test_per_host_limit_caps_requests_in_flight(site):
    settings = FetchSettings(per_host=2, workers=8, timeout=5, trust_env=False)
    with Fetcher(settings) as client:
        started = time.monotonic()
        results = client.get_many([site.url("/busy")] * 6)
    assert all(not isinstance(r, FetchError) for r in results)
    assert site.max_in_flight == 2
    assert time.monotonic() - started >= 0.4  # three rounds of two


def test_rss_and_atom_items(site, fetcher):
    rss = fetch_feed(fetcher, site.url("/feeds/rss.xml"))
    assert rss.title == "Lakeside Tribune - World" and len(rss.items) == 9
    first = rss.items[0]
    assert first.url == site.url("/world/port-calder-truce")
    assert first.published.isoformat() == "2024-03-12T09:41:00+00:00"
    assert rss.items[-1].key == first.key  # the tracking tags do not make a new item
    atom = fetch_feed(fetcher, site.url("/feeds/atom.xml"))
    assert [i.url for i in atom.items] == [site.url("/courier/grain-deal"),
                                           site.url("/region/water-talks")]
    assert atom.items[0].feed_title == "Coastal Courier: News"


def test_conditional_request_gets_not_modified(site, fetcher):
    feed = fetch_feed(fetcher, site.url("/feeds/rss.xml"))
    again = fetch_feed(fetcher, site.url("/feeds/rss.xml"), etag=feed.etag)
    assert feed.etag == '"v1"' and again.not_modified and again.items == ()


@pytest.mark.parametrize("data", [
    (FIXTURES / "feeds" / "malformed.xml").read_bytes(),
    b"<html><body><p>Not a feed</p></body></html>",
    b"",
])
def test_malformed_feed_is_a_skip_reason(data):
    from eventcoder.errors import SkipArticle

    with pytest.raises(SkipArticle) as info:
        parse_feed(data, "http://127.0.0.1/feed.xml")
    assert info.value.reason == "malformed_feed"
    assert "http://127.0.0.1/feed.xml" in str(info.value)


def test_read_feeds_records_every_failure_and_reads_the_rest(site, fetcher, feedserver):
    feeds = [site.url("/feeds/rss.xml"), site.url("/feeds/malformed.xml"),
             site.url("/feeds/missing.xml"), f"http://127.0.0.1:{feedserver.free_port()}/rss",
             site.url("/feeds/atom.xml")]
    items = list(read_feeds(feeds, fetcher))
    found = {i.url: i for i in items if isinstance(i, Article)}
    assert set(found) == {site.url(p) for p in ("/world/port-calder-truce", "/region/water-talks",
                                                 "/economy/grain-deal", "/courier/grain-deal")}
    truce = found[site.url("/world/port-calder-truce")]
    assert truce.byline == "Amina Okafor" and str(truce.published).startswith("2024-03-12 09:41")
    reasons = {i.source: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons == {
        site.url("/broken"): "http_status", site.url("/loop"): "redirect_loop",
        site.url("/slow"): "timeout", site.url("/gallery"): "no_text",
        site.url("/photo.jpg"): "not_html", site.url("/feeds/malformed.xml"): "malformed_feed",
        site.url("/feeds/missing.xml"): "http_status", feeds[3]: "unreachable",
    }
    assert site.hits["/world/port-calder-truce"] == 1 and site.hits["/region/water-talks"] == 1
