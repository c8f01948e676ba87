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
   aide,"); a specific sector word wins over a generic title ("opposition leader" is OPP,
   "army spokesman" MIL). A person the knowledge base knows is coded by the office held on
   the article's date: a national office gives <ISO3>GOV, the head of an international
   organization that organization's code (IGOUNO), a leader of a known armed group the
   group's code on that day (the Taliban leader is AFGREB in 2016 and AFGGOV in 2022).
6. A descriptor that names an office without a name ("the US President said") becomes a
   mention of the person who held that office on the article's date (kb.people.holder).

The actor model for codes (CAMEO actor code = country + agent):

- A country is ``country:UKR`` "Ukraine", kind country, code UKR. Its name and its
  demonyms are its mentions.
- A country's sector is a separate group actor ``country:UKR/MIL`` "Ukraine (military)",
  kind group, country UKR, sector MIL, code UKRMIL. Its mentions are the phrases that name
  it: a country or demonym followed by a group noun from ``sectors.yaml`` ("Ukrainian
  troops", "Russia's armed forces", "Chinese police"), or an organization name made only of
  those ("Ukrainian Army"). The country word inside the phrase stays a mention of the
  country as well, as the country prefix of "Chinese Foreign Ministry" does. Blocs work
  the same way ("Western officials" -> ``group:WST/GOV``, WSTGOV).
- A seat of government or a capital used as an actor ("Kyiv said", "the Kremlin rejected",
  "Washington imposed") is a mention of the government actor ``country:UKR/GOV`` "Ukraine
  (government)", code UKRGOV, never of the country. After a locative ("in Kyiv") it is a
  place and no actor.
- Named armed groups (``groups.yaml``) are ``group:HOUTHIS`` "Houthis", kind group, with
  the code valid on the article's date; a group noun after their name or adjective
  ("Houthi rebels", "Hamas militants") extends the group's own mention.
- Named state bodies keep their own organization actor with a derived code ("Russian
  Defence Ministry" -> RUSGOV); international organizations keep their codebook code.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import Entry, KnowledgeBase, normalize_name, slug
from ..kb.people import ROLES, Office, Person
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
    found = gazetteer_spans(doc, kb)
    covered = {i for span in found for i in range(span.start, span.end)}
    spans = [part for ent in doc.ents if ent.label_ in ACTOR_LABELS and ent.start not in covered
             for part in _split_at_commas(ent)]
    spans += found
    offices: list[tuple[Offsets, Person]] = []  # "the US President" -> its holder
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
            _add_person_mention(cluster, m, kb, day)
        else:
            rest.append(m)

    person_words = {m.text for m in rest if m.label == "PERSON" and " " not in m.text}
    for m in rest:
        if m.label in ("ORG", "GPE") and m.text in person_words and kb.lookup(m.text) is None:
            m.label = "PERSON"  # "Trump" tagged ORG once and PERSON elsewhere: one person
        cluster = _surname_match(persons, m)
        if cluster is not None:
            _add_person_mention(cluster, m, kb, day)
            continue
        entry = kb.resolve(m.text, m.label)
        if entry is not None and _is_location(m, kb):
            continue  # "a press conference in Minsk": a place, not the government
        split = _split_sector(m, kb) if entry is None else None
        if split is not None:  # "Ukrainian Army", "Kenyan Police" tagged as one ORG
            head, sector, head_end = split
            if head.kind == "country" or head.sector is None:
                _entry_cluster(clusters, head, m.start, (m.start, head_end), day)
            cluster = _sector_cluster(clusters, head, sector, m.start, kb, day)
        elif entry is not None:
            phrase = _sector_after(m, kb) if m.label != "PERSON" else None
            if entry.kind == "country" and m.label != "NORP" and kb.is_metonym(m.text):
                cluster = _sector_cluster(clusters, entry, "GOV", m.start, kb, day)
                if phrase is not None:  # "Kremlin officials": one mention of the government
                    cluster = _sector_cluster(clusters, entry, phrase[1], m.start, kb, day)
                    cluster.mentions.append((m.start, phrase[0]))
                    continue
            else:
                cluster = _entry_cluster(clusters, entry, m.start, None, day)
                holder = _office_holder(m, entry, kb, day) if phrase is None else None
                if holder is not None:
                    offices.append(holder)
            if phrase is not None and entry.kind in ("country", "group"):
                if entry.kind == "group" and entry.sector is not None:
                    cluster.mentions.append((m.start, phrase[0]))  # "Houthi rebels"
                    continue
                cluster.mentions.append((m.start, m.end))  # "Ukrainian" in "Ukrainian troops"
                cluster = _sector_cluster(clusters, entry, phrase[1], m.start, kb, day)
                cluster.mentions.append((m.start, phrase[0]))
                continue
        elif m.label == "PERSON":
            pid = f"person:{slug(m.text)}"
            cluster = clusters.get(pid)
            if cluster is None:
                cluster = clusters[pid] = _Cluster(id=pid, name=m.text, kind="person",
                                                   first=m.start)
                persons.append((cluster, m.text.split()))
            _add_person_mention(cluster, m, kb, day)
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

    for span, person in offices:
        _add_office_holder(clusters, persons, span, person, kb)
    _untagged_surnames(doc, persons, clusters, excluded)
    for cluster in clusters.values():
        if cluster.kind == "person":
            _describe_known_person(cluster, kb, day)
    merged: dict[str, _Cluster] = {}
    for cluster in clusters.values():  # "H.D. Deve Gowda" and "Deve Gowda": one known person
        same = merged.get(cluster.id)
        if same is None:
            merged[cluster.id] = cluster
        else:
            same.mentions.extend(cluster.mentions)
            same.country = same.country or cluster.country
            same.sector = same.sector or cluster.sector
            same.code = same.code or cluster.code
    ordered = sorted((c for c in merged.values() if c.mentions),
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
    taken = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    for match_id, start, end in matcher(doc):
        inside = {taken[i] for i in range(start, end) if i in taken}
        # a longer name replaces the entities it holds ("Islamic" in "Islamic State")
        if inside and not all(start <= e.start and e.end <= end and (e.start, e.end) != (start, end)
                              for e in inside):
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
    if len(text) < 2 or not any(c.isupper() for c in text) or (
            any(c.isdigit() for c in text) and kb.lookup(text) is None):
        return None  # "M23" is a name; "2025" and "Flight 17" are not
    if " " not in text and kb.title_sector(text.lower())[0]:
        return None  # "State" cut from "Secretary of State", "Ministry" alone
    if any(s < end and start < e for s, e in excluded):
        return None
    return _Mention(start, end, " ".join(text.split()), ent.label_, ent)


_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
_PLACE_VERBS = frozenset({"enter", "reach", "visit", "leave", "capture", "seize", "encircle",
                          "surround", "shell", "bomb", "besiege", "storm", "evacuate", "tour"})


def _is_location(m: _Mention, kb: KnowledgeBase) -> bool:
    """A capital or seat of government after a locative preposition names a place."""
    if kb.names.get(normalize_name(m.text)) is not None:
        return False  # a country's own name stays an actor even "in Ukraine"
    start = m.ent.start
    doc = m.ent.doc
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.lower_ == "the" and start > 1:
        prev = doc[start - 2]
    if prev is not None and prev.lower_ in _LOCATIVE:
        return True
    last = doc[m.ent.end - 1]  # "troops entered Kabul", "the drones reached Kyiv"
    return last.dep_ == "dobj" and last.head.lemma_ in _PLACE_VERBS


def _split_at_commas(ent: Span) -> list[Span]:
    """ "Kyiv, Al Jazeera" tagged as one name is two: split an entity at its commas."""
    if not any(t.text == "," for t in ent):
        return [ent]
    parts, start = [], ent.start
    for t in ent:
        if t.text == ",":
            if t.i > start:
                parts.append(Span(ent.doc, start, t.i, label=ent.label_))
            start = t.i + 1
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return parts


def _untagged_surnames(doc: Doc, persons: list[tuple[_Cluster, list[str]]],
                       clusters: dict[str, _Cluster], excluded: Sequence[Offsets]) -> None:
    """A surname the NER left untagged ("the Trump-Putin call") is still that person, when
    one person of the article has it."""
    owners: dict[str, list[_Cluster]] = {}
    for cluster, tokens in persons:
        if len(tokens) >= 2:
            owners.setdefault(tokens[-1], []).append(cluster)
    unique = {name: found[0] for name, found in owners.items() if len(found) == 1}
    if not unique:
        return
    taken = sorted(span for c in clusters.values() for span in c.mentions)
    starts = [s for s, _ in taken]
    for token in doc:
        owner = unique.get(token.text)
        if owner is None or token.pos_ != "PROPN":
            continue
        start, end = token.idx, token.idx + len(token.text)
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and taken[i][1] > start:
            continue  # inside a mention already
        if any(s < end and start < e for s, e in excluded):
            continue
        owner.mentions.append((start, end))


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
            sector = kb.title_sector(tok.lower_)[1] or kb.sectors.get(tok.lower_)
            if sector:
                cluster.sector = cluster.sector or sector
                break
        if cluster.country and cluster.sector and cluster.code is None:
            cluster.code = cluster.country + cluster.sector
        country = clusters.setdefault(entry.id, _from_entry(entry, m.start, None))
        country.mentions.append((head[0].idx, head[-1].idx + len(head[-1].text)))
        return


def _describe_known_person(cluster: _Cluster, kb: KnowledgeBase, day: dt.date | None) -> None:
    """A person the knowledge base knows: canonical name, and the country, sector and code
    of the office held on the article's day (which wins over the words around the name)."""
    known = kb.person(cluster.name)
    if known is None:
        return
    cluster.name = known.name
    cluster.id = f"person:{slug(known.name)}"
    offices = sorted(known.offices_on(day), key=lambda o: ROLES.index(o.role)
                     if o.role in ROLES else len(ROLES))
    for office in offices:
        coded = _office_code(office, kb, day)
        if coded is not None:
            cluster.code, cluster.sector, cluster.country = coded
            break
    cluster.country = cluster.country or known.country
    if cluster.code is None and cluster.country and cluster.sector and len(cluster.country) == 3:
        cluster.code = cluster.country + cluster.sector


def _office_code(office: Office, kb: KnowledgeBase, day: dt.date | None
                 ) -> tuple[str, str | None, str | None] | None:
    """(code, sector, country) of an office: an armed group named in its title ("Taliban
    leader") on that day, an international organization's code, else <country>GOV."""
    group = _group_in_title(office.title, kb)
    if group is not None:
        code, sector = group.code_on(day)
        return (code, sector, group.country) if code else None
    if office.role == "igo_head" or office.country not in kb.countries:
        org = kb.lookup(office.country)
        if org is not None and org.code:
            return org.code, org.sector or "IGO", org.country
        return None
    return office.country + "GOV", "GOV", office.country


def _group_in_title(title: str, kb: KnowledgeBase) -> Entry | None:
    """The armed group an office title names ("Head of the Hamas political bureau")."""
    found: dict[str, Entry | None] = kb.cache.setdefault("actors:group-titles", {})
    if title not in found:
        words = title.replace(",", " ").split()
        found[title] = next(
            (e for n in (3, 2, 1) for i in range(len(words) - n + 1)
             if (e := kb.demonym(" ".join(words[i:i + n]))) is not None
             and e.kind == "group" and e.sector is not None), None)
    return found[title]


def _from_entry(entry: Entry, first: int, day: dt.date | None) -> _Cluster:
    code, sector = entry.code_on(day)
    return _Cluster(id=entry.id, name=entry.name, kind=entry.kind, country=entry.country,
                    sector=sector, code=code, first=first)


def _entry_cluster(clusters: dict[str, _Cluster], entry: Entry, first: int,
                   mention: Offsets | None, day: dt.date | None) -> _Cluster:
    cluster = clusters.get(entry.id)
    if cluster is None:
        cluster = clusters[entry.id] = _from_entry(entry, first, day)
    if mention is not None:
        cluster.mentions.append(mention)
    return cluster


def _sector_cluster(clusters: dict[str, _Cluster], entry: Entry, sector: str, first: int,
                    kb: KnowledgeBase, day: dt.date | None) -> _Cluster:
    """The group actor for a country's (or bloc's) sector: ``country:UKR/MIL``
    "Ukraine (military)", code UKRMIL. A named armed group is its own actor."""
    if entry.kind == "group" and entry.sector is not None:
        return _entry_cluster(clusters, entry, first, None, day)
    aid = f"{entry.id}/{sector}"
    cluster = clusters.get(aid)
    if cluster is None:
        base = entry.code or entry.country
        cluster = clusters[aid] = _Cluster(
            id=aid, name=f"{entry.name} ({kb.sector_names.get(sector, sector)})", kind="group",
            country=entry.country, sector=sector, code=f"{base}{sector}" if base else None,
            first=first)
    return cluster


def parse_sector(words: Sequence[str], kb: KnowledgeBase) -> tuple[int, str] | None:
    """Lower-case words that start with a group noun phrase ("armed forces", "military
    officials") -> (how many words it takes, its sector). A generic head ("officials")
    takes the sector of a sector word before it."""
    i = end = 0
    found: list[str] = []
    while i < len(words):
        for n in (3, 2, 1):
            phrase = " ".join(words[i:i + n])
            if i + n <= len(words) and phrase in kb.sectors:
                found.append(phrase)
                i = end = i + n
                break
        else:
            if words[i] not in kb.sector_modifiers:
                break
            i += 1
    if not found:
        return None
    sector = kb.sectors[found[-1]]
    if found[-1] in kb.sector_generic:
        sector = next((kb.sectors[p] for p in reversed(found[:-1])
                       if p not in kb.sector_generic), sector)
    return end, sector


def _after(m: _Mention) -> int:
    """Index of the first token after a mention, past a possessive ("Ukraine's")."""
    doc = m.ent.doc
    j = m.ent.start
    while j < len(doc) and doc[j].idx < m.end:
        j += 1
    if j < len(doc) and doc[j].lower_ in ("'s", "\u2019s", "'"):
        j += 1
    return j


def _sector_after(m: _Mention, kb: KnowledgeBase) -> tuple[int, str] | None:
    """ "Ukrainian troops", "Russia's armed forces": (end offset of the phrase, sector).
    None when the words go on into a person's title or name ("Ukrainian army chief X")."""
    doc = m.ent.doc
    j = _after(m)
    limit = min(m.ent.sent.end, j + 6)
    words = []
    for tok in doc[j:limit]:
        if not tok.is_alpha:
            break
        words.append(tok.lower_)
    parsed = parse_sector(words, kb)
    if parsed is None:
        return None
    n, sector = parsed
    nxt = doc[j + n] if j + n < len(doc) else None
    if nxt is not None and (nxt.pos_ == "PROPN" or kb.title_sector(nxt.lower_)[0]):
        return None
    last = doc[j + n - 1]
    return last.idx + len(last.text), sector


def _split_sector(m: _Mention, kb: KnowledgeBase) -> tuple[Entry, str, int] | None:
    """An unknown name made of a country and a group noun ("Ukrainian Army", "Kenyan
    Police"): (the country or bloc, the sector, end offset of the country words)."""
    tokens = [t for t in m.ent if m.start <= t.idx < m.end]
    for n in (3, 2, 1):
        if len(tokens) <= n:
            continue
        head = tokens[:n]
        entry = kb.resolve("".join(t.text_with_ws for t in head).rstrip(), "NORP")
        if entry is None or entry.kind not in ("country", "group"):
            continue
        rest = [t.lower_ for t in tokens[n:]]
        if rest and rest[0] in ("'s", "\u2019s"):
            rest = rest[1:]
        parsed = parse_sector(rest, kb)
        if parsed is not None and parsed[0] == len(rest):
            return entry, parsed[1], head[-1].idx + len(head[-1].text)
        return None
    return None


_NOT_NOW = frozenset({"former", "ex", "then", "late", "acting", "interim", "deputy", "vice",
                      "future", "next", "incoming", "outgoing", "previous", "new"})


def _office_holder(m: _Mention, entry: Entry, kb: KnowledgeBase, day: dt.date | None
                   ) -> tuple[Offsets, Person] | None:
    """ "the US President said": the span and the person holding that office on the day."""
    if day is None or entry.kind != "country" or entry.country is None:
        return None
    doc = m.ent.doc
    j = k = _after(m)
    words = []
    while k < len(doc) and k < j + 4 and kb.title_sector(doc[k].lower_)[0]:
        words.append(doc[k].lower_.strip("."))
        k += 1
    if not words or (k < len(doc) and (doc[k].pos_ == "PROPN" or doc[k].ent_type_ == "PERSON")):
        return None
    first = next((t.i for t in m.ent if t.idx >= m.start), m.ent.start)
    if first > 0 and doc[first - 1].lower_ in _NOT_NOW:
        return None
    holder = kb.people.holder(entry.country, words, day)
    if holder is None:
        return None
    last = doc[k - 1]
    return (m.start, last.idx + len(last.text)), holder


def _add_office_holder(clusters: dict[str, _Cluster], persons: list[tuple[_Cluster, list[str]]],
                       span: Offsets, holder: Person, kb: KnowledgeBase) -> None:
    for named, _ in persons:
        known = kb.person(named.name)
        if named.name == holder.name or (known is not None and known.name == holder.name):
            named.mentions.append(span)
            return
    pid = f"person:{slug(holder.name)}"
    cluster = clusters.get(pid)
    if cluster is None:
        cluster = clusters[pid] = _Cluster(id=pid, name=holder.name, kind="person",
                                           first=span[0])
        persons.append((cluster, holder.name.split()))
    cluster.mentions.append(span)


def _add_person_mention(cluster: _Cluster, m: _Mention, kb: KnowledgeBase,
                        day: dt.date | None) -> None:
    cluster.mentions.append((m.start, m.end))
    if cluster.country is not None and cluster.sector is not None:
        return
    country, sector, code = describe_person(m.ent, kb, day)
    cluster.country = cluster.country or country
    cluster.sector = cluster.sector or sector
    cluster.code = cluster.code or code
    if cluster.code is None and cluster.country and cluster.sector and len(cluster.country) == 3:
        cluster.code = cluster.country + cluster.sector


def describe_person(ent: Span, kb: KnowledgeBase, day: dt.date | None = None
                    ) -> tuple[str | None, str | None, str | None]:
    """Country, sector and affiliation code from the title words around a name. A specific
    sector word wins over GOV ("opposition leader" OPP, "army spokesman" MIL); a known
    organization or armed group gives its own code ("Taliban spokesman")."""
    doc = ent.doc
    words: list[Any] = []
    i = ent.start - 1
    while i >= 0 and i >= ent.sent.start and len(words) < 6:
        tok = doc[i]
        if kb.title_sector(tok.lower_)[0] or tok.ent_type_ in ("GPE", "NORP", "ORG") or (
                tok.is_title and kb.demonym(tok.text) is not None):  # "Houthi", untagged
            words.append(tok)
            i -= 1
        else:
            break
    if not words and ent.end + 2 < len(doc) and doc[ent.end].text == ",":
        j = ent.end + 1
        while j < len(doc) and j < ent.end + 7 and doc[j].text not in (",", ".", ";", ")"):
            words.append(doc[j])
            j += 1
    country = code = None
    sectors: list[str] = []
    for tok in words:
        word_sector = kb.title_sector(tok.lower_)[1]
        if word_sector:
            sectors.append(word_sector)
        if country is None and (tok.ent_type_ or tok.is_title):
            entry = kb.demonym(tok.text) if tok.ent_type_ in ("NORP", "") else (
                kb.lookup(tok.text) or kb.demonym(tok.text))
            if entry is None and tok.ent_iob_ != "O":
                entry = kb.lookup(_entity_text(doc, tok.i))
            if entry is not None and entry.kind in ("country", "organization", "group"):
                country = entry.country
                if entry.kind == "group" and entry.sector is not None:  # "Houthi leader"
                    code, group_sector = entry.code_on(day)
                    sectors.insert(0, group_sector or "REB")
                elif entry.kind == "organization" and entry.code:
                    code = entry.code
                    if entry.sector:
                        sectors.append(entry.sector)
    sector = next((s for s in sectors if s != "GOV"), sectors[0] if sectors else None)
    if code is None and country and sector and len(country) == 3 and sector != "IGO":
        code = country + sector
    return country, sector, code


def _entity_text(doc: Doc, i: int) -> str:
    for ent in doc.ents:
        if ent.start <= i < ent.end:
            return ent.text
    return doc[i].text
