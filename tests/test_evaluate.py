"""How gold events are read for scoring (no parser needed)."""

from eventcoder.evaluate import _gold_tuples


def plover_record(source, target):
    return {"id": "r", "text": "...", "events": [
        {"source": source, "target": target, "code": "CONSULT", "scheme": "PLOVER-0.5b1"}]}


def test_co_sources_without_a_target_are_each_others_targets():
    record = plover_record(["USA", "RUS"], None)
    for pred in [("USA", "RUS", "CONSULT"), ("RUS", "USA", "CONSULT"), ("USA", "-", "CONSULT")]:
        assert _gold_tuples(record, "plover", "country", [pred]) == [pred]
    assert _gold_tuples(record, "plover", "country", [("USA", "USA", "CONSULT")]) == [
        ("USA", "-", "CONSULT")]


def test_a_compound_target_matches_any_member():
    record = plover_record(["IGO"], ["ROU", "POL"])
    assert _gold_tuples(record, "plover", "country", [("IGO", "POL", "CONSULT")]) == [
        ("IGO", "POL", "CONSULT")]
    assert _gold_tuples(record, "plover", "country", [("IGO", "HUN", "CONSULT")]) == [
        ("IGO", "ROU", "CONSULT")]


def test_cameo_gold_gives_one_tuple_per_source_and_target():
    record = {"id": "r", "text": "...", "events": [
        {"source": "USAGOV", "target": ["IRQ", "SYR"], "code": "190"}]}
    assert _gold_tuples(record, "root", "country") == [("USA", "IRQ", "19"),
                                                       ("USA", "SYR", "19")]
    assert _gold_tuples(record, "code", "full") == [("USAGOV", "IRQ", "190"),
                                                    ("USAGOV", "SYR", "190")]


def test_plover_gold_writes_igo_for_named_international_ngos():
    from eventcoder.evaluate import _as_gold_writes, actor_root

    def read(code, level):
        return actor_root(_as_gold_writes(code, level), "country")

    assert read("NGOAMN", "plover") == "IGO"  # Amnesty International
    assert read("NGO", "plover") == "---"  # "a human rights group"
    assert read("SYRNGOSOH", "plover") == "SYR"
    assert read("NGOAMN", "root") == "---"  # CAMEO gold writes NGO codes as they are


def test_a_reciprocal_pair_is_one_event_against_plover_gold():
    from eventcoder.evaluate import one_per_reciprocal

    both = [("HUN", "ROU", "AGREE"), ("ROU", "HUN", "AGREE")]
    mutual = set(both)
    assert one_per_reciprocal(both, [("HUN", "ROU", "AGREE")], mutual) == both[:1]
    assert one_per_reciprocal(both, [("ROU", "HUN", "AGREE")], mutual) == both[1:]
    assert one_per_reciprocal(both, [], mutual) == both[:1]
    assert one_per_reciprocal(both, both, mutual) == both  # the gold has each way
    assert one_per_reciprocal(both, [], set()) == both  # two acts, not one reciprocal


def test_gold_events_that_read_the_same_at_the_level_count_once():
    record = {"id": "r", "text": "...", "events": [
        {"source": "GEOOPP", "target": "GEOGOV", "code": "043"},
        {"source": "GEOGOV", "target": "GEOOPP", "code": "042"}]}
    assert _gold_tuples(record, "root", "country") == [("GEO", "GEO", "04")]
    assert _gold_tuples(record, "code", "full") == [("GEOOPP", "GEOGOV", "043"),
                                                    ("GEOGOV", "GEOOPP", "042")]


def test_gold_country_slips_are_read_as_the_iso_code_they_mean():
    record = plover_record(["JAP"], ["ITL"])
    assert _gold_tuples(record, "plover", "country") == [("JPN", "ITA", "CONSULT")]
    record = {"id": "r", "text": "...", "events": [
        {"source": "VTNGOV", "target": "CHN", "code": "042"}]}
    assert _gold_tuples(record, "code", "full") == [("VNMGOV", "CHN", "042")]
