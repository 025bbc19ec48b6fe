from datetime import date

import pytest

from eventcoder.dates import resolve_date

PUB = date(2014, 8, 25)  # a Monday


@pytest.mark.parametrize("text,expected", [
    ("15 August 2014", ("2014-08-15", "day", "explicit")),
    ("On 15 August 2014", ("2014-08-15", "day", "explicit")),
    ("August 15, 2014", ("2014-08-15", "day", "explicit")),
    ("Aug. 20", ("2014-08-20", "day", "explicit")),
    ("December 30", ("2013-12-30", "day", "explicit")),
    ("2014-08-01", ("2014-08-01", "day", "explicit")),
    ("March 2011", ("2011-03-01", "month", "explicit")),
    ("in March", ("2014-03-01", "month", "relative")),
    ("2012", ("2012-01-01", "year", "explicit")),
    ("Monday", ("2014-08-25", "day", "relative")),
    ("Saturday", ("2014-08-23", "day", "relative")),
    ("last Monday", ("2014-08-18", "day", "relative")),
    ("yesterday", ("2014-08-24", "day", "relative")),
    ("today", ("2014-08-25", "day", "relative")),
    ("last week", ("2014-08-18", "week", "relative")),
    ("earlier this month", ("2014-08-01", "month", "relative")),
    ("last year", ("2013-01-01", "year", "relative")),
    ("three days ago", ("2014-08-22", "day", "relative")),
])
def test_dates_resolve_against_publication(text, expected):
    assert resolve_date(text, PUB) == expected


@pytest.mark.parametrize("text", ["Monday", "last week", "yesterday", "in March"])
def test_relative_dates_need_a_publication_date(text):
    assert resolve_date(text, None) is None


def test_explicit_date_without_publication_date_still_resolves():
    assert resolve_date("15 August 2014", None) == ("2014-08-15", "day", "explicit")


@pytest.mark.parametrize("text", ["2,170", "Resolution 2170", "the 1,000 fighters", "31 Feb 2014"])
def test_numbers_that_are_not_dates(text):
    assert resolve_date(text, PUB) is None


@pytest.mark.parametrize("text,expected", [
    ("10-12 August 2014", ("2014-08-10", "day", "explicit")),
    ("between 10 and 12 August", ("2014-08-10", "day", "explicit")),
    ("Aug. 20-22", ("2014-08-20", "day", "explicit")),
    ("between March and May 2013", ("2013-03-01", "month", "explicit")),
    ("from March to May", ("2014-03-01", "month", "relative")),
    ("2013-2014", ("2013-01-01", "year", "explicit")),
    ("2014-08-01", ("2014-08-01", "day", "explicit")),
])
def test_a_range_stands_for_its_start(text, expected):
    assert resolve_date(text, PUB) == expected


@pytest.fixture(scope="module")
def coded_event(pipeline):
    from eventcoder.pipeline import code_article
    from eventcoder.records import Article

    text = "Syrian troops attacked rebels in Aleppo."
    events = code_article(Article(id="d", text=text, published=PUB), pipeline).events
    assert events
    return events[0]


def test_event_date_sources(coded_event):
    from dataclasses import replace

    from eventcoder.dates import date_event

    def _event(extras):
        return replace(coded_event, extras=extras)

    weekday = {"date_clause": [{"text": "Monday"}], "date_sentence": []}
    day = date_event(_event(weekday), PUB)
    assert (day.date, day.date_precision, day.date_source) == ("2014-08-25", "day", "relative")
    bare = date_event(_event({}), PUB)
    assert (bare.date, bare.date_source) == ("2014-08-25", "publication")
    undated = date_event(_event({"date_clause": [{"text": "last week"}]}), None)
    assert (undated.date, undated.date_precision, undated.date_source) == (None, None, None)
    given = date_event(_event({"date_clause": [{"text": "15 August 2014"}]}), None)
    assert (given.date, given.date_source) == ("2014-08-15", "explicit")


def test_statement_issued_on_the_publication_weekday(pipeline):
    from eventcoder.pipeline import code_article
    from eventcoder.records import Article

    text = ("In a statement issued Monday, the Syrian Foreign Ministry condemned the "
            "Israeli air strikes on Damascus.")
    events = code_article(Article(id="d", text=text, published=PUB), pipeline).events
    assert events
    assert {(e.date, e.date_source) for e in events} == {("2014-08-25", "relative")}
