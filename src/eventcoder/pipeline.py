"""The pipeline: the only module that knows the order of the stages.

    ingest -> clean -> nlp -> actors -> events -> dates -> geo -> dedup

>>> events = code("Russia supports Syria.", published="2014-08-25")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from eventcoder import actors, classify, clean, dates, dedup, events, gazetteer, geo, nlp
from eventcoder.errors import EventcoderError, InputError, SkipArticle
from eventcoder.knowledge import Knowledge, knowledge
from eventcoder.records import Article, CodedArticle, Event, Skipped, parse_when
from eventcoder.settings import load_settings

log = logging.getLogger("eventcoder")

Item = Article | Skipped


class Pipeline:
    """Settings, knowledge and model, loaded once and shared by every article."""

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        self.settings = settings or load_settings()
        self._kb: Knowledge | None = None
        self._fallback: events.Fallback | None = None
        self._fallback_loaded = False

    @property
    def kb(self) -> Knowledge:
        if self._kb is None:
            self._kb = knowledge(tuple(self.settings["knowledge"].get("extra_dirs") or ()))
        return self._kb

    @property
    def fallback(self) -> events.Fallback | None:
        """The learned coder (setting coding.learned), loaded on first use; None: rules only."""
        if not self._fallback_loaded:
            self._fallback = classify.fallback_for(self.settings, self.kb)
            self._fallback_loaded = True
        return self._fallback

    @property
    def nlp(self) -> Any:
        return nlp.load_nlp(self.settings["nlp"]["model"])

    # ------------------------------------------------------------- stages

    def clean(self, article: Article) -> Article:
        """Stage 2: the cleaned article (raises SkipArticle)."""
        cfg = self.settings
        return clean.clean_article(
            article, max_chars=cfg["nlp"]["max_chars"], min_chars=cfg["clean"]["min_chars"],
            language_check=cfg["clean"]["language_check"],
        )

    def code_doc(self, article: Article, doc: Any) -> CodedArticle:
        """Stages 4-8 on one parsed article."""
        when = _as_date(article.published)
        mentions = actors.find_mentions(doc, when, self.kb, self.nlp)
        found, quotes, notes = events.code_doc(
            doc, mentions, article.id, self.kb, self.settings["nlp"]["max_sentence_tokens"],
            fallback=self.fallback,
            implied_targets=bool(self.settings["coding"].get("implied_targets", True)))
        found = dates.date_events(found, article.published)
        countries = frozenset(m.actor.country for m in mentions if m.actor.country)
        found = geo.locate_events(found, countries, _dateline_country(article))
        found = dedup.dedup_article(self._kept(found))
        return CodedArticle(article, tuple(found), tuple(actors.mentions_to_actors(mentions)),
                            tuple(quotes), tuple(actors.place_spans(doc, mentions)),
                            tuple(notes))

    def _kept(self, found: list[Event]) -> list[Event]:
        """Apply coding.require_target, coding.require_known_party and
        coding.min_confidence."""
        cfg = self.settings["coding"]
        known = bool(cfg.get("require_known_party", True))
        return [e for e in found if (e.target is not None or not cfg.get("require_target"))
                and (not known or events.known_party(e))
                and e.confidence >= float(cfg.get("min_confidence") or 0)]

    # -------------------------------------------------------------- batch

    def run(self, items: Iterable[Item]) -> Iterator[CodedArticle | Skipped]:
        """Code a stream of raw articles; a bad article becomes a Skipped record."""
        batch = self.settings["nlp"]["batch_size"]
        _ = self.kb, self.nlp  # a broken dictionary or missing model fails here, once
        pending: list[Skipped] = []
        pairs = ((a.text, a) for a in self._cleaned(items, pending))
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch):
            yield from self._drain(pending)
            yield self._safely(article, doc)
        yield from self._drain(pending)

    def _cleaned(self, items: Iterable[Item], pending: list[Skipped]) -> Iterator[Article]:
        """Clean articles; what cannot be cleaned goes to ``pending`` as Skipped."""
        for item in items:
            if isinstance(item, Skipped):
                pending.append(item)
                continue
            try:
                yield self.clean(item)
            except SkipArticle as exc:
                pending.append(Skipped(item.url or item.id, exc.reason, str(exc), item.id))

    @staticmethod
    def _drain(pending: list[Skipped]) -> Iterator[Skipped]:
        while pending:
            yield pending.pop(0)

    def _safely(self, article: Article, doc: Any) -> CodedArticle | Skipped:
        try:
            return self.code_doc(article, doc)
        except EventcoderError as exc:
            return Skipped(article.url or article.id, "error", str(exc), article.id)
        except Exception as exc:  # one broken article must not end a batch
            log.exception("article %s failed", article.id)
            return Skipped(article.url or article.id, "internal_error",
                           f"{type(exc).__name__}: {exc}", article.id)


def _dateline_country(article: Article) -> str | None:
    """The alpha-3 country of the dateline's place ("MOSCOW, SANA-" -> RUS)."""
    place = article.dateline.place if article.dateline else None
    found = gazetteer.best_place(place) if place else None
    return found.country if found else None


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def keep_modalities(events_: Iterable[Event], modalities: Iterable[str] | None) -> list[Event]:
    """Filter events on modality; None keeps them all."""
    if modalities is None:
        return list(events_)
    allowed = set(modalities)
    return [e for e in events_ if e.modality in allowed]


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def code_article(article: Article, pipeline: Pipeline | None = None) -> CodedArticle:
    """Clean, parse and code one article; raises SkipArticle when it cannot be coded."""
    pipeline = pipeline or default_pipeline()
    for result in pipeline.run([article]):
        if isinstance(result, Skipped):
            raise SkipArticle(result.reason, result.message)
        return result
    raise InputError("nothing to code")


def code(text: str, published: str | date | datetime | None = None, *, url: str | None = None,
         publisher: str | None = None, title: str | None = None,
         modalities: Iterable[str] | None = ("asserted", "reported")) -> list[Event]:
    """Code one article's text; returns its events.

    >>> [e.cameo for e in code("Russia supports Syria.", "2014-08-25")]  # doctest: +SKIP
    ['051']
    """
    try:
        when = parse_when(published)
    except ValueError:
        raise InputError(f"bad publication date {published!r}; use YYYY-MM-DD") from None
    article = Article(id=Article.make_id(url, text), text=text, url=url, publisher=publisher,
                      published=when, title=title)
    result = code_article(article)
    return keep_modalities(result.events, modalities)


def with_published(article: Article, published: date | datetime | None) -> Article:
    return article if article.published or published is None else replace(article,
                                                                          published=published)
