"""The knowledge registry: every dictionary the coder reads, loaded in one place.

Built-in files come first, then each folder in ``knowledge.extra_dirs`` (the
user's), so a user's entry with the same key overrides ours. Formats are in
``docs/knowledge.md`` and ``docs/verb-patterns.md``.

>>> kb = knowledge()
>>> kb.countries["SYR"].name
'Syria'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventcoder.errors import KnowledgeError
from eventcoder.settings import default_settings

SECTORS = frozenset(
    "GOV MIL REB OPP PTY COP JUD LEG SPY MED JRN BUS CVL REF LAB EDU REL IGO NGO HLH AGR CRM "
    "ELI MOD RAD UAF IMG INS SEP".split()
)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    country: str | None
    sector: str
    title: str | None
    start: date | None
    end: date | None
    igo: str | None = None

    def in_force(self, when: date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Entity:
    """A named actor of the knowledge base: a person, organisation or group."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    code: str | None = None
    country: str | None = None
    sectors: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def role_on(self, when: date | None) -> Role | None:
        """The role in force on ``when``; failing that, the nearest one."""
        if not self.roles:
            return None
        current = [r for r in self.roles if r.in_force(when)]
        if current:
            return max(current, key=lambda r: r.start or date.min)
        if when is None:
            return max(self.roles, key=lambda r: r.start or date.min)
        earlier = [r for r in self.roles if r.start is None or r.start <= when]
        pool = earlier or list(self.roles)
        return max(pool, key=lambda r: r.start or date.min)


@dataclass(frozen=True)
class Agent:
    """A word that gives a sector. ``code`` may be longer than the sector
    (PETRARCH's GOVFRM); its first three letters are the sector."""

    phrase: str
    code: str
    kind: str
    title: str | None = None

    @property
    def sector(self) -> str:
        return self.code[:3]


@dataclass(frozen=True)
class Pattern:
    code: str
    head: str
    words: tuple[str, ...]
    target_prep: str | None
    no_target: bool
    source: str
    order: int
    layer: int = 0  # 0 for ours; user folders count up and are tried first
    source_prep: str | None = None  # "-from": the source is this preposition's object

    @property
    def specificity(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Transforms:
    """Intended and refused events: root -> code (data/verbs/transforms.yaml)."""

    intent_heads: frozenset[str]
    intent: dict[str, str]
    refusal: dict[str, str]
    demand_aux: frozenset[str] = frozenset()
    demand: dict[str, str] = field(default_factory=dict)
    dyadic: frozenset[str] = frozenset()  # roots that are no event without a target
    appeal: str | None = None  # "X wants Y to <event>": an appeal from X to Y
    mutual: frozenset[str] = frozenset()  # verbs "X and Y <verb>" make each other's
    demand_heads: frozenset[str] = frozenset()  # "demanded that X <event>": only asked for
    holdings: frozenset[str] = frozenset()  # "rebel positions": the rebels' places
    accusation: str | None = None  # "X said Y attacked Z": X accuses Y
    denial_heads: frozenset[str] = frozenset()  # "denied that X attacked Y": not done
    denial: str | None = None  # the code of the denial itself (016)
    claim_nouns: frozenset[str] = frozenset()  # "allegations that X attacked Y": reported
    protesters: frozenset[str] = frozenset()  # "rioters burned ...": a violent protest
    riot: str | None = None  # the code of a violent protest (145)
    repression: str | None = None  # force used on protesters (175)
    arms: dict[str, str] = field(default_factory=dict)  # word class -> code of its attack
    documents: frozenset[str] = frozenset()  # "a Rwandan report alleged": Rwanda did
    # "is due to visit": the visit, future; word -> the voice it counts in (any,
    # active, passive)
    schedule_heads: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Knowledge:
    countries: dict[str, Country]
    entities: dict[str, Entity]
    agents: dict[str, Agent]
    verb_patterns: dict[str, tuple[Pattern, ...]]
    noun_patterns: dict[str, tuple[Pattern, ...]]
    classes: dict[str, frozenset[str]]
    speech_verbs: frozenset[str]
    transforms: Transforms = field(
        default_factory=lambda: Transforms(frozenset(), {}, {}, frozenset(), {}))
    family_name_first: frozenset[str] = frozenset()  # countries: "Xi Jinping" is Mr Xi
    sources: tuple[str, ...] = field(default=())


def _knowledge_dirs(extra: list[str] | tuple[str, ...]) -> list[Path | Any]:
    dirs: list[Path | Any] = [resources.files("eventcoder") / "data"]
    for folder in extra:
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise KnowledgeError(path, None, "knowledge folder does not exist")
        dirs.append(path)
    return dirs


def _files(root: Path | Any, sub: str, pattern: str) -> list[Any]:
    base = root / sub if sub else root
    if not base.is_dir():
        return []
    found = [p for p in base.iterdir() if p.is_file() and re.fullmatch(pattern, p.name)]
    for child in base.iterdir():
        if child.is_dir():
            found.extend(_files(child, "", pattern))
    return sorted(found, key=lambda p: str(p))


# ---------------------------------------------------------------- countries


def _package_countries() -> tuple[dict[str, dict[str, set[str]]], dict[str, int]]:
    """(names and words by ISO alpha-3, population by ISO alpha-3)."""
    import pycountry
    from countryinfo import all_countries

    table: dict[str, dict[str, set[str]]] = {}
    population: dict[str, int] = {}
    for c in pycountry.countries:
        entry = table.setdefault(c.alpha_3, _empty_country())
        entry["name"] = {getattr(c, "common_name", None) or c.name}
        entry["names"].update(
            n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
            if n
        )
    for info in (ci.info() for ci in all_countries()):
        code = (info.get("ISO") or {}).get("alpha3")
        if code not in table:
            continue
        entry = table[code]
        population[code] = int(info.get("population") or 0)
        entry["names"].update(s for s in info.get("altSpellings") or () if len(s) > 3)
        capital = info.get("capital")
        entry["capitals"].update([capital] if isinstance(capital, str) else capital or ())
        for demonym in re.split(r"[/,]", info.get("demonym") or ""):
            if demonym.strip():
                entry["adjectives"].add(demonym.strip())
                entry["demonyms"].add(demonym.strip())
    return table, population


def _empty_country() -> dict[str, set[str]]:
    return {k: set() for k in ("name", "names", "adjectives", "demonyms", "capitals", "metonyms")}


def _add_extra_countries(table: dict[str, dict[str, set[str]]], path: Any) -> None:
    data = _load_yaml(path) or {}
    if not isinstance(data, dict):
        raise KnowledgeError(path, None, "expected a mapping of ISO alpha-3 codes")
    for code, fields_ in data.items():
        if not re.fullmatch(r"[A-Z]{3}", str(code)) or not isinstance(fields_, dict):
            raise KnowledgeError(path, None, f"bad country entry {code!r}")
        entry = table.setdefault(str(code), _empty_country())
        for key, target in (
            ("names", "names"), ("adjectives", "adjectives"), ("demonyms", "demonyms"),
            ("capitals", "capitals"), ("government_metonyms", "metonyms"),
        ):
            entry[target].update(str(v) for v in fields_.get(key) or ())
        canonical = fields_.get("name") or (fields_.get("names") or [None])[0]
        if canonical:
            entry["name"] = {str(canonical)}


def _countries(dirs: list[Any]) -> dict[str, Country]:
    table, population = _package_countries()
    for root in dirs:
        for path in _files(root, "actors", r"countries.*\.ya?ml"):
            _add_extra_countries(table, path)
    _settle_shared_words(table, population)
    out: dict[str, Country] = {}
    for code, e in table.items():
        name = next(iter(e["name"]), None) or next(iter(sorted(e["names"])), code)
        out[code] = Country(
            code=code,
            name=name,
            names=tuple(sorted(e["names"] | {name})),
            adjectives=tuple(sorted(e["adjectives"])),
            demonyms=tuple(sorted(e["demonyms"] | _plurals(e["demonyms"]))),
            capitals=tuple(sorted(e["capitals"])),
            metonyms=tuple(sorted(e["metonyms"])),
        )
    return out


def _settle_shared_words(table: dict[str, dict[str, set[str]]],
                         population: dict[str, int]) -> None:
    """A word several countries claim ("French": France and the French Southern
    Territories; "British") belongs to the most populous of them only."""
    owners: dict[str, list[str]] = {}
    for code, e in table.items():
        for key in ("names", "adjectives", "demonyms", "capitals"):
            for word in e[key]:
                owners.setdefault(word.lower(), []).append(code)
    for word, codes in owners.items():
        if len(set(codes)) < 2:
            continue
        keep = max(set(codes), key=lambda c: (population.get(c, 0), c))
        for code in set(codes) - {keep}:
            for key in ("names", "adjectives", "demonyms", "capitals"):
                table[code][key] = {w for w in table[code][key] if w.lower() != word}


def _plurals(words: set[str]) -> set[str]:
    out = set()
    for w in words:
        if w.endswith(("ese", "ss", "sh", "ch", "Swiss")):
            continue
        out.add(w + "s")
    return out


# ----------------------------------------------------------------- entities


def _load_yaml(path: Any) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise KnowledgeError(path, line + 1 if line is not None else None, f"not valid YAML: "
                             f"{getattr(exc, 'problem', exc)}") from exc
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot read: {exc}") from exc


def _date(value: Any, path: Any, name: str) -> date | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise KnowledgeError(path, None, f"{name}: bad date {value!r} (use YYYY-MM-DD)") from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _entity(raw: Any, path: Any, index: int) -> Entity:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise KnowledgeError(path, None, f"entry {index + 1}: every entry needs a 'name'")
    name = str(raw["name"])
    roles = []
    for r in raw.get("roles") or ():
        if not isinstance(r, dict) or not r.get("sector"):
            raise KnowledgeError(path, None, f"{name}: every role needs a 'sector'")
        roles.append(Role(
            country=r.get("country"), sector=str(r["sector"]), title=r.get("title"),
            start=_date(r.get("start"), path, name), end=_date(r.get("end"), path, name),
            igo=r.get("igo"),
        ))
    kind = str(raw.get("kind") or ("person" if roles else "organization"))
    return Entity(
        id=str(raw.get("id") or _slug(name)),
        name=name,
        kind=kind,
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        code=raw.get("code"),
        country=raw.get("country"),
        sectors=tuple(raw.get("sectors") or ()),
        roles=tuple(roles),
    )


def _entities(dirs: list[Any]) -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for root in dirs:
        for path in _files(root, "actors", r"(?!countries|name_order).*\.ya?ml"):
            data = _load_yaml(path) or []
            if not isinstance(data, list):
                raise KnowledgeError(path, None, "expected a list of entries")
            for index, raw in enumerate(data):
                entity = _entity(raw, path, index)
                out[entity.id] = _merge_entity(out.get(entity.id), entity)
    return out


def _merge_entity(old: Entity | None, new: Entity) -> Entity:
    """The same person listed in two files keeps every role and alias."""
    if old is None or old.kind != new.kind:
        return new
    roles = tuple(sorted(set(old.roles) | set(new.roles), key=lambda r: r.start or date.min))
    aliases = tuple(dict.fromkeys(old.aliases + new.aliases))
    return Entity(new.id, new.name, new.kind, aliases, new.code or old.code,
                  new.country or old.country, new.sectors or old.sectors, roles)


# ------------------------------------------------------------------- agents


def _read_tsv(path: Any) -> list[tuple[int, list[str]]]:
    rows = []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((number, line.split("\t")))
    return rows


def _agents(dirs: list[Any]) -> dict[str, Agent]:
    out: dict[str, Agent] = {}
    for root in dirs:
        for path in _files(root, "actors", r"agents.*\.tsv"):
            for number, cells in _read_tsv(path):
                if cells[0].strip().lower() == "phrase":
                    continue
                if len(cells) < 2 or cells[1].strip()[:3] not in SECTORS:
                    raise KnowledgeError(path, number, "expected 'phrase<TAB>SECTOR[<TAB>kind"
                                         "<TAB>title]' with a known sector code")
                cells += [""] * (4 - len(cells))
                phrase = " ".join(cells[0].lower().split())
                out[phrase] = Agent(phrase, cells[1].strip(), cells[2].strip() or "group",
                                    cells[3].strip() or None)
    return out


# ----------------------------------------------------------------- patterns

DEFAULT_TARGET_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards",
                        "from", "for", "over", "upon")


def parse_pattern(code: str, text: str, source: str, order: int, layer: int = 0) -> Pattern:
    tokens = text.lower().split()
    if not tokens:
        raise ValueError("empty pattern")
    words: list[str] = []
    target_prep = source_prep = None
    no_target = False
    for tok in tokens[1:]:
        if tok == "+none":
            no_target = True
        elif tok.startswith("+") and len(tok) > 1:
            target_prep = tok[1:]
            words.append(target_prep)
        elif tok.startswith("-") and len(tok) > 1:
            source_prep = tok[1:]
            words.append(source_prep)
        else:
            words.append(tok)
    return Pattern(code, tokens[0], tuple(words), target_prep, no_target, source, order, layer,
                   source_prep)


def _patterns(dirs: list[Any], kind: str, codes: set[str]) -> dict[str, tuple[Pattern, ...]]:
    name_re = r"nouns.*\.tsv" if kind == "noun" else r"(?!nouns).*\.tsv"
    found: dict[tuple[str, tuple[str, ...]], Pattern] = {}
    order = 0
    for layer, root in enumerate(dirs):
        for path in _files(root, "verbs", name_re):
            for number, cells in _read_tsv(path):
                order += 1
                if len(cells) < 2 or cells[0].strip() not in codes:
                    raise KnowledgeError(path, number, "expected 'CAMEO_CODE<TAB>pattern' with a "
                                         "code from the codebook")
                try:
                    pat = parse_pattern(cells[0].strip(), cells[1], f"{path.name}:{number}", order,
                                        layer)
                except ValueError as exc:
                    raise KnowledgeError(path, number, str(exc)) from None
                found[(pat.head, pat.words)] = pat
    by_head: dict[str, list[Pattern]] = {}
    for pat in found.values():
        by_head.setdefault(pat.head, []).append(pat)
    # a user's dictionary speaks first for its verbs, then the most specific pattern
    return {h: tuple(sorted(p, key=lambda x: (-x.layer, -x.specificity, x.order)))
            for h, p in by_head.items()}


def _classes(dirs: list[Any]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for root in dirs:
        for path in _files(root, "verbs", r"classes.*\.ya?ml"):
            data = _load_yaml(path) or {}
            if not isinstance(data, dict):
                raise KnowledgeError(path, None, "expected a mapping of class: [words]")
            for name, words in data.items():
                out.setdefault(str(name), set()).update(str(w).lower() for w in words or ())
    return {k: frozenset(v) for k, v in out.items()}


def _speech(dirs: list[Any]) -> frozenset[str]:
    words: set[str] = set()
    for root in dirs:
        for path in _files(root, "verbs", r"speech.*\.txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip().lower()
                if line:
                    words.add(line)
    return frozenset(words)


# transforms.yaml keys: word lists, single codes and root -> code tables, each
# with the Transforms field it fills.
TRANSFORM_WORDS = {"intent_heads": "intent_heads", "demand_aux": "demand_aux",
                   "mutual_verbs": "mutual", "demand_heads": "demand_heads",
                   "holdings": "holdings", "denial_heads": "denial_heads",
                   "claim_nouns": "claim_nouns", "protesters": "protesters",
                   "documents": "documents"}
TRANSFORM_CODES = {"reported_attack": "accusation", "intent_of_others": "appeal",
                   "denial": "denial", "violent_protest": "riot",
                   "repression": "repression"}
TRANSFORM_TABLES = ("intent", "refusal", "demand")


def _transforms(dirs: list[Any], codes: set[str]) -> Transforms:
    words: dict[str, set[str]] = {f: set() for f in TRANSFORM_WORDS.values()}
    words["dyadic"] = set()
    single: dict[str, str | None] = dict.fromkeys(TRANSFORM_CODES.values())
    tables: dict[str, dict[str, str]] = {name: {} for name in TRANSFORM_TABLES}
    arms: dict[str, str] = {}
    schedule: dict[str, str] = {}
    for root in dirs:
        for path in _files(root, "verbs", r"transforms.*\.ya?ml"):
            data = _load_yaml(path) or {}
            if not isinstance(data, dict):
                raise KnowledgeError(path, None, "expected a mapping")
            for key, name in TRANSFORM_WORDS.items():
                words[name].update(str(w).lower() for w in data.get(key) or ())
            words["dyadic"].update(str(r).zfill(2) for r in data.get("dyadic_roots") or ())
            for key, name in TRANSFORM_CODES.items():
                if data.get(key):
                    single[name] = _known_code(path, key, data[key], codes)
            for name, table in tables.items():
                for key, code in (data.get(name) or {}).items():
                    table[str(key).zfill(2)] = _known_code(path, name, code, codes)
            for key, code in (data.get("arms") or {}).items():
                arms[str(key)] = _known_code(path, "arms", code, codes)
            schedule.update(_voices(path, data.get("schedule_heads") or {}))
    return Transforms(**{name: frozenset(w) for name, w in words.items()}, **single, **tables,
                      arms=arms, schedule_heads=schedule)


VOICES = ("any", "active", "passive")


def _voices(path: Any, table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise KnowledgeError(path, None, "schedule_heads: expected a mapping word -> voice")
    out = {}
    for word, voice in table.items():
        if voice not in VOICES:
            raise KnowledgeError(path, None, f"schedule_heads: {word}: voice {voice!r} is "
                                 f"not one of {', '.join(VOICES)}")
        out[str(word).lower()] = str(voice)
    return out


def _known_code(path: Any, key: str, code: Any, codes: set[str]) -> str:
    if str(code) not in codes:
        raise KnowledgeError(path, None, f"{key}: unknown code {code!r}")
    return str(code)


def _name_order(dirs: list[Any]) -> frozenset[str]:
    codes: set[str] = set()
    for root in dirs:
        for path in _files(root, "actors", r"name_order.*\.ya?ml"):
            data = _load_yaml(path) or {}
            codes.update(str(c).upper() for c in data.get("family_name_first") or ())
    return frozenset(codes)


def load_knowledge(extra_dirs: list[str] | tuple[str, ...] = ()) -> Knowledge:
    """Read every knowledge file: ours first, then each of ``extra_dirs``."""
    from eventcoder.ontology import codebook

    dirs = _knowledge_dirs(extra_dirs)
    codes = set(codebook())
    classes = _classes(dirs)
    transforms = _transforms(dirs, codes)
    unknown = sorted(set(transforms.arms) - set(classes))
    if unknown:
        raise KnowledgeError("transforms.yaml", None, f"arms: unknown word classes {unknown}")
    return Knowledge(
        countries=_countries(dirs),
        entities=_entities(dirs),
        agents=_agents(dirs),
        verb_patterns=_patterns(dirs, "verb", codes),
        noun_patterns=_patterns(dirs, "noun", codes),
        classes=classes,
        speech_verbs=_speech(dirs),
        transforms=transforms,
        family_name_first=_name_order(dirs),
        sources=tuple(str(d) for d in dirs),
    )


@lru_cache(maxsize=4)
def _cached(extra_dirs: tuple[str, ...]) -> Knowledge:
    return load_knowledge(extra_dirs)


def knowledge(extra_dirs: tuple[str, ...] | None = None) -> Knowledge:
    """The registry for the current settings, loaded once per process."""
    if extra_dirs is None:
        extra_dirs = tuple(default_settings()["knowledge"].get("extra_dirs") or ())
    return _cached(tuple(extra_dirs))


_WORD_TABLES: dict[tuple[int, tuple[str, ...]], dict[str, str]] = {}


def country_words(kb: Knowledge, kinds: tuple[str, ...]) -> dict[str, str]:
    """One-word country words of ``kinds`` (Country fields: names, adjectives,
    demonyms, capitals), lower-cased -> country code; built once per registry."""
    key = (id(kb), kinds)
    if key not in _WORD_TABLES:
        _WORD_TABLES[key] = {w.lower(): c.code for c in kb.countries.values()
                             for kind in kinds for w in getattr(c, kind) if " " not in w}
    return _WORD_TABLES[key]
