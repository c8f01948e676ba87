"""Toponym resolution through the whole pipeline, as (sentence, toponym, country, point)
rows. Ambiguous names (Georgia, Paris, Tripoli, Hyderabad, Cambridge, Santiago, Victoria,
Kingston, Birmingham, ...) come with the context that decides them. A resolved point must
lie within 161 km of the expected one, the distance of the acceptance metric."""

from __future__ import annotations

import pytest

from eventwire.geo import haversine_km
from eventwire.model import Article

KM = 161.0

ROWS = [
    # Georgia: the country next to Russia, or the US state around Atlanta
    ("Russian troops remain in two breakaway regions of Georgia, officials in Tbilisi said.",
     "Georgia", "GEO", 42.0, 43.5),
    ("Voters in Georgia lined up for hours in Atlanta and Savannah on Tuesday.",
     "Georgia", "USA", 32.8, -83.2),
    # Paris: France, or Paris in northeast Texas
    ("The summit in Paris was hosted by French President Emmanuel Macron.",
     "Paris", "FRA", 48.86, 2.35),
    ("A tornado tore through Paris, Texas, late on Sunday, the county sheriff said.",
     "Paris", "USA", 33.66, -95.56),
    # Tripoli: Libya, or the port in northern Lebanon
    ("Militias clashed in Tripoli as Libya's rival governments traded blame.",
     "Tripoli", "LBY", 32.89, 13.19),
    ("Lebanese soldiers deployed in Tripoli after clashes near Beirut spread north.",
     "Tripoli", "LBN", 34.44, 35.85),
    # Hyderabad: India, or Sindh in Pakistan
    ("Software exports from Hyderabad grew as India's tech sector expanded.",
     "Hyderabad", "IND", 17.38, 78.47),
    ("Floods hit Hyderabad, Pakistan, after heavy rain near Karachi.",
     "Hyderabad", "PAK", 25.39, 68.37),
    # Cambridge: England, or Massachusetts
    ("Researchers in Cambridge, England, published the trial results on Monday.",
     "Cambridge", "GBR", 52.2, 0.12),
    ("Harvard students protested in Cambridge, Massachusetts, near Boston.",
     "Cambridge", "USA", 42.37, -71.11),
    # Santiago: Chile's capital
    ("Thousands marched in Santiago against pension reform, Chile's police said.",
     "Santiago", "CHL", -33.45, -70.66),
    # Victoria: Seychelles, British Columbia or the Australian state
    ("The Seychelles parliament in Victoria passed the budget on Friday.",
     "Victoria", "SYC", -4.62, 55.45),
    ("Ferries from Vancouver to Victoria, British Columbia, were cancelled by the storm.",
     "Victoria", "CAN", 48.43, -123.37),
    ("Bushfires spread across Victoria as Melbourne recorded its hottest day.",
     "Victoria", "AUS", -37.0, 144.3),
    # Kingston: Jamaica, or Ontario
    ("Police in Kingston said gang violence had fallen across Jamaica this year.",
     "Kingston", "JAM", 18.0, -76.79),
    ("Queen's University in Kingston, Ontario, closed its campus near Toronto.",
     "Kingston", "CAN", 44.23, -76.48),
    # Birmingham: England, or Alabama
    ("The rally in Birmingham drew supporters from across England and London.",
     "Birmingham", "GBR", 52.48, -1.9),
    ("Civil rights leaders gathered in Birmingham, Alabama, on Saturday.",
     "Birmingham", "USA", 33.52, -86.8),
    # London: England, or Ontario
    ("A storm cut power in London, Ontario, and across southern Canada.",
     "London", "CAN", 42.98, -81.25),
    ("Protesters gathered outside Parliament in London on Wednesday.",
     "London", "GBR", 51.51, -0.13),
    # Perth: Western Australia, or Scotland
    ("Mining shares rose in Perth as Western Australia reported record iron ore sales.",
     "Perth", "AUS", -31.95, 115.86),
    ("Flooding closed roads near Perth, Scotland, and across the Highlands.",
     "Perth", "GBR", 56.4, -3.43),
    # Alexandria: Egypt, or Virginia
    ("Egyptian authorities evacuated beaches in Alexandria ahead of the storm.",
     "Alexandria", "EGY", 31.2, 29.92),
    ("The trial opened in federal court in Alexandria, Virginia, outside Washington.",
     "Alexandria", "USA", 38.8, -77.05),
    # Valencia: Spain, or Venezuela
    ("Flash floods killed dozens in Valencia, Spain's third-largest city.",
     "Valencia", "ESP", 39.47, -0.38),
    ("Protests spread from Caracas to Valencia as Venezuela's opposition called strikes.",
     "Valencia", "VEN", 10.16, -68.0),
    # Athens and Naples, in Europe and in the American South
    ("Greek police fired tear gas at protesters in Athens on Thursday.",
     "Athens", "GRC", 37.98, 23.73),
    ("Hurricane warnings were issued for Naples, Florida, and the Gulf coast near Tampa.",
     "Naples", "USA", 26.14, -81.79),
    # Lagos: Nigeria, or the Algarve
    ("Fuel queues lengthened in Lagos as Nigeria's new president ended subsidies.",
     "Lagos", "NGA", 6.45, 3.39),
    # Manchester: England, or New Hampshire
    ("Candidates campaigned in Manchester, New Hampshire, before the primary.",
     "Manchester", "USA", 42.99, -71.46),
    ("Police in Manchester arrested two men after the concert, Greater Manchester Police said.",
     "Manchester", "GBR", 53.48, -2.24),
    # Portland: Oregon, or Maine
    ("Federal agents were deployed to Portland, Oregon, during the protests.",
     "Portland", "USA", 45.52, -122.68),
    # Hamilton: Bermuda, or Ontario
    ("The premier of Bermuda spoke to reporters in Hamilton on Monday.",
     "Hamilton", "BMU", 32.29, -64.78),
    # Countries and their other names
    ("Aid convoys entered Ukraine from Poland on Monday.", "Ukraine", "UKR", 49.0, 32.0),
    ("The U.S. imposed new tariffs on steel imports.", "U.S.", "USA", 39.76, -98.5),
    ("Britain and Ireland signed a new fisheries deal.", "Britain", "GBR", 54.76, -2.7),
    ("Ivory Coast's president addressed the nation.", "Ivory Coast", "CIV", 8.0, -5.0),
    # Cities under former or foreign names
    ("Air raid sirens sounded in Kiev early on Tuesday, the mayor said.",
     "Kiev", "UKR", 50.45, 30.52),
    ("Monsoon rains flooded Bombay's suburbs overnight.", "Bombay", "IND", 19.07, 72.88),
    ("The delegation travelled from Moscow to St. Petersburg by train.",
     "St. Petersburg", "RUS", 59.94, 30.31),
    # Regions and divisions
    ("Tensions in the Middle East rose after the strike.", "Middle East", None, 29.5, 42.0),
    ("Trade with Europe fell by a fifth last year.", "Europe", None, 48.69, 9.14),
    ("Israeli forces raided several towns in the West Bank overnight.",
     "West Bank", "PSE", 31.95, 35.25),
    ("Wildfires forced evacuations across California on Sunday.",
     "California", "USA", 37.25, -119.75),
    ("Water-sharing talks between Tamil Nadu and Karnataka stalled again.",
     "Tamil Nadu", "IND", 11.0, 78.33),
    ("Voters in Scotland backed the Scottish National Party.", "Scotland", "GBR", 56.7, -4.2),
    ("Farmers in northern Syria said the harvest had failed.", "Syria", "SYR", 35.0, 38.0),
    # Datelines and abbreviations
    ("Storms knocked out power in Raleigh, N.C., on Friday, utility officials said.",
     "N.C.", "USA", 35.5, -79.4),
]


def place_named(pipeline, text, toponym):
    analysis = pipeline.analyze(Article(body=text, date="2025-07-04"))
    found = [p for p in analysis.places if p.text == toponym]
    assert found, f"{toponym!r} not found; places: {[p.text for p in analysis.places]}"
    for p in found:
        assert text[p.span[0]:p.span[1]] == p.text
    return found[0]


@pytest.mark.parametrize(("text", "toponym", "country", "lat", "lon"), ROWS,
                         ids=[f"{r[1]}-{r[2]}-{i}" for i, r in enumerate(ROWS)])
def test_toponym_is_resolved_from_context(pipeline, text, toponym, country, lat, lon):
    place = place_named(pipeline, text, toponym)
    assert place.country == country
    assert place.lat is not None and place.lon is not None
    assert haversine_km((place.lat, place.lon), (lat, lon)) <= KM, place


def test_table_has_enough_rows():
    assert len(ROWS) >= 40
