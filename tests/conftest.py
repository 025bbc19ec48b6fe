"""Shared fixtures: one pipeline per test session (the spaCy model loads once),
and the ../shared folder, which tests skip cleanly without."""

from __future__ import annotations

import importlib.util
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


# ------------------------------------------------- the local news site (ingest)

FEEDSERVER = Path(__file__).parent / "fixtures" / "ingest" / "feedserver.py"


@pytest.fixture(scope="session")
def feedserver():
    """The small news site of the feed and watch tests (tests/fixtures/ingest)."""
    spec = importlib.util.spec_from_file_location("feedserver", FEEDSERVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def site(feedserver):
    with feedserver.Site() as running:
        yield running


@pytest.fixture()
def fetcher(fetch_settings):
    """A polite HTTP client with the test module's ``fetch_settings``."""
    from eventcoder.ingest.fetch import Fetcher

    with Fetcher(fetch_settings) as client:
        yield client
