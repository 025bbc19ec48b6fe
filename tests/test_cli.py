"""The command line, run as a user runs it: a real process, real files."""

import json
import subprocess
import sys

import pytest

from eventcoder.cli import main

ARTICLE = ("MOSCOW (eventcoder demo) - Russian Foreign Minister Sergei Lavrov discussed by phone "
           "with Syrian Foreign Minister Walid al-Moallem the situation in Syria on Monday.\n")


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventcoder", *args], input=stdin,
                          capture_output=True, timeout=300)


@pytest.fixture()
def article_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_code_prints_a_table(article_file, capsys, pipeline):
    assert main(["code", str(article_file), "--published", "2014-08-25"]) == 0
    out = capsys.readouterr().out
    assert "041" in out and "RUSGOV" in out and "SYRGOV" in out


def test_code_jsonl_has_the_stable_fields(article_file, capsys, pipeline):
    assert main(["code", str(article_file), "--published", "2014-08-25", "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines
    for event in lines:
        for key in ("id", "article_id", "sentence_index", "evidence", "trigger", "source",
                    "target", "cameo", "cameo_root", "quad_class", "goldstein", "plover",
                    "modality", "date", "date_source", "location", "quote", "confidence"):
            assert key in event
        assert set(event["evidence"]) >= {"text", "start", "end"}
        assert set(event["trigger"]) >= {"text", "start", "end"}
        assert set(event["source"]) >= {"text", "name", "code", "country", "sectors", "kind"}
        assert set(event["plover"]) == {"type", "mode", "context"}
        ev, tr = event["evidence"], event["trigger"]
        assert ev["start"] <= tr["start"] < tr["end"] <= ev["end"]
        assert ev["text"][tr["start"] - ev["start"]:tr["end"] - ev["start"]] == tr["text"]


def test_code_json_is_one_array(article_file, capsys, pipeline):
    assert main(["code", str(article_file), "--published", "2014-08-25", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and data[0]["cameo"] == "041"


def test_jsonl_input_carries_article_ids(tmp_path, capsys, pipeline):
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a-1", "text": ARTICLE, "date": "2014-08-25"},
            {"id": "a-2", "text": "Protesters marched in Hong Kong on Sunday."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    assert main(["code", str(path), "--input-format", "jsonl", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    ids = {json.loads(line)["article_id"] for line in captured.out.splitlines()}
    assert "a-1" in ids
    assert "not valid JSON" in captured.err


def test_stdin_is_read(pipeline):
    result = run_cli("code", "-", "--format", "jsonl", stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr
    assert b'"041"' in result.stdout


@pytest.mark.parametrize("content,message", [
    (b"", b"no text"),
    (b"\x00\x01\x02\x03binary\x00" * 50, b"binary"),
    ("Caf\u00e9 ministre a dit".encode("latin-1") * 5, b"not UTF-8"),
])
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run_cli("code", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file_is_a_clear_error(tmp_path):
    result = run_cli("code", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and b"cannot read" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["code", "--bogus"], ["code", "--published", "25/08/2014"],
                                  ["nonsense"]])
def test_bad_options_exit_2_without_traceback(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and b"error" in result.stderr


def test_clean_json_prints_every_article_field(seed_text, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = run_cli("clean", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"id", "text", "title", "dateline", "byline", "raw_offsets", "language"} <= set(data)


def test_demo_codes_the_bundled_articles(capsys, pipeline):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert out.count("== ") >= 5
    assert "(no events)" not in out
