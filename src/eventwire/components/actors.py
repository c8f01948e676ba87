"""Actors, first version: named mentions grouped within one article.

1. Candidate mentions are spaCy PERSON, ORG, GPE, NORP, LOC and FAC entities, trimmed of
   a leading "the", a possessive and titles, and skipping metadata spans (dateline, credit).
2. Full person names become person actors; "Donald J. Trump" and "Donald Trump" merge.
3. A one-word mention equal to a person's surname joins that person, whatever label spaCy
   gave it ("Trump" tagged ORG), the nearest earlier person first.
4. The rest are resolved through the knowledge base: names, aliases and seats of government
   ("Kremlin", "Kyiv") to countries, organizations, blocs and media; demonyms ("Russian")
   to their country. What the knowledge base does not know stays a named actor of its kind.
5. A person's country and sector come from the words before the name ("US President",
   "Kremlin aide", "Russian counterpart") or an apposition after it ("Ushakov, a Kremlin
   aide,").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import Entry, KnowledgeBase, normalize_name, slug
from ..model import Actor
from ..model import Span as Offsets
from .registry import Context, component

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NAME_STRIP = " \t\n,;:.-\"'\u201c\u201d\u2018\u2019()[]"


@component("actors", requires=("doc", "kb", "metadata"), assigns=("actors",))
def find_actors(ctx: Context) -> Mapping[str, Any]:
    excluded = ctx["metadata"].excluded_spans()
    date = ctx["metadata"].dateline_date or ctx.article.date
    day = dt.date.fromisoformat(date[:10]) if date else None
    return {"actors": resolve_actors(ctx.doc, ctx.kb, excluded, day)}


@dataclass(slots=True)
class _Mention:
    start: int  # character offsets into the body
    end: int
    text: str
    label: str
    ent: Span


@dataclass(slots=True)
class _Cluster:
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: list[Offsets] = field(default_factory=list)
    first: int = 0


def resolve_actors(doc: Doc, kb: KnowledgeBase, excluded: Sequence[Offsets] = (),
                   day: dt.date | None = None) -> tuple[Actor, ...]:
    spans = [ent for ent in doc.ents if ent.label_ in ACTOR_LABELS] + gazetteer_spans(doc, kb)
    spans.sort(key=lambda span: span.start)
    mentions = [m for span in spans if (m := _mention(span, kb, excluded)) is not None]
    clusters: dict[str, _Cluster] = {}
    persons: list[tuple[_Cluster, list[str]]] = []  # cluster and its name tokens
    rest: list[_Mention] = []

    # Full person names first, so that surnames can find them.
    for m in mentions:
        tokens = m.text.split()
        if m.label == "PERSON" and len(tokens) >= 2 and kb.lookup(m.text) is None:
            cluster = _match_person(persons, tokens)
            if cluster is None:
                pid = f"person:{slug(m.text)}"
                cluster = clusters.get(pid)
                if cluster is None:
                    cluster = clusters[pid] = _Cluster(id=pid, name=m.text, kind="person",
                                                       first=m.start)
                    persons.append((cluster, tokens))
            elif len(m.text) > len(cluster.name):
                cluster.name = m.text
            _add_person_mention(cluster, m, doc, kb)
        else:
            rest.append(m)

    person_words = {m.text for m in rest if m.label == "PERSON" and " " not in m.text}
    for m in rest:
        if m.label in ("ORG", "GPE") and m.text in person_words and kb.lookup(m.text) is None:
            m.label = "PERSON"  # "Trump" tagged ORG once and PERSON elsewhere: one person
        cluster = _surname_match(persons, m)
        if cluster is not None:
            _add_person_mention(cluster, m, doc, kb)
            continue
        entry = kb.resolve(m.text, m.label)
        if entry is not None and _is_location(m, kb):
            continue  # "a press conference in Minsk": a place, not the government
        if entry is not None:
            cluster = clusters.get(entry.id)
            if cluster is None:
                cluster = clusters[entry.id] = _from_entry(entry, m.start)
        elif m.label == "PERSON":
            pid = f"person:{slug(m.text)}"
            cluster = clusters.get(pid)
            if cluster is None:
                cluster = clusters[pid] = _Cluster(id=pid, name=m.text, kind="person",
                                                   first=m.start)
                persons.append((cluster, m.text.split()))
            _add_person_mention(cluster, m, doc, kb)
            continue
        elif m.label in ("ORG", "NORP", "GPE"):
            kind = {"ORG": "organization", "NORP": "group", "GPE": "other"}[m.label]
            prefix = {"organization": "org", "group": "group", "other": "place"}[kind]
            aid = f"{prefix}:{slug(m.text)}"
            cluster = clusters.get(aid)
            if cluster is None:
                cluster = clusters[aid] = _Cluster(id=aid, name=m.text, kind=kind, first=m.start)
            if kind == "organization":
                _describe_organization(cluster, m, kb, clusters)
        else:
            continue  # unknown LOC/FAC: a place, not an actor
        cluster.mentions.append((m.start, m.end))

    for cluster in clusters.values():
        if cluster.kind == "person":
            _describe_known_person(cluster, kb, day)
    ordered = sorted((c for c in clusters.values() if c.mentions),
                     key=lambda c: min(s for s, _ in c.mentions))
    return tuple(Actor(id=c.id, name=c.name, kind=c.kind, country=c.country, sector=c.sector,
                       code=c.code, mentions=tuple(sorted(set(c.mentions))))
                 for c in ordered)


def gazetteer_spans(doc: Doc, kb: KnowledgeBase) -> list[Span]:
    """Knowledge-base names the NER missed ("Kyiv", "Western"), as labelled spans that
    overlap no entity."""
    key = f"phrase-matcher:{id(doc.vocab)}"
    if key not in kb.cache:
        matcher = PhraseMatcher(doc.vocab, attr="ORTH")
        tokenizer: Any = English(vocab=doc.vocab).tokenizer
        by_label: dict[str, list[str]] = {}
        for form, label in kb.gazetteer().items():
            by_label.setdefault(label, []).append(form)
        for label, forms in by_label.items():
            matcher.add(label, list(tokenizer.pipe(forms)))
        kb.cache[key] = matcher
    matcher = kb.cache[key]
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    for match_id, start, end in matcher(doc):
        if any(i in taken for i in range(start, end)):
            continue
        first = doc[start]
        label = doc.vocab.strings[match_id]
        if first.is_sent_start and first.pos_ != "PROPN" and label != "NORP":
            continue
        found.append(Span(doc, start, end, label=label))
    return filter_spans(found)


def _mention(ent: Span, kb: KnowledgeBase, excluded: Sequence[Offsets]) -> _Mention | None:
    """Trim an entity to its name; None when it is not a usable name."""
    tokens = list(ent)
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in ("'s", "\u2019s", "'") or tokens[-1].is_punct):
        tokens.pop()
    if ent.label_ == "PERSON":
        while len(tokens) > 1 and kb.title_sector(tokens[0].lower_)[0]:
            tokens.pop(0)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = "".join(t.text_with_ws for t in tokens)[:end - start]
    if "\n" in text:
        text = text.split("\n", 1)[0].rstrip()
        end = start + len(text)
    text = text.strip(_NAME_STRIP)
    if len(text) < 2 or any(c.isdigit() for c in text) or not any(c.isupper() for c in text):
        return None
    if " " not in text and kb.title_sector(text.lower())[0]:
        return None  # "State" cut from "Secretary of State", "Ministry" alone
    if any(s < end and start < e for s, e in excluded):
        return None
    return _Mention(start, end, " ".join(text.split()), ent.label_, ent)


_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})


def _is_location(m: _Mention, kb: KnowledgeBase) -> bool:
    """A capital or seat of government after a locative preposition names a place."""
    if kb.names.get(normalize_name(m.text)) is not None:
        return False  # a country's own name stays an actor even "in Ukraine"
    start = m.ent.start
    doc = m.ent.doc
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.lower_ == "the" and start > 1:
        prev = doc[start - 2]
    return prev is not None and prev.lower_ in _LOCATIVE


def _match_person(persons: list[tuple[_Cluster, list[str]]], tokens: list[str]) -> _Cluster | None:
    """Same surname and a compatible first name ("Donald J. Trump" ~ "Donald Trump")."""
    for cluster, known in reversed(persons):
        if len(known) < 2 or known[-1].lower() != tokens[-1].lower():
            continue
        a, b = known[0].rstrip(".").lower(), tokens[0].rstrip(".").lower()
        if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
            return cluster
    return None


def _surname_match(persons: list[tuple[_Cluster, list[str]]], m: _Mention) -> _Cluster | None:
    tokens = m.text.split()
    if len(tokens) != 1 or m.label not in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    before = [c for c, known in persons if len(known) >= 2 and known[-1] == tokens[0]
              and c.first <= m.start]
    if before:
        return max(before, key=lambda c: c.first)
    after = [c for c, known in persons if len(known) >= 2 and known[-1] == tokens[0]]
    return after[0] if after else None


def _describe_organization(cluster: _Cluster, m: _Mention, kb: KnowledgeBase,
                           clusters: dict[str, _Cluster]) -> None:
    """ "Chinese Foreign Ministry", "U.S. State Department": the country named first, the
    sector from the head noun; the country prefix is also a mention of the country."""
    tokens = [t for t in m.ent if m.start <= t.idx < m.end]
    for n in (3, 2, 1):
        if len(tokens) <= n:
            continue
        head = tokens[:n]
        text = "".join(t.text_with_ws for t in head).rstrip()
        entry = kb.resolve(text, "NORP")
        if entry is None or entry.kind != "country":
            continue
        cluster.country = cluster.country or entry.country
        for tok in reversed(tokens[n:]):
            sector = kb.title_sector(tok.lower_)[1]
            if sector:
                cluster.sector = cluster.sector or sector
                break
        if cluster.country and cluster.sector and cluster.code is None:
            cluster.code = cluster.country + cluster.sector
        country = clusters.setdefault(entry.id, _from_entry(entry, m.start))
        country.mentions.append((head[0].idx, head[-1].idx + len(head[-1].text)))
        return


def _describe_known_person(cluster: _Cluster, kb: KnowledgeBase, day: dt.date | None) -> None:
    """A person the knowledge base knows: canonical name, country, and the sector of the
    office held on the article's day."""
    known = kb.person(cluster.name)
    if known is None:
        return
    cluster.name = known.name
    cluster.id = f"person:{slug(known.name)}"
    cluster.country = cluster.country or known.country
    offices = known.offices_on(day)
    if offices and cluster.sector is None:
        cluster.sector = "IGO" if offices[0].role == "igo_head" else "GOV"
    if cluster.code is None and cluster.country and cluster.sector and len(cluster.country) == 3:
        cluster.code = cluster.country + cluster.sector


def _from_entry(entry: Entry, first: int) -> _Cluster:
    return _Cluster(id=entry.id, name=entry.name, kind=entry.kind, country=entry.country,
                    sector=entry.sector, code=entry.code, first=first)


def _add_person_mention(cluster: _Cluster, m: _Mention, doc: Doc, kb: KnowledgeBase) -> None:
    cluster.mentions.append((m.start, m.end))
    if cluster.country is not None and cluster.sector is not None:
        return
    country, sector, code = describe_person(m.ent, kb)
    cluster.country = cluster.country or country
    cluster.sector = cluster.sector or sector
    cluster.code = cluster.code or code
    if cluster.code is None and cluster.country and cluster.sector and len(cluster.country) == 3:
        cluster.code = cluster.country + cluster.sector


def describe_person(ent: Span, kb: KnowledgeBase) -> tuple[str | None, str | None, str | None]:
    """Country, sector and affiliation code from the title words around a name."""
    doc = ent.doc
    words: list[Any] = []
    i = ent.start - 1
    while i >= 0 and i >= ent.sent.start and len(words) < 6:
        tok = doc[i]
        if kb.title_sector(tok.lower_)[0] or tok.ent_type_ in ("GPE", "NORP", "ORG"):
            words.append(tok)
            i -= 1
        else:
            break
    if not words and ent.end + 2 < len(doc) and doc[ent.end].text == ",":
        j = ent.end + 1
        while j < len(doc) and j < ent.end + 7 and doc[j].text not in (",", ".", ";", ")"):
            words.append(doc[j])
            j += 1
    country = sector = code = None
    for tok in words:
        is_title, word_sector = kb.title_sector(tok.lower_)
        if is_title and word_sector and sector is None:
            sector = word_sector
        if tok.ent_type_ and country is None:
            entry = kb.demonym(tok.text) if tok.ent_type_ == "NORP" else kb.lookup(tok.text)
            if entry is None and tok.ent_iob_ != "O":
                entry = kb.lookup(_entity_text(doc, tok.i))
            if entry is not None and entry.kind in ("country", "organization", "group"):
                country = entry.country
                if entry.kind == "organization" and entry.code:
                    code, sector = entry.code, sector or entry.sector
    return country, sector, code


def _entity_text(doc: Doc, i: int) -> str:
    for ent in doc.ents:
        if ent.start <= i < ent.end:
            return ent.text
    return doc[i].text
