"""``eventcoder eval``: score the coder against labelled data.

Gold is the development-data JSONL format: ``{"id", "text", "date"?,
"events": [{"source", "target", "code", "scheme"}], "entities": [...]}``.
Events are matched per record (sentence) as multisets of
(source, target, code) tuples, at the CAMEO-root, full-code or PLOVER-type
level; actors match on their country/IGO root (``RUSGOV`` -> ``RUS``), their
full code, or not at all.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.evaluate.entities import score_entities
from eventcoder.evaluate.scoring import Score
from eventcoder.knowledge import SECTORS
from eventcoder.ontology import codebook, plover_type
from eventcoder.records import Article, CodedArticle, Event, Skipped

__all__ = ["evaluate_file", "evaluate_records", "read_gold", "report_text"]

EVAL_MODALITIES = ("asserted", "reported", "future")


def read_gold(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    records = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or "text" not in row:
            raise InputError(f"{path}:{number}: each gold record needs 'text'")
        records.append(row)
        if limit and len(records) >= limit:
            break
    return records


def actor_root(code: Any, mode: str) -> str:
    """The part of an actor code that must match: 'RUSGOV' -> 'RUS' in country mode."""
    if mode == "any":
        return "*"
    if isinstance(code, list):
        code = code[0] if code else None
    if not code:
        return "-"
    code = str(code).upper()
    if code[:3] in SECTORS and code[:3] != "IGO":  # no country known: CAMEO writes "---REB"
        code = "---" + code
    return code if mode == "full" else code[:3]


# Country codes some gold writes that are no ISO code but plainly mean one
# (PLOVER's annotated sentences write JAP, ITL and VTN for Japan, Italy, Vietnam).
GOLD_COUNTRY_SLIPS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _iso(code: Any) -> Any:
    """A gold actor code with its country written as ISO does."""
    if not isinstance(code, str) or code[:3].upper() not in GOLD_COUNTRY_SLIPS:
        return code
    return GOLD_COUNTRY_SLIPS[code[:3].upper()] + code[3:]


def _gold_level(records: list[dict[str, Any]]) -> str:
    schemes = {e.get("scheme", "CAMEO") for r in records for e in r.get("events") or ()}
    return "plover" if any(str(s).startswith("PLOVER") for s in schemes) else "root"


def _label(code: str, level: str) -> str:
    if level == "plover":
        return plover_type(code) if not code[:1].isdigit() else codebook()[code].plover.type
    return code[:2] if level == "root" else code


def _gold_tuples(record: dict[str, Any], level: str, actors: str,
                 pred: list[tuple[str, ...]] = ()) -> list[tuple[str, ...]]:
    out = []
    for e in record.get("events") or ():
        code = str(e.get("code") or "")
        if not code:
            continue
        sources = e["source"] if isinstance(e.get("source"), list) else [e.get("source")]
        targets = e["target"] if isinstance(e.get("target"), list) else [e.get("target")]
        if level == "plover":  # PLOVER gold lists compound actors; one tuple per event
            out.append(_compound_tuple(sources, targets, _label(code, level), actors, pred))
            continue
        for s in sources or [None]:
            for t in targets or [None]:
                out.append((actor_root(_iso(s), actors), actor_root(_iso(t), actors),
                            _label(code, level)))
    # a set, as the predictions are: gold events that read the same at this level
    # ("GEOOPP -> GEOGOV 043" and "GEOGOV -> GEOOPP 042" both GEO GEO 04) are one
    return list(dict.fromkeys(out))


def _compound_tuple(sources: list[Any], targets: list[Any], label: str, actors: str,
                    pred: list[tuple[str, ...]]) -> tuple[str, ...]:
    """One tuple for a PLOVER event between compound actors: the predicted one that
    names a member on each side, else the first members. With no target, the
    co-sources are each other's targets ("Hungary and Romania agreed")."""
    targets = [_iso(t) for t in targets if t]
    src = [actor_root(_iso(s), actors) for s in sources or [None]]
    tgt = [actor_root(t, actors) for t in targets or [None]]
    for p in pred:
        if p[2] != label or p[0] not in src:
            continue
        if p[1] in tgt or (not targets and p[1] in src and (p[0] != p[1] or src.count(p[0]) > 1)):
            return p
    return (src[0], tgt[0], label)


def _pred_tuples(events: Iterable[Event], level: str, actors: str) -> list[tuple[str, ...]]:
    out = []
    for e in events:
        src = _as_gold_writes(e.source.code if e.source else None, level)
        tgt = _as_gold_writes(e.target.code if e.target else None, level)
        out.append((actor_root(src, actors), actor_root(tgt, actors), _label(e.cameo, level)))
    return list(dict.fromkeys(out))


def _as_gold_writes(code: str | None, level: str) -> str | None:
    """A predicted actor code as the gold writes such actors: PLOVER's annotated
    sentences write IGO for every international organisation, the named NGOs of
    no country among them (Amnesty International, the Red Cross), where CAMEO
    writes NGOAMN; a bare "NGO" (an unnamed rights group) stays of no country."""
    if level == "plover" and code and code.startswith("NGO") and len(code) > 3:
        return "IGO" + code[3:]
    return code


@dataclass
class Tally:
    overall: Score = field(default_factory=Score)
    per_label: dict[str, Score] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    records: int = 0
    skipped: int = 0

    def add(self, record: dict[str, Any], gold: list[tuple], pred: list[tuple]) -> None:
        self.records += 1
        g, p = Counter(gold), Counter(pred)
        hits = g & p
        self.overall.add(sum(hits.values()), sum(p.values()), sum(g.values()))
        for label in {t[-1] for t in gold + pred}:
            gl = Counter({k: v for k, v in g.items() if k[-1] == label})
            pl = Counter({k: v for k, v in p.items() if k[-1] == label})
            self.per_label.setdefault(label, Score()).add(
                sum((gl & pl).values()), sum(pl.values()), sum(gl.values()))
        self._confuse(gold, pred)
        if g != p:
            self.misses.append({"id": record.get("id"), "text": record.get("text"),
                                "missed": [list(t) for t in (g - p).elements()],
                                "extra": [list(t) for t in (p - g).elements()]})

    def _confuse(self, gold: list[tuple], pred: list[tuple]) -> None:
        pred_by_dyad = {t[:2]: t[2] for t in pred}
        for t in gold:
            self.confusion[(t[2], pred_by_dyad.get(t[:2], "none"))] += 1
        gold_dyads = {t[:2] for t in gold}
        for t in pred:
            if t[:2] not in gold_dyads:
                self.confusion[("none", t[2])] += 1


def _articles(records: list[dict[str, Any]]) -> list[Article]:
    from eventcoder.records import parse_when

    out = []
    for r in records:
        try:
            when = parse_when(r.get("date"))
        except ValueError:
            when = None
        out.append(Article(id=str(r.get("id")), text=r["text"], published=when))
    return out


def code_records(records: list[dict[str, Any]], pipeline: Any = None
                 ) -> dict[str, CodedArticle | Skipped]:
    """Code every gold record as one short article; results keyed by record id."""
    from eventcoder.pipeline import Pipeline, default_pipeline

    pipeline = pipeline or default_pipeline()
    assert isinstance(pipeline, Pipeline)
    settings = {**pipeline.settings, "clean": {**pipeline.settings["clean"], "min_chars": 1,
                                               "language_check": False}}
    quiet = Pipeline(settings)
    results: dict[str, CodedArticle | Skipped] = {}
    for result in quiet.run(_articles(records)):
        key = result.article.id if isinstance(result, CodedArticle) else result.article_id
        results[str(key)] = result
    return results


def evaluate_records(records: list[dict[str, Any]], level: str | None = None,
                     actors: str = "country", modalities: tuple[str, ...] = EVAL_MODALITIES,
                     pipeline: Any = None) -> dict[str, Any]:
    """Precision, recall and F1 of the coder's events against ``records``."""
    level = level or _gold_level(records)
    results = code_records(records, pipeline)
    tally = Tally()
    for record in records:
        result = results.get(str(record.get("id")))
        events = result.events if isinstance(result, CodedArticle) else ()
        if isinstance(result, Skipped) or result is None:
            tally.skipped += 1
        kept = [e for e in events if e.modality in modalities]
        pred = _pred_tuples(kept, level, actors)
        gold = _gold_tuples(record, level, actors, pred)
        if level == "plover":
            mutual = set(_pred_tuples([e for e in kept if e.reciprocal], level, actors))
            pred = one_per_reciprocal(pred, gold, mutual)
        tally.add(record, gold, pred)
    return _report(tally, level, actors)


def one_per_reciprocal(pred: list[tuple[str, ...]], gold: list[tuple[str, ...]],
                       mutual: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """PLOVER gold writes "Hungary and Romania agreed" once, both parties as its
    sources; the coder writes a reciprocal event each way (CAMEO practice), the
    ``mutual`` tuples. One of the two is scored: the one the gold matches, else
    the first."""
    out: list[tuple[str, ...]] = []
    for p in pred:
        mirror = (p[1], p[0], *p[2:])
        if p in mutual and mirror in mutual and mirror != p \
                and not (p in gold and mirror in gold) \
                and (mirror in out or p not in gold and mirror in gold):
            continue
        out.append(p)
    return out


def _report(tally: Tally, level: str, actors: str) -> dict[str, Any]:
    per_label = {k: v.as_dict() for k, v in sorted(tally.per_label.items())}
    gold_labels = [k for k, v in tally.per_label.items() if v.gold]
    macro = sum(tally.per_label[k].f1 for k in gold_labels) / len(gold_labels) if gold_labels \
        else 0.0
    return {
        "level": level, "actors": actors, "records": tally.records, "skipped": tally.skipped,
        "overall": tally.overall.as_dict(), "macro_f1": round(macro, 4),
        "per_label": per_label,
        "confusion": [{"gold": g, "predicted": p, "count": n}
                      for (g, p), n in tally.confusion.most_common(40)],
        "misses": tally.misses,
    }


def evaluate_file(path: str, level: str | None = None, actors: str = "country",
                  entities: bool = False, misses: str | None = None,
                  limit: int | None = None, locations: bool = False) -> dict[str, Any]:
    records = read_gold(path, limit)
    if locations:
        from eventcoder.evaluate.locations import score_locations
        from eventcoder.pipeline import default_pipeline

        report = score_locations(records, default_pipeline().nlp)
    elif entities:
        report = score_entities(records, code_records(records))
    else:
        report = evaluate_records(records, level, actors)
    found = report.pop("misses", [])
    if misses:
        with open(misses, "w", encoding="utf-8") as out:
            for row in found:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    report["file"] = str(path)
    return report


def report_text(report: dict[str, Any]) -> str:
    o = report["overall"]
    lines = [f"{report.get('file', '')}: {report['records']} records, level={report['level']}"
             f"{', actors=' + report['actors'] if 'actors' in report else ''}, "
             f"skipped={report.get('skipped', 0)}",
             f"overall  P={o['precision']:.3f}  R={o['recall']:.3f}  F1={o['f1']:.3f}  "
             f"(tp={o['tp']} pred={o['predicted']} gold={o['gold']})"]
    if "accuracy" in report:
        lines.append(f"location accuracy {report['accuracy']:.3f}; no location given for "
                     f"{report['no_location_given']} of {report['records']}")
    if "macro_f1" in report:
        lines.append(f"macro-F1 over gold labels: {report['macro_f1']:.3f}")
    lines.append(f"\n{'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for label, s in report["per_label"].items():
        lines.append(f"{label:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
                     f"{s['gold']:>6}{s['predicted']:>6}")
    if report.get("confusion"):
        lines.append("\nconfusion (gold -> predicted, same dyad), most frequent:")
        for row in report["confusion"][:20]:
            lines.append(f"  {row['gold']:>8} -> {row['predicted']:<8} {row['count']}")
    return "\n".join(lines)
