"""The places component: spans, feature types, what is and is not a place, the dateline."""

from __future__ import annotations

import pytest

from eventwire.components import DEFAULT_COMPONENTS, REGISTRY
from eventwire.geo import haversine_km
from eventwire.model import Article
from eventwire.readers import read_articles

from ..conftest import SAMPLES, SEED


def places_of(pipeline, text):
    analysis = pipeline.analyze(Article(body=text, date="2025-07-04"))
    return analysis.places


def test_component_is_registered_after_actors():
    comp = REGISTRY["places"]
    assert comp.requires == ("doc", "article", "metadata", "actors")
    assert comp.assigns == ("places",)
    assert DEFAULT_COMPONENTS.index("places") == DEFAULT_COMPONENTS.index("actors") + 1


def test_spans_are_exact_and_features_valid_on_the_samples(pipeline):
    articles = [a for a in read_articles([SAMPLES]) if isinstance(a, Article)]
    assert articles
    total = 0
    for analysis in pipeline.pipe(articles):
        body = analysis.article.body
        for p in analysis.places:
            assert body[p.span[0]:p.span[1]] == p.text
            assert p.feature in ("country", "region", "city", "other")
            assert (p.lat is None) == (p.lon is None)
            total += 1
    assert total > 50


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Russian officials met Ukrainian envoys and European diplomats.",
         {"Russian", "Ukrainian", "European"}),
        ("Western nations imposed sanctions, but the West stayed divided.", {"West", "Western"}),
        ("Indian Prime Minister Narendra Modi spoke on Monday. Modi said the Centre would act.",
         {"Modi", "Centre"}),
        ("RT reported that Putin had spoken to reporters.", {"RT"}),
    ],
)
def test_demonyms_blocs_people_and_media_are_not_places(pipeline, text, not_places):
    found = {p.text for p in places_of(pipeline, text)}
    assert not found & not_places, found


def test_metonyms_are_listed_and_resolved(pipeline):
    places = {p.text: p for p in places_of(pipeline, "Kyiv said the strikes had hit power "
                                                     "plants, and Washington said it would help.")}
    assert places["Kyiv"].country == "UKR" and places["Kyiv"].feature == "city"
    assert places["Washington"].country == "USA"


def test_seat_of_government_used_as_a_place_stands_at_the_capital(pipeline):
    places = {p.text: p for p in places_of(pipeline, "Hundreds of protesters gathered outside "
                                                     "the Kremlin on Monday.")}
    kremlin = places.get("Kremlin")
    assert kremlin is not None and kremlin.country == "RUS" and kremlin.feature == "other"
    assert haversine_km((kremlin.lat, kremlin.lon), (55.75, 37.62)) < 50


def test_seat_of_government_speaking_is_not_a_place(pipeline):
    places = {p.text for p in places_of(pipeline, "The Kremlin rejected the proposal on "
                                                  "Monday, and Russia recalled its envoy.")}
    assert "Kremlin" not in places and "Russia" in places


def test_regions_are_places(pipeline):
    places = {p.text: p for p in places_of(
        pipeline, "Oil prices rose as tensions in the Middle East spread to Europe.")}
    assert places["Middle East"].feature == "region" and places["Middle East"].country is None
    assert places["Europe"].feature == "region"


def test_dateline_place_is_a_place_and_decides_the_body(pipeline):
    text = ("KINGSTON, Ontario, May 3 (CP) - Kingston city council voted on Tuesday to close "
            "two schools, the mayor said.")
    places = places_of(pipeline, text)
    first = places[0]
    assert (first.text, first.span, first.country) == ("KINGSTON", (0, 8), "CAN")
    assert all(p.span[0] > text.index("(CP)") for p in places[1:]), "nothing else in it"
    kingston = [p for p in places if p.text == "Kingston"]
    assert kingston and kingston[0].country == "CAN"


@pytest.mark.parametrize(("text", "place", "country"), [
    ("MANAGUA -- Two aid workers seized on the coast road were freed on Sunday.",
     "MANAGUA", "NIC"),
    ("QUETTA: Traders shut their shops on Monday to protest against the new tax.",
     "QUETTA", "PAK"),
])
def test_bare_dateline_is_a_place(pipeline, text, place, country):
    first = places_of(pipeline, text)[0]
    assert (first.text, first.span[0], first.country) == (place, 0, country)


def test_unknown_place_is_kept_without_coordinates(pipeline):
    places = {p.text: p for p in places_of(
        pipeline, "Villagers in Xyzzyville said the river had flooded their fields.")}
    if "Xyzzyville" in places:  # the NER decides whether it is a place at all
        p = places["Xyzzyville"]
        assert p.feature == "other" and p.lat is None and p.country is None


@pytest.mark.needs_shared
def test_seed_article_minsk_and_kyiv(pipeline):
    article = next(a for a in read_articles([SEED]) if isinstance(a, Article))
    places = pipeline.analyze(article).places
    minsk = [p for p in places if p.text == "Minsk"]
    kyiv = [p for p in places if p.text == "Kyiv"]
    assert minsk and all(p.country == "BLR" for p in minsk)
    assert haversine_km((minsk[0].lat, minsk[0].lon), (53.9, 27.57)) <= 161
    assert kyiv and all(p.country == "UKR" for p in kyiv)
    assert not any(p.text in ("Russian", "Western", "West") for p in places)
