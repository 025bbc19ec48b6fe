"""The nlp stage: one spaCy pipeline per process, loaded on first use."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventcoder.errors import ModelError
from eventcoder.nlp.components import PARAGRAPH_BREAKS

# The coder needs the parser (syntax), tagger/lemmatizer (pattern lemmas) and
# NER (mentions); nothing else ships in the small model.


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Any:
    """Load the spaCy pipeline ``model`` once per process."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed; install the project "
            f"(pip install -e .) or set nlp.model to an installed English pipeline"
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    _split_dashes(nlp)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def _split_dashes(nlp: Any) -> None:
    """ "support from Moscow and Beijing-- which ...": a double hyphen written for a
    dash ends the word before it (the default rules leave "Beijing--" whole)."""
    from spacy.util import compile_suffix_regex

    suffixes = [*nlp.Defaults.suffixes, r"-{2,}"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
