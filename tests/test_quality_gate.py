"""The quality gate: scores on the development data may not drop below the
floors pinned in quality_floors.yaml. Raise a floor when the coder improves;
lower one only in a commit that says why."""

from pathlib import Path

import pytest
import yaml

from conftest import dev_file
from eventcoder.evaluate import evaluate_records, read_gold

FLOORS = yaml.safe_load((Path(__file__).parent / "quality_floors.yaml").read_text())


@pytest.mark.parametrize("name,level,actors,metric", [
    ("petr2_gsr_validation", "root", "country", "f1"),
    ("petr2_gsr_validation", "code", "full", "f1"),
    ("plover_gsr", "plover", "any", "macro_f1"),
    ("plover_gsr", "plover", "country", "f1"),
])
def test_development_scores_hold(pipeline, name, level, actors, metric):
    records = read_gold(dev_file(f"{name}.jsonl"))
    report = evaluate_records(records, level=level, actors=actors, pipeline=pipeline)
    score = report["macro_f1"] if metric == "macro_f1" else report["overall"]["f1"]
    floor = FLOORS[name][f"{level}_{actors}_{metric}"]
    print(f"{name} {level}/{actors} {metric} = {score:.4f} (floor {floor})")
    assert score >= floor


def test_event_location_accuracy_holds(pipeline):
    from eventcoder.evaluate.locations import score_locations

    records = read_gold(dev_file("event_location.jsonl"))
    report = score_locations(records, pipeline.nlp)
    floor = FLOORS["event_location"]["accuracy"]
    print(f"event_location accuracy = {report['accuracy']:.4f} (floor {floor})")
    assert report["accuracy"] >= floor


def test_entity_scores_hold(pipeline):
    from eventcoder.evaluate import code_records
    from eventcoder.evaluate.entities import score_entities

    records = read_gold(dev_file("re3d.jsonl"))
    report = score_entities(records, code_records(records, pipeline))
    floor = FLOORS["re3d"]["strict_f1"]
    print(f"re3d entities strict F1 = {report['overall']['f1']:.4f} (floor {floor})")
    assert report["overall"]["f1"] >= floor
