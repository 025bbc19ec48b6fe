"""Where events happen: the gazetteer, toponym choice and event locations."""

from datetime import date

import pytest

from eventcoder.evaluate.locations import score_locations
from eventcoder.gazetteer import loose_key, normalise
from eventcoder.geo import choose_place, resolve_place
from eventcoder.pipeline import code_article
from eventcoder.records import Article


@pytest.mark.parametrize("name,country,precision", [
    ("Aleppo", "SYR", "city"), ("Halab", "SYR", "city"), ("Kiev", "UKR", "city"),
    ("Kyiv", "UKR", "city"), ("Idlib", "SYR", "city"), ("Syria", "SYR", "country"),
])
def test_gazetteer_names_and_variants(name, country, precision):
    place = resolve_place(name)
    assert (place.country, place.precision) == (country, precision)
    assert place.lat is not None and place.lon is not None


def test_article_countries_decide_between_same_name_places():
    assert resolve_place("Tripoli", frozenset({"LBN"})).country == "LBN"
    assert resolve_place("Tripoli", frozenset({"LBY"})).country == "LBY"


@pytest.mark.parametrize("raw,key", [("Ḩalab", "halab"), ("al-Raqqa", "raka"),
                                     ("Idlib province", "idlib")])
def test_normalise(raw, key):
    assert loose_key(normalise(raw)) == key


def test_verbal_events_take_only_a_place_tied_to_the_verb():
    sentence = [{"text": "Syria", "start": 0, "end": 5}]
    assert choose_place([], sentence, material=False) == []
    assert choose_place([], sentence, material=True) == sentence


def _events(pipeline, text):
    return code_article(Article(id="g", text=text, published=date(2014, 8, 25)), pipeline).events


def test_attack_is_located_where_it_happened(pipeline):
    events = _events(pipeline, "Syrian troops attacked rebels in Aleppo on Sunday.")
    located = [e for e in events if e.location]
    assert located and located[0].location.name == "Aleppo"
    assert located[0].location.country == "SYR"


def test_phone_call_has_no_location(pipeline):
    events = _events(pipeline, "Russian Foreign Minister Sergei Lavrov discussed by phone with "
                               "Syrian Foreign Minister Walid al-Moallem the situation in Syria.")
    calls = [e for e in events if e.cameo == "041"]
    assert calls and calls[0].location is None


def test_location_scoring_on_hand_made_records(pipeline):
    text = "Gunmen killed three soldiers near Kirkuk on Sunday, police in Baghdad said."
    record = {"id": "r1", "text": text, "entities": [
        {"label": "VERB", "start": text.index("killed"), "end": text.index("killed") + 6},
        {"label": "LOCATION", "start": text.index("Kirkuk"), "end": text.index("Kirkuk") + 6}]}
    report = score_locations([record], pipeline.nlp)
    assert report["accuracy"] == 1.0


def _chosen(pipeline, text, verb):
    from eventcoder.events import place_candidates

    doc = pipeline.nlp(text)
    token = next(t for t in doc if t.text == verb)
    cands = place_candidates(token)
    chosen = choose_place(cands["place_clause"], cands["place_sentence"], material=True)
    return chosen[0] if chosen else None


@pytest.mark.parametrize("text,verb,place", [
    # the finest place of a nested "X in Y" / "X, Y"
    ("A suicide bomber blew herself up at a busy market in the town of Biu, northeast Nigeria.",
     "blew", "Biu"),
    ("Six others were killed in a shooting in the Shorta al-Khamsa district in south Baghdad.",
     "killed", "Shorta al-Khamsa"),
    # a distance's reference point is not where it happened
    ("Gunmen killed three soldiers in Kirkuk, 250 km north of Baghdad, on Sunday.",
     "killed", "Kirkuk"),
    # where someone came from is not where it happened
    ("A police officer from Ghana was shot by gunmen in Port-au-Prince on Tuesday.",
     "shot", "Port-au-Prince"),
    # a place of the subject, and of the clause that governs the event
    ("On Sunday, guerrillas near Fallujah shot down a U.S. Army helicopter.", "shot", "Fallujah"),
    ("In Ramadi, U.S. troops captured a militia commander, killing two of his guards.",
     "killing", "Ramadi"),
    # the embassy's country names whose embassy, the city where
    ("More than 350 people demonstrated outside the US embassy in London on Saturday.",
     "demonstrated", "London"),
])
def test_event_location_span(pipeline, text, verb, place):
    chosen = _chosen(pipeline, text, verb)
    assert chosen is not None and place in chosen["text"]


@pytest.mark.parametrize("text", [
    "Syrian government forces shelled the town of Maarat al-Numan in Idlib province on "
    "Sunday, killing four civilians.",
    "Government shells hit the town of Maarat al-Numan in Idlib province on Sunday.",
])
def test_place_with_its_container_resolves_inside_it(pipeline, text):
    events = _events(pipeline, text)
    located = [e.location for e in events if e.location]
    assert located, events
    loc = located[0]
    assert (loc.country, loc.admin1, loc.precision) == ("SYR", "Idlib", "city")
    assert "Maarat al-Numan" in loc.span.text


def test_a_village_the_parser_cut_in_two_is_found_whole(pipeline):
    from datetime import date

    from eventcoder.pipeline import code_article
    from eventcoder.records import Article

    text = "Israeli troops raided the village of Kafr Qaddum near Qalqilya last week."
    events = code_article(Article(id="v", text=text, published=date(2019, 5, 28)),
                          pipeline).events
    located = [e.location for e in events if e.location]
    assert located and located[0].country == "PSE" and located[0].precision == "city"
    assert located[0].name.startswith("Kafr Qadd") and located[0].lat is not None
