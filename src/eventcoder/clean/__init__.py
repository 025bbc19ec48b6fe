"""The clean stage: raw text in, a clean ``Article`` out.

Steps, in order:
1. refuse what is not an article (binary, empty, too long);
2. split into paragraphs, keeping each paragraph's raw offset (hard-wrapped
   lines are joined; a menu, byline or caption line stands alone);
3. drop what is never story (captions, credits, copyright, timestamps, menus,
   share buttons, one-line "Read more:" teasers) and take the byline;
4. cut "Check Also"/"Related" blocks and the teasers under them;
5. take the headline, then read the dateline off the first body paragraph;
6. join what is left; ``raw_offsets`` maps every character back;
7. refuse what is not English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from eventcoder.clean.boilerplate import (
    byline_name,
    classify,
    credit_name,
    explicit_byline,
    is_standalone,
    is_teaser_head,
)
from eventcoder.clean.dateline import read_dateline
from eventcoder.clean.language import detect_language
from eventcoder.errors import SkipArticle
from eventcoder.records import Article, Dateline

__all__ = ["clean_article", "clean_text", "detect_language"]

_SENTENCE_END = re.compile(r"[.!?\"”’:)]\s*$")


@dataclass(frozen=True)
class _Para:
    raw_start: int
    text: str


def _check_raw(raw: str, max_chars: int, min_chars: int) -> None:
    if len(raw) > max_chars:
        raise SkipArticle("too_long", f"article has {len(raw):,} characters, over the limit "
                          f"of {max_chars:,} (nlp.max_chars)")
    if "\x00" in raw or sum(c < " " and c not in "\n\r\t\f" for c in raw[:10000]) > 20:
        raise SkipArticle("binary", "input looks like binary data, not text")
    size = len(raw.strip())
    if size == 0:
        raise SkipArticle("empty", "article has no text to code")
    if size < min_chars:
        raise SkipArticle("empty", f"article has {size} characters of text, under the "
                          f"minimum of {min_chars} (clean.min_chars)")


def _paragraphs(raw: str) -> list[_Para]:
    """Blocks split on blank lines; inside a block a line break ends a paragraph
    after sentence-final punctuation, or when either line stands alone (a menu,
    byline, caption or teaser head); other lines are hard-wrapped and joined."""
    out: list[_Para] = []
    for block in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", raw):
        start, text = block.start(), block.group()
        lines = text.split("\n")
        piece_start = line_start = 0
        for line, following in zip(lines, lines[1:], strict=False):
            line_end = line_start + len(line)
            if (_SENTENCE_END.search(text[piece_start:line_end])
                    or is_standalone(line) or is_standalone(following)):
                out.append(_Para(start + piece_start, text[piece_start:line_end]))
                piece_start = line_end + 1
            line_start = line_end + 1
        out.append(_Para(start + piece_start, text[piece_start:]))
    return [p for p in (_tidy(p) for p in out) if p.text]


def _tidy(p: _Para) -> _Para:
    body = p.text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    lead = len(body) - len(body.lstrip())
    return _Para(p.raw_start + lead, body.strip())


def _is_headline(p: _Para) -> bool:
    return len(p.text) <= 200 and not re.search(r"[.:;,]$", p.text)


def _is_body(text: str) -> bool:
    return len(text) > 200 or bool(re.search(r"[.!?\"”’]$", text))


def _is_long_body(text: str) -> bool:
    return len(text) >= 150 and bool(re.search(r"[.!?\"”’]$", text))


def clean_text(
    raw: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: datetime | date | None = None,
    title: str | None = None,
    article_id: str | None = None,
    byline: str | None = None,
    max_chars: int = 1_000_000,
    min_chars: int = 20,
    language_check: bool = True,
) -> Article:
    """Clean scraped plain text into an Article (raises SkipArticle).

    >>> clean_text("Talks resume\\n\\nGENEVA (AP) - The two sides met again.").dateline.place
    'Geneva'
    """
    _check_raw(raw, max_chars, min_chars)
    kept, found_byline = _strip_boilerplate(_paragraphs(raw))
    title, body_from = _headline(kept, title)
    dateline, kept = _take_dateline(kept, body_from)
    text, offsets = _join(kept)
    if len(text.strip()) < min_chars:
        raise SkipArticle("empty", "nothing is left of the article after cleaning")
    language = detect_language(text)
    if language_check and language not in ("en", "und"):
        raise SkipArticle("language", f"article is in language {language!r}, not English")
    return Article(
        id=article_id or Article.make_id(url, raw),
        text=text, url=url, publisher=publisher or (dateline.agency if dateline else None),
        published=published, title=title, dateline=dateline, byline=byline or found_byline,
        language=language, raw_offsets=offsets,
    )


def clean_article(article: Article, *, max_chars: int = 1_000_000, min_chars: int = 20,
                  language_check: bool = True) -> Article:
    """Clean an ingested Article, keeping what ingest already knew (byline from HTML)."""
    return clean_text(
        article.text, url=article.url, publisher=article.publisher,
        published=article.published, title=article.title, article_id=article.id,
        byline=article.byline, max_chars=max_chars, min_chars=min_chars,
        language_check=language_check)


def _strip_boilerplate(paras: list[_Para]) -> tuple[list[_Para], str | None]:
    """Drop non-story paragraphs, cut teaser blocks, and find the byline."""
    kept: list[_Para] = []
    byline = credit = None
    for p in paras:
        kind = classify(p.text)
        if kind == "credit":
            credit = credit or credit_name(p.text)
        elif kind == "teaser_head":
            kept.append(p)  # cut below, once we know whether the story had begun
        elif kind == "body":
            name = explicit_byline(p.text) if byline is None else None
            if name:
                byline = name
            else:
                kept.append(p)
    kept = _cut_teasers(kept)
    if byline is None and len(kept) > 1 and any(_is_body(p.text) for p in kept[:-1]):
        byline = byline_name(kept[-1].text, at_start=False)
        if byline:
            kept.pop()
    return kept, byline or credit


def _cut_teasers(paras: list[_Para]) -> list[_Para]:
    """Remove each teaser head that follows story text, and the teasers under it."""
    out: list[_Para] = []
    i = 0
    while i < len(paras):
        if is_teaser_head(paras[i].text):
            if any(_is_body(p.text) for p in out):
                i = _story_resumes(paras, i + 1)
            else:
                i += 1  # a "Tags" or "Related" line above the story: drop the line only
            continue
        out.append(paras[i])
        i += 1
    return out


def _story_resumes(paras: list[_Para], i: int) -> int:
    """Where story text comes back after a teaser block: two long paragraphs in a row."""
    while i < len(paras) - 1:
        if (_is_long_body(paras[i].text) and _is_long_body(paras[i + 1].text)
                and not is_teaser_head(paras[i].text)):
            return i
        i += 1
    return len(paras)


def _headline(kept: list[_Para], title: str | None) -> tuple[str | None, int]:
    """The title, and the index of the first body paragraph."""
    if title is None and len(kept) > 1 and _is_headline(kept[0]):
        title = kept[0].text
    body_from = 1 if title is not None and kept and kept[0].text == title.strip() else 0
    return title, body_from


def _take_dateline(kept: list[_Para], body_from: int) -> tuple[Dateline | None, list[_Para]]:
    if len(kept) <= body_from:
        return None, kept
    first = kept[body_from]
    dateline, cut = read_dateline(first.text)
    if dateline is None:
        return None, kept
    rest = first.text[cut:]
    lead = len(rest) - len(rest.lstrip())
    kept = list(kept)
    kept[body_from] = _Para(first.raw_start + cut + lead, rest.strip())
    return dateline, [p for p in kept if p.text]


def _join(paras: list[_Para]) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    parts, offsets, pos = [], [], 0
    for p in paras:
        offsets.append((pos, p.raw_start, len(p.text)))
        parts.append(p.text)
        pos += len(p.text) + 2
    return "\n\n".join(parts), tuple(offsets)
