"""The CAMEO codebook and its PLOVER mapping, read from package data.

>>> cameo("041").name
'Discuss by telephone'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventcoder.errors import KnowledgeError
from eventcoder.records import Plover

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Type names of earlier PLOVER drafts (0.5b1, used by the PLOVER gold standard
# records) and what PLOVER 0.8 calls them.
PLOVER_RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
                  "INVESTIGATE": "ACCUSE"}


def plover_type(name: str) -> str:
    """The current PLOVER type for ``name``, which may come from an older draft."""
    name = name.upper()
    return PLOVER_RENAMED.get(name, name)


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: Plover

    @property
    def root(self) -> str:
        return self.code[:2]


def _read_codebook() -> dict[str, CameoCode]:
    path = resources.files("eventcoder") / "data" / "cameo.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    book: dict[str, CameoCode] = {}
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        try:
            context = tuple(c for c in (row.get("plover_context") or "").split("|") if c.strip())
            book[row["code"]] = CameoCode(
                code=row["code"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover=Plover(row["plover_type"], row.get("plover_mode") or None, context),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise KnowledgeError(path, number, f"bad codebook row: {exc}") from exc
    return book


@lru_cache(maxsize=1)
def codebook() -> dict[str, CameoCode]:
    """Every CAMEO code, keyed by its string code with leading zeros."""
    return _read_codebook()


def cameo(code: str) -> CameoCode:
    """The codebook entry for ``code``; unknown codes raise KnowledgeError."""
    try:
        return codebook()[code]
    except KeyError:
        raise KnowledgeError("cameo.tsv", None, f"unknown CAMEO code {code!r}") from None


def is_code(code: str) -> bool:
    return code in codebook()
