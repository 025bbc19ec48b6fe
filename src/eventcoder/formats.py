"""Render records for people and programs: tables, JSON, JSON Lines.

The JSON shape of an event is ``Event.to_dict()``; its field names are a
contract other tools read (see README, "Event fields")."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any

from eventcoder.records import Actor, Event


def to_json_line(record: Any) -> str:
    data = record.to_dict() if hasattr(record, "to_dict") else record
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


def _actor_cell(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    label = actor.name if len(actor.name) <= 28 else actor.name[:27] + "…"
    return f"{label} [{actor.code or '?'}]"


def events_table(events: Iterable[Event], width: int = 100) -> str:
    """A readable table: one event a row, with its evidence underneath."""
    rows = []
    header = f"{'sent':>4}  {'source':<36} {'code':<5} {'plover':<9} {'target':<36} " \
             f"{'modality':<12} date"
    rows.append(header)
    rows.append("-" * len(header))
    for e in events:
        rows.append(
            f"{e.sentence_index:>4}  {_actor_cell(e.source):<36} {e.cameo:<5} "
            f"{e.plover.type:<9} {_actor_cell(e.target):<36} {e.modality:<12} {e.date or '-'}"
        )
        snippet = textwrap.shorten(e.evidence.text, width=width - 8, placeholder=" …")
        rows.append(f"      “{snippet}” (trigger: {e.trigger.text})")
    if len(rows) == 2:
        rows.append("(no events)")
    return "\n".join(rows)


def actors_table(actors: Iterable[Actor]) -> str:
    rows = [f"{'mention':<40} {'name':<30} {'code':<10} {'kind':<12} {'role':<22} method"]
    rows.append("-" * len(rows[0]))
    for a in actors:
        mention = a.text if len(a.text) <= 40 else a.text[:39] + "…"
        rows.append(f"{mention:<40} {a.name[:30]:<30} {a.code or '-':<10} {a.kind:<12} "
                    f"{(a.role or '-')[:22]:<22} {a.method}")
    return "\n".join(rows)
