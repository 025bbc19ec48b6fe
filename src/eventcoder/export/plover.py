"""PLOVER-style event records: the fields of the PLOVER specification (id, date,
event, mode, context, actor, recipient, text, geo) plus the provenance that
POLECAT-style data carries (source, url, publication date, report counts).

Actors are objects, not bare codes, so the name, country and sectors that
PLOVER asks for travel together; ``cameo`` and ``goldstein`` are kept for
users who read both schemes.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from eventcoder.query import EventFilter, iter_reports
from eventcoder.store import Store


def _actor(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return {"name": data["name"], "text": data["text"], "code": data.get("code"),
            "country": data.get("country"), "sectors": data.get("sectors") or [],
            "kind": data.get("kind"), "title": data.get("role"),
            "entity_id": data.get("entity_id")}


def _geo(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    gid = loc.get("gazetteer_id") or ""
    return {"placename": loc["name"], "country": loc.get("country"), "admin1": loc.get("admin1"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "precision": loc.get("precision"),
            "geonames_id": gid.split(":", 1)[1] if gid.startswith("geonames:") else None,
            "gazetteer_id": gid or None}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def plover_record(report: dict[str, Any]) -> dict[str, Any]:
    """One report from ``iter_reports`` as a PLOVER record."""
    from eventcoder import __version__

    e = report["event"]
    return {
        "id": e["id"], "date": e["date"], "date_resolution": e["date_precision"],
        "event": e["plover"]["type"], "mode": e["plover"]["mode"],
        "context": e["plover"]["context"], "actor": _actor(e["source"]),
        "recipient": _actor(e["target"]), "reciprocal": e["reciprocal"],
        "modality": e["modality"], "quad_class": e["quad_class"], "cameo": e["cameo"],
        "goldstein": e["goldstein"], "text": e["evidence"]["text"],
        "trigger": e["trigger"]["text"], "geo": _geo(e["location"]),
        "source": report["publisher"], "url": report["url"], "article_id": e["article_id"],
        "publication_date": _iso(report["published"]),
        "num_reports": report["cluster_reports"], "num_articles": report["cluster_articles"],
        "num_sources": report["cluster_sources"], "confidence": e["confidence"],
        "coder": f"eventcoder {__version__}",
    }


def write_plover(db: str | Path | Store, f: EventFilter, unit: str, out: Path) -> int:
    """One record a line, or one JSON array when ``out`` ends in .json."""
    as_array = out.suffix.lower() == ".json"
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write("[\n" if as_array else "")
        for report in iter_reports(db, f, unit=unit):
            line = json.dumps(plover_record(report), ensure_ascii=False)
            fh.write((",\n" if as_array and count else "") + line + ("" if as_array else "\n"))
            count += 1
        fh.write("\n]\n" if as_array else "")
    return count
