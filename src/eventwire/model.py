"""The records that flow through eventwire.

    Article  (immutable input, made by the readers)
      -> Pipeline components
      -> Analysis (actors, quotes, events, times, places; every record with spans into the body)
      -> Store rows -> queries, exports

``Analysis.to_dict()`` is the SCHEMA v1 object (``docs/SCHEMA.md``); ``Analysis.from_dict``
reads it back. Spans are ``(start, end)`` character offsets into ``Article.body``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "eventwire.article.v1"

Span = tuple[int, int]


def _span(value: Any) -> Span | None:
    if value is None:
        return None
    start, end = value
    return (int(start), int(end))


def _list_span(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``body`` is the exact text that every span points into."""

    body: str
    id: str | None = None
    date: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    dateline: str | None = None  # given apart from the body ("MOSCOW, April 1 (AFP)"), if so
    origin: str = "<memory>"  # where it came from: "file.jsonl:12", "dir/story.txt"

    @property
    def content_hash(self) -> str:
        """Hash of everything that affects the analysis; equal hashes mean nothing to redo."""
        parts = [self.body, self.date or "", self.outlet or "", self.title or "", self.url or "",
                 self.dateline or ""]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    @property
    def article_id(self) -> str:
        """The given id, else a stable hash of the body."""
        if self.id:
            return self.id
        return "a" + hashlib.sha256(self.body.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Metadata:
    """Article furniture found in the body: dateline and wire credit."""

    wire_credit: str | None = None
    wire_credit_span: Span | None = None
    dateline: str | None = None
    dateline_span: Span | None = None
    dateline_place: str | None = None
    dateline_date: str | None = None  # YYYY-MM-DD when the dateline gives a full date

    def excluded_spans(self) -> tuple[Span, ...]:
        """Spans that are metadata and must never become names or quotes."""
        return tuple(s for s in (self.dateline_span, self.wire_credit_span) if s is not None)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # person | organization | country | group | other
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "mentions": [[s, e] for s, e in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            country=d.get("country"),
            sector=d.get("sector"),
            code=d.get("code"),
            mentions=tuple((int(s), int(e)) for s, e in d.get("mentions") or ()),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    cue: str
    cue_span: Span
    kind: str  # direct | indirect | mixed
    content: str
    content_span: Span
    speaker: str | None = None
    speaker_actor: str | None = None
    speaker_span: Span | None = None
    addressee: str | None = None
    said_on: str | None = None
    reported_by: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_actor": self.speaker_actor,
            "speaker_span": _list_span(self.speaker_span),
            "cue": self.cue,
            "cue_span": _list_span(self.cue_span),
            "kind": self.kind,
            "content": self.content,
            "content_span": _list_span(self.content_span),
            "addressee": self.addressee,
            "said_on": self.said_on,
            "reported_by": self.reported_by,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            cue=d["cue"],
            cue_span=_span(d["cue_span"]) or (0, 0),
            kind=d["kind"],
            content=d["content"],
            content_span=_span(d["content_span"]) or (0, 0),
            speaker=d.get("speaker"),
            speaker_actor=d.get("speaker_actor"),
            speaker_span=_span(d.get("speaker_span")),
            addressee=d.get("addressee"),
            said_on=d.get("said_on"),
            reported_by=d.get("reported_by"),
            confidence=float(d.get("confidence") or 0.0),
        )


@dataclass(frozen=True, slots=True)
class Event:
    cameo: str
    cameo_root: str
    plover: str
    goldstein: float
    quad_class: int
    evidence_span: Span
    source: str | None = None
    source_actor: str | None = None
    target: str | None = None
    target_actor: str | None = None
    date: str | None = None
    place: str | None = None  # index into Analysis.places, as a string
    reported_by: str | None = None
    negated: bool = False
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_actor": self.source_actor,
            "target": self.target,
            "target_actor": self.target_actor,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "date": self.date,
            "place": self.place,
            "reported_by": self.reported_by,
            "negated": self.negated,
            "evidence_span": _list_span(self.evidence_span),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            cameo=d["cameo"],
            cameo_root=d["cameo_root"],
            plover=d["plover"],
            goldstein=float(d["goldstein"]),
            quad_class=int(d["quad_class"]),
            evidence_span=_span(d["evidence_span"]) or (0, 0),
            source=d.get("source"),
            source_actor=d.get("source_actor"),
            target=d.get("target"),
            target_actor=d.get("target_actor"),
            date=d.get("date"),
            place=d.get("place"),
            reported_by=d.get("reported_by"),
            negated=bool(d.get("negated")),
            confidence=float(d.get("confidence") or 0.0),
        )


@dataclass(frozen=True, slots=True)
class TimeExpr:
    text: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": _list_span(self.span), "type": self.type,
                "value": self.value}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeExpr:
        return cls(text=d["text"], span=_span(d["span"]) or (0, 0), type=d["type"],
                   value=d["value"])


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    span: Span
    name: str
    feature: str  # country | region | city | other
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": _list_span(self.span),
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            text=d["text"],
            span=_span(d["span"]) or (0, 0),
            name=d["name"],
            feature=d["feature"],
            country=d.get("country"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            geonameid=d.get("geonameid"),
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything eventwire found in one article."""

    article: Article
    metadata: Metadata = field(default_factory=Metadata)
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA v1 object for this article."""
        a = self.article
        return {
            "schema": SCHEMA_VERSION,
            "article": {
                "id": a.article_id,
                "date": a.date,
                "outlet": a.outlet,
                "title": a.title,
                "url": a.url,
                "wire_credit": self.metadata.wire_credit,
            },
            "actors": [x.to_dict() for x in self.actors],
            "quotes": [x.to_dict() for x in self.quotes],
            "events": [x.to_dict() for x in self.events],
            "times": [x.to_dict() for x in self.times],
            "places": [x.to_dict() for x in self.places],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], body: str) -> Analysis:
        """Read a SCHEMA v1 object back; the body is not part of the schema, so pass it."""
        if d.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"not a {SCHEMA_VERSION} object: schema={d.get('schema')!r}")
        art = d["article"]
        article = Article(body=body, id=art["id"], date=art.get("date"),
                          outlet=art.get("outlet"), title=art.get("title"), url=art.get("url"))
        return cls(
            article=article,
            metadata=Metadata(wire_credit=art.get("wire_credit")),
            actors=tuple(Actor.from_dict(x) for x in d.get("actors") or ()),
            quotes=tuple(Quote.from_dict(x) for x in d.get("quotes") or ()),
            events=tuple(Event.from_dict(x) for x in d.get("events") or ()),
            times=tuple(TimeExpr.from_dict(x) for x in d.get("times") or ()),
            places=tuple(Place.from_dict(x) for x in d.get("places") or ()),
        )

    def counts(self) -> dict[str, int]:
        return {f.name: len(getattr(self, f.name)) for f in fields(self)
                if f.name in ("actors", "quotes", "events", "times", "places")}


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read: where it came from and why."""

    origin: str  # "file.jsonl:12", "dir/story.txt", "<stdin>:3"
    reason: str

    def message(self) -> str:
        return f"{self.origin}: {self.reason}"
