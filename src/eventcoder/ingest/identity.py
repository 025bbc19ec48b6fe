"""Article identity: one id per article however it reached us, and links
between near-identical wire copies.

The id is the hash of the article's canonical URL (tracking parameters,
fragments and letter case of the host removed), else of its text, so the same
story seen through two feeds, or read twice, gets one id and is coded once.
Wire copies that several outlets run with small edits have different URLs;
``WireLinker`` finds them by a MinHash of their word 3-grams and links each
to the first copy seen, leaving the counting of reports to the dedup stage.

>>> canonical_url("HTTPS://News.Example/a/1?utm_source=rss&id=7#top")
'https://news.example/a/1?id=7'
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from eventcoder.records import Article, Skipped

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|ns_\w+|"
                       r"at_\w+|ref_src|smid|yclid|_ga)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_WORD = re.compile(r"\w+", re.UNICODE)
# MinHash: 64 hash functions (a*h + b mod p, fixed seeds so ids link the same
# way on every run) in 16 bands of 4 for locality-sensitive lookup.
_PRIME = (1 << 61) - 1
_BANDS, _ROWS = 16, 4
_COEFFS = tuple((random.Random(seed).randrange(1, _PRIME), random.Random(-seed).randrange(_PRIME))
                for seed in range(1, _BANDS * _ROWS + 1))


def canonical_url(url: str) -> str:
    """The URL without tracking parameters, fragment, default port or host case."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:  # a malformed port: keep the URL as it was given
        return url.strip()
    if port and str(port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.match(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def article_id(url: str | None, text: str) -> str:
    """The stable id: the canonical URL's hash when there is a URL, else the text's."""
    return Article.make_id(canonical_url(url) if url else None, text)


def unique(items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
    """Pass each article id once; a repeat becomes a ``duplicate`` Skipped record."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                where = item.url or item.id
                yield Skipped(where, "duplicate", f"{where}: the same article was already "
                              "read in this batch; it is coded once", item.id)
                continue
            seen.add(item.id)
        yield item


def _shingle_hashes(text: str, shingle: int = 3) -> set[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    grams = (" ".join(words[i:i + shingle]) for i in range(max(1, len(words) - shingle + 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest())
            for g in grams}


def minhash(text: str) -> tuple[int, ...]:
    """A MinHash signature of the word 3-grams: equal entries estimate their overlap."""
    hashes = _shingle_hashes(text) or {0}
    return tuple(min(((a * h + b) % _PRIME) & 0xFFFFFFFF for h in hashes) for a, b in _COEFFS)


def similarity(one: tuple[int, ...], other: tuple[int, ...]) -> float:
    """Estimated share of 3-grams two texts have in common (Jaccard), 0..1."""
    return sum(x == y for x, y in zip(one, other, strict=True)) / len(one)


@dataclass(frozen=True)
class WireCopy:
    """``article_id`` is a near-identical copy of the earlier ``original_id``."""

    article_id: str
    original_id: str
    similarity: float  # estimated share of word 3-grams in common


class WireLinker:
    """Remembers recent signatures and links each new article to a near twin.

    Locality-sensitive hashing on bands of the signature finds candidates
    without comparing against every remembered article.
    """

    def __init__(self, threshold: float = 0.7, memory: int = 20000,
                 known: Iterable[tuple[str, tuple[int, ...]]] = ()) -> None:
        self.threshold = threshold
        self.memory = memory
        self._sigs: dict[str, tuple[int, ...]] = {}
        self._buckets: dict[tuple[int, tuple[int, ...]], list[str]] = {}
        for article_id, sig in known:
            self._remember(article_id, tuple(sig))

    def link(self, article_id: str, text: str) -> WireCopy | None:
        """The link to an earlier near-identical article, if any; then remember this one."""
        if len(_WORD.findall(text)) < 20 or article_id in self._sigs:
            return None  # too short to tell a copy from a coincidence, or already known
        sig = minhash(text)
        best = max(((similarity(sig, self._sigs[other]), other)
                    for other in self._candidates(sig)), default=None)
        self._remember(article_id, sig)
        if best is None or best[0] < self.threshold:
            return None
        return WireCopy(article_id, best[1], round(best[0], 3))

    def known(self, limit: int = 2000) -> list[tuple[str, tuple[int, ...]]]:
        """The most recent signatures, to persist and link across restarts."""
        return list(self._sigs.items())[-limit:]

    def _bands(self, sig: tuple[int, ...]) -> Iterator[tuple[int, tuple[int, ...]]]:
        for band in range(_BANDS):
            yield band, sig[band * _ROWS:(band + 1) * _ROWS]

    def _candidates(self, sig: tuple[int, ...]) -> set[str]:
        return {other for key in self._bands(sig) for other in self._buckets.get(key, ())}

    def _remember(self, article_id: str, sig: tuple[int, ...]) -> None:
        self._sigs[article_id] = sig
        for key in self._bands(sig):
            self._buckets.setdefault(key, []).append(article_id)
        while len(self._sigs) > self.memory:
            self._forget(next(iter(self._sigs)))

    def _forget(self, article_id: str) -> None:
        sig = self._sigs.pop(article_id)
        for key in self._bands(sig):
            bucket = self._buckets.get(key, [])
            if article_id in bucket:
                bucket.remove(article_id)
            if not bucket:
                self._buckets.pop(key, None)
