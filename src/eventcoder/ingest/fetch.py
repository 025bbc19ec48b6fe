"""A polite HTTP client for feeds and article pages.

Polite means: a User-Agent that says who we are, a timeout on every request,
a few retries with exponential backoff on failures that may pass (timeouts,
dropped connections, 429 and 5xx, honouring ``Retry-After``), a cap on
requests in flight to any one host, and a size cap so one huge page cannot
eat the memory. Every failure is a ``FetchError`` (a ``SkipArticle``) with a
short reason, so callers record it and go on.

>>> with Fetcher(FetchSettings(timeout=5)) as fetcher:  # doctest: +SKIP
...     page = fetcher.get("https://example.org/feed.xml")
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from eventcoder import __version__
from eventcoder.errors import ConfigError, SkipArticle
from eventcoder.ingest.html import is_html_type

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("eventcoder.ingest")

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer is treated as down for now


@dataclass(frozen=True)
class FetchSettings:
    """The ``ingest`` settings that shape HTTP requests."""

    user_agent: str = "eventcoder/{version} (political event coder)"
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0
    max_redirects: int = 5
    per_host: int = 2
    workers: int = 8
    max_bytes: int = 10_000_000
    trust_env: bool = True  # read proxy settings from the environment

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> FetchSettings:
        """Build from the ``ingest`` section of the settings (unknown keys ignored)."""
        section = dict((settings or {}).get("ingest") or {})
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in section.items() if k in names})

    @property
    def agent(self) -> str:
        return self.user_agent.replace("{version}", __version__)


@dataclass(frozen=True)
class Page:
    """A fetched response: the final URL after redirects, status and body."""

    url: str
    status: int
    body: bytes
    content_type: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_html(self) -> bool:
        return is_html_type(self.content_type, self.body)


class FetchError(SkipArticle):
    """A request failed; ``transient`` says whether a later try may succeed."""

    def __init__(self, reason: str, message: str, *, transient: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(reason, message)
        self.transient = transient
        self.retry_after = retry_after


class Fetcher:
    """GET with retries, per-host limits and a size cap; thread-safe."""

    def __init__(self, settings: FetchSettings | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._httpx = _httpx()
        self._client = self._httpx.Client(
            headers={"User-Agent": self.settings.agent,
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"},
            timeout=self.settings.timeout, follow_redirects=True,
            max_redirects=self.settings.max_redirects, transport=transport,
            trust_env=self.settings.trust_env)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Page:
        """The page at ``url``; raises FetchError after the last retry fails."""
        _check_url(url)
        with self._host_slot(url):
            for attempt in range(self.settings.retries + 1):
                try:
                    return self._get_once(url, headers)
                except FetchError as exc:
                    if not exc.transient or attempt == self.settings.retries:
                        raise
                    wait = exc.retry_after or self.settings.backoff * 2**attempt
                    log.info("retrying %s in %.1fs: %s", url, wait, exc)
                    self._sleep(wait)
        raise AssertionError("unreachable")  # the loop always returns or raises

    def get_many(self, urls: Sequence[str]) -> list[Page | FetchError]:
        """Fetch concurrently; results in the order of ``urls``, failures as FetchError."""
        def one(url: str) -> Page | FetchError:
            try:
                return self.get(url)
            except FetchError as exc:
                return exc

        if not urls:
            return []
        with ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            return list(pool.map(one, urls))

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(max(1, self.settings.per_host))
            return self._hosts[host]

    def _get_once(self, url: str, headers: Mapping[str, str] | None) -> Page:
        httpx = self._httpx
        try:
            with self._client.stream("GET", url, headers=dict(headers or {})) as response:
                return self._read(url, response)
        except httpx.TooManyRedirects:
            raise FetchError("redirect_loop", f"{url}: more than {self.settings.max_redirects} "
                             "redirects (a redirect loop?)") from None
        except httpx.TimeoutException:
            raise FetchError("timeout", f"{url}: no answer within {self.settings.timeout:g}s",
                             transient=True) from None
        except httpx.TransportError as exc:
            raise FetchError("unreachable", f"{url}: cannot connect ({_why(exc)})",
                             transient=True) from None

    def _read(self, url: str, response: httpx.Response) -> Page:
        status = response.status_code
        if status >= 400 or (300 <= status < 400 and status != 304):
            raise FetchError("http_status", f"{url}: the server answered HTTP {status}",
                             transient=status in RETRY_STATUS,
                             retry_after=_retry_after(response.headers.get("Retry-After")))
        body = self._body(url, response)
        return Page(url=str(response.url), status=status, body=body,
                    content_type=response.headers.get("Content-Type", ""),
                    headers={k.lower(): v for k, v in response.headers.items()})

    def _body(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(url, int(declared), limit)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_large(url, size, limit)
            chunks.append(chunk)
        return b"".join(chunks)


def _httpx() -> Any:
    try:
        import httpx
    except ImportError:
        raise ConfigError("fetching feeds and pages needs httpx: pip install httpx") from None
    return httpx


def _check_url(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError("bad_url", f"{url!r} is not an http(s) URL")


def _too_large(url: str, size: int, limit: int) -> FetchError:
    return FetchError("too_large", f"{url}: over {size / 1e6:.1f} MB, more than the limit of "
                      f"{limit / 1e6:.1f} MB (ingest.max_bytes)")


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return None


def _why(exc: Exception) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__
