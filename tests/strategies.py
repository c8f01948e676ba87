"""Hypothesis strategies for eventwire records (spans always inside the body)."""

from __future__ import annotations

from hypothesis import strategies as st

from eventwire.model import Actor, Analysis, Article, Event, Metadata, Place, Quote, TimeExpr

words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                max_size=30)
maybe = st.one_of(st.none(), words)
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
confidence = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def spans(draw, body_len):
    start = draw(st.integers(0, body_len))
    end = draw(st.integers(start, body_len))
    return (start, end)


@st.composite
def analyses(draw):
    body = draw(st.text(min_size=1, max_size=300).filter(lambda s: s.strip() and "\x00" not in s))
    n = len(body)
    article = Article(body=body, id=draw(st.one_of(st.none(), st.text("abc123-_", min_size=1,
                                                                      max_size=12))),
                      date=draw(dates), outlet=draw(maybe), title=draw(maybe), url=draw(maybe))
    actor_ids = draw(st.lists(st.text("abcdefgh:", min_size=1, max_size=10), unique=True,
                              max_size=5))
    actors = tuple(Actor(id=i, name=draw(words),
                         kind=draw(st.sampled_from(["person", "organization", "country",
                                                    "group", "other"])),
                         country=draw(st.one_of(st.none(), st.sampled_from(["RUS", "IGO"]))),
                         sector=draw(st.one_of(st.none(), st.just("GOV"))), code=draw(maybe),
                         mentions=tuple(sorted(set(draw(st.lists(spans(n), max_size=4))))))
                   for i in actor_ids)
    quotes = tuple(Quote(cue=draw(words), cue_span=draw(spans(n)),
                         kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
                         content=draw(words), content_span=draw(spans(n)), speaker=draw(maybe),
                         speaker_actor=draw(maybe),
                         speaker_span=draw(st.one_of(st.none(), spans(n))),
                         addressee=draw(maybe), said_on=draw(dates), reported_by=draw(maybe),
                         confidence=draw(confidence))
                   for _ in range(draw(st.integers(0, 3))))
    events = tuple(Event(cameo="0" + str(draw(st.integers(10, 99))), cameo_root="01",
                         plover=draw(words), goldstein=draw(st.floats(-10, 10)),
                         quad_class=draw(st.integers(0, 4)), evidence_span=draw(spans(n)),
                         source=draw(maybe), source_actor=draw(maybe), target=draw(maybe),
                         target_actor=draw(maybe), date=draw(dates), place=draw(maybe),
                         reported_by=draw(maybe), negated=draw(st.booleans()),
                         confidence=draw(confidence))
                   for _ in range(draw(st.integers(0, 3))))
    times = tuple(TimeExpr(text=draw(words), span=draw(spans(n)),
                           type=draw(st.sampled_from(["DATE", "TIME", "DURATION", "SET"])),
                           value=draw(words)) for _ in range(draw(st.integers(0, 3))))
    places = tuple(Place(text=draw(words), span=draw(spans(n)), name=draw(words),
                         feature=draw(st.sampled_from(["country", "region", "city", "other"])),
                         country=draw(st.one_of(st.none(), st.just("BLR"))),
                         lat=draw(st.one_of(st.none(), st.floats(-90, 90))),
                         lon=draw(st.one_of(st.none(), st.floats(-180, 180))),
                         geonameid=draw(st.one_of(st.none(), st.integers(1, 10**7))))
                   for _ in range(draw(st.integers(0, 3))))
    return Analysis(article=article, metadata=Metadata(wire_credit=draw(maybe)), actors=actors,
                    quotes=quotes, events=events, times=times, places=places)
