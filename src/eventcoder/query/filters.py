"""Event filters: one frozen record, turned into a parameterised WHERE clause.

The SQL text is built only from the fragments written here; every value a
user gives travels as a parameter, so a filter value can never change the
query's meaning (``--actor "x' OR 1=1 --"`` looks for an actor by that name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from eventcoder.errors import ConfigError

_SIDES = ("source", "target")


@dataclass(frozen=True)
class EventFilter:
    """Which reports to keep; every field is optional and they combine with AND.

    >>> EventFilter(actor="Lavrov", root=("04",), since="2014-08-01").where()[0]  # doctest: +SKIP
    """

    actor: str | None = None          # either side: name contains, code starts with, or id
    source: str | None = None         # the source actor, matched like ``actor``
    target: str | None = None         # the target actor, matched like ``actor``
    country: str | None = None        # either side's ISO alpha-3 country
    sector: str | None = None         # either side has this sector code (GOV, REB ...)
    dyad: tuple[str, str] | None = None  # (source, target), each matched like ``actor``
    undirected: bool = False          # the dyad matches in both directions
    cameo: tuple[str, ...] = ()       # CAMEO code prefixes: "04" all consults, "042" one code
    root: tuple[str, ...] = ()        # CAMEO roots, exactly
    plover: tuple[str, ...] = ()      # PLOVER types
    quad_class: tuple[int, ...] = ()  # 1..4
    modality: tuple[str, ...] = ()
    since: date | None = None         # event date on or after
    until: date | None = None         # event date on or before
    location: str | None = None       # place name, admin1 name or ISO alpha-3 country
    near: tuple[float, float, float] | None = None  # (lat, lon, km): located within km
    publisher: str | None = None
    text: str | None = None           # words that must all be in the evidence sentence
    article_id: str | None = None
    run_id: int | None = None

    def __post_init__(self) -> None:
        for name in ("cameo", "root", "plover", "modality"):
            object.__setattr__(self, name, _strings(getattr(self, name)))
        object.__setattr__(self, "quad_class", tuple(int(q) for q in _strings(self.quad_class)))
        object.__setattr__(self, "plover", tuple(p.upper() for p in self.plover))
        for name in ("since", "until"):
            object.__setattr__(self, name, _as_date(getattr(self, name), name))
        if self.dyad is not None:
            object.__setattr__(self, "dyad", _pair(self.dyad))
        if self.near is not None:
            object.__setattr__(self, "near", _near(self.near))

    @classmethod
    def from_kwargs(cls, **filters: Any) -> EventFilter:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(filters) - known)
        if unknown:
            raise ConfigError(
                f"unknown filter {unknown[0]!r}; use some of {', '.join(sorted(known))}")
        return cls(**{k: v for k, v in filters.items() if v is not None})

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (without the keyword) and its parameters."""
        parts: list[tuple[str, list[Any]]] = []
        for build in _BUILDERS:
            parts.extend(build(self))
        if not parts:
            return "TRUE", []
        return " AND ".join(f"({sql})" for sql, _ in parts), [p for _, ps in parts for p in ps]


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[object] = value.split(",")
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [value]  # one number: quad_class=4
    return tuple(str(v).strip() for v in items if str(v).strip())


def _pair(value: object) -> tuple[str, str]:
    parts = _strings(value.replace(":", ",") if isinstance(value, str) else value)
    if len(parts) != 2:
        raise ConfigError(f"a dyad is two actors, SOURCE:TARGET (got {value!r})")
    return parts[0], parts[1]


def _as_date(value: object, name: str) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value  # type: ignore[return-value]
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"bad {name} date {value!r}: use YYYY-MM-DD") from None


def _like(value: str) -> str:
    """Escape LIKE's wildcards, so user text matches only itself."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_clause(side: str, value: str) -> tuple[str, list[Any]]:
    """One side (a constant, never user input) matches an actor by name, code or id."""
    assert side in _SIDES
    sql = (f"lower({side}_name) LIKE ? ESCAPE '\\' OR {side}_code LIKE ? ESCAPE '\\' "
           f"OR {side}_entity_id = ?")
    return sql, [f"%{_like(value.lower())}%", f"{_like(value.upper())}%", value]


def _any_of(column: str, values: Iterable[Any]) -> tuple[str, list[Any]]:
    values = list(values)
    return f"{column} IN ({', '.join('?' for _ in values)})", values


def _actors(f: EventFilter) -> list[tuple[str, list[Any]]]:
    out = []
    if f.actor:
        (s, sp), (t, tp) = actor_clause("source", f.actor), actor_clause("target", f.actor)
        out.append((f"{s} OR {t}", sp + tp))
    for side in _SIDES:
        if getattr(f, side):
            out.append(actor_clause(side, getattr(f, side)))
    if f.dyad:
        out.append(_dyad(*f.dyad, f.undirected))
    if f.country:
        out.append(("source_country = ? OR target_country = ?", [f.country.upper()] * 2))
    if f.sector:
        out.append(("list_contains(source_sectors, ?) OR list_contains(target_sectors, ?)",
                    [f.sector.upper()] * 2))
    return out


def _dyad(a: str, b: str, undirected: bool) -> tuple[str, list[Any]]:
    (s, sp), (t, tp) = actor_clause("source", a), actor_clause("target", b)
    sql, params = f"({s}) AND ({t})", sp + tp
    if undirected:
        (s2, sp2), (t2, tp2) = actor_clause("source", b), actor_clause("target", a)
        sql, params = f"({sql}) OR (({s2}) AND ({t2}))", params + sp2 + tp2
    return sql, params


def _codes(f: EventFilter) -> list[tuple[str, list[Any]]]:
    out = []
    if f.cameo:
        out.append((" OR ".join("starts_with(cameo, ?)" for _ in f.cameo), list(f.cameo)))
    for column, values in (("cameo_root", f.root), ("plover_type", f.plover),
                           ("quad_class", f.quad_class), ("modality", f.modality)):
        if values:
            out.append(_any_of(column, values))
    return out


def _when_where(f: EventFilter) -> list[tuple[str, list[Any]]]:
    out = []
    if f.since:
        out.append(("date >= ?", [f.since]))
    if f.until:
        out.append(("date <= ?", [f.until]))
    if f.location:
        out.append(("lower(location_name) = lower(?) OR lower(location_admin1) = lower(?) "
                    "OR location_country = upper(?)", [f.location] * 3))
    if f.near:
        lat, lon, km = f.near  # great-circle distance, earth radius 6371 km
        out.append(("lat IS NOT NULL AND 2 * 6371 * asin(sqrt(pow(sin(radians(lat - ?) / 2), 2)"
                    " + cos(radians(?)) * cos(radians(lat)) * pow(sin(radians(lon - ?) / 2), 2)"
                    ")) <= ?", [lat, lat, lon, km]))
    return out


def _near(value: Any) -> tuple[float, float, float]:
    """'36.2,37.15,50' or a (lat, lon, km) triple."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        lat, lon, km = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise ConfigError(f"--near wants LAT,LON,KM (e.g. 36.2,37.15,50), not {value!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise ConfigError(f"--near {value!r}: latitude, longitude or radius out of range")
    return lat, lon, km


def _provenance(f: EventFilter) -> list[tuple[str, list[Any]]]:
    out = []
    if f.publisher:
        out.append(("lower(publisher) = lower(?)", [f.publisher]))
    for word in (f.text or "").split():
        out.append(("evidence ILIKE ? ESCAPE '\\'", [f"%{_like(word)}%"]))
    if f.article_id:
        out.append(("article_id = ?", [f.article_id]))
    if f.run_id is not None:
        out.append(("run_id = ?", [int(f.run_id)]))
    return out


_BUILDERS = (_actors, _codes, _when_where, _provenance)
