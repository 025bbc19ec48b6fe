"""A small hand-built event database shared by the API, fuzz and browser tests.

No tests live here. Seven events in five articles: two Russia-Syria talks and
an accusation, two abductions in Nigeria at two located places, US aid with no
target, and one article written to attack the dashboard (markup in its text,
title, URL, place and actor names), which must only ever show as text.
"""

from __future__ import annotations

from pathlib import Path

from eventcoder.records import Location, Span
from eventcoder.store import open_store
from test_store_fakes import (
    BOKO,
    MOSCOW,
    NGA_CVL,
    RUS,
    SYR,
    USA,
    make_actor,
    make_coded,
    make_event,
)

CHIBOK = Location("Chibok", "NGA", "Borno", 10.87, 12.83, "geonames:2338660", "city",
                  Span(0, 6, "Chibok"))
MAIDUGURI = Location("Maiduguri", "NGA", "Borno", 11.85, 13.16, "geonames:2331447", "city",
                     Span(0, 9, "Maiduguri"))

SCRIPT = "<script>window.__xss = 1</script>"
IMG = '<img src=x onerror="window.__xss = 2">'
XSS_TEXT = f"Hackers {SCRIPT} attacked the ministry {IMG} in the capital."
XSS_ACTOR = make_actor("<b>Hackers</b>", "XSSREB", "XSS", ("REB",), "group")
XSS_PLACE = Location('<img src=y onerror="window.__xss = 3">', "XSS", None, 1.0, 1.0,
                     None, "city", None)


def xss_article():
    event = make_event("x1", 0, source=XSS_ACTOR, target=RUS, cameo="181", date="2015-01-10",
                       evidence=XSS_TEXT, location=XSS_PLACE)
    return make_coded("x1", [event], publisher="<i>Evil Times</i>", published="2015-01-10",
                      url="javascript:window.__xss=4")


def corpus():
    return [
        make_coded("a1", [
            make_event("a1", 0, location=MOSCOW),
            make_event("a1", 1, cameo="112", date="2014-08-26", modality="reported",
                       evidence="Moscow accused Damascus of stalling the talks."),
        ], publisher="SANA"),
        make_coded("a2", [make_event("a2", 0, source=SYR, target=RUS, cameo="042",
                                     date="2014-08-27",
                                     evidence="Syria's minister visited Lavrov in Moscow.")],
                   publisher="TASS", published="2014-08-27"),
        make_coded("a3", [make_event("a3", 0, source=BOKO, target=NGA_CVL, cameo="181",
                                     date="2014-04-15", location=CHIBOK,
                                     evidence="Boko Haram abducted schoolgirls in Chibok."),
                          make_event("a3", 1, source=USA, target=None, cameo="070",
                                     date="2014-05-02", evidence="The United States sent aid.")],
                   publisher="BBC", published="2014-04-15"),
        make_coded("a4", [make_event("a4", 0, source=BOKO, target=NGA_CVL, cameo="181",
                                     date="2014-04-16", location=MAIDUGURI,
                                     evidence="Gunmen abducted the schoolgirls at night.")],
                   publisher="AFP", published="2014-04-16"),
        xss_article(),
    ]


def build_db(path: Path) -> Path:
    with open_store(path) as store:
        store.write(corpus())
    return path
