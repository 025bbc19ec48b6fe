"""Shared fixtures: one pipeline per test session (the spaCy model loads once),
and the ../shared folder, which tests skip cleanly without."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "fixtures" / "seed"
DEV = SHARED / "data" / "dev"


@pytest.fixture(scope="session")
def pipeline():
    from eventcoder.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SEED / "sana-lavrov-moallem.txt"
    if not path.exists():
        pytest.skip("../shared/fixtures/seed is not here")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    import yaml

    path = SEED / "expected.yaml"
    if not path.exists():
        pytest.skip("../shared/fixtures/seed is not here")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_result(pipeline, seed_text, seed_expected):
    from eventcoder.pipeline import code_article
    from eventcoder.records import Article, parse_when

    article = Article(id="seed", text=seed_text, publisher=seed_expected.get("publisher"),
                      published=parse_when(str(seed_expected["published"])))
    return code_article(article, pipeline)


def dev_file(name: str) -> Path:
    path = DEV / name
    if not path.exists():
        pytest.skip(f"development data {name} is not here")
    return path
