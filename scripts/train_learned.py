"""Fit the learned fallback's similarity threshold; writes
src/eventcoder/data/models/minilm_fallback.json.

The coder itself is not trained: it compares a verb's phrase with the
project's own verb patterns (see docs/learned.md). What is fitted is the one
number that decides between "code the nearest pattern" and "code nothing".
For that, every verb the fallback is asked about in the *train* split of the
ConfliBERT CAMEO sentences (../shared/data/dev, 5-way class: 0 neutral, 1-4
quad class) is scored: right when the nearest pattern's class is the
sentence's class. The threshold kept is the one with the most right minus
wrong answers above it, so every event the fallback adds is more likely right
than wrong on that data. The same is then reported on the test split.

Deterministic: same data, dictionaries and model give the same file.

    .venv/bin/python scripts/train_learned.py [--data ../shared/data/dev]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from eventcoder import actors, events
from eventcoder.classify import LearnedCoder, Params
from eventcoder.knowledge import knowledge
from eventcoder.nlp import load_nlp
from eventcoder.ontology import cameo
from eventcoder.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventcoder" / "data" / "models" / "minilm_fallback.json"
GRID = [round(0.40 + 0.01 * i, 2) for i in range(56)]


@dataclass(frozen=True)
class Asked:
    """One verb the fallback was asked about: its best similarity and whether
    the nearest pattern's class is the sentence's class."""

    similarity: float
    right: bool


def five_way(code: str) -> str:
    """ConfliBERT's class of a CAMEO code: 0 for neutral (roots 01-02), else quad class."""
    return "0" if code[:2] in ("01", "02") else str(cameo(code).quad_class)


def read_split(path: Path, split: str) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if (r.get("meta") or {}).get("split") == split]


def asked_on(rows: list[dict], coder: LearnedCoder) -> list[Asked]:
    """Run the rule coder over ``rows``, recording each fallback question."""
    settings = load_settings()
    nlp, kb = load_nlp(settings["nlp"]["model"]), coder_kb()
    out: list[Asked] = []
    for row in rows:
        def record(verb, label=str(row["labels"][0])):
            found = coder.neighbour_of(verb)
            if found is not None:
                out.append(Asked(found.similarity, five_way(found.code) == label))
            return None
        doc = nlp(row["text"])
        mentions = actors.find_mentions(doc, None, kb, nlp)
        events.code_doc(doc, mentions, str(row["id"]), kb, fallback=record)
    return out


def coder_kb():
    return knowledge(())


def best_threshold(asked: list[Asked]) -> float:
    """The grid value with the most right minus wrong answers at or above it."""
    def net(t: float) -> int:
        return sum(1 if a.right else -1 for a in asked if a.similarity >= t)
    return max(GRID, key=lambda t: (net(t), -t))


def summary(asked: list[Asked], threshold: float) -> dict[str, float | int]:
    kept = [a for a in asked if a.similarity >= threshold]
    right = sum(a.right for a in kept)
    return {"asked": len(asked), "coded": len(kept), "right": right,
            "precision": round(right / len(kept), 3) if kept else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    args = parser.parse_args()
    path = args.data / "conflibert_cameo_class.jsonl"
    coder = LearnedCoder(coder_kb(), Params(min_similarity=1.0))
    train = asked_on(read_split(path, "train"), coder)
    threshold = best_threshold(train)
    test = asked_on(read_split(path, "test"), coder)
    result = {"model": "all-MiniLM-L6-v2", "min_similarity": threshold,
              "fitted_on": "conflibert_cameo_class train split (five-way class agreement)",
              "train": summary(train, threshold), "test": summary(test, threshold)}
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
