"""One settings object: shipped defaults < user file < environment < flags."""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventcoder.errors import ConfigError

ENV_PREFIX = "EVENTCODER_"


def _read_yaml(path: Path | Any) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"settings file {path} must hold a mapping")
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _from_env(environ: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name or name == "EVENTCODER_SETTINGS":
            continue
        section, key = name[len(ENV_PREFIX):].lower().split("__", 1)
        out.setdefault(section, {})[key] = yaml.safe_load(raw)
    return out


def _user_file(environ: dict[str, str]) -> Path | None:
    if environ.get("EVENTCODER_SETTINGS"):
        return Path(environ["EVENTCODER_SETTINGS"])
    path = Path.home() / ".config" / "eventcoder" / "settings.yaml"
    return path if path.exists() else None


def load_settings(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The merged settings as a nested dict (read-only by convention)."""
    settings = _read_yaml(resources.files("eventcoder") / "data" / "settings.yaml")
    user = _user_file(dict(os.environ))
    if user is not None:
        settings = _merge(settings, _read_yaml(user))
    settings = _merge(settings, _from_env(dict(os.environ)))
    return _merge(settings, overrides or {})


@lru_cache(maxsize=1)
def default_settings() -> dict[str, Any]:
    return load_settings()
