"""Toponym detection: where the text names a place.

1. spaCy GPE and LOC entities, trimmed of a leading "the", a possessive and a trailing
   lower-case "city" or "province"; "Paris, Texas" tagged as one entity is split at the
   comma when both parts are place names.
2. Entities of other labels (ORG, PERSON, FAC, NORP, ...) whose whole text is a place
   name: a country, region, continent or first-level division ("EU" tagged ORG, "Georgia"
   tagged PERSON); an ORG that is a city of 100,000 people or more; any city after a
   locative preposition ("at Cirencester" tagged PERSON); a seat of power the knowledge
   base knows, after a locative preposition ("outside the Kremlin").
3. Toponyms embedded in the name of an organisation or facility ("University of
   California", "the Zimbabwe Electoral Commission"): countries, regions, divisions and
   cities of 100,000 people or more, under their own names. They are listed like any
   place; ``is_location_use`` is False for them.
4. A gazetteer pass over capitalised proper nouns the NER left alone ("Kyiv" after a
   sentence start), for the same safe names (see ``Gazetteer.is_major``).

Demonyms and other adjectives of place ("Russian", "European") are never toponyms; nor is
anything inside the article's metadata (dateline, wire credit) or the mention of a person
("Modi" for Narendra Modi, "Washington" for George Washington).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..kb import KnowledgeBase, normalize_name
from ..model import Span as Offsets
from .gazetteer import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
HOST_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
LOCATIVE = frozenset({"in", "at", "near", "from", "outside", "around", "across", "into", "to",
                      "toward", "towards", "through", "inside", "via", "throughout", "within"})
_STRONG_LEVELS = frozenset({"country", "continent", "region", "admin1"})
_STRIP = " \t\n,;:-\"'\u201c\u201d\u2018\u2019()[]"  # not ".": "U.S." keeps its dot
_MAX_GAZ_TOKENS = 4
#: lower-case words that the NER sometimes takes into a name ("Kingston city")
_GENERIC_TAIL = frozenset({"city", "town", "village", "province", "state", "region", "county",
                           "district", "area", "capital", "port"})


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in the text: character offsets into the body and its token span."""

    start: int
    end: int
    text: str
    label: str  # the spaCy label it came from, or "GAZ" for the gazetteer pass
    span: Span  # the tokens that hold it


def find_toponyms(doc: Doc, gaz: Gazetteer, kb: KnowledgeBase,
                  excluded: Sequence[Offsets] = (),
                  persons: Sequence[Offsets] = ()) -> list[Toponym]:
    """Toponyms in document order, none overlapping another, a metadata span (``excluded``)
    or the mention of a person (``persons``)."""
    found: list[Toponym] = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        if ent.label_ in PLACE_LABELS:
            found.extend(_split(span, gaz))
        elif ent.label_ in OTHER_LABELS and (_is_place_entity(span, gaz)
                                             or _is_seat_as_location(span, kb)):
            found.append(_toponym(span, ent.label_))
        elif ent.label_ in HOST_LABELS:
            found.extend(_embedded(span, gaz))
    found.extend(_gazetteer_pass(doc, gaz))
    blocked = [*excluded, *persons]
    kept: list[Toponym] = []
    for t in sorted(found, key=lambda t: (t.start, -t.end)):
        if t.text and not _is_demonym(t.text, kb, gaz) and \
                not any(s < t.end and t.start < e for s, e in blocked) and \
                not (kept and t.start < kept[-1].end):
            kept.append(t)
    return kept


def _is_place_entity(span: Span, gaz: Gazetteer) -> bool:
    """An entity of another label whose whole text names a place (see the docstring)."""
    hits = gaz.known_hits(span.text)
    if not hits:
        return False
    if span.label_ in ("PERSON", "NORP"):  # "Paul" is also a district of Cape Verde
        hits = [h for h in hits if h.entry.level != "admin1" or h.entry.population >= 1_000_000]
    if any(h.entry.level in _STRONG_LEVELS for h in hits):
        return True
    if span.label_ == "ORG" and any(h.entry.population >= 100_000 for h in hits):
        return True
    return _after_locative(span)


def _after_locative(span: Span) -> bool:
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and span.doc[i].lower_ in LOCATIVE


def _is_seat_as_location(span: Span, kb: KnowledgeBase) -> bool:
    """ "outside the Kremlin", "at the White House": a seat of power used as a place (not
    "the Kremlin said")."""
    return normalize_name(span.text) in kb.metonyms and _after_locative(span)


def _embedded(span: Span, gaz: Gazetteer) -> list[Toponym]:
    """Major place names inside an organisation's or facility's name, longest first."""
    found = []
    i = span.start
    while i < span.end:
        best = 0
        if span.doc[i].text[:1].isupper():
            for size in range(min(_MAX_GAZ_TOKENS, span.end - i), 0, -1):
                window = span.doc[i:i + size]
                if window[-1].text[:1].isupper() and gaz.is_major(window.text):
                    best = size
                    break
        if best:
            found.append(_toponym(Span(span.doc, i, i + best, label="EMB"), "EMB"))
            i += best
        else:
            i += 1
    return found


def _toponym(span: Span, label: str) -> Toponym:
    doc = span.doc
    start, end = span.start_char, span.end_char
    text = doc.text[start:end]
    stripped = text.strip(_STRIP)
    if stripped != text:
        start += text.index(stripped) if stripped else 0
        end = start + len(stripped)
    return Toponym(start, end, stripped, label, span)


def _trim(ent: Span) -> Span | None:
    """Drop a leading article and a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019")
                           or doc[end - 1].is_punct or doc[end - 1].is_space
                           or (end - start > 1 and doc[end - 1].text in _GENERIC_TAIL)):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=ent.label_)


def _split(span: Span | None, gaz: Gazetteer) -> list[Toponym]:
    """ "Paris, Texas" -> "Paris", "Texas" when each part is a place name."""
    if span is None:
        return []
    label = span.label_
    commas = [t.i for t in span if t.text == ","]
    if commas:
        parts, start = [], span.start
        for i in [*commas, span.end]:
            if i > start:
                parts.append(Span(span.doc, start, i, label=label))
            start = i + 1
        if all(gaz.lookup(p.text) for p in parts):
            return [_toponym(p, label) for p in parts]
    return [_toponym(span, label)]


def _is_strong(text: str, gaz: Gazetteer) -> bool:
    return any(h.primary and h.entry.level in _STRONG_LEVELS for h in gaz.lookup(text))


def _is_demonym(text: str, kb: KnowledgeBase, gaz: Gazetteer) -> bool:
    """ "Russian", "Europeans": names of peoples and adjectives, not places."""
    key = normalize_name(text)
    if key in kb.demonyms:
        return not any(h.primary for h in gaz.lookup(text))
    words = key.split()
    last = words[-1] if words else ""
    return len(words) <= 3 and last.endswith(("ian", "ians", "ese", "ean", "eans")) and \
        not gaz.lookup(text)


def _gazetteer_pass(doc: Doc, gaz: Gazetteer) -> list[Toponym]:
    """Capitalised proper nouns outside every entity that name a major place."""
    found = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if tok.ent_iob_ != "O" or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN",):
            i += 1
            continue
        best = 0
        for size in range(min(_MAX_GAZ_TOKENS, n - i), 0, -1):
            window = doc[i:i + size]
            if any(t.ent_iob_ != "O" for t in window) or not window[-1].text[:1].isupper():
                continue
            if gaz.is_major(window.text):
                best = size
                break
        if best:
            found.append(_toponym(Span(doc, i, i + best, label="GAZ"), "GAZ"))
            i += best
        else:
            i += 1
    return found
