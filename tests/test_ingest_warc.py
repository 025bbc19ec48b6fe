"""WARC and WARC.gz: HTML responses become articles; everything else that a crawl
holds is passed over or recorded, and a cut-off file says so."""

import gzip
from pathlib import Path

import pytest

from eventcoder.ingest import read_source, read_stream
from eventcoder.records import Article, Skipped

pytest.importorskip("warcio")
pytest.importorskip("trafilatura")

ARCHIVE = Path(__file__).parent / "fixtures" / "ingest" / "warc" / "archive.warc.gz"
TRIBUNE = "https://lakeside-tribune.example/world/2024/03/12/port-calder-truce"


def outline(items):
    return [(type(i).__name__, getattr(i, "reason", None)) for i in items]


def test_html_responses_become_articles_and_the_rest_is_recorded():
    items = list(read_source(ARCHIVE, "warc"))
    found = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in found] == [
        TRIBUNE, "https://meridian-daily.example/region/2023/11/07/water-commission"]
    assert found[0].title.startswith("Rival militias") and found[0].byline == "Amina Okafor"
    reasons = [(i.source.split(":", 1)[1], i.reason) for i in items if isinstance(i, Skipped)]
    assert reasons == [
        ("https://lakeside-tribune.example/gallery/spring", "no_text"),
        ("https://lakeside-tribune.example/img/port-calder.jpg", "not_html"),
        ("https://lakeside-tribune.example/missing", "http_status"),
        (TRIBUNE, "revisit"),
    ]


def test_auto_detects_warc_and_reads_it_uncompressed_too(tmp_path):
    plain = tmp_path / "archive"  # no extension: sniffed
    plain.write_bytes(gzip.decompress(ARCHIVE.read_bytes()))
    assert outline(read_source(plain, "auto")) == outline(read_source(ARCHIVE, "warc"))


@pytest.mark.parametrize("share", [0.1, 0.35, 0.5, 0.8, 0.99])
def test_truncated_warc_gz_keeps_earlier_records_and_ends_with_a_skip(share):
    data = ARCHIVE.read_bytes()
    items = list(read_stream(data[: int(len(data) * share)], "cut.warc.gz", "warc"))
    assert items and isinstance(items[-1], Skipped)
    assert items[-1].reason in ("truncated", "malformed_warc")
    whole = outline(read_source(ARCHIVE, "warc"))
    assert outline(items[:-1]) == whole[: len(items) - 1]


@pytest.mark.parametrize("share", [0.02, 0.3, 0.6, 0.97])
def test_truncated_uncompressed_warc_ends_with_a_skip(share):
    data = gzip.decompress(ARCHIVE.read_bytes())
    items = list(read_stream(data[: int(len(data) * share)], "cut.warc", "warc"))
    assert isinstance(items[-1], Skipped) and items[-1].reason in ("truncated", "malformed_warc")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"this is not a web archive at all\n\n", "malformed_warc"),
    (gzip.compress(b"plain text, gzipped, not a WARC\n"), "malformed_warc"),
])
def test_not_a_warc_is_a_clear_skip(data, reason):
    items = list(read_stream(data, "bogus.warc.gz", "warc"))
    assert outline(items) == [("Skipped", reason)]
    assert "bogus.warc.gz" in items[0].message


def test_record_over_the_size_limit_is_skipped():
    from eventcoder.ingest import ReadOptions

    items = list(read_source(ARCHIVE, "warc", options=ReadOptions(max_bytes=1000)))
    assert [i.reason for i in items if isinstance(i, Skipped)].count("too_large") == 2
