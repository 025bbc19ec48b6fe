"""Dedup across reports: one real-world event, however many articles report it."""

from datetime import date

import pytest

from eventcoder.dedup.clusters import ClusterSettings, Report, cluster_reports, words_of
from eventcoder.query import totals
from eventcoder.store import open_store
from test_store_fakes import BOKO, NGA_CVL, RUS, SYR, make_coded, make_event

KIDNAP = [
    "Boko Haram militants abducted more than 200 schoolgirls from a school in Chibok.",
    "Gunmen from Boko Haram abducted schoolgirls in Chibok, Borno state, officials said.",
    "The schoolgirls abducted from Chibok are still missing, their parents said.",
    "Parents of the Chibok schoolgirls abducted by Boko Haram marched in Abuja.",
]


def _report(event_id, article_id, day, text, publisher="AFP", block=("NGA", "", "18")):
    return Report(event_id, article_id, publisher, None, block, day, words_of(text))


def test_words_of_keeps_content_words_only():
    assert words_of("The girls were abducted from Chibok on Monday") == \
        frozenset({"girl", "abducted", "chibok", "monday"})


def test_reports_of_one_event_form_one_cluster_with_counts():
    reports = [_report(f"e{i}", f"a{i}", date(2014, 4, 15 + i % 2), text, pub)
               for i, (text, pub) in enumerate(zip(KIDNAP, ["AFP", "BBC", "AFP", "Reuters"],
                                                   strict=True))]
    (cluster,) = cluster_reports(reports)
    assert cluster.id == "e0" and len(cluster.event_ids) == 4
    assert (cluster.num_articles, cluster.num_sources) == (4, 3)
    assert (cluster.date_min, cluster.date_max) == (date(2014, 4, 15), date(2014, 4, 16))


@pytest.mark.parametrize("other", [
    _report("x", "b", date(2014, 4, 15), KIDNAP[1], block=("NGA", "", "19")),  # other root
    _report("x", "b", date(2014, 4, 15), KIDNAP[1], block=("NGA", "USA", "18")),  # target
    _report("x", "b", date(2014, 5, 30), KIDNAP[1]),  # outside the window
    _report("x", "b", date(2014, 4, 15), "Troops shelled a market in Maiduguri."),  # unlike
    _report("x", "a", date(2014, 4, 15), KIDNAP[1]),  # same article: already deduped
    _report("x", "b", None, KIDNAP[1]),  # undated
])
def test_reports_that_differ_stay_apart(other):
    first = _report("e", "a", date(2014, 4, 15), KIDNAP[0])
    assert len(cluster_reports([first, other])) == 2


def test_a_window_is_counted_from_the_clusters_first_report():
    days = [date(2014, 4, d) for d in (1, 3, 5, 7)]
    reports = [_report(f"e{i}", f"a{i}", d, KIDNAP[0]) for i, d in enumerate(days)]
    clusters = cluster_reports(reports, ClusterSettings(window_days=3))
    assert sorted(len(c.event_ids) for c in clusters) == [2, 2]


def test_clustering_does_not_depend_on_input_order():
    reports = [_report(f"e{i}", f"a{i}", date(2014, 4, 15 + i), KIDNAP[i]) for i in range(4)]
    assert cluster_reports(reports) == cluster_reports(reversed(reports))


def test_settings_come_from_the_store_section():
    settings = {"store": {"clusters": {"window_days": 7, "min_similarity": 0.5}}}
    assert ClusterSettings.from_settings(settings) == ClusterSettings(7, 0.5)
    assert ClusterSettings.from_settings({}) == ClusterSettings()


def _kidnap_articles():
    publishers = ["AFP", "BBC", "AFP", "Reuters"]
    return [make_coded(f"k{i}", [make_event(f"k{i}", 0, source=BOKO, target=NGA_CVL,
                                            cameo="181", date=f"2014-04-{15 + i % 2}",
                                            evidence=text)], publisher=pub)
            for i, (text, pub) in enumerate(zip(KIDNAP, publishers, strict=True))]


def _unrelated():
    return [make_coded("u1", [make_event("u1", 0, source=RUS, target=SYR)]),
            make_coded("u2", [make_event("u2", 0, source=BOKO, target=NGA_CVL, cameo="181",
                                         date="2014-06-20", evidence=KIDNAP[0])])]


def _clusters(store):
    return store.con.execute("SELECT num_reports, num_articles, num_sources FROM clusters "
                             "ORDER BY num_reports DESC, id").fetchall()


def test_the_store_counts_events_once_and_reports_many_times(tmp_path):
    with open_store(tmp_path / "e.duckdb") as store:
        store.write(_kidnap_articles() + _unrelated())
        assert _clusters(store) == [(4, 4, 3), (1, 1, 1), (1, 1, 1)]
        assert totals(store) == {"reports": 6, "clusters": 3, "articles": 6}
        assert totals(store, None) == totals(store)


def test_clusters_built_one_article_at_a_time_match_a_full_rebuild(tmp_path):
    with open_store(tmp_path / "e.duckdb") as store:
        for coded in reversed(_kidnap_articles() + _unrelated()):
            store.write([coded])
        incremental = _clusters(store)
        assert store.recluster() == 3
        assert _clusters(store) == incremental == [(4, 4, 3), (1, 1, 1), (1, 1, 1)]


def test_recoding_an_article_updates_its_cluster(tmp_path):
    with open_store(tmp_path / "e.duckdb") as store:
        store.write(_kidnap_articles())
        store.write([make_coded("k3", [])])  # recoded: no longer reports the kidnapping
        assert _clusters(store) == [(3, 3, 2)]
        assert store.con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL"
                                 ).fetchall() == [(0,)]
