import pytest

from eventcoder.clean import clean_text, detect_language
from eventcoder.clean.dateline import read_dateline
from eventcoder.errors import SkipArticle

BODY = ("The foreign ministers of both countries met on Tuesday to discuss the border and "
        "agreed to meet again next month, officials said.")


@pytest.mark.parametrize("opening,place,agency", [
    ("Moscow, SANA-The ministry said", "Moscow", "SANA"),
    ("WASHINGTON (Reuters) - The ministry said", "Washington", "Reuters"),
    ("BEIRUT, Aug 25 (AFP) - The ministry said", "Beirut", "AFP"),
    ("MOSCOW,SANA-Russia made", "Moscow", "SANA"),
    ("NEW YORK, March 3 (eventcoder demo) - The", "New York", "eventcoder demo"),
])
def test_datelines_are_read_and_cut(opening, place, agency):
    dateline, cut = read_dateline(opening)
    assert dateline is not None
    assert (dateline.place, dateline.agency) == (place, agency)
    assert opening[cut:].startswith(("The", "Russia"))


def test_plain_sentence_has_no_dateline():
    assert read_dateline("The ministers met in Geneva on Monday.")[0] is None


def test_headline_teaser_byline_and_captions_are_removed():
    raw = (f"Ministers meet over border\n\nGENEVA (AP) - {BODY}\n\nPhoto: ministers in Geneva\n\n"
           f"{BODY}\n\nJane Doe\n\nRelated\n\nOther story about trade talks\n\n"
           "© 2024 Example News")
    article = clean_text(raw)
    assert article.title == "Ministers meet over border"
    assert article.byline == "Jane Doe"
    assert article.dateline.place == "Geneva"
    assert "Other story" not in article.text and "Photo:" not in article.text
    assert "Jane Doe" not in article.text and "©" not in article.text
    assert article.text.count("foreign ministers") == 2


def test_offsets_map_cleaned_text_back_to_raw():
    raw = f"Headline here\n\n\n\nPARIS (AFP) - {BODY}\n\n  {BODY}\n"
    article = clean_text(raw)
    for clean_start, raw_start, length in article.raw_offsets:
        assert raw[raw_start:raw_start + length] == article.text[clean_start:clean_start + length]


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    raw = "The ministers met on Tuesday\nin Geneva and agreed to meet\nagain next month."
    assert clean_text(raw).text == raw.replace("\n", " ")


@pytest.mark.parametrize("raw,reason", [
    ("", "empty"),
    ("   \n\n  ", "empty"),
    ("abc\x00\x01\x02" * 20, "binary"),
    ("Le ministre des affaires étrangères a déclaré que la France est prête à aider le pays "
     "et que les discussions sont en cours avec les partenaires.", "language"),
])
def test_bad_articles_are_skipped_with_a_reason(raw, reason):
    with pytest.raises(SkipArticle) as info:
        clean_text(raw)
    assert info.value.reason == reason


def test_a_too_short_article_says_how_short_and_which_setting():
    with pytest.raises(SkipArticle) as info:
        clean_text("Erdogan met Putin.")
    assert info.value.reason == "empty" and "clean.min_chars" in str(info.value)


def test_too_long_article_is_skipped_not_truncated():
    with pytest.raises(SkipArticle) as info:
        clean_text(BODY * 10, max_chars=100)
    assert info.value.reason == "too_long"


@pytest.mark.parametrize("text,lang", [
    (BODY, "en"),
    ("Der Außenminister sagte, dass die Regierung mit den Partnern über die Lage spricht und "
     "es eine Lösung geben wird.", "de"),
    ("وقال وزير الخارجية إن الحكومة مستعدة للتعاون مع جميع الأطراف", "ar"),
    ("De minister heeft het voorstel niet gesteund en is met de oppositie in gesprek.", "nl"),
])
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_an_english_headline_with_a_dutch_looking_word_is_not_dutch():
    # "met" and "in" are Dutch words too; two hits are no evidence of Dutch
    text = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow."
    assert detect_language(text) in ("en", "und")


def test_seed_article_boilerplate_is_removed(seed_text, seed_expected):
    article = clean_text(seed_text)
    for snippet in seed_expected["boilerplate"]:
        assert snippet.rstrip(" …") not in article.text
    assert article.byline == seed_expected["byline"]
    assert article.title == seed_expected["headline"]
    assert article.dateline.place == seed_expected["dateline"]["place"]
    assert article.dateline.agency == seed_expected["dateline"]["agency"]
    assert not article.text.split("\n\n")[1].startswith("Moscow, SANA")


def test_a_hyphenated_opening_word_is_no_dateline():
    from eventcoder.clean.dateline import read_dateline

    assert read_dateline("US-led forces bombed ISIL positions.") == (None, 0)
    assert read_dateline("WASHINGTON - The US said")[0].place == "Washington"
