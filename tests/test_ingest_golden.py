"""Golden cleaning cases (tests/fixtures/ingest/golden.yaml): realistic pages,
scraped texts, a WARC and tabular exports, each with snippets that must and
must not survive ingest and cleaning."""

from pathlib import Path

import pytest
import yaml

from eventcoder.clean import clean_article
from eventcoder.ingest import FieldNames, ReadOptions, read_source
from eventcoder.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "golden.yaml").read_text(encoding="utf-8"))


def _needs(case: dict) -> None:
    needs = list(case.get("needs", ()))
    needs += {"html": ["trafilatura"], "warc": ["trafilatura", "warcio"]}.get(case["format"], [])
    for module in needs:
        pytest.importorskip(module)


def _article(case: dict) -> Article:
    _needs(case)
    options = ReadOptions(fields=FieldNames.from_mapping(case.get("fields")))
    items = list(read_source(FIXTURES / case["file"], case["format"], options=options))
    articles = [i for i in items if isinstance(i, Article)]
    if "select" in case:
        articles = [a for a in articles if case["select"] in (a.id, a.url)]
    assert articles, f"no article read from {case['file']}: {items}"
    return clean_article(articles[0])


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c.get('select', '')}" for c in CASES])
def test_golden_snippets(case):
    article = _article(case)
    for snippet in case.get("must", ()):
        assert snippet in article.text, f"lost: {snippet!r}"
    for snippet in case.get("must_not", ()):
        assert snippet not in article.text, f"kept: {snippet!r}"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c.get('select', '')}" for c in CASES])
def test_golden_metadata(case):
    article = _article(case)
    assert article.title == case["title"]
    for key in ("byline", "publisher"):
        if key in case:
            assert getattr(article, key) == case[key]
    if "published" in case:
        assert str(article.published)[:10] == case["published"]
    if "dateline" in case:
        assert article.dateline is not None
        assert article.dateline.place == case["dateline"]["place"]
        assert article.dateline.agency == case["dateline"]["agency"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c.get('select', '')}" for c in CASES])
def test_golden_offsets_point_into_what_was_ingested(case):
    _needs(case)
    options = ReadOptions(fields=FieldNames.from_mapping(case.get("fields")))
    raw = [i for i in read_source(FIXTURES / case["file"], case["format"], options=options)
           if isinstance(i, Article) and case.get("select", i.id) in (i.id, i.url)][0]
    article = clean_article(raw)
    for clean_start, raw_start, length in article.raw_offsets:
        piece = raw.text[raw_start:raw_start + length].replace("\n", " ")
        assert piece == article.text[clean_start:clean_start + length]
