"""The place tables and the gazetteer built from them (no spaCy model needed)."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.geo import candidates, gazetteer_for, haversine_km
from eventwire.geo.build_tables import central_point, check_centroids
from eventwire.geo.gazetteer import _key
from eventwire.geo.tables import read_admin1, read_aliases, read_centroids
from eventwire.kb import normalize_name


@pytest.fixture(scope="module")
def gaz(kb):
    return gazetteer_for(kb)


# -- tables ------------------------------------------------------------------------------

def test_every_country_point_is_an_iso_country_in_range():
    rows = [r for r in read_centroids() if r.kind == "country"]
    assert len(rows) >= 240
    for r in rows:
        assert r.code == "XKX" or pycountry.countries.get(alpha_3=r.code) is not None, r
        assert -90 <= r.lat <= 90 and -180 <= r.lon <= 180, r


def test_every_knowledge_base_country_has_a_point(kb):
    codes = {r.code for r in read_centroids() if r.kind == "country"}
    assert set(kb.countries) <= codes


def test_country_points_lie_near_their_cities():
    assert check_centroids() == []


def test_admin1_table_covers_us_states_and_canadian_provinces():
    rows = {r.code: r for r in read_admin1()}
    us = [c for c in rows if c.startswith("US.")]
    assert len(us) >= 51  # the states and DC
    assert rows["US.TX"].name == "Texas" and rows["US.TX"].country == "USA"
    assert rows["CA.08"].name == "Ontario"
    assert haversine_km((rows["US.CA"].lat, rows["US.CA"].lon), (37.25, -119.75)) < 161


def test_central_point_crosses_the_date_line():
    lat, lon = central_point([51.0, 52.0, 53.0], [179.0, -179.0, 178.0])
    assert lat == 52.0
    assert lon == pytest.approx(179.5) or lon == pytest.approx(-180.5 + 360)


def test_every_alias_names_a_loaded_place(gaz):
    for alias, key in read_aliases():
        assert key in gaz.by_key, (alias, key)


# -- names -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Île-de-France", "São Paulo", "Côte d\u2019Ivoire",
                                  "The Hague", "Łódź", "  New   York  ", "U.S.", "Xi'an"])
def test_fast_key_equals_normalize_name(name):
    assert _key(name) == normalize_name(name)


@given(st.text(max_size=40))
def test_fast_key_equals_normalize_name_for_any_text(text):
    expected = normalize_name(text)
    if expected.startswith("saint "):
        expected = "st " + expected[6:]
    assert _key(text) == expected


def test_saint_and_st_are_the_same_name(gaz):
    saint = {h.entry.key for h in gaz.lookup("Saint Petersburg")}
    st_ = {h.entry.key for h in gaz.lookup("St. Petersburg")}
    assert saint == st_ and saint


def test_haversine():
    assert haversine_km((48.8566, 2.3522), (51.5074, -0.1278)) == pytest.approx(344, abs=3)
    assert haversine_km((10.0, 20.0), (10.0, 20.0)) == 0.0


# -- candidates --------------------------------------------------------------------------

def test_acronyms_never_name_small_towns(gaz):
    assert [h.entry.key for h in candidates("US", gaz)] == ["country:USA"]
    assert all(h.entry.level != "city" for h in candidates("EU", gaz))


def test_a_large_city_stands_for_the_division_of_the_same_name(gaz):
    keys = {h.entry.key for h in candidates("New York", gaz)}
    assert "admin1:US.NY" not in keys
    assert any(h.entry.level == "city" and h.entry.country == "USA"
               for h in candidates("New York", gaz))
    assert all(h.entry.level != "admin1" for h in candidates("Tripoli", gaz))


def test_direction_words_fall_back_to_the_place(gaz):
    assert [h.entry.key for h in candidates("northern Syria", gaz)] == ["country:SYR"]


def test_common_words_are_not_names(gaz):
    for word in ("South", "Centre", "Valley", "West"):
        assert gaz.lookup(word) == [], word


def test_abbreviations_match_as_written(gaz):
    assert [h.entry.key for h in gaz.lookup("Calif.")] == ["admin1:US.CA"]
    assert [h.entry.key for h in gaz.lookup("N.C.")][0] == "admin1:US.NC"


def test_country_names_come_from_the_knowledge_base(gaz):
    hits = gaz.lookup("Russia")
    assert hits[0].entry.name == "Russia" and hits[0].entry.country == "RUS"
    assert gaz.lookup("Britain")[0].entry.country == "GBR"


def test_gazetteer_is_built_once_per_knowledge_base(kb, gaz):
    assert gazetteer_for(kb) is gaz
    assert gaz.load_seconds > 0
