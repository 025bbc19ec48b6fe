"""Plain-text boilerplate: what scraped text carries besides the story.

Each paragraph gets one kind (``classify``); the cleaner keeps ``body`` and
acts on the rest:

- ``teaser_head``: "Check Also", "Related Stories", "Most Read" alone on a
  line; the teaser headlines under it are cut with it.
- ``share_head`` / ``social``: "Share this:" and the button names under it.
- ``inline_teaser``: "READ MORE: another story's headline", one line.
- ``drop``: captions, photo credits, copyright and legal lines, timestamps,
  menus and breadcrumbs, "Skip to content", newsletter and cookie prompts.
- ``credit``: "(Reporting by X; Editing by Y)"; X is a byline of last resort.
- ``byline``: "By Jane Doe, Example Press".
"""

from __future__ import annotations

import re

# A paragraph that opens a block of links to other stories: it and the
# teasers under it are cut.
TEASER_HEADS = re.compile(
    r"^\s*(check also|related( (stories|story|articles|news|posts|coverage|content|topics|"
    r"reading))?|read (more|also|next)|see also|more (from|on|stories|news)( [\w' ]{1,30})?|"
    r"more on this story|you (may|might) (also )?like|recommended( for you| stories)?|"
    r"most (read|popular|viewed|shared)|also read|trending( now| stories)?|top stories|"
    r"latest (news|stories|posts)|editor'?s'? picks?|don'?t miss|further reading|"
    r"in other news|popular now|what to read next|from around the web|promoted stories|"
    r"sponsored( content| stories)?|recent posts|tags?|topics|comments?( \(\d+\))?|"
    r"leave a (reply|comment)|"
    r"related topics)\s*:?\s*$",
    re.IGNORECASE,
)
SHARE_HEAD = re.compile(r"^\s*(share( this( article| story| post)?)?|share (on|via)|"
                        r"spread the word)\s*:?\s*$", re.IGNORECASE)
_SOCIAL_WORD = (r"(facebook|twitter|x|whatsapp|telegram|linkedin|e-?mail|print|reddit|"
                r"pinterest|copy link|copy|messenger|tweet|share|flipboard|tumblr|vk|bluesky|"
                r"threads|mastodon|sms|comments?)")
SOCIAL = re.compile(rf"^\s*{_SOCIAL_WORD}([\s,|/·•]+{_SOCIAL_WORD})*\s*$", re.IGNORECASE)
INLINE_TEASER = re.compile(
    r"^\s*(read more|read also|also read|see also|related( story| article| coverage)?|"
    r"more|watch|listen|recommended|click here|don'?t miss|read next)\s*[:|»>]\s*\S.{0,200}$",
    re.IGNORECASE,
)
DROP_LINES = re.compile(
    r"^\s*(©|\(c\)|copyright\b|all rights reserved|photo\s*:|image\s*:|file photo|"
    r"\(photo\b|picture\s*:|caption\s*:|share (on|via)\b|follow us\b|click here\b|"
    r"subscribe\b|sign up\b|advertisement\s*$|image (caption|source|copyright|credit)|"
    r"photo (credit|caption)|credit\s*:|getty images|skip to (main )?content|jump to\b|"
    r"editor\s*:|editing by\b|our standards\s*:|sign in\b|log in\b|register\s*$|menu\s*$|"
    r"search\s*$|close\s*$|we use cookies|accept (all )?cookies|listen to this article|"
    r"print this\b|\d+\s*min(ute)?s? read\s*$|loading\.*\s*$|this material may not be\b|"
    r"reproduction of this\b)",
    re.IGNORECASE,
)
CONTRIBUTED = re.compile(r"contributed (to )?(this )?report(ing)?\.?\s*$", re.IGNORECASE)
CREDIT = re.compile(r"^\s*\((?:reporting|writing|additional reporting) by (?P<name>[^;,)]+)",
                    re.IGNORECASE)
TIMESTAMP = re.compile(r"^\s*(published|updated|last updated|posted|first published|modified)"
                       r"(\s+on)?\s*:?\s*\S.{0,80}\d", re.IGNORECASE)
_MONTHS = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
DATE_ONLY = re.compile(
    rf"^\s*((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    rf"(\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?)(,?\s+\d{{4}})?"
    rf"([,\s]+(at\s+)?\d{{1,2}}[:.]\d{{2}}\s*([ap]\.?m\.?)?(\s*[A-Z]{{2,4}})?)?\s*$",
    re.IGNORECASE,
)
# A caption credit at the end of a short paragraph: "(Harbour Press Photo/Lars Enge)",
# "Photo: Jane Doe", "... via Getty Images", and (case matters) "REUTERS/Jane Doe".
CAPTION_TAIL = re.compile(
    r"(\((?:[^()]*\s)?(photo|picture|image|file)s?\s*(/|:|by)\s*[^()]{2,60}\)|"
    r"via getty images|\b(photo|picture|image)s?\s*:\s*[^.]{2,60})\s*$",
    re.IGNORECASE,
)
AGENCY_CREDIT = re.compile(r"\b[A-Z]{2,}(?: [A-Z]{2,})?/[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2}\s*$")
_NAV_SPLIT = re.compile(r"\s*(?:\||›|»|>|·|•|/)\s*")
EXPLICIT_BYLINE = re.compile(r"^\s*(?:(?:written|words|story|text|reported) )?by\s+(?P<rest>.+)$",
                             re.IGNORECASE)
_NAME_WORD = (r"(?:[A-Z][a-z'’\-]+|[A-Z]{2,}(?:[-'’][A-Z]+)?|[A-Z]\.|al-[A-Z][a-z]+|"
              r"bin|de|van|von|da)")
_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}$")
BYLINE = re.compile(
    r"^\s*(?:by\s+)?(?P<name>(?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’\-]+|[A-Z]\.|al-"
    r"[A-Z][a-z]+|bin|de|van|von)){0,3})\s*$"
)
_BYLINE_END = re.compile(r"\s*(?:,|\||·|•|\s[-–—]\s|\bpublished\b|\bupdated\b|\bposted\b|\d)",
                         re.IGNORECASE)
_LABELS = frozenset("update breaking exclusive analysis opinion editorial watch factbox "
                    "explainer corrected refile correction live".split())


def is_teaser_head(paragraph: str) -> bool:
    return bool(TEASER_HEADS.match(paragraph))


def is_droppable(paragraph: str) -> bool:
    """A line that is never part of the story, wherever it stands."""
    text = paragraph.strip()
    if DROP_LINES.match(text) or SOCIAL.match(text) or DATE_ONLY.match(text):
        return True
    if len(text) <= 120 and TIMESTAMP.match(text):
        return True
    if len(text) <= 300 and (CAPTION_TAIL.search(text) or AGENCY_CREDIT.search(text)
                             or CONTRIBUTED.search(text)):
        return True
    return is_navigation(text)


def is_navigation(text: str) -> bool:
    """A menu or breadcrumb: three or more short items between separators."""
    if len(text) > 200 or re.search(r"[.!?\"”]$", text):
        return False
    parts = [p for p in _NAV_SPLIT.split(text) if p]
    return len(parts) >= 3 and all(len(p.split()) <= 4 and len(p) <= 30 for p in parts)


def credit_name(paragraph: str) -> str | None:
    """The reporter in a wire credit line, "(Reporting by X; Editing by Y)"."""
    match = CREDIT.match(paragraph)
    return " ".join(match.group("name").split()) if match else None


def classify(paragraph: str) -> str:
    """The paragraph's kind: body, teaser_head, share_head, inline_teaser, credit or drop."""
    text = paragraph.strip()
    if TEASER_HEADS.match(text):
        return "teaser_head"
    if SHARE_HEAD.match(text):
        return "share_head"
    if CREDIT.match(text):
        return "credit"
    if INLINE_TEASER.match(text) and len(text) <= 220 and not text.endswith((".", "”", '"')):
        return "inline_teaser"
    if is_droppable(text):
        return "drop"
    return "body"


def is_standalone(line: str) -> bool:
    """A line that is a paragraph of its own even without a blank line around it."""
    text = line.strip()
    if not text:
        return False
    return (classify(text) != "body" or bool(EXPLICIT_BYLINE.match(text) and
                                               explicit_byline(text)))


def explicit_byline(paragraph: str) -> str | None:
    """"By JANE DOE and John Roe, Example Press" -> "Jane Doe and John Roe"."""
    text = paragraph.strip()
    match = EXPLICIT_BYLINE.match(text)
    if not match or "\n" in text or len(text) > 120:
        return None
    rest = match.group("rest")
    end = _BYLINE_END.search(rest)
    names_part, tail = (rest[:end.start()], rest[end.start():]) if end else (rest, "")
    if sum(w[:1].islower() for w in tail.split()) > 2 or re.search(r"[.!?]\s*$", tail):
        return None  # "By Monday, the rebels had withdrawn." is a sentence
    names = [n.strip() for n in re.split(r"\s+(?:and|&)\s+", names_part.strip()) if n.strip()]
    if not names or not all(_NAME.match(n) for n in names):
        return None
    return " and ".join(_name_case(n) for n in names)


def _name_case(name: str) -> str:
    return " ".join(w.title() if w.isupper() and len(w) > 2 else w for w in name.split())


def byline_name(paragraph: str, *, at_start: bool) -> str | None:
    """The writer's name when ``paragraph`` is only a byline."""
    text = paragraph.strip()
    if "\n" in text or len(text) > 120:
        return None
    if EXPLICIT_BYLINE.match(text):
        return explicit_byline(text)
    if at_start or len(text) > 60:
        return None  # a bare two-word line at the top is a headline, not a byline
    match = BYLINE.match(text)
    if match and 2 <= len(match.group("name").split()) <= 4:
        return match.group("name")
    return None


def is_label(word: str) -> bool:
    """"UPDATE:", "BREAKING:" open a paragraph like a dateline but are not places."""
    return word.strip().lower() in _LABELS
