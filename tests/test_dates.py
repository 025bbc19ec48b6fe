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
