"""Store benchmark: load synthetic events, time two queries, report the size.

Run by hand (it is not a test):

    .venv/bin/python benchmarks/store_bench.py                  # 1 million events
    .venv/bin/python benchmarks/store_bench.py --events 100000  # a quick look

The events are made up but shaped like real ones: ~200 actors, 20 CAMEO
codes, three years of dates, 50 publishers, and about a third of the articles
retelling an earlier story (so clustering has work to do). Load time covers
everything a real run's writes do: Arrow conversion, inserts, clustering.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from eventcoder.query import counts_frame, events_frame
from eventcoder.records import Actor, Article, CodedArticle, Event, Plover, Span
from eventcoder.store import open_store

COUNTRIES = ["USA", "RUS", "CHN", "SYR", "IRN", "ISR", "TUR", "UKR", "FRA", "DEU", "GBR", "IND",
             "PAK", "AFG", "IRQ", "EGY", "NGA", "ETH", "SDN", "VEN", "BRA", "MEX", "JPN", "KOR",
             "PRK", "SAU", "YEM", "LBY", "MLI", "SOM", "COL", "PHL", "MMR", "THA", "IDN", "KEN",
             "COD", "ZAF", "POL", "HUN"]
SECTORS = ["GOV", "MIL", "REB", "OPP", "CVL"]
CODES = {"010": (1, 0.0, "CONSULT"), "020": (1, 3.0, "REQUEST"), "036": (1, 4.0, "CONSULT"),
         "040": (1, 1.0, "CONSULT"), "042": (1, 1.9, "CONSULT"), "043": (1, 2.8, "CONSULT"),
         "051": (1, 3.4, "COOPERATE"), "057": (1, 8.0, "AGREE"), "061": (2, 6.4, "COOPERATE"),
         "070": (2, 7.0, "AID"), "111": (3, -2.0, "ACCUSE"), "112": (3, -2.0, "ACCUSE"),
         "120": (3, -4.0, "REJECT"), "130": (3, -4.4, "THREATEN"), "141": (3, -6.5, "PROTEST"),
         "163": (4, -8.0, "SANCTION"), "173": (4, -5.0, "COERCE"), "181": (4, -9.0, "ASSAULT"),
         "190": (4, -10.0, "ASSAULT"), "193": (4, -10.0, "ASSAULT")}
WORDS = ("talks border troops ceasefire sanctions aid protest election minister army rebels "
         "village capital attack convoy oil gas nuclear deal summit refugees port bridge "
         "province police prison court journalists strike vote parliament embassy").split()
START = date(2018, 1, 1)


def _actors() -> list[Actor]:
    out = []
    for country in COUNTRIES:
        for sector in SECTORS:
            name = f"{country} {sector.lower()}"
            out.append(Actor(text=name, span=Span(0, len(name), name), name=name,
                             code=country + sector, kind="group", country=country,
                             sectors=(sector,), method="bench"))
    return out


def _event(rng: random.Random, article_id: str, index: int, story: tuple) -> Event:
    source, target, code, day, words = story
    quad, goldstein, plover = CODES[code]
    text = " ".join([source.name, *rng.sample(words, 4), target.name, *rng.sample(WORDS, 3)])
    return Event(
        id=Event.make_id(article_id, index, source, target, code), article_id=article_id,
        sentence_index=index, evidence=Span(0, len(text), text), trigger=Span(0, 4, text[:4]),
        source=source, target=target, cameo=code, cameo_root=code[:2], quad_class=quad,
        goldstein=goldstein, plover=Plover(plover), date=day.isoformat(),
        date_precision="day", date_source="explicit", confidence=0.6, method="bench")


def _story(rng: random.Random, actors: list[Actor], stories: list[tuple]) -> tuple:
    """A new story, or (a third of the time) a retelling of a recent one."""
    if stories and rng.random() < 0.33:
        return rng.choice(stories[-500:])
    source, target = rng.sample(actors, 2)
    day = START + timedelta(days=rng.randrange(3 * 365))
    story = (source, target, rng.choice(list(CODES)), day, rng.sample(WORDS, 8))
    stories.append(story)
    return story


def synthetic(n_events: int, per_article: int = 3, seed: int = 7):
    """Batches of coded articles holding ``n_events`` events in all."""
    rng, actors, stories = random.Random(seed), _actors(), []
    for number in range(-(-n_events // per_article)):
        article_id = f"bench-{number:07d}"
        count = min(per_article, n_events - number * per_article)
        events = tuple(_event(rng, article_id, i, _story(rng, actors, stories))
                       for i in range(count))
        article = Article(id=article_id, text="synthetic", publisher=f"pub{rng.randrange(50)}",
                          published=date.fromisoformat(events[0].date))
        yield CodedArticle(article, events)


def _timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - started:8.2f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000, help="articles per write")
    parser.add_argument("--db", help="database file (default: a temporary one)")
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="eventcoder-bench-")
    db = Path(args.db or Path(folder) / "bench.duckdb")
    print(f"eventcoder store benchmark: {args.events:,} events into {db}")
    generated = _timed("generate records (not part of load)", lambda: list(
        synthetic(args.events)))

    def load() -> None:
        with open_store(db) as store:
            for i in range(0, len(generated), args.batch):
                store.write(generated[i:i + args.batch])

    _timed(f"load {args.events:,} events (write, batches of {args.batch})", load)
    with open_store(db, read_only=True) as store:
        counts = store.counts()
        frame = _timed("filtered query -> DataFrame (SYR, root 19, 2019)", lambda: events_frame(
            store, country="SYR", root="19", since="2019-01-01", until="2019-12-31"))
        _timed("full-text query -> DataFrame ('ceasefire')", lambda: events_frame(
            store, text="ceasefire", quad_class=4))
        daily = _timed("daily count by quad class -> DataFrame", lambda: counts_frame(
            store, by=("day", "quad")))
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    print(f"rows: {counts['events']:,} events, {counts['clusters']:,} clusters, "
          f"{counts['articles']:,} articles; filtered query {len(frame):,} rows; "
          f"daily counts {len(daily):,} rows")
    print(f"database size: {size / 2**20:,.0f} MiB ({size / counts['events']:.0f} bytes/event)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
