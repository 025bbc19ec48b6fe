"""A small language check: is this English?

It counts common function words per language; enough to keep Arabic, Russian,
French or German articles from being coded as garbage, with no model to load.
"""

from __future__ import annotations

import re

_WORDS = {
    "en": "the of and to in is that for on with as was by said it at from an are has have "
          "be this which will not were had its after their but who been they would",
    "fr": "le la les de des du et est une un pour que qui dans sur pas par au aux ce il "
          "elle sont avec plus été",
    "de": "der die das und ist nicht ein eine mit den dem zu von für auf sich des im auch "
          "es wird sie wurde",
    "es": "el la los las de del y que en un una por con para es se su al como más pero "
          "fue sus sobre",
    "pt": "o a os as de do da e que em um uma para com não por se na no mais foi",
    "it": "il la le di e che un una per con non sono del della è si gli nel alla",
    "nl": "de het een en van is dat op te in voor met niet zijn er aan",
    "tr": "ve bir bu da de için ile olarak daha çok gibi en",
    "id": "yang dan di ini itu dengan untuk dari tidak dalam akan pada",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, sample: int = 5000) -> str:
    """ISO 639-1 guess, ``"und"`` when the text has too few words to tell."""
    chunk = text[:sample]
    letters = [c for c in chunk if c.isalpha()]
    if len(letters) < 20:
        return "und"
    script = _script(letters)
    if script:
        return script
    words = [w.lower() for w in _TOKEN.findall(chunk)]
    if len(words) < 5:
        return "und"
    scores = {lang: sum(w in s for w in words) for lang, s in _SETS.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] / len(words) < 0.05:
        return "und"
    if best != "en" and (scores[best] < 3 or scores[best] < 1.5 * scores["en"] + 1):
        return "und"  # a headline's "met" or "die" is no Dutch or German article
    return best


def _script(letters: list[str]) -> str | None:
    ranges = {"ar": (0x0600, 0x06FF), "ru": (0x0400, 0x04FF), "zh": (0x4E00, 0x9FFF),
              "he": (0x0590, 0x05FF), "el": (0x0370, 0x03FF), "ja": (0x3040, 0x30FF),
              "ko": (0xAC00, 0xD7AF), "hi": (0x0900, 0x097F), "fa": (0xFB50, 0xFDFF)}
    for lang, (lo, hi) in ranges.items():
        share = sum(lo <= ord(c) <= hi for c in letters) / len(letters)
        if share > 0.3:
            return lang
    return None
