import json
from datetime import date

import pytest

from eventcoder.records import (
    Actor,
    Article,
    CodedArticle,
    Dateline,
    Event,
    Location,
    Plover,
    Quote,
    Skipped,
    Span,
)


def _actor(name: str = "Sergei Lavrov", code: str = "RUSGOV") -> Actor:
    return Actor(text=name, span=Span(0, len(name), name), name=name, code=code,
                 entity_id="sergei-lavrov", kind="person", country="RUS", sectors=("GOV",),
                 role="Foreign Minister", confidence=0.9, method="knowledge-base")


def _event() -> Event:
    src, tgt = _actor(), _actor("Walid al-Moallem", "SYRGOV")
    return Event(
        id=Event.make_id("a1", 3, src, tgt, "041"), article_id="a1", sentence_index=3,
        evidence=Span(10, 60, "x" * 50), trigger=Span(20, 29, "discussed"), source=src,
        target=tgt, cameo="041", cameo_root="04", quad_class=1, goldstein=1.0,
        plover=Plover("CONSULT", "phone", ()), modality="reported", date="2014-08-25",
        date_precision="day", date_source="publication",
        location=Location("Moscow", "RUS", None, 55.7, 37.6, "geonames:524901", "city"),
        quote=Quote("We will", Span(1, 9, "“We will”"), src), attributed_to=src,
        confidence=0.8, method="pattern:test",
    )


@pytest.mark.parametrize("record", [
    _actor(),
    _event(),
    Article(id="a1", text="Body.", url="http://x", publisher="SANA", published=date(2014, 8, 25),
            title="T", dateline=Dateline("Moscow", "SANA"), byline="Manal Ismael",
            raw_offsets=((0, 5, 5),)),
    Skipped("file.txt", "empty", "article has no text"),
])
def test_records_round_trip_through_json(record):
    data = json.loads(json.dumps(record.to_dict()))
    assert type(record).from_dict(data) == record


def test_coded_article_round_trip():
    coded = CodedArticle(Article(id="a", text="t"), (_event(),), (_actor(),), (),
                         (Span(0, 1, "t"),))
    assert CodedArticle.from_dict(json.loads(json.dumps(coded.to_dict()))) == coded


def test_event_id_is_deterministic_and_depends_on_its_parts():
    e = _event()
    assert e.id == Event.make_id("a1", 3, e.source, e.target, "041")
    assert e.id != Event.make_id("a1", 3, e.source, e.target, "042")
    assert e.id != Event.make_id("a1", 4, e.source, e.target, "041")


def test_article_id_prefers_url_over_text():
    assert Article.make_id("http://a", "x") == Article.make_id("http://a", "y")
    assert Article.make_id(None, "x") != Article.make_id(None, "y")


def test_raw_position_maps_back_through_offsets():
    article = Article(id="a", text="Hello\n\nWorld", raw_offsets=((0, 3, 5), (7, 20, 5)))
    assert article.raw_position(0) == 3
    assert article.raw_position(8) == 21
