"""Places: find toponyms, resolve them to coordinates and countries, and tell a place
used as a location from a place name used for its government.

    doc + metadata + actors
      -> detect.find_toponyms        spaCy GPE/LOC, strong names under other labels, and a
                                     gazetteer pass; no demonyms, nothing in the dateline
      -> resolve.resolve_toponyms    candidates from the Gazetteer, scored by prior and by
                                     the article's context (countries, dateline, "X, Y",
                                     divisions named, nearby places), one sense per name
      -> Place records               (components/places.py)

The ``Gazetteer`` is built once per process and knowledge base (``gazetteer_for``) and
kept in ``kb.cache``; its build time is logged and kept in ``Gazetteer.load_seconds``.

For the events component: ``is_location_use(span, doc)`` (or ``is_location_span(doc,
place.span)``) says whether a place name is used as a location ("a press conference in
Minsk") rather than for its government or people ("Kyiv said", "US officials"). A place
listed in ``places`` may be a metonym; an event's place should be one for which this is
True within the event's clause.
"""

from __future__ import annotations

import logging

from ..kb import KnowledgeBase
from .detect import Toponym, find_toponyms
from .distance import haversine_km
from .gazetteer import DEFAULT_MIN_POPULATION, Gazetteer, GeoEntry, NameHit
from .resolve import (
    ArticleContext,
    CountryMention,
    Weights,
    candidates,
    resolve_dateline,
    resolve_toponyms,
)
from .usage import is_location_span, is_location_use

log = logging.getLogger(__name__)

__all__ = ["ArticleContext", "CountryMention", "Gazetteer", "GeoEntry", "NameHit", "Toponym",
           "Weights", "candidates", "find_toponyms", "gazetteer_for", "haversine_km",
           "is_location_span", "is_location_use", "resolve_dateline", "resolve_toponyms"]

_CACHE_KEY = "geo:gazetteer"


def gazetteer_for(kb: KnowledgeBase, *, min_population: int = DEFAULT_MIN_POPULATION
                  ) -> Gazetteer:
    """The gazetteer built from ``kb``, built on first use and kept in ``kb.cache``."""
    key = f"{_CACHE_KEY}:{min_population}"
    gaz = kb.cache.get(key)
    if gaz is None:
        gaz = Gazetteer.load(kb, min_population=min_population)
        kb.cache[key] = gaz
    return gaz
