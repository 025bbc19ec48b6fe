"""Write a corpus of realistic wire-style articles for the throughput benchmark.

Run by hand (the benchmark calls it when its corpus is missing):

    .venv/bin/python benchmarks/make_corpus.py                     # 1,200 articles
    .venv/bin/python benchmarks/make_corpus.py --articles 5000 --out /tmp/wire.jsonl

Each article is composed from templates: a dateline and agency, a lead
sentence naming real actors of the knowledge base (people with the role they
held on the article's date, governments, organisations, armed groups), then
quotes, reactions, background and a closing paragraph, 250-600 words, so the
parser and the coder see the mix of sentences a real wire feed has. The output
is JSON Lines (id, url, publisher, date, title, text), written outside git
(benchmarks/corpus/ is ignored). It is deterministic: the same --seed gives
the same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from eventcoder.knowledge import knowledge

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus" / "wire.jsonl"
AGENCIES = ("Reuters", "AFP", "AP", "Xinhua", "Anadolu", "dpa", "Kyodo", "ANSA", "PTI", "EFE")
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# (verb phrase in the past tense, object phrase); {t} is the target.
LEADS = (
    ("met", "{t} to discuss the crisis"),
    ("held talks with", "{t} on the ceasefire"),
    ("accused", "{t} of violating the truce"),
    ("condemned", "{t} for the attack on civilians"),
    ("urged", "{t} to release the detained journalists"),
    ("praised", "{t} for its role in the negotiations"),
    ("threatened", "{t} with new sanctions"),
    ("signed an agreement with", "{t} on energy cooperation"),
    ("criticized", "{t} over the border closure"),
    ("called on", "{t} to withdraw its troops"),
    ("rejected", "the proposal put forward by {t}"),
    ("warned", "{t} against any escalation"),
    ("visited", "{t} for the first time in a decade"),
    ("expressed support for", "{t} after the earthquake"),
    ("demanded an apology from", "{t}"),
    ("pledged aid to", "{t}"),
    ("imposed sanctions on", "{t}"),
    ("expelled diplomats from", "{t}"),
    ("hosted", "{t} for two days of talks"),
    ("denied", "accusations made by {t}"),
)
MILITARY = (
    "{s} forces shelled positions held by {t} near {place}, killing at least {n} people, "
    "according to local officials.",
    "Fighters of {t} attacked an army checkpoint outside {place} on {day}, the military said.",
    "Police arrested {n} protesters in {place} after clashes with demonstrators.",
    "Thousands of people marched through {place} on {day} to protest against the government.",
    "Troops were deployed to {place} as tensions rose along the border.",
    "An air strike hit a market in {place}, wounding {n} civilians, witnesses said.",
    "{t} said it had captured two villages near {place} after heavy fighting.",
)
QUOTES = (
    '"We will not accept any attempt to undermine our sovereignty," {speaker} told reporters.',
    '"The door to dialogue remains open," {speaker} said in a statement.',
    '"This is a violation of international law," {speaker} said.',
    '"We are ready to work with all parties to end the violence," {speaker} said on {day}.',
    '"There can be no military solution," {speaker} told a news conference in {capital}.',
    '"Our position has not changed, and we expect our partners to honour their commitments," '
    '{speaker} said, adding that further talks were planned.',
    '{speaker} said the government would "respond firmly" to any provocation.',
    '"We discussed the situation in detail and agreed to stay in close contact," {speaker} '
    'said after the meeting.',
)
REACTIONS = (
    "{org} called for restraint and urged both sides to return to negotiations.",
    "{org} said it was deeply concerned about the humanitarian situation.",
    "A spokesman for {org} welcomed the agreement as an important step.",
    "{org} condemned the violence and demanded an independent investigation.",
    "The {adj} foreign ministry summoned the ambassador of {t} in protest.",
    "{s} and {t} agreed to resume talks next month in {capital}.",
    "{s} will send humanitarian aid to {t}, the government announced.",
    "{t} rejected the accusations as baseless and said it would take legal action.",
    "Leaders of {org} are due to meet in {capital} later this month to discuss the crisis.",
    "The European Union said it was ready to help mediate between the two sides.",
    "{s} recalled its ambassador from {t} for consultations.",
)
BACKGROUND = (
    "Relations between {s} and {t} have been strained since the dispute over the border "
    "region began in {year}.",
    "The two countries restored diplomatic ties in {year} after years of tension.",
    "The conflict has killed thousands of people and forced millions from their homes.",
    "Previous rounds of talks, mediated by {org}, ended without an agreement.",
    "Economists say the sanctions have cut trade between the two countries by half.",
    "The talks come ahead of a summit of regional leaders scheduled for next month.",
    "Analysts said the meeting signaled a shift in the government's foreign policy.",
    "Opposition parties have accused the government of mismanaging the economy.",
    "The ministry did not give details of the casualties.",
    "It was not immediately possible to verify the claims independently.",
    "The region has seen repeated outbreaks of violence since the peace deal collapsed, and "
    "aid agencies say more than a million people depend on food assistance.",
    "{s} has long insisted that the disputed territory is an inseparable part of its land, a "
    "position that {t} has rejected at every round of negotiations.",
    "Diplomats at the United Nations said a draft resolution was being circulated among members "
    "of the Security Council, although it was unclear whether it would be put to a vote.",
    "The government has denied reports that it is preparing a new offensive, saying its forces "
    "are acting only in self-defence.",
    "Human rights groups have documented dozens of cases of arbitrary detention over the past "
    "year, including journalists and opposition activists.",
    "Trade between {s} and {t} reached a record last year, driven by energy exports and "
    "investment in infrastructure projects.",
    "The visit is the first by a senior official since the two governments signed a strategic "
    "partnership agreement in {year}.",
    "Officials said the talks would also cover security cooperation, migration and the "
    "reconstruction of areas damaged by the fighting.",
)
CLOSERS = (
    "Officials in {capital} declined to comment.",
    "The talks are expected to continue on {day}.",
    "({agency} reporting by staff in {capital}; editing by the {agency} desk)",
    "The statement gave no further details.",
)


@dataclass(frozen=True)
class Side:
    """An actor as a wire story names it: full form for the lead, short form after."""

    full: str
    short: str
    country: str      # the country's name
    adj: str
    capital: str


def _people(kb, when: date) -> list[Side]:
    out = []
    for e in kb.entities.values():
        if e.kind != "person":
            continue
        role = e.role_on(when)
        if role is None or not role.in_force(when) or not role.country or not role.title:
            continue
        country = kb.countries.get(role.country)
        if country is None or not country.capitals:
            continue
        adj = country.adjectives[0] if country.adjectives else country.name
        surname = e.name.split()[-1]
        out.append(Side(f"{adj} {role.title} {e.name}", surname, country.name, adj,
                        country.capitals[0]))
    return out


def _states(kb) -> list[Side]:
    """Countries the news talks about: those with a leader or minister in the base."""
    known = {r.country for e in kb.entities.values() for r in e.roles if r.country}
    out = []
    for c in kb.countries.values():
        if c.code in known and c.capitals and c.adjectives and len(c.name) < 25:
            out.append(Side(f"the {c.adjectives[0]} government", c.name, c.name,
                            c.adjectives[0], c.capitals[0]))
    return out


def _groups(kb, kind: str) -> list[str]:
    return sorted(e.name for e in kb.entities.values() if e.kind == kind and len(e.name) < 40)


class Composer:
    """Builds articles from the knowledge base with a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.kb = knowledge()
        self.states = _states(self.kb)
        self.igos = _groups(self.kb, "igo") or ["the United Nations"]
        self.armed = _groups(self.kb, "armed_group") or ["rebels"]
        self._people: dict[int, list[Side]] = {}

    def people(self, when: date) -> list[Side]:
        if when.year not in self._people:
            self._people[when.year] = _people(self.kb, date(when.year, 6, 30)) or self.states
        return self._people[when.year]

    def article(self, index: int) -> dict:
        rng = self.rng
        when = date(2005, 1, 1) + timedelta(days=rng.randrange(0, 7000))
        s = rng.choice(self.people(when) + self.states)
        t = rng.choice([x for x in self.states if x.country != s.country])
        agency = rng.choice(AGENCIES)
        fill = self._fill(s, t, when, agency)
        verb, obj = rng.choice(LEADS)
        lead = (f"{s.capital.upper()}, {MONTHS[when.month - 1]} {when.day} ({agency}) - "
                f"{_cap(s.full)} {verb} {obj.format(t=t.country)} on {fill['day']}, "
                f"the {s.adj} foreign ministry said.")
        paragraphs = [lead, *self._body(fill)]
        title = f"{s.short} {verb} {t.country}"
        return {"id": f"wire-{index:06d}", "url": f"https://news.example/{agency.lower()}/"
                f"{when.isoformat()}/{index}", "publisher": agency, "date": when.isoformat(),
                "title": title, "text": "\n\n".join(paragraphs)}

    def _fill(self, s: Side, t: Side, when: date, agency: str) -> dict:
        rng = self.rng
        return {"s": s.country, "t": t.country, "adj": s.adj, "capital": s.capital,
                "place": rng.choice([t.capital, s.capital, f"the north of {t.country}"]),
                "n": rng.randrange(2, 60), "day": WEEKDAYS[when.weekday()],
                "year": rng.randrange(1990, when.year + 1), "agency": agency,
                "org": rng.choice(self.igos), "speaker": s.short}

    def _body(self, fill: dict) -> list[str]:
        rng = self.rng
        # Each template at most once an article, as a real story would have it.
        pools = [rng.sample(p, len(p)) for p in (QUOTES, REACTIONS, BACKGROUND, MILITARY)]
        paragraphs = []
        for _ in range(rng.randrange(7, 12)):
            sentences = []
            for _ in range(rng.randrange(1, 5)):
                pool = rng.choice([p for p in pools if p] or [list(BACKGROUND)])
                sentences.append(pool.pop())
            armed = dict(fill, t=rng.choice(self.armed)) if rng.random() < 0.3 else fill
            paragraphs.append(" ".join(x.format(**armed) for x in sentences))
        paragraphs.append(rng.choice(CLOSERS).format(**fill))
        return paragraphs


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def make_corpus(out: Path = DEFAULT_OUT, articles: int = 1200, seed: int = 9) -> Path:
    """Write ``articles`` articles to ``out`` (JSON Lines); returns the path."""
    composer = Composer(seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(articles):
            fh.write(json.dumps(composer.article(i), ensure_ascii=False) + "\n")
    tmp.replace(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    path = make_corpus(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {path}")


if __name__ == "__main__":
    main()
