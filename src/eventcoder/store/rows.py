"""Records to Arrow tables, one per database table, for bulk inserts.

Every row keeps the record's full JSON beside the flattened columns, so a
stored event reads back as exactly the ``Event`` that was written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from eventcoder.records import Actor, Article, CodedArticle, Event, Skipped, stable_hash
from eventcoder.store.schema import arrow_schema


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def actor_key(actor: Actor | None) -> str:
    """Who an actor is, for matching across articles (as in-article dedup does)."""
    if actor is None:
        return ""
    return actor.entity_id or actor.code or actor.name


def as_timestamp(value: date | datetime | None) -> datetime | None:
    """A naive UTC datetime, which is what a DuckDB TIMESTAMP holds."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def as_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _actor_fields(prefix: str, actor: Actor | None) -> dict[str, Any]:
    a = actor
    return {
        f"{prefix}_key": actor_key(a) or None,
        f"{prefix}_name": a and a.name, f"{prefix}_code": a and a.code,
        f"{prefix}_country": a and a.country, f"{prefix}_kind": a and a.kind,
        f"{prefix}_sectors": list(a.sectors) if a else None,
        f"{prefix}_entity_id": a and a.entity_id, f"{prefix}_role": a and a.role,
        f"{prefix}_text": a and a.text,
    }


def _place_fields(event: Event) -> dict[str, Any]:
    loc = event.location
    return {
        "location_name": loc and loc.name, "location_country": loc and loc.country,
        "location_admin1": loc and loc.admin1, "lat": loc and loc.lat, "lon": loc and loc.lon,
        "location_gazetteer_id": loc and loc.gazetteer_id,
        "location_precision": loc and loc.precision,
    }


def event_row(event: Event, run_id: int | None) -> dict[str, Any]:
    """One ``events`` row: the columns queries filter on, plus the full JSON."""
    quote, by = event.quote, event.attributed_to
    return {
        "id": event.id, "article_id": event.article_id, "run_id": run_id, "cluster_id": None,
        "sentence_index": event.sentence_index, "date": as_date(event.date),
        "date_precision": event.date_precision, "date_source": event.date_source,
        "cameo": event.cameo, "cameo_root": event.cameo_root, "quad_class": event.quad_class,
        "goldstein": event.goldstein, "plover_type": event.plover.type,
        "plover_mode": event.plover.mode, "plover_context": list(event.plover.context),
        "modality": event.modality, "reciprocal": event.reciprocal,
        **_actor_fields("source", event.source), **_actor_fields("target", event.target),
        "attributed_to_name": by and by.name, "attributed_to_code": by and by.code,
        **_place_fields(event),
        "evidence": event.evidence.text, "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end, "trigger": event.trigger.text,
        "quote": quote and quote.text,
        "quote_speaker": quote and quote.speaker and quote.speaker.name,
        "confidence": event.confidence, "method": event.method,
        "json": dumps(event.to_dict()),
    }


def article_row(coded: CodedArticle, run_id: int | None, now: datetime) -> dict[str, Any]:
    a: Article = coded.article
    return {
        "id": a.id, "url": a.url, "publisher": a.publisher,
        "published": as_timestamp(a.published), "title": a.title, "language": a.language,
        "byline": a.byline, "dateline_place": a.dateline and a.dateline.place,
        "dateline_agency": a.dateline and a.dateline.agency,
        "num_events": len(coded.events), "notes": list(coded.notes),
        "places": dumps([p.to_dict() for p in coded.places]),
        "json": dumps(a.to_dict()), "run_id": run_id, "coded_at": now,
    }


def mention_rows(coded: CodedArticle, run_id: int | None) -> list[dict[str, Any]]:
    return [{
        "article_id": coded.article.id, "idx": i, "text": m.text, "start": m.span.start,
        "end": m.span.end, "name": m.name, "code": m.code, "entity_id": m.entity_id,
        "kind": m.kind, "country": m.country, "sectors": list(m.sectors), "role": m.role,
        "confidence": m.confidence, "method": m.method, "run_id": run_id,
    } for i, m in enumerate(coded.actors)]


def quote_rows(coded: CodedArticle, run_id: int | None) -> list[dict[str, Any]]:
    return [{
        "article_id": coded.article.id, "idx": i, "text": q.text, "start": q.span.start,
        "end": q.span.end, "speaker_name": q.speaker and q.speaker.name,
        "speaker_code": q.speaker and q.speaker.code, "json": dumps(q.to_dict()),
        "run_id": run_id,
    } for i, q in enumerate(coded.quotes)]


def skipped_key(skip: Skipped) -> str:
    """Skips of one article share a key (its id); others key on where and why."""
    return skip.article_id or stable_hash("skip", skip.source, skip.reason, skip.message)


def skipped_row(skip: Skipped, run_id: int | None, now: datetime) -> dict[str, Any]:
    return {"key": skipped_key(skip), "source": skip.source, "reason": skip.reason,
            "message": skip.message, "article_id": skip.article_id or None, "run_id": run_id,
            "at": now}


def to_arrow(table: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=arrow_schema(table))


def result_tables(results: list[CodedArticle | Skipped], run_id: int | None) -> dict[str, pa.Table]:
    """The Arrow tables one batch of results inserts, by table name."""
    now = datetime.now(UTC).replace(tzinfo=None)
    coded = _last_per_article([r for r in results if isinstance(r, CodedArticle)])
    skips = {skipped_key(s): s for s in results if isinstance(s, Skipped)}
    events = {e.id: e for c in coded for e in c.events}
    return {
        "articles": to_arrow("articles", (article_row(c, run_id, now) for c in coded)),
        "events": to_arrow("events", (event_row(e, run_id) for e in events.values())),
        "mentions": to_arrow("mentions", (r for c in coded for r in mention_rows(c, run_id))),
        "quotes": to_arrow("quotes", (r for c in coded for r in quote_rows(c, run_id))),
        "skipped": to_arrow("skipped", (skipped_row(s, run_id, now) for s in skips.values())),
    }


def _last_per_article(coded: list[CodedArticle]) -> list[CodedArticle]:
    """The same article twice in one batch is written once (the later result)."""
    return list({c.article.id: c for c in coded}.values())
