"""Actor grouping and resolution within one article, as (text, expected) tables."""

from __future__ import annotations

import pytest

from eventwire.model import Article


def actors_of(pipeline, text, date="2025-07-04"):
    analysis = pipeline.analyze(Article(body=text, date=date))
    return {a.name: a for a in analysis.actors}, analysis


@pytest.mark.parametrize(
    ("text", "name", "kind", "country", "n_mentions"),
    [
        ("US President Donald Trump spoke on Thursday. Later Trump said Donald Trump "
         "would call again.", "Donald Trump", "person", "USA", 3),
        ("Kremlin aide Yuri Ushakov briefed reporters. Ushakov said the call lasted an hour.",
         "Yuri Ushakov", "person", "RUS", 2),
        ("Russian troops advanced near the town. Russia denied the reports.",
         "Russia", "country", "RUS", 2),
        # seats of government and capitals used as actors are the government, not the country
        ("The Kremlin rejected the proposal, and Moscow recalled its envoy.",
         "Russia (government)", "group", "RUS", 2),
        ("Ukraine asked for more air defence. Kyiv said the strikes hit power plants.",
         "Ukraine", "country", "UKR", 1),
        ("Ukraine asked for more air defence. Kyiv said the strikes hit power plants.",
         "Ukraine (government)", "group", "UKR", 1),
        ("The U.S. State Department said the United States would respond.",
         "United States", "country", "USA", 2),
        ("NATO foreign ministers met in Brussels. The North Atlantic Treaty Organization "
         "said it would meet again.", "NATO", "organization", "IGO", 2),
        ("Western nations imposed sanctions, but the West stayed divided on oil.",
         "the West", "group", "WST", 2),
        ("British Prime Minister Keir Starmer met Emmanuel Macron in Paris on Monday.",
         "Keir Starmer", "person", "GBR", 1),
        ("Chinese Foreign Ministry spokesman Lin Jian said Beijing opposed the move.",
         "China", "country", "CHN", 1),
        ("Chinese Foreign Ministry spokesman Lin Jian said Beijing opposed the move.",
         "China (government)", "group", "CHN", 1),
    ],
)
def test_actor_is_resolved_and_grouped(pipeline, text, name, kind, country, n_mentions):
    actors, analysis = actors_of(pipeline, text)
    assert name in actors, sorted(actors)
    actor = actors[name]
    assert (actor.kind, actor.country) == (kind, country)
    assert len(actor.mentions) == n_mentions
    for start, end in actor.mentions:
        assert analysis.article.body[start:end].strip() == analysis.article.body[start:end]


@pytest.mark.parametrize(
    ("text", "not_an_actor"),
    [
        ("MOSCOW, April 1, 1997 (AFP) - Russian prosecutors opened a corruption probe.", "AFP"),
        ("The minister left for talks on Friday. (ANI)", "ANI"),
        ("Putin spoke at a press conference in Minsk on the sidelines of the summit.", "Belarus"),
        ("Talks will resume on Thursday (local time) in 2025, officials said.", "Thursday"),
    ],
)
def test_metadata_and_locations_are_not_actors(pipeline, text, not_an_actor):
    actors, _ = actors_of(pipeline, text)
    assert not_an_actor not in actors
    for name in actors:
        assert "2025" not in name and "(local time)" not in name


def test_surname_joins_nearest_earlier_person(pipeline):
    text = ("George W. Bush met Jeb Bush in Texas. Bush later said the meeting was "
            "private.")
    actors, analysis = actors_of(pipeline, text)
    bush = analysis.article.body.index("Bush later")
    jeb = actors["Jeb Bush"]
    assert any(start == bush for start, _ in jeb.mentions)


def test_actor_ids_are_stable_across_articles(pipeline):
    first, _ = actors_of(pipeline, "Russia and Ukraine traded accusations on Monday.")
    second, _ = actors_of(pipeline, "Ukrainian officials said Russian drones hit Odesa.",
                          date="2023-07-20")
    assert first["Russia"].id == second["Russia"].id == "country:RUS"
    assert first["Ukraine"].id == second["Ukraine"].id == "country:UKR"


def test_same_name_in_capitals_is_the_same_person(pipeline):
    actors, _ = actors_of(pipeline, "Donald Trump spoke. DONALD TRUMP then left. "
                                    "Then DONALD TRUMP spoke again.")
    assert len(actors["Donald Trump"].mentions) == 3


def test_two_spellings_of_one_known_person_are_one_actor(pipeline):
    text = ("Prime Minister H.D. Deve Gowda lost a confidence vote on Friday. "
            "Deve Gowda said he would stay on as caretaker.")
    actors, analysis = actors_of(pipeline, text, date="1997-04-11")
    ids = [a.id for a in analysis.actors]
    assert len(ids) == len(set(ids))
    assert len(actors["H. D. Deve Gowda"].mentions) == 2
