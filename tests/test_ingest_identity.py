"""Article identity: stable ids, one coding per article, wire copies linked."""

from pathlib import Path

import pytest

from eventcoder.ingest import read_source
from eventcoder.ingest.identity import (
    WireLinker,
    article_id,
    canonical_url,
    minhash,
    similarity,
    unique,
)
from eventcoder.records import Article, Skipped

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
STORY = ("The foreign ministers of Kestovia and Dalmar agreed on Tuesday to set up a joint "
         "commission to share the waters of the Aral river, after two years of disputes over "
         "a dam on the Kestovian side of the border, officials from both countries said.")


@pytest.mark.parametrize("url,canonical", [
    ("https://News.Example/a/1?utm_source=rss&utm_medium=feed", "https://news.example/a/1"),
    ("https://news.example/a/1#comments", "https://news.example/a/1"),
    ("https://news.example:443/a/1?id=7&fbclid=xyz", "https://news.example/a/1?id=7"),
    ("http://news.example:8080/a?page=2", "http://news.example:8080/a?page=2"),
    ("https://news.example", "https://news.example/"),
])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_id_is_stable_and_ignores_tracking_tags():
    one = article_id("https://news.example/a/1?utm_campaign=x", "text one")
    assert one == article_id("https://news.example/a/1", "other text")
    assert one == Article.make_id("https://news.example/a/1", "")
    assert article_id(None, STORY) == article_id(None, STORY) != article_id(None, STORY + " ")


def test_unique_turns_a_repeat_into_a_duplicate_record():
    a = Article(id="a", text=STORY, url="https://news.example/a")
    items = list(unique([a, Skipped("x", "no_text", "m"), a]))
    assert items[:2] == [a, Skipped("x", "no_text", "m")]
    assert items[2].reason == "duplicate" and items[2].article_id == "a"


def test_near_identical_wire_copies_are_linked_and_others_are_not():
    pytest.importorskip("trafilatura")
    from eventcoder.clean import clean_article

    def page(name):
        [article] = read_source(FIXTURES / "html" / name, "html")
        return clean_article(article)

    original, copy = page("grain-deal-meridian.html"), page("grain-deal-syndicated.html")
    linker = WireLinker()
    for name in ("grain-deal-meridian.html", "port-ceasefire.html", "ministers-water-talks.html"):
        other = page(name)
        assert linker.link(other.id, other.text) is None
    link = linker.link(copy.id, copy.text)
    assert link is not None and (link.article_id, link.original_id) == (copy.id, original.id)
    assert link.similarity >= 0.8


def test_signatures_are_the_same_on_every_run():
    assert minhash(STORY) == minhash(STORY)
    assert similarity(minhash(STORY), minhash(STORY.replace("Tuesday", "Monday"))) > 0.7
    assert similarity(minhash(STORY), minhash("Protesters marched in the capital " * 5)) < 0.2


def test_linker_remembers_across_restarts_and_forgets_the_oldest():
    first = WireLinker(memory=2)
    first.link("a", STORY)
    restarted = WireLinker(known=first.known())
    assert restarted.link("b", STORY + " Reuters contributed.").original_id == "a"
    small = WireLinker(memory=1)
    small.link("a", STORY)
    small.link("c", "Completely different words about harvest festivals and markets " * 3)
    assert small.link("d", STORY) is None  # "a" was forgotten


def test_short_texts_are_never_linked():
    linker = WireLinker()
    linker.link("a", "Talks resumed on Monday.")
    assert linker.link("b", "Talks resumed on Monday.") is None
