"""Readers for files, folders, globs and streams, and what they do with bad input:
each problem is a Skipped record with a reason, and the rest of the batch goes on."""

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from eventcoder.errors import ConfigError, InputError
from eventcoder.ingest import (
    FORMATS,
    FieldNames,
    ReadOptions,
    read_source,
    read_sources,
    read_stream,
)
from eventcoder.ingest.files import guess_format
from eventcoder.records import Article, Skipped

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = ("GENEVA (AP) - The foreign ministers of both countries met on Tuesday to discuss the "
        "border and agreed to meet again next month, officials said.")


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def skips(items):
    return {i.reason for i in items if isinstance(i, Skipped)}


def test_formats_offered():
    assert set(FORMATS) == {"text", "jsonl", "html", "csv", "warc", "auto"}


def test_unknown_format_is_an_error():
    with pytest.raises(InputError, match="unknown input format"):
        list(read_stream(b"x", "x", "docx"))


# ------------------------------------------------------------------ text, folders, globs


def test_text_file_carries_the_given_metadata(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    [article] = read_source(path, url="https://news.example/a", publisher="AP",
                            published="2024-03-12")
    assert article.url == "https://news.example/a" and article.publisher == "AP"
    assert str(article.published) == "2024-03-12"


def test_folder_is_read_sorted_and_hidden_files_are_left_out(tmp_path):
    (tmp_path / "b.txt").write_text(BODY + " B", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY + " A", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01binary")
    found = articles(read_source(tmp_path))
    assert [a.text[-1] for a in found] == ["B", "A"]  # b.txt sorts before sub/a.txt


def test_url_is_not_shared_by_every_file_of_a_folder(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{BODY} {name}", encoding="utf-8")
    found = articles(read_source(tmp_path, url="https://news.example/one"))
    assert len({a.id for a in found}) == 2 and all(a.url is None for a in found)


def test_glob_reads_the_matching_files(tmp_path):
    for name in ("one.txt", "two.txt", "three.md"):
        (tmp_path / name).write_text(f"{BODY} {name}", encoding="utf-8")
    found = articles(read_source(str(tmp_path / "*.txt")))
    assert sorted(a.text.rsplit(" ", 1)[1] for a in found) == ["one.txt", "two.txt"]


def test_glob_matching_nothing_and_missing_file_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="no files match"):
        list(read_source(str(tmp_path / "*.html")))
    with pytest.raises(InputError, match="cannot read"):
        list(read_source(tmp_path / "nope.txt"))


def test_read_sources_records_a_missing_source_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    items = list(read_sources([tmp_path / "missing.txt", good]))
    assert skips(items) == {"not_found"} and len(articles(items)) == 1


def test_stdin_is_read_with_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode())))
    [article] = read_source("-")
    assert article.text == BODY


# ------------------------------------------------------------------ auto


@pytest.mark.parametrize("name,head,fmt", [
    ("a.html", b"", "html"), ("a.HTM", b"", "html"), ("a.txt", b"", "text"),
    ("a.jsonl", b"", "jsonl"), ("a.jsonl.gz", b"", "jsonl"), ("a.csv", b"", "csv"),
    ("a.tsv", b"", "csv"), ("a.warc.gz", b"", "warc"), ("a.warc", b"", "warc"),
    ("noext", b"WARC/1.1\r\n", "warc"), ("noext", b"<!DOCTYPE html><html>", "html"),
    ("noext", b'{"text": "x"}\n', "jsonl"), ("noext", b"Ministers met.", "text"),
    ("noext", gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), "warc"),
])
def test_auto_format_by_name_then_by_content(name, head, fmt):
    assert guess_format(name, head) == fmt


def test_auto_reads_a_mixed_folder():
    pytest.importorskip("trafilatura")
    pytest.importorskip("warcio")
    items = list(read_source(FIXTURES, "auto"))
    found = articles(items)
    assert len(found) >= 12
    assert {"no_text", "not_html", "revisit", "http_status", "missing_column"} <= skips(items)


def test_gzipped_text_and_jsonl_are_opened(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(BODY.encode()))
    line = json.dumps({"id": "g1", "text": BODY}) + "\n"
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(line.encode()))
    found = articles(read_source(tmp_path, "auto"))
    assert [a.text for a in found] == [BODY, BODY] and found[1].id == "g1"


def test_truncated_gzip_keeps_what_was_read_and_records_the_damage(tmp_path):
    lines = "".join(json.dumps({"id": f"t{i}", "text": f"{BODY} {i}"}) + "\n"
                    for i in range(200))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_source(tmp_path / "cut.jsonl.gz", "auto"))
    assert isinstance(items[-1], Skipped) and items[-1].reason == "truncated"
    assert "truncated" in items[-1].message and 0 < len(articles(items)) < 200


def test_truncated_gzip_stream_is_a_skip():
    data = gzip.compress(BODY.encode() * 50)
    [item] = read_stream(data[:40], "<stdin>", "text")
    assert item.reason == "truncated"


# ------------------------------------------------------------------ jsonl


def test_jsonl_bad_rows_are_recorded_and_the_rest_read():
    items = list(read_source(FIXTURES / "tabular" / "bad-rows.jsonl", "jsonl"))
    assert [a.id for a in articles(items)] == ["ok-1", "ok-2"]
    reasons = {i.source.rsplit(":", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons == {"2": "no_text", "3": "bad_field", "4": "binary", "ok-1": "duplicate",
                       "6": "malformed_json", "7": "no_text"}


def test_jsonl_default_field_names_cover_common_exports():
    pytest.importorskip("trafilatura")
    found = {a.id: a for a in read_source(FIXTURES / "tabular" / "articles.jsonl", "jsonl")}
    assert found["wire-0413"].title.startswith("Opposition supporters")  # "headline"
    assert found["wire-0413"].publisher == "Valdora Herald"  # "source"
    assert str(found["wire-0413"].published).startswith("2024-06-14 19:40")  # "published"
    assert "Dockworkers at Brennhaven" in found["wire-0414"].text  # from the "html" field
    assert "Home" not in found["wire-0414"].text


def test_jsonl_line_over_the_size_limit_is_skipped(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "small", "text": BODY}) + "\n"
                    + json.dumps({"id": "big", "text": "word " * 4000}) + "\n", encoding="utf-8")
    items = list(read_source(path, "jsonl", options=ReadOptions(max_bytes=5000)))
    assert [a.id for a in articles(items)] == ["small"] and skips(items) == {"too_large"}


# ------------------------------------------------------------------ csv


def test_csv_with_configured_field_names():
    fields = FieldNames.from_mapping({"id": "doc_key", "title": "story_headline",
                                      "text": "story_text", "url": "story_url",
                                      "date": "story_date", "publisher": "source_name"})
    items = list(read_source(FIXTURES / "tabular" / "newsdb-export.csv", "csv",
                             options=ReadOptions(fields=fields)))
    found = articles(items)
    assert [a.id for a in found] == ["nd-1001", "nd-1002"]
    assert found[0].publisher == "Harbour Press" and str(found[0].published) == "2024-04-03"
    assert "Share this:" in found[0].text  # raw: cleaning is the next stage
    assert {(i.source.rsplit(":", 1)[1], i.reason) for i in items
            if isinstance(i, Skipped)} == {("12", "bad_field"), ("13", "no_text")}


def test_csv_without_a_text_column_is_one_clear_skip():
    [item] = read_source(FIXTURES / "tabular" / "headlines.csv", "csv")
    assert item.reason == "missing_column"
    assert "id, title, url, date" in item.message and "body" in item.message


def test_csv_field_names_from_settings(monkeypatch):
    monkeypatch.setenv("EVENTCODER_INGEST__FIELDS", "{text: story_text, id: doc_key}")
    from eventcoder.settings import load_settings

    options = ReadOptions.from_settings(load_settings())
    found = articles(read_source(FIXTURES / "tabular" / "newsdb-export.csv", "csv",
                                 options=options))
    assert [a.id for a in found] == ["nd-1001", "nd-1002", "nd-1003"]  # its date is not read


def test_unknown_field_name_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown article field 'bodytext'"):
        FieldNames.from_mapping({"bodytext": "x"})


def test_csv_binary_in_a_text_field_and_huge_field(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text('id,text\nok,"' + BODY + '"\nbin,"\x00\x01\x02\x03 PK\x03\x04"\n'
                    'huge,"' + "x" * 300_000 + '"\nafter,"' + BODY + ' again"\n',
                    encoding="utf-8")
    items = list(read_source(path, "csv", options=ReadOptions(max_bytes=200_000)))
    assert [a.id for a in articles(items)] == ["ok", "after"]
    assert skips(items) == {"binary", "too_large"}


# ------------------------------------------------------------------ html


def test_html_page_with_no_body_is_skipped():
    pytest.importorskip("trafilatura")
    [item] = read_source(FIXTURES / "html" / "no-body.html", "html")
    assert isinstance(item, Skipped) and item.reason == "no_text"
    assert "no article text" in item.message


@pytest.mark.parametrize("data", [b"", b"   \n", b"<html></html>", b"\x00\x01\x02binary"])
def test_empty_or_broken_html_is_skipped(data):
    pytest.importorskip("trafilatura")
    [item] = read_stream(data, "page.html", "html")
    assert isinstance(item, Skipped) and item.reason in ("no_text", "malformed_html")


def test_html_metadata_is_read():
    pytest.importorskip("trafilatura")
    [article] = read_source(FIXTURES / "html" / "port-ceasefire.html", "html")
    assert article.byline == "Amina Okafor" and article.publisher == "The Lakeside Tribune"
    assert article.url == "https://lakeside-tribune.example/world/2024/03/12/port-calder-truce"
    assert article.text.startswith("Rival militias agree truce")  # the headline leads


# ------------------------------------------------------------------ size


def test_a_50_mb_article_is_skipped_not_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write((BODY + "\n").encode() * (50_000_000 // (len(BODY) + 1) + 1))
    items = list(read_sources([path, FIXTURES / "text" / "grain-deal-scraped.txt"]))
    assert isinstance(items[0], Skipped) and items[0].reason == "too_large"
    assert "ingest.max_bytes" in items[0].message
    assert isinstance(items[1], Article)


def test_non_utf8_text_is_a_skip_with_a_hint(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre a parlé à la presse.".encode("latin-1"))
    [item] = read_source(path)
    assert item.reason == "encoding" and "iconv" in item.message


def test_the_same_article_twice_is_read_once(tmp_path):
    for name in ("a.txt", "copy-of-a.txt"):
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    items = list(read_source(tmp_path))
    assert len(articles(items)) == 1 and skips(items) == {"duplicate"}
