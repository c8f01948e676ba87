"""Places: toponyms found in the body and resolved to a point, a country and a feature type.

Detection and resolution live in ``eventwire.geo`` (see its docstring); this component
gathers the article's context (the countries its actors stand for, the dateline's place)
and turns the resolved toponyms into ``Place`` records with exact spans into the body;
the dateline's place ("KABUL, May 2 (AFP) -") is the first of them.
A toponym the gazetteer cannot resolve is kept with feature "other" and no coordinates,
unless the knowledge base knows the name as something else ("the West", "RT") or it is a
common word ("Centre"). A seat of power ("the Kremlin", "the White House") is a place of
feature "other" at its country's capital.
Whether a place is used as a location or for its government is not a field of ``Place``:
``eventwire.geo.is_location_use`` answers it for the events component.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from ..geo import (
    ArticleContext,
    CountryMention,
    Gazetteer,
    GeoEntry,
    find_toponyms,
    gazetteer_for,
    resolve_dateline,
    resolve_toponyms,
)
from ..geo.gazetteer import COMMON_WORDS
from ..kb import KnowledgeBase, normalize_name
from ..model import Actor, Metadata, Place
from ..model import Span as Offsets
from .registry import Context, component


@component("places", requires=("doc", "article", "metadata", "actors"), assigns=("places",))
def find_places(ctx: Context) -> Mapping[str, Any]:
    gaz = gazetteer_for(ctx.kb)
    return {"places": resolve_places(ctx.doc, ctx.kb, gaz, ctx["metadata"], ctx["actors"])}


def resolve_places(doc: Doc, kb: KnowledgeBase, gaz: Gazetteer, metadata: Metadata,
                   actors: Sequence[Actor] = ()) -> tuple[Place, ...]:
    persons = person_mentions(doc.text, actors, gaz)
    toponyms = find_toponyms(doc, gaz, kb, metadata.excluded_spans(), persons)
    context = ArticleContext(mentions=country_mentions(doc, actors),
                             dateline=resolve_dateline(metadata.dateline_place, gaz))
    entries = resolve_toponyms(toponyms, gaz, context)
    places = list(_dateline_place(doc.text, metadata, context.dateline))
    for t, e in zip(toponyms, entries, strict=True):
        seat = _seat_of_government(t.text, e, kb, gaz)
        if seat is not None:
            places.append(Place(text=t.text, span=(t.start, t.end), name=t.text,
                                feature="other", country=seat.country, lat=seat.lat,
                                lon=seat.lon))
        elif _is_place(t.text, e, kb):
            places.append(_place(t.text, (t.start, t.end), e))
    return tuple(places)


def _dateline_place(body: str, metadata: Metadata,
                    entry: GeoEntry | None) -> tuple[Place, ...]:
    """The place a story was filed from ("KUALA LUMPUR, April 1 (AFP) -") is a place in
    its text too, though never an actor or a quote."""
    if entry is None or metadata.dateline_span is None:
        return ()
    start = metadata.dateline_span[0]
    raw = body[start:metadata.dateline_span[1]]
    end = start + len(raw.split(",")[0].rstrip(" -\u2014\u2013:("))
    return (_place(body[start:end], (start, end), entry),) if end > start else ()


def _is_place(text: str, entry: GeoEntry | None, kb: KnowledgeBase) -> bool:
    """A name the knowledge base knows as something else ("the West", "RT", "Xinhua")
    is a place only when it names a country or region; a name the gazetteer lacks is
    kept unless it is a common word ("Centre", "State")."""
    known = kb.lookup(text)
    if known is not None and known.kind != "country":
        return entry is not None and entry.level != "city"
    if entry is not None:
        return True
    return " " in text or (text.lower() not in COMMON_WORDS and
                           not kb.title_sector(text.lower())[0])


def _seat_of_government(text: str, entry: GeoEntry | None, kb: KnowledgeBase,
                        gaz: Gazetteer) -> GeoEntry | None:
    """ "the Kremlin", "the White House": a seat of power the knowledge base knows, that
    is no sizeable place of its own, stands at its country's capital."""
    key = normalize_name(text)
    seat = kb.metonyms.get(key)
    if seat is None or seat.kind != "country" or key in kb.names:
        return None
    capital = gaz.capitals.get(seat.country or "")
    if capital is None or key == normalize_name(capital.name):
        return None  # "Paris", "Kyiv": the capital's own name
    if entry is not None and (entry.level != "city" or entry.population >= 100_000):
        return None
    return capital


def person_mentions(body: str, actors: Sequence[Actor], gaz: Gazetteer) -> list[Offsets]:
    """Mentions that name a person, not a place: a surname of a person with a full name
    ("Modi", "Washington" for George Washington), or a full name that is no place name."""
    return [(s, e) for a in actors if a.kind == "person" and " " in a.name
            for s, e in a.mentions if body[s:e] != a.name or not gaz.lookup(a.name)]


def country_mentions(doc: Doc, actors: Sequence[Actor]) -> list[CountryMention]:
    """Every mention of a country or its people (weight 1), and of a person or organisation
    of a country (weight 0.5), with its sentence."""
    out = []
    for actor in actors:
        if not actor.country or len(actor.country) != 3:
            continue
        weight = 1.0 if actor.kind == "country" else 0.5
        for start, end in actor.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                out.append(CountryMention(actor.country, start, end, span.sent.start, weight))
    return out


def _place(text: str, span: tuple[int, int], entry: GeoEntry | None) -> Place:
    if entry is None:
        return Place(text=text, span=span, name=text, feature="other")
    return Place(text=text, span=span, name=entry.name, feature=entry.feature,
                 country=entry.country, lat=round(entry.lat, 5), lon=round(entry.lon, 5),
                 geonameid=entry.geonameid)
