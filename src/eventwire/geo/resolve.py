"""Toponym resolution: which place each name stands for, decided from the article.

Every candidate of a name gets a score, the highest wins:

- **prior**: countries, continents and named regions first, then first-level divisions and
  cities by population (log scale); a capital is preferred, and so is a city known by
  many names (GeoNames' alternate names: Geneva in Switzerland has a hundred, Geneva in
  New York a handful); a name that is only an alternate name of a place (a former or
  foreign name) counts less, and a town that shares its name with a country ("China" in
  Japan) much less; a large city that
  shares its name with the division around it ("Tripoli", "Minsk", "New York") stands
  for the pair.
- **context** (the article's own evidence), in two rounds so that names settle each other:
  - the countries the article is about: its country actors and demonyms (from the actors
    component) and the countries its other place names resolve to;
  - a division that the article names ("Paris ... Texas") for the cities inside it, and
    a city that it names ("Georgia ... Atlanta") for the division around it; more when
    both stand in one sentence;
  - a country named in the same sentence ("the premier of Bermuda ... in Hamilton");
  - "X, Y": Y contains X ("Paris, Texas", "Hyderabad, Pakistan");
  - the dateline's place: its own name stands for it; other places in its country or
    within 150 km of it are preferred;
  - the other places of the article: a candidate within 200 km of one of them.

One sense per article: every mention of the same name resolves to the same place.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..kb import normalize_name
from .detect import Toponym
from .distance import haversine_km
from .gazetteer import Gazetteer, GeoEntry, NameHit, population_score

_DIRECTIONS = ("northern ", "southern ", "eastern ", "western ", "central ", "north ",
               "south ", "east ", "west ", "northeast ", "northwest ", "southeast ",
               "southwest ", "north-east ", "north-west ", "south-east ", "south-west ",
               "greater ", "downtown ", "upstate ", "metro ", "mainland ", "rural ")
_LEVEL_PRIOR = {"country": 11.0, "continent": 11.0, "region": 10.0}
CONTAINER_KM = 300.0
NEAR_KM = 200.0
DATELINE_KM = 150.0


@dataclass(frozen=True, slots=True)
class Weights:
    """The weights of the score, in powers of ten of population: a bonus of 1.0 is worth
    as much as ten times the people (see the module docstring)."""

    capital: float = 1.5
    known: float = 1.0  # per power of ten of the names a city is known by
    admin1_known: float = 1.5  # a division is as well known as a city with 30 names
    alternate: float = -3.0
    named_like_country: float = -3.0
    country_support: float = 2.0
    country_sentence: float = 1.0
    admin1_article: float = 1.0
    admin1_sentence: float = 1.0
    container: float = 4.0
    not_container: float = -3.0
    dateline_same: float = 5.0
    dateline_country: float = 0.7
    dateline_near: float = 1.0
    near_other: float = 0.7


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A mention of a country ("Russia", "Russian") or of one of its nationals."""

    country: str  # ISO3
    start: int  # character offsets into the body
    end: int
    sentence: int  # index of the sentence's first token
    weight: float = 1.0  # 1 for the country or its people, less for a national


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the article says about its places before any of them is resolved."""

    #: mentions of countries, their people and their nationals, from the actors
    mentions: Sequence[CountryMention] = ()
    dateline: GeoEntry | None = None


def candidates(text: str, gaz: Gazetteer) -> list[NameHit]:
    """The places a name may stand for; "northern Syria" falls back to "Syria". A name
    must start with a capital letter."""
    hits = _filter(text, gaz.lookup(text)) if text[:1].isupper() else []
    if hits:
        return hits
    lower = text.lower()
    for prefix in _DIRECTIONS:
        if lower.startswith(prefix) and len(text) > len(prefix):
            rest = text[len(prefix):]
            return _filter(rest, gaz.lookup(rest)) if rest[:1].isupper() else []
    for suffix in (" city", " province", " state", " region", " county"):
        if lower.endswith(suffix) and len(text) > len(suffix):
            rest = text[:-len(suffix)]
            return _filter(rest, gaz.lookup(rest))
    return []


def _filter(text: str, hits: list[NameHit]) -> list[NameHit]:
    """An acronym ("US", "EU", "MOCA") names a country or region by one of its known
    short names, never a town or division called "Us", "Eu" or "Moca"; a division named
    like the city inside it gives way to the city."""
    letters = [c for c in text if c.isalpha()]
    if letters and len(letters) <= 4 and all(c.isupper() for c in letters):
        hits = [h for h in hits if h.exact or h.entry.level not in ("city", "admin1")
                or h.entry.name.isupper()]
    cities = [h.entry for h in hits if h.entry.level == "city"]
    return [h for h in hits if not (h.entry.level == "admin1" and any(
        c.admin1 == h.entry.admin1 and c.population * 10 >= h.entry.population
        for c in cities))]


def prior(hit: NameHit, w: Weights) -> float:
    e = hit.entry
    if e.level in _LEVEL_PRIOR:
        score = _LEVEL_PRIOR[e.level]
    elif e.level == "admin1":
        score = population_score(e.population) + w.admin1_known
    else:
        score = population_score(e.population) + (w.capital if e.capital else 0.0)
        score += w.known * math.log10(1 + e.names)
    return score + (0.0 if hit.primary else w.alternate)


@dataclass(slots=True)
class _Name:
    """All mentions of one name in the article."""

    hits: list[NameHit]
    sentences: set[int] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)
    containers: list[list[GeoEntry]] = field(default_factory=list)


def resolve_toponyms(toponyms: Sequence[Toponym], gaz: Gazetteer, context: ArticleContext,
                     *, weights: Weights | None = None) -> list[GeoEntry | None]:
    """The place each toponym stands for (None when the gazetteer has no candidate)."""
    w = weights or Weights()
    keys = [normalize_name(t.text) for t in toponyms]
    names: dict[str, _Name] = {}
    for t, key in zip(toponyms, keys, strict=True):
        if key not in names:
            names[key] = _Name(candidates(t.text, gaz))
        names[key].sentences.add(t.span.sent.start)
        names[key].spans.append((t.start, t.end))
    for key, outer in _containers(toponyms, keys, names):
        names[key].containers.append(outer)
    chosen: dict[str, GeoEntry | None] = {}
    for _round in range(2):
        chosen = {key: _best(key, name, names, chosen, context, w) for key, name in names.items()}
    return [chosen[key] for key in keys]


def _containers(toponyms: Sequence[Toponym], keys: list[str],
                names: Mapping[str, _Name]) -> list[tuple[str, list[GeoEntry]]]:
    """ "X, Y": (X's key, the candidates of Y that may contain it)."""
    out = []
    for i in range(len(toponyms) - 1):
        a, b = toponyms[i], toponyms[i + 1]
        gap = a.span.doc.text[a.end:b.start]
        if gap.strip() == "," and len(gap) <= 3:
            outer = [h.entry for h in names[keys[i + 1]].hits if h.entry.level != "city"]
            if outer:
                out.append((keys[i], outer))
    return out


def _contains(outer: GeoEntry, inner: GeoEntry) -> bool:
    if outer.level == "country":
        return inner.country == outer.country
    if outer.level == "admin1":
        return inner.admin1 == outer.admin1
    return haversine_km(outer.point, inner.point) <= CONTAINER_KM


def _best(key: str, name: _Name, names: Mapping[str, _Name],
          chosen: Mapping[str, GeoEntry | None], context: ArticleContext,
          w: Weights) -> GeoEntry | None:
    if not name.hits:
        return None
    others = [(k, e) for k, e in chosen.items() if k != key and e is not None]
    support: dict[str, float] = defaultdict(float)
    in_sentence: dict[str, set[int]] = {}
    for m in context.mentions:  # what the actors say, except this name's own mentions
        if not any(s < m.end and m.start < e for s, e in name.spans):
            support[m.country] += m.weight
            in_sentence.setdefault(m.country, set()).add(m.sentence)
    admin1s: dict[str, set[int]] = {}  # divisions named, and the sentences naming them
    for k, e in others:
        if e.country:
            support[e.country] += 1
            if e.level == "country":
                in_sentence.setdefault(e.country, set()).update(names[k].sentences)
        if e.admin1:
            admin1s.setdefault(e.admin1, set()).update(names[k].sentences)
    cities = [e for _k, e in others if e.level == "city"]
    country_named = any(h.entry.level == "country" for h in name.hits)
    best: tuple[float, GeoEntry] | None = None
    for hit in name.hits:
        e = hit.entry
        score = prior(hit, w)
        if country_named and e.level == "city":
            score += w.named_like_country
        if e.country:
            score += w.country_support * min(support[e.country], 2.0) / 2
            if in_sentence.get(e.country, set()) & name.sentences:
                score += w.country_sentence
        if e.level in ("city", "admin1") and e.admin1 in admin1s:
            score += w.admin1_article  # a city in a division the article names, or the reverse
            if admin1s[e.admin1] & name.sentences:
                score += w.admin1_sentence
        for outer in name.containers:
            score += w.container if any(_contains(o, e) for o in outer) else w.not_container
        d = context.dateline
        if d is not None and e.key == d.key:
            score += w.dateline_same  # the dateline's own place
        elif d is not None and e.key != d.key:
            if e.country and e.country == d.country:
                score += w.dateline_country
            if e.level in ("city", "admin1") and haversine_km(d.point, e.point) <= DATELINE_KM:
                score += w.dateline_near
        if e.level in ("city", "admin1") and any(
                o.key != e.key and haversine_km(o.point, e.point) <= NEAR_KM for o in cities):
            score += w.near_other
        if best is None or score > best[0]:
            best = (score, e)
    return best[1] if best else None


def resolve_dateline(place: str | None, gaz: Gazetteer) -> GeoEntry | None:
    """The dateline's place ("KUALA LUMPUR", "Paris, Texas"), by the prior and the part
    after the comma."""
    if not place:
        return None
    parts = [p.strip() for p in place.split(",") if p.strip()]
    hits = candidates(parts[0], gaz)
    if len(parts) > 1:
        outer = [h.entry for h in candidates(parts[1], gaz) if h.entry.level != "city"]
        inside = [h for h in hits if any(_contains(o, h.entry) for o in outer)]
        hits = inside or hits
    w = Weights()
    return max(hits, key=lambda h: prior(h, w)).entry if hits else None
