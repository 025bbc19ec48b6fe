"""PETRARCH/TABARI dictionaries (.verbs, .actors, .agents) into a knowledge
folder of ours, so that users keep the dictionaries they already have.

PETRARCH matches word forms and phrase positions; we match lemmas among a
verb's dependents. What maps and what cannot is in docs/petrarch.md; every
entry that does not convert is counted in the report with its reason.
Structural errors (a pattern with no ``[code]``, an alias before any actor)
raise KnowledgeError with file and line; entries we only cannot use (a WEIS
code, an unknown synset) are skipped and counted.

>>> report = convert_petrarch("my_kb", verbs="CAMEO.verbs")  # doctest: +SKIP
>>> print(report.text())  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eventcoder.errors import KnowledgeError
from eventcoder.knowledge import SECTORS
from eventcoder.ontology import is_code

__all__ = ["ConversionReport", "convert_petrarch"]

VERBS_FILE = "verbs/petrarch_verbs.tsv"
CLASSES_FILE = "verbs/classes_petrarch.yaml"
ACTORS_FILE = "actors/petrarch_actors.yaml"
AGENTS_FILE = "actors/agents_petrarch.tsv"

PREPOSITIONS = frozenset(
    "about above across after against along among around as at before behind below beside "
    "between beyond by despite during for from in inside into near of off on onto out outside "
    "over since through throughout to toward towards under until upon with within without".split()
)
BE_FORMS = frozenset("be is are was were been being am".split())
MODALS = frozenset("will would shall should can could may might must".split())
# CAMEO religion codes: agents such as [~MUS] or [~CHRCPT] become REL + code.
RELIGIONS = frozenset(
    "ADR ALE ATH BAH BUD CHR CON CPT DOX HIN JAN JEW LDS MOS MUS ORT PRO SHI SIK SUF SUN TAO "
    "ZRO".split()
)
AGENT_CODE_MAP = {"HRI": "NGOHRI"}  # human-rights bodies
ARMED_SECTORS = frozenset({"REB", "INS", "UAF", "IMG", "SEP"})
PERSON_WORDS = frozenset(
    "minister president ambassador official diplomat judge prosecutor cleric student soldier "
    "sailor worker lawmaker academic activist leader adviser advisor chief pilot general "
    "guerrilla man woman person secretary spokesman spokeswoman commander officer envoy "
    "governor mayor king queen prince princess militant islamist muslim christian journalist "
    "congressman congresswoman senator premier chancellor emir sheikh cardinal bishop "
    "priest imam rabbi monk".split()
)
SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "la", "al", "el", "du", "von"})
BRACKET = re.compile(r"\[([^\[\]]*)\]")
DATED = re.compile(r"^(?P<code>\S+?)(?:\s+(?:(?P<op>[<>])\s*(?P<day>\d+)|"
                   r"(?P<day1>\d+)\s*-\s*(?P<day2>\d+)))?$")
CODE_SHAPE = re.compile(r"[A-Z][A-Z0-9]*(/[A-Z][A-Z0-9]*)*|-{3}|\+{3}|#{3}")


# ------------------------------------------------------------------- report


@dataclass
class ConversionReport:
    """What was written, converted, adjusted and skipped (with reasons)."""

    out_dir: Path
    files: dict[str, int] = field(default_factory=dict)
    converted: Counter = field(default_factory=Counter)
    adjusted: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def skip(self, section: str, reason: str, where: str) -> None:
        self._count(self.skipped, f"{section}: {reason}", where)

    def adjust(self, section: str, what: str, where: str) -> None:
        self._count(self.adjusted, f"{section}: {what}", where)

    def _count(self, counter: Counter, key: str, where: str) -> None:
        counter[key] += 1
        shown = self.examples.setdefault(key, [])
        if len(shown) < 2 and where not in shown:
            shown.append(where)

    def text(self) -> str:
        lines = [f"PETRARCH dictionaries converted into {self.out_dir}"]
        lines += [f"  {name:<30} {n:>6} entries" for name, n in self.files.items()]
        for title, counter in (("converted", self.converted), ("adjusted", self.adjusted),
                               ("skipped", self.skipped)):
            if counter:
                lines.append(f"{title}:")
            for key, n in sorted(counter.items()):
                lines.append(f"  {n:>6}  {key}")
                if counter is not self.converted:
                    lines += [f"            e.g. {ex}" for ex in self.examples.get(key, [])]
        return "\n".join(lines)


def _where(path: Path, number: int, text: str) -> str:
    return f"{path.name}:{number}: {' '.join(text.split())[:70]}"


# -------------------------------------------------------------- reading


def _read_lines(path: Path) -> list[tuple[int, str]]:
    """Numbered lines without <!-- --> blocks and # comments (a # inside a
    [code] such as [###] is kept)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # older dictionaries are Latin-1
        text = raw.decode("latin-1")
    out, in_comment = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        line, in_comment = _drop_xml_comment(line, in_comment)
        line = _drop_hash_comment(line).strip()
        if line:
            out.append((number, line))
    return out


def _drop_xml_comment(line: str, in_comment: bool) -> tuple[str, bool]:
    kept = ""
    while line:
        if in_comment:
            end = line.find("-->")
            if end < 0:
                return kept, True
            line, in_comment = line[end + 3:], False
        else:
            start = line.find("<!")
            if start < 0:
                return kept + line, False
            kept, line, in_comment = kept + line[:start], line[start + 2:], True
    return kept, in_comment


def _drop_hash_comment(line: str) -> str:
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _split_code(path: Path, number: int, text: str, required: bool) -> tuple[str, str | None]:
    """('words', 'code') from 'words [code]'; an unclosed bracket is an error."""
    if text.count("[") != text.count("]"):
        raise KnowledgeError(path, number, f"unbalanced [ ] in {text.strip()!r}")
    match = BRACKET.search(text)
    if match is None:
        if required:
            raise KnowledgeError(path, number, f"expected a [code] in {text.strip()!r}")
        return text.strip(), None
    return text[:match.start()].strip(), match.group(1).strip()


def _is_null(raw: str | None) -> bool:
    return set((raw or "").strip()) <= {"-"}


def _event_code(raw: str | None) -> tuple[str | None, str]:
    """(CAMEO code or None, note): '[013:012]' keeps 013; '[---]' codes nothing."""
    raw = (raw or "").strip()
    if _is_null(raw):
        return None, "pattern coded [---] (PETRARCH's 'no event'; we have no blocking pattern)"
    first, colon, _ = raw.partition(":")
    if is_code(first.strip()):
        return first.strip(), ("paired code [A:B]: kept A, B (the reverse event) dropped"
                               if colon else "")
    return None, "not a CAMEO code (WEIS or local codes)"


# ---------------------------------------------------------------- verbs


@dataclass
class _Form:
    head: str
    words: tuple[str, ...]
    code: str | None
    line: int


@dataclass
class _Block:
    name: str
    code: str | None
    line: int
    forms: list[_Form] = field(default_factory=list)
    patterns: list[tuple[int, str, str]] = field(default_factory=list)


def _parse_verbs(path: Path, lemma: Callable[[str], str], report: ConversionReport
                 ) -> tuple[list[_Block], dict[str, list[tuple[int, str]]]]:
    """Verb blocks and synsets. PETRARCH blocks start with '--- VERB [code] ---';
    a TABARI-style verb line after patterns starts a new block."""
    blocks: list[_Block] = []
    synsets: dict[str, list[tuple[int, str]]] = {}
    block: _Block | None = None
    synset, mode = "", ""
    for number, text in _read_lines(path):
        if text.startswith("---"):
            name, code = _split_code(path, number, text.strip("- "), required=False)
            block, mode = _Block(name, code, number), "forms"
            blocks.append(block)
        elif text.startswith("&"):
            synset, mode = _synset_name(text), "synset"
            synsets[synset] = []
        elif text.startswith("+") and mode == "synset":
            synsets[synset].append((number, text[1:]))
        elif text.startswith("-"):
            if block is None:
                raise KnowledgeError(path, number, "pattern line before any verb")
            body, code = _split_code(path, number, text[1:], required=True)
            block.patterns.append((number, body, code or ""))
            mode = "patterns"
        else:
            if text.startswith("+") and mode != "forms":
                raise KnowledgeError(path, number, "a '+' line outside a synset or verb block")
            if mode != "forms" or block is None:
                block, mode = _Block(text, None, number), "forms"
                blocks.append(block)
            block.forms.append(_verb_form(path, number, text, lemma, report))
    return blocks, synsets


def _synset_name(text: str) -> str:
    return text[1:].split()[0].strip("_").lower() if text[1:].split() else ""


def _verb_form(path: Path, number: int, text: str, lemma: Callable[[str], str],
               report: ConversionReport) -> _Form:
    """'+BREAK_DOWN {...}' -> break (down); 'WIRE_+TAP' -> tap (wire); 'LEFT' -> leave."""
    if "{" in text:
        report.adjust("verbs", "irregular forms {...} dropped (we match lemmas)",
                      _where(path, number, text))
        text = re.sub(r"\{[^}]*\}?", " ", text)
    body, code = _split_code(path, number, text, required=False)
    parts = [p for p in re.split(r"[\s_]+", body) if p.strip("+")]
    if not parts:
        raise KnowledgeError(path, number, f"verb line without a verb: {text!r}")
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    at = marked[0] if marked else 0
    words = tuple(p.lstrip("+").lower() for i, p in enumerate(parts) if i != at)
    return _Form(lemma(parts[at].lstrip("+")), words, code, number)


def _classes(synsets: dict[str, list[tuple[int, str]]], taken: frozenset[str], path: Path,
             report: ConversionReport) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Word classes from synsets (nested &SYN expanded) and each synset's class name."""
    names = {}
    for name in synsets:
        names[name] = f"petrarch_{name}" if name in taken else name
        if name in taken:
            report.adjust("verbs", "synset renamed: our classes have that name",
                          f"{path.name}: &{name.upper()} -> ~{names[name]}")
    classes = {names[n]: _members(n, synsets, path, report, set()) for n in synsets}
    return classes, names


def _members(name: str, synsets: dict[str, list[tuple[int, str]]], path: Path,
             report: ConversionReport, seen: set[str]) -> list[str]:
    out: list[str] = []
    seen = seen | {name}
    for number, text in synsets.get(name, ()):
        words = [w for w in re.split(r"[\s_]+", text) if w]
        if words and words[0].startswith("&"):
            inner = _synset_name(words[0])
            if inner in synsets and inner not in seen:
                out += [m for m in _members(inner, synsets, path, report, seen) if m not in out]
            continue
        if len(words) > 1:
            report.adjust("verbs", "multi-word synset member: kept its last word",
                          _where(path, number, text))
        if words and words[-1].lower() not in out:
            out.append(words[-1].lower())
    return out


def _pattern_words(body: str, names: dict[str, str]) -> tuple[list[str], str]:
    """Our words for a PETRARCH pattern body, and a skip reason ('' if none).
    '+' takes the preposition right before it as the target's (+prep), unless a
    '^' (skip a phrase) stands between them; forms of 'be' go (voice is parsed)."""
    if re.search(r"[(){}|]", body):
        return [], "PETRARCH2 phrase-structure pattern (not supported)"
    tokens = re.findall(r"[*+$%^]|[^\s*+$%^_]+", body)
    if "*" not in tokens:
        return [], "malformed"
    words: list[str] = []
    target, after_skip = False, False
    for tok in tokens:
        if tok == "+" and not target:
            target = True
            if words and words[-1] in PREPOSITIONS and not after_skip:
                words[-1] = "+" + words[-1]
        elif tok in "*+$%^":
            after_skip = tok == "^" or (after_skip and tok in "$%")
            continue
        elif tok.startswith("&"):
            name = tok[1:].strip("_").lower()
            if name not in names:
                return [], "pattern uses an undefined synset"
            words.append("~" + names[name])
        elif tok.lower() not in BE_FORMS:
            words.append(tok.lower())
        after_skip = False
    return words, ""


def _verb_lines(blocks: list[_Block], names: dict[str, str], path: Path,
                report: ConversionReport) -> list[str]:
    """Our TSV lines, block by block: each verb form's bare pattern, then each
    of the block's patterns on each of its forms."""
    out: list[str] = []
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for block in blocks:
        out.append(f"# --- {block.name} [{block.code or ''}]  ({path.name}:{block.line})")
        patterns = [p for p in (_block_pattern(number, body, code, names, path, report)
                                for number, body, code in block.patterns) if p is not None]
        for form in block.forms:
            where = _where(path, form.line, form.head)
            raw = form.code if form.code is not None else block.code
            if not _is_null(raw):  # a [---] verb carries patterns only: nothing lost
                code = _usable_code(raw, where, report)
                if code:
                    _emit(out, seen, code, form.head, form.words, where, report)
            for code, words, where in patterns:
                _emit(out, seen, code, form.head, form.words + words, where, report)
    return out


def _block_pattern(number: int, body: str, raw_code: str, names: dict[str, str], path: Path,
                   report: ConversionReport) -> tuple[str, tuple[str, ...], str] | None:
    """(code, words, where) for one '- ... * ... [code]' line, or None (counted)."""
    where = _where(path, number, f"- {body} [{raw_code}]")
    words, problem = _pattern_words(body, names)
    if problem == "malformed":
        raise KnowledgeError(path, number, f"pattern without the verb's '*': {body!r}")
    if problem:
        report.skip("verbs", problem, where)
        return None
    code = _usable_code(raw_code, where, report)
    if code is None:
        return None
    _note_markers(body, report, where)
    return code, tuple(words), where


def _usable_code(raw_code: str | None, where: str, report: ConversionReport) -> str | None:
    code, note = _event_code(raw_code)
    if code is None:
        report.skip("verbs", note, where)
    elif note:
        report.adjust("verbs", note, where)
    return code


def _note_markers(body: str, report: ConversionReport, where: str) -> None:
    star = body.index("*")
    if "+" in body[:star] or "$" in body[star:]:
        report.adjust("verbs", "target before / source after the verb: roles not swapped "
                      "(we take the subject as source)", where)
    if re.search(r"[$%^]", body):
        report.adjust("verbs", "$ % ^ markers dropped", where)
    if not BE_FORMS.isdisjoint(w.lower() for w in re.split(r"[\s_*+$%^]+", body)):
        report.adjust("verbs", "forms of 'be' dropped (we read voice from the parse)", where)


def _emit(out: list[str], seen: dict, code: str, head: str, words: tuple[str, ...],
          where: str, report: ConversionReport) -> None:
    key = (head, tuple(w.lstrip("+") for w in words))
    if key in seen:
        if seen[key] != code:
            report.skip("verbs", "same words as an earlier pattern (the first one kept)", where)
        return
    seen[key] = code
    out.append(f"{code}\t{' '.join((head, *words))}")
    report.converted["verb patterns (lines written)"] += 1


# --------------------------------------------------------------- actors


@dataclass
class _ActorEntry:
    line: int
    phrases: list[str]
    codes: list[tuple[int, str]]


def _parse_actors(path: Path) -> list[_ActorEntry]:
    entries: list[_ActorEntry] = []
    for number, text in _read_lines(path):
        if text.startswith(("+", "[")) and not entries:
            raise KnowledgeError(path, number, f"{text[:1]!r} line before any actor")
        if text.startswith("+"):
            phrase, _ = _split_code(path, number, text[1:], required=False)
            entries[-1].phrases.append(phrase)
            entries[-1].codes += [(number, c) for c in BRACKET.findall(text)]
        elif text.startswith("["):
            _split_code(path, number, text, required=True)
            entries[-1].codes += [(number, c) for c in BRACKET.findall(text)]
        else:
            phrase, _ = _split_code(path, number, text, required=False)
            entries.append(_ActorEntry(number, [phrase],
                                       [(number, c) for c in BRACKET.findall(text)]))
    return entries


def _day(path: Path, number: int, digits: str) -> date:
    """YYYYMMDD, or TABARI's YYMMDD (years before 30 are 20xx)."""
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            return date(year + (2000 if year < 30 else 1900), int(digits[2:4]), int(digits[4:]))
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        pass
    raise KnowledgeError(path, number, f"bad date {digits!r} (use YYYYMMDD or YYMMDD)")


def _dated_code(path: Path, number: int, raw: str
                ) -> tuple[str, date | None, date | None, bool]:
    """(code, start, end, dated?) from 'CODE', 'CODE <D', 'CODE >D' or 'CODE D1-D2'."""
    match = DATED.match(" ".join(raw.split()))
    code = match.group("code").upper() if match else ""
    if not match or not CODE_SHAPE.fullmatch(code):
        raise KnowledgeError(path, number, f"bad actor code block [{raw}]: expected [CODE], "
                             "[CODE <YYYYMMDD], [CODE >YYYYMMDD] or [CODE YYYYMMDD-YYYYMMDD]")
    if match.group("op"):
        day = _day(path, number, match.group("day"))
        return (code, None, day, True) if match.group("op") == "<" else (code, day, None, True)
    if match.group("day1"):
        return (code, _day(path, number, match.group("day1")),
                _day(path, number, match.group("day2")), True)
    return code, None, None, False


def _display(phrase: str) -> str:
    """'MINAS_TIRITH' -> 'Minas Tirith'; 'U.N.' and 3-letter acronyms stay capitals;
    a leading THE goes (our matcher wants names to start with a capital)."""
    words = [w for w in re.split(r"[\s_]+", phrase) if w]
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]
    if len(words) == 1 and len(words[0]) <= 3 or all("." in w for w in words):
        return " ".join(words).upper()
    out = []
    for i, w in enumerate(words):
        if "." in w:
            out.append(w.upper())
        elif i and w.lower() in SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def _role(code: str, start: date | None, end: date | None) -> dict[str, Any]:
    role: dict[str, Any] = {"country": code[:3], "sector": code[3:6] if code[3:6] in SECTORS
                            else "---"}
    if not (len(code) == 6 and code[3:6] in SECTORS):
        role["igo"] = code  # our roles have no code field: igo carries the full code
    role.update(start=start, end=end)
    return role


def _kind(code: str | None, phrase: str, sector_roles: bool, countries: dict) -> str:
    code = code or ""
    if code.startswith("IGO"):
        return "igo"
    if code.startswith(("NGO", "NGM")):
        return "ngo"
    if code[:3] == "IMG" or code[3:6] in ARMED_SECTORS:
        return "armed_group"
    if sector_roles or phrase.split(" ")[0].lower() in PERSON_WORDS:
        return "person"
    return "state" if len(code) == 3 and code in countries else "organization"


def _known_country_name(phrase: str, code: str | None, countries: dict) -> bool:
    country = countries.get(code or "")
    if country is None:
        return False
    known = {n.lower() for n in (*country.names, *country.adjectives, *country.demonyms,
                                 *country.capitals, *country.metonyms)}
    return phrase.lower() in known


def _actor_entity(entry: _ActorEntry, path: Path, countries: dict,
                  report: ConversionReport) -> dict[str, Any] | None:
    where = _where(path, entry.line, entry.phrases[0])
    default: str | None = None
    roles = []
    for number, raw in entry.codes:
        code, start, end, dated = _dated_code(path, number, raw)
        if "/" in code:
            report.adjust("actors", "several codes A/B: kept the first", where)
            code = code.split("/")[0]
        if code in ("+++", "###"):
            report.skip("actors", f"special code [{code}]", where)
            return None
        if dated and code == "---":
            report.skip("actors", "dated null code [--- <date] dropped", where)
        elif dated:
            roles.append(_role(code, start, end))
        elif default is None:
            default = code
        else:
            report.adjust("actors", "several undated codes: kept the first", where)
    if default is None and not roles:
        raise KnowledgeError(path, entry.line, f"actor {entry.phrases[0]!r} has no [code]")
    default = None if default == "---" else default
    phrases = list(dict.fromkeys(_display(p) for p in entry.phrases if p.strip("_ ")))
    if not roles:
        known = [p for p in phrases if _known_country_name(p, default, countries)]
        for p in known:
            report.skip("actors", "already one of our country names (ours compose with agents)",
                        f"{path.name}:{entry.line}: {p} [{default}]")
        phrases = [p for p in phrases if p not in known]
        if not phrases:
            return None
    elif default is not None:  # PETRARCH's undated code applies outside the dated ones
        roles.append(_role(default, None, None))
    return _entity_dict(phrases, default, roles, countries)


def _entity_dict(phrases: list[str], code: str | None, roles: list[dict[str, Any]],
                 countries: dict) -> dict[str, Any]:
    sector_roles = any(r["sector"] != "---" for r in roles)
    entity: dict[str, Any] = {"name": phrases[0],
                              "kind": _kind(code or (roles[0].get("igo") if roles else None),
                                            phrases[0], sector_roles, countries)}
    if len(phrases) > 1:
        entity["aliases"] = phrases[1:]
    entity["code"] = code
    if code and code[:3] in countries:
        entity["country"] = code[:3]
    if code and code[3:6] in SECTORS:
        entity["sectors"] = [code[3:6]]
    if roles:
        entity["roles"] = roles
    return entity


# --------------------------------------------------------------- agents

AGENT_LINE = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*"
                        r"\[(?P<code>[^\]]*)\]$")


def _agent_rows(path: Path, report: ConversionReport) -> Iterator[tuple[str, str, str, str]]:
    subs: dict[str, list[str]] = {}
    for number, text in _read_lines(path):
        sub = re.match(r"^(![A-Za-z0-9_]+!)\s*=\s*(.+)$", text)
        if sub:
            subs[sub.group(1).upper()] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        match = AGENT_LINE.match(text)
        if match is None:
            raise KnowledgeError(path, number, "expected 'PHRASE [{PLURALS}] [~CODE]' or "
                                 f"'!SET! = A, B', got {text!r}")
        where = _where(path, number, text)
        code = _agent_code(match.group("code"), report, where)
        if code is None:
            continue
        phrase = match.group("phrase")
        singular = _expand(phrase, subs, path, number)
        plural = match.group("plural")
        if plural is None:
            plurals = [] if "!" in phrase else [_plural(p) for p in singular]
        else:
            plurals = [x for p in plural.split() for x in _expand(p, subs, path, number)]
        for p in singular:
            kind = _agent_kind(p)
            yield p, code, kind, _display(p) if kind == "person" else ""
        for p in plurals:
            yield p, code, "group", ""


def _agent_code(raw: str, report: ConversionReport, where: str) -> str | None:
    """'~GOVFRM' -> GOVFRM; 'NGO~' (a prefix in PETRARCH) -> NGO; 'MUS' -> RELMUS."""
    raw = raw.replace(" ", "").upper()
    if raw.endswith("~") and not raw.startswith("~"):
        report.adjust("agents", "prefix agent [XXX~]: composes after the country like any "
                      "other (NGOARN becomes ARNNGO)", where)
    code = raw.strip("~")
    if not re.fullmatch(r"[A-Z]{3}([A-Z0-9]{3})*", code):
        report.skip("agents", "code is not letters in groups of three", where)
        return None
    if code[:3] in SECTORS:
        return code
    if code[:3] in AGENT_CODE_MAP:
        report.adjust("agents", f"{code[:3]} mapped to {AGENT_CODE_MAP[code[:3]]}", where)
        return AGENT_CODE_MAP[code[:3]] + code[3:]
    if code[:3] in RELIGIONS:
        report.adjust("agents", "religion code mapped to REL + code", where)
        return "REL" + code
    report.skip("agents", "code does not start with one of our sectors", where)
    return None


def _expand(phrase: str, subs: dict[str, list[str]], path: Path, number: int) -> list[str]:
    """All phrases a !SET! substitution gives, lower case, '_' as spaces."""
    found = re.search(r"![A-Za-z0-9_]+!", phrase)
    if found is None:
        return [" ".join(re.split(r"[\s_]+", phrase.strip(" _"))).lower()]
    key = found.group(0).upper()
    if key not in subs:
        raise KnowledgeError(path, number, f"substitution set {key} is not defined above")
    return [x for alt in subs[key]
            for x in _expand(phrase[:found.start()] + alt + phrase[found.end():], subs, path,
                             number)]


def _plural(phrase: str) -> str:
    """PETRARCH's regular plural of the last word."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


def _agent_kind(phrase: str) -> str:
    """person, group (a plural) or organization, from the phrase's head word."""
    head = phrase.split(" of ")[0].split(" ")[-1]
    if head in PERSON_WORDS or head.endswith(("man", "woman", "person")):
        return "person"
    if head.endswith(("men", "people")) or head.endswith("s") and not head.endswith("ss"):
        return "group"
    return "organization"


# ------------------------------------------------------------ lemmatizer


def _verb_lemmatizer(model: str | None = None) -> Callable[[str], str]:
    """Lemmas from the coder's own spaCy lemmatizer, so that 'LEFT' is filed
    under the lemma the parse gives ('leave'). TABARI stems ('EXCHANG') are
    completed when the model's verb list knows the word."""
    from spacy.tokens import Doc

    from eventcoder.nlp import load_nlp
    from eventcoder.settings import default_settings

    nlp = load_nlp(model or default_settings()["nlp"]["model"])
    if "lemmatizer" not in nlp.pipe_names:
        return str.lower
    lemmatizer = nlp.get_pipe("lemmatizer")
    try:
        index = set(lemmatizer.lookups.get_table("lemma_index").get("verb", ()))
    except (KeyError, AttributeError):
        index = set()
    cache: dict[str, str] = {}

    def lemma(word: str) -> str:
        word = word.lower()
        if word not in cache:
            found = lemmatizer(Doc(nlp.vocab, words=[word], pos=["VERB"]))[0].lemma_.lower()
            cache[word] = _known_verb(word, found or word, index)
        return cache[word]

    return lemma


def _known_verb(word: str, lemma: str, index: set[str]) -> str:
    if lemma in MODALS and lemma != word:  # 'willing' is not a form of 'will'
        return word
    if not index or lemma in index:
        return lemma
    guesses = [lemma + "e"] + ([lemma[:-2] + "y"] if lemma.endswith("ie") else [])
    return next((g for g in guesses if g in index), lemma)


# ---------------------------------------------------------------- entry


def _builtin_knowledge() -> Any:
    from eventcoder.knowledge import knowledge

    return knowledge(())


def _write(out_dir: Path, name: str, text: str) -> None:
    path = out_dir / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot write: {exc.strerror or exc}") from exc


def _convert_verbs(out_dir: Path, path: Path, report: ConversionReport,
                   lemmatize: Callable[[str], str] | None) -> None:
    blocks, synsets = _parse_verbs(path, lemmatize or _verb_lemmatizer(), report)
    taken = frozenset(_builtin_knowledge().classes)
    classes, names = _classes(synsets, taken, path, report)
    lines = _verb_lines(blocks, names, path, report)
    header = (f"# Converted from the PETRARCH dictionary {path.name} by eventcoder "
              "import-petrarch.\n# CODE<TAB>pattern, see docs/verb-patterns.md.\n")
    _write(out_dir, VERBS_FILE, header + "\n".join(lines) + "\n")
    report.files[VERBS_FILE] = report.converted["verb patterns (lines written)"]
    if classes:
        _write(out_dir, CLASSES_FILE, f"# PETRARCH synsets from {path.name}\n"
               + yaml.safe_dump(classes, sort_keys=False, allow_unicode=True,
                                default_flow_style=None, width=100))
        report.files[CLASSES_FILE] = len(classes)
        report.converted["synsets (word classes)"] += len(classes)


def _convert_actors(out_dir: Path, path: Path, report: ConversionReport) -> None:
    countries = _builtin_knowledge().countries
    entities = [e for e in (_actor_entity(entry, path, countries, report)
                            for entry in _parse_actors(path)) if e is not None]
    _write(out_dir, ACTORS_FILE, f"# Converted from the PETRARCH dictionary {path.name}\n"
           + yaml.safe_dump(entities, sort_keys=False, allow_unicode=True, width=100))
    report.files[ACTORS_FILE] = len(entities)
    report.converted["actors (entities)"] += len(entities)
    report.converted["actor roles from dated codes"] += sum(len(e.get("roles", ()))
                                                            for e in entities)


def _convert_agents(out_dir: Path, path: Path, report: ConversionReport) -> None:
    rows = list(dict.fromkeys(_agent_rows(path, report)))
    seen: set[str] = set()
    lines = ["phrase\tcode\tkind\ttitle"]
    for phrase, code, kind, title in rows:
        if phrase not in seen:
            seen.add(phrase)
            lines.append(f"{phrase}\t{code}\t{kind}\t{title}".rstrip("\t"))
    _write(out_dir, AGENTS_FILE, f"# Converted from the PETRARCH dictionary {path.name}\n"
           + "\n".join(lines) + "\n")
    report.files[AGENTS_FILE] = len(seen)
    report.converted["agent phrases (with plurals and substitutions)"] += len(seen)


def convert_petrarch(out_dir: str | Path, verbs: str | Path | None = None,
                     actors: str | Path | None = None, agents: str | Path | None = None,
                     *, lemmatize: Callable[[str], str] | None = None) -> ConversionReport:
    """Convert PETRARCH/TABARI dictionaries into the knowledge folder ``out_dir``
    (created if needed; only our petrarch files in it are replaced).

    ``lemmatize`` maps a verb form to its lemma; the default is the coder's own
    spaCy lemmatizer.

    >>> r = convert_petrarch("kb", verbs="PETR.Validate.verbs.txt")  # doctest: +SKIP
    >>> r.files["verbs/petrarch_verbs.tsv"]  # doctest: +SKIP
    412
    """
    out = Path(out_dir).expanduser()
    given = [Path(f) for f in (verbs, actors, agents) if f is not None]
    if not given:
        raise KnowledgeError(out, None, "nothing to convert: give verbs, actors or agents")
    for path in given:
        if not path.is_file():
            raise KnowledgeError(path, None, "no such dictionary file")
    report = ConversionReport(out)
    if verbs is not None:
        _convert_verbs(out, Path(verbs), report, lemmatize)
    if actors is not None:
        _convert_actors(out, Path(actors), report)
    if agents is not None:
        _convert_agents(out, Path(agents), report)
    return report
