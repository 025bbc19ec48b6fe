"""PETRARCH/TABARI dictionary import: the converter on small hand-written
dictionaries, and PETRARCH's own 284 unit-test records coded with its
validation dictionaries as a regression test of the coder's mechanics."""

from __future__ import annotations

import json
import signal
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import DEV, dev_file
from eventcoder.cli import main
from eventcoder.dictionaries import convert_petrarch
from eventcoder.errors import KnowledgeError
from eventcoder.knowledge import load_knowledge

FLOORS = yaml.safe_load((Path(__file__).parent / "quality_floors.yaml").read_text())

VERBS = """\
<!-- a tiny verb dictionary -->
&TIETYPES
+MILITARY
+ECONOMIC
+AUSTRIAN FLORIN

--- RESTORE  [064] ---
RESTORE    # a comment
- * &TIETYPES TIES  [062]
- * TIES WITH +  [064]
- NOT *  [112]
- * THE FULL  [xxy]
- * CARD  [---]

--- LEFT  [032:033] ---
LEFT

--- BREAK  [161] ---
BREAK { BROKE BROKEN }
+BREAK_DOWN
WIRE_+TAP  [1711]
- * IN ^ +  [075]
- * AT ^ WITH +  [043]
- + WAS_ * FROM $  [071]
"""

ACTORS = """\
<!-- fictional actors
     spanning two lines -->
ARNOR_  [ARN]
+MINAS_TIRITH
GOLLUM  # pas
+SMEAGOL
    [HOB < 950601]
    [HOBGOV 19950601 - 19990815]
    [HOBREB > 990816]
THE_SHIRE  [FRO/BIL/SAM]
ISRAEL [ISR]
BOROMIR  [---]
ISILDUR  [+++]
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
FOREIGN_MINISTER [~GOVFRM]
ARMED_FORCES {} [~MIL]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS!PERSON! [~LEG]
MSF {} [NGO~]
TOP_MUSLIM [~MUS]
GOLDEN_GOOSE [~GGS]
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    src = tmp_path_factory.mktemp("petrarch_src")
    out = tmp_path_factory.mktemp("petrarch_kb")
    report = convert_petrarch(out, verbs=_write(src, "t.verbs", VERBS),
                              actors=_write(src, "t.actors", ACTORS),
                              agents=_write(src, "t.agents", AGENTS))
    return out, report


def _pattern_lines(out: Path) -> list[str]:
    text = (out / "verbs" / "petrarch_verbs.tsv").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("line", [
    "064\trestore",                       # the block's code on the bare verb
    "062\trestore ~tietypes ties",        # synset -> word class
    "064\trestore ties +with",            # '+' after a preposition -> +with
    "112\trestore not",
    "032\tleave",                         # LEFT filed under its lemma, [032:033] -> 032
    "161\tbreak down",                    # +BREAK_DOWN: verb 'break', particle 'down'
    "1711\ttap wire",                     # WIRE_+TAP: verb 'tap'
    "075\tbreak in",                      # 'IN ^ +': the target is past the skipped phrase
    "043\tbreak at +with",
    "071\tbreak from",                    # WAS dropped, $ dropped
])
def test_verb_patterns_convert(converted, line):
    assert line in _pattern_lines(converted[0])


def test_unusable_verb_codes_are_skipped_and_counted(converted):
    out, report = converted
    lines = _pattern_lines(out)
    assert not any(line.startswith(("xxy", "---", "033")) for line in lines)
    assert report.skipped["verbs: not a CAMEO code (WEIS or local codes)"] >= 1
    assert any("coded [---]" in key for key in report.skipped)
    assert any("paired code" in key for key in report.adjusted)
    assert "verbs/petrarch_verbs.tsv" in report.text()


def test_synsets_become_word_classes(converted):
    classes = yaml.safe_load((converted[0] / "verbs" / "classes_petrarch.yaml").read_text())
    assert classes["tietypes"] == ["military", "economic", "florin"]


def test_actors_convert_with_aliases_and_dated_roles(converted):
    entities = yaml.safe_load((converted[0] / "actors" / "petrarch_actors.yaml").read_text())
    by_name = {e["name"]: e for e in entities}
    assert by_name["Arnor"]["code"] == "ARN"
    assert by_name["Arnor"]["aliases"] == ["Minas Tirith"]
    assert by_name["Shire"]["code"] == "FRO"               # THE_ dropped, first of A/B/C kept
    assert by_name["Boromir"]["code"] is None              # [---]: known, never coded
    assert "Israel" not in by_name and "Isildur" not in by_name
    gollum = by_name["Gollum"]
    assert gollum["aliases"] == ["Smeagol"] and len(gollum["roles"]) == 3


@pytest.mark.parametrize("when,code", [
    (date(1994, 1, 1), "HOB"), (date(1997, 1, 1), "HOBGOV"), (date(2005, 1, 1), "HOBREB"),
])
def test_dated_codes_follow_the_date(converted, when, code):
    kb = load_knowledge([str(converted[0])])
    role = kb.entities["gollum"].role_on(when)
    assert (role.igo or f"{role.country}{role.sector}") == code


def test_agents_expand_plurals_and_substitutions(converted):
    kb = load_knowledge([str(converted[0])])
    assert kb.agents["foreign minister"].code == "GOVFRM"
    assert kb.agents["foreign ministers"].code == "GOVFRM"
    assert kb.agents["attorneys general"].code == "GOV"
    assert "armed forceses" not in kb.agents
    assert kb.agents["congressman"].kind == "person"
    assert kb.agents["congresswoman"].code == "LEG"
    assert kb.agents["msf"].code == "NGO"
    assert kb.agents["top muslim"].code == "RELMUS"
    assert "golden goose" not in kb.agents


def test_converted_folder_loads_as_user_knowledge(converted):
    kb = load_knowledge([str(converted[0])])
    restore = {p.words: p for p in kb.verb_patterns["restore"]}
    assert restore[("ties", "with")].target_prep == "with"
    assert "military" in kb.classes["tietypes"]


@pytest.mark.parametrize("kind,text,line", [
    ("verbs", "--- MEET [031] ---\nMEET\n- * TALKS\n", 3),                  # no [code]
    ("verbs", "- * TALKS [031]\n", 1),                                     # before any verb
    ("verbs", "--- MEET [031] ---\nMEET\n- TALKS [031]\n", 3),             # no '*'
    ("actors", "+ALIAS\nARNOR [ARN]\n", 1),                                # alias first
    ("actors", "ARNOR\n    [ARN 950601-99]\n", 2),                         # bad date
    ("actors", "ARNOR [ARN\n", 1),                                         # unclosed [
    ("agents", "OFFICIAL ~GOV\n", 1),                                      # no [code]
    ("agents", "!MINST!_OF_WALKS [~GOV]\n", 1),                            # undefined set
])
def test_malformed_dictionary_names_file_and_line(tmp_path, kind, text, line):
    path = _write(tmp_path, f"bad.{kind}", text)
    with pytest.raises(KnowledgeError) as info:
        convert_petrarch(tmp_path / "out", **{kind: path})
    assert f"bad.{kind}:{line}" in str(info.value)


def test_import_petrarch_command(tmp_path, capsys):
    agents = _write(tmp_path, "t.agents", AGENTS)
    out = tmp_path / "kb"
    assert main(["import-petrarch", "--agents", str(agents), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "actors/agents_petrarch.tsv" in printed
    assert "EVENTCODER_KNOWLEDGE__EXTRA_DIRS" in printed
    assert (out / "actors" / "agents_petrarch.tsv").exists()


# ------------------------------------------------------- the unit-test records


class _TookTooLong(BaseException):
    """Not an Exception: the pipeline's per-article guard must not swallow it."""


def _unit_test_records() -> list[dict]:
    records = [json.loads(line) for line in
               dev_file("petrarch2_unittest.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    for record in records:  # PETRARCH writes an empty actor slot as '---'
        for event in record["events"]:
            for side in ("source", "target"):
                if event.get(side) == "---":
                    event[side] = None
    return records


def _evaluate_with_deadline(records: list[dict], pipeline, seconds: int) -> dict:
    from eventcoder.evaluate import evaluate_records

    def _stop(*_):
        raise _TookTooLong

    previous = signal.signal(signal.SIGALRM, _stop)
    signal.alarm(seconds)
    try:
        return evaluate_records(records, level="code", actors="full", pipeline=pipeline)
    except _TookTooLong:
        pytest.fail(f"coding {len(records)} short records took over {seconds} s: the coder "
                    "hangs on one of them")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_petrarch_unit_test_records_hold_their_floor(tmp_path):
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import load_settings

    records = _unit_test_records()
    raw = DEV / "raw"
    if not (raw / "PETR.Validate.verbs.txt").exists():
        pytest.skip("PETRARCH validation dictionaries are not here")
    convert_petrarch(tmp_path, verbs=raw / "PETR.Validate.verbs.txt",
                     actors=raw / "PETR.Validate.actors.txt",
                     agents=raw / "PETR.Validate.agents.txt")
    pipeline = Pipeline(load_settings({"knowledge": {"extra_dirs": [str(tmp_path)]}}))
    report = _evaluate_with_deadline(records, pipeline, seconds=90)
    exact = 1 - len(report["misses"]) / report["records"]
    f1 = report["overall"]["f1"]
    floor = FLOORS["petrarch_unittest"]
    print(f"\npetrarch_unittest: {report['records']} records, exact match {exact:.4f} "
          f"(floor {floor['exact_match']}), F1 {f1:.4f} (floor {floor['f1']}), "
          f"P {report['overall']['precision']:.4f} R {report['overall']['recall']:.4f}")
    assert exact >= floor["exact_match"]
    assert f1 >= floor["f1"]
