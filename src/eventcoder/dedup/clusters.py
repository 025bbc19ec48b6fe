"""Dedup across articles: reports that describe the same real-world event.

GDELT counts reports: one kidnapping, retold by hundreds of articles over
days, became hundreds of events. Here two reports are one event when they
have the same source and target, the same CAMEO root, dates within a window
of the cluster's first date, and evidence sentences that share enough
content words. Two reports from one article are never merged: in-article
dedup (``dedup_article``) already decided they are different events.

The clusterer sees plain ``Report`` records and knows nothing of the store.

>>> a = Report("e1", "a1", "AFP", None, ("NGA", "", "18"), date(2014, 4, 15),
...            words_of("Gunmen abducted schoolgirls in Chibok"))
>>> b = Report("e2", "a2", "BBC", None, ("NGA", "", "18"), date(2014, 4, 16),
...            words_of("Schoolgirls were abducted from Chibok"))
>>> [c.num_articles for c in cluster_reports([a, b])]
[2]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = ["Cluster", "ClusterSettings", "Report", "cluster_reports", "words_of"]

_STOP = frozenset("""
a an and are as at be been but by for from had has have he her his in into is it its
of on or said says that the their them they this to was were which while who will with
would after also before over than then there these those about against between during
""".split())
_WORD = re.compile(r"[^\W\d_]{3,}")


def words_of(text: str) -> frozenset[str]:
    """Content words of a sentence, crudely stemmed, for comparing evidence."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(out)


@dataclass(frozen=True)
class ClusterSettings:
    """How close two reports must be to count as one event."""

    window_days: int = 3
    min_similarity: float = 0.15

    @classmethod
    def from_settings(cls, settings: dict | None) -> ClusterSettings:
        """Read ``store.clusters`` from the settings, where a user file sets it."""
        found = ((settings or {}).get("store") or {}).get("clusters") or {}
        return cls(**{k: v for k, v in found.items() if k in ("window_days", "min_similarity")})


@dataclass(frozen=True)
class Report:
    """One stored event as the clusterer sees it."""

    event_id: str
    article_id: str
    publisher: str | None
    published: datetime | None
    block: tuple[str, ...]  # (source key, target key, CAMEO root): only equals can merge
    date: date | None
    words: frozenset[str]


@dataclass(frozen=True)
class Cluster:
    """One real-world event and the reports of it."""

    id: str  # the representative (earliest) report's event id
    event_ids: tuple[str, ...]
    num_articles: int
    num_sources: int
    first_seen: datetime | None
    date_min: date | None
    date_max: date | None

    @property
    def representative_id(self) -> str:
        return self.id


@dataclass
class _Open:
    anchor: date
    members: list[Report] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    def add(self, report: Report) -> None:
        self.members.append(report)
        self.articles.add(report.article_id)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: a short sentence inside a long one still matches."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def cluster_reports(reports: Iterable[Report],
                    settings: ClusterSettings = ClusterSettings()) -> list[Cluster]:
    """Group reports into clusters; deterministic for a given set of reports."""
    blocks: dict[tuple[str, ...], list[Report]] = defaultdict(list)
    out: list[Cluster] = []
    for report in reports:
        if report.date is None:  # undated: nothing to compare it with
            out.append(_finish([report]))
        else:
            blocks[report.block].append(report)
    for block in sorted(blocks):
        out.extend(_finish(c.members) for c in _cluster_block(blocks[block], settings))
    return sorted(out, key=lambda c: c.id)


def _order(r: Report) -> tuple:
    return (r.date, r.published or datetime.max, r.event_id)


def _cluster_block(reports: list[Report], settings: ClusterSettings) -> list[_Open]:
    """Greedy, in date order: each report joins the most similar open cluster."""
    clusters: list[_Open] = []
    active: list[_Open] = []  # clusters whose window is still open, oldest first
    for report in sorted(reports, key=_order):
        while active and (report.date - active[0].anchor).days > settings.window_days:
            active.pop(0)
        best, best_score = None, settings.min_similarity
        for c in active:
            if report.article_id in c.articles:
                continue
            score = max(similarity(report.words, m.words) for m in _sample(c.members))
            if score > best_score or (best is None and score == best_score):
                best, best_score = c, score  # ties go to the older cluster
        if best is None:
            best = _Open(report.date)
            clusters.append(best)
            active.append(best)
        best.add(report)
    return clusters


def _sample(members: list[Report]) -> list[Report]:
    """The first report and the latest few: enough to recognise the story, and a
    widely reported event does not make each new report cost more."""
    return members if len(members) <= 9 else [members[0], *members[-8:]]


def _finish(members: list[Report]) -> Cluster:
    members = sorted(members, key=lambda r: (r.date or date.max, *_order(r)[1:]))
    dates = [m.date for m in members if m.date]
    seen = [m.published for m in members if m.published]
    return Cluster(
        id=members[0].event_id, event_ids=tuple(m.event_id for m in members),
        num_articles=len({m.article_id for m in members}),
        num_sources=len({m.publisher or f"article:{m.article_id}" for m in members}),
        first_seen=min(seen) if seen else None,
        date_min=min(dates) if dates else None, date_max=max(dates) if dates else None,
    )
