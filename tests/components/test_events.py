"""The event coder in the pipeline: codes, sides, negation, dates, places, relays."""

from __future__ import annotations

import pytest

from eventwire.model import Article

DATE = "2025-07-04"


def events_of(pipeline, text, date=DATE):
    analysis = pipeline.analyze(Article(body=text, date=date))
    actors = {a.id: a for a in analysis.actors}

    def country(actor_id):
        return actors[actor_id].country if actor_id in actors else None

    return analysis, [(e.cameo_root, country(e.source_actor), country(e.target_actor), e)
                      for e in analysis.events]


def find(rows, root):
    hits = [row for row in rows if row[0] == root]
    assert hits, [(r[0], r[3].source, r[3].target) for r in rows]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "root", "source", "target"),
    [
        ("Russia launched a full-scale invasion of Ukraine in 2022.", "19", "RUS", "UKR"),
        ("The European Union imposed new sanctions on Iran on Monday.", "16", "IGO", "IRN"),
        ("Chinese Foreign Minister Wang Yi met his Japanese counterpart in Tokyo.", "04",
         "CHN", None),
        ("Venezuelan President Nicolas Maduro accused Washington of plotting a coup.", "11",
         "VEN", "USA"),
        ("Israeli warplanes struck targets in southern Lebanon overnight.", "19", "ISR", None),
        ("Japan sent humanitarian aid to the Philippines after the typhoon.", "07", "JPN",
         "PHL"),
        ("Thousands of protesters rallied outside parliament in Nairobi.", "14", None, None),
        ("Police arrested two opposition leaders in Minsk on Friday.", "17", None, None),
    ],
)
def test_codes_and_sides(pipeline, text, root, source, target):
    _, rows = events_of(pipeline, text)
    row = find(rows, root)
    assert row[1] == source
    if target is not None:
        assert row[2] == target


def test_negated_events(pipeline):
    _, rows = events_of(pipeline, "Russia will not back down on its goals in Ukraine, "
                                  "the Kremlin said.")
    assert any(row[3].negated for row in rows)


@pytest.mark.parametrize(
    ("text", "root", "date"),
    [
        ("Russia launched a full-scale invasion of Ukraine in 2022.", "19", "2022"),
        ("Iranian forces seized a tanker on Tuesday.", "17", "2025-07-01"),
        ("On June 27, Russia expelled two Polish diplomats.", "16", "2025-06-27"),
        # counted from an earlier dated event: the call was on Thursday, the pause a day before
        ("Trump and Putin held a phone call on Thursday. The call came a day after the US "
         "paused weapon deliveries to Ukraine.", "16", "2025-07-02"),
    ],
)
def test_event_dates(pipeline, text, root, date):
    _, rows = events_of(pipeline, text)
    assert find(rows, root)[3].date == date


def test_place_is_where_it_happened_not_who_spoke(pipeline):
    analysis, rows = events_of(
        pipeline, "Police arrested two opposition leaders in Minsk on Friday. "
                  "Kyiv condemned the arrests.")
    arrest = find(rows, "17")[3]
    assert arrest.place is not None
    assert analysis.places[int(arrest.place)].text == "Minsk"
    for event in analysis.events:
        if event.place is not None:
            assert analysis.places[int(event.place)].text != "Kyiv"


def test_outlet_reporting_a_fact_relays_its_events(pipeline):
    _, rows = events_of(pipeline, "The talks came a day after the US paused weapon deliveries "
                                  "to Kyiv, Al Jazeera reported.")
    assert find(rows, "16")[3].reported_by == "Al Jazeera"


def test_event_records_follow_the_codebook(pipeline, kb):
    analysis, _ = events_of(pipeline, "The European Union imposed new sanctions on Iran.")
    for e in analysis.events:
        assert e.cameo.startswith(e.cameo_root)
        assert e.goldstein == kb.cameo.goldstein(e.cameo)
        assert e.quad_class == kb.cameo.quad_class(e.cameo)
        s, t = e.evidence_span
        assert analysis.article.body[s:t].strip() == analysis.article.body[s:t]


@pytest.mark.needs_shared
def test_seed_article_events():
    import eventwire as ew

    from ..conftest import SEED

    [analysis] = list(ew.extract_articles([SEED]))
    actors = {a.id: a for a in analysis.actors}
    coded = {(e.cameo_root, actors[e.source_actor].country if e.source_actor else None,
              actors[e.target_actor].country if e.target_actor else None, e.date)
             for e in analysis.events}
    assert ("04", "USA", "RUS", "2025-07-03") in coded  # the phone call
    assert ("16", "USA", "UKR", "2025-07-02") in coded  # the pause, a day before the call
    assert ("19", "RUS", "UKR", "2022") in coded  # the invasion
    assert any(c[:3] == ("11", "RUS", "WST") for c in coded)  # the accusation


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # announced cooperation is an intent (03), announced violence a threat (13)
        ("The rebels said they will release the hostages next week.", "03"),
        ("Japan is ready to provide emergency aid to Haiti, officials said.", "03"),
        ("Armenia threatened to cut diplomatic ties with Azerbaijan.", "13"),
        ("The militia vowed to attack government positions near Goma.", "13"),
        # an obligation in reported speech is a demand (10); a refused cooperation a rejection
        ("Turkey said Greece must withdraw its warships from the area.", "10"),
        ("Hungary said it will not accept the migration pact.", "12"),
    ],
)
def test_announced_actions_are_coded_by_their_mood(pipeline, text, root):
    _, rows = events_of(pipeline, text)
    top = max((row[3] for row in rows), key=lambda e: e.confidence)
    assert top.cameo_root == root, [(r[3].cameo, r[3].confidence) for r in rows]


@pytest.mark.parametrize(
    ("text", "root", "source"),
    [
        # in a passive the agent acts; the subject suffers it
        ("A protester was shot by police during the march in Lagos.", "18", "police"),
        # a visit needs a place or an actor to go to
        ("Iraqi President Saddam Hussein arrived in Amman on an unannounced visit.", "04",
         "Saddam Hussein"),
    ],
)
def test_passives_and_visits(pipeline, text, root, source):
    _, rows = events_of(pipeline, text, date="1999-05-05")
    assert find(rows, root)[3].source == source


def test_going_to_the_polls_is_no_visit(pipeline):
    _, rows = events_of(pipeline, "Greeks went to the polls on Sunday.")
    assert not [r for r in rows if r[3].cameo.startswith("042")]
