"""CAMEO actor codes on the article's date, as (text, date, mention, code) rows.

``mention`` is the exact text of the mention whose actor must carry ``code``: a sector
group ("Ukrainian troops" -> UKRMIL), a seat of government used as an actor ("Kyiv" ->
UKRGOV), a named armed group with a dated code ("Taliban" -> AFGREB in 2015, AFGGOV in
2023), an international organization ("UN" -> IGOUNO), or a person coded by the office
held on that day or by the words before the name.
"""

from __future__ import annotations

import pytest

from eventwire.model import Article

ROWS = [
    # -- sector groups: a country or demonym + a group noun --------------------------------
    ("Ukrainian troops pushed back the assault near the town.", "2023-06-10",
     "Ukrainian troops", "UKRMIL"),
    ("Russian soldiers shelled the village overnight.", "2023-06-10", "Russian soldiers", "RUSMIL"),
    ("Israeli forces raided the camp on Tuesday.", "2024-01-09", "Israeli forces", "ISRMIL"),
    ("Russian officials said the talks would continue.", "2025-03-02", "Russian officials",
     "RUSGOV"),
    ("Chinese police detained two men after the protest.", "2022-11-28", "Chinese police",
     "CHNCOP"),
    ("Syrian rebels seized the northern town.", "2016-03-01", "Syrian rebels", "SYRREB"),
    ("The Ukrainian military said it shot down eleven drones.", "2024-05-05",
     "Ukrainian military", "UKRMIL"),
    ("Ukraine's armed forces said they had repelled the attack.", "2024-05-05",
     "Ukraine's armed forces", "UKRMIL"),
    ("Russian armed forces struck energy sites.", "2024-05-05", "Russian armed forces", "RUSMIL"),
    ("Indian security forces killed three suspects.", "2021-08-02", "Indian security forces",
     "INDMIL"),
    ("Turkish troops crossed the border.", "2019-10-09", "Turkish troops", "TURMIL"),
    ("Iranian officials denied the report.", "2020-01-08", "Iranian officials", "IRNGOV"),
    ("The Iranian government rejected the accusation.", "2020-01-08", "Iranian government",
     "IRNGOV"),
    ("Kenyan police fired tear gas at the crowd.", "2024-06-25", "Kenyan police", "KENCOP"),
    ("French police arrested four people in Paris.", "2023-07-01", "French police", "FRACOP"),
    ("Colombian soldiers found the camp.", "2019-05-04", "Colombian soldiers", "COLMIL"),
    ("Pakistani militants attacked the checkpoint.", "2023-02-10", "Pakistani militants",
     "PAKREB"),
    ("Iraqi insurgents ambushed the convoy.", "2006-04-01", "Iraqi insurgents", "IRQINS"),
    ("Ukrainian separatists declared a ceasefire.", "2014-09-05", "Ukrainian separatists",
     "UKRSEP"),
    ("Venezuelan opposition figures called for new elections.", "2019-01-23",
     "Venezuelan opposition", "VENOPP"),
    ("Georgian lawmakers passed the bill.", "2024-05-14", "Georgian lawmakers", "GEOLEG"),
    ("The Georgian parliament passed the bill.", "2024-05-14", "Georgian parliament", "GEOLEG"),
    ("British MPs voted against the deal.", "2019-01-15", "British MPs", "GBRLEG"),
    ("American senators criticised the sale.", "2019-06-20", "American senators", "USALEG"),
    ("Brazilian judges suspended the decree.", "2021-03-10", "Brazilian judges", "BRAJUD"),
    ("Turkish prosecutors sought life sentences.", "2017-06-01", "Turkish prosecutors", "TURJUD"),
    ("A Pakistani court acquitted the woman.", "2018-10-31", "Pakistani court", "PAKJUD"),
    ("Russian journalists were barred from the hall.", "2022-03-15", "Russian journalists",
     "RUSMED"),
    ("Chinese state media said the drills had ended.", "2022-08-10", "Chinese state media",
     "CHNMED"),
    ("Japanese companies cut their forecasts.", "2020-05-12", "Japanese companies", "JPNBUS"),
    ("German businesses warned of higher energy prices.", "2022-09-01", "German businesses",
     "DEUBUS"),
    ("Saudi investors bought the club.", "2021-10-07", "Saudi investors", "SAUBUS"),
    ("Afghan civilians fled the fighting.", "2021-08-10", "Afghan civilians", "AFGCVL"),
    ("Lebanese residents returned to their homes.", "2024-11-28", "Lebanese residents", "LBNCVL"),
    ("Sudanese villagers described the attack.", "2023-06-20", "Sudanese villagers", "SDNCVL"),
    ("Iranian protesters chanted in the streets.", "2022-10-01", "Iranian protesters", "IRNCVL"),
    ("Thai demonstrators marched on parliament.", "2020-10-14", "Thai demonstrators", "THACVL"),
    ("Belarusian activists were detained.", "2020-08-20", "Belarusian activists", "BLRCVL"),
    ("Syrian refugees crossed into Turkey.", "2015-09-02", "Syrian refugees", "SYRREF"),
    ("Hong Kong students boycotted classes.", "2014-09-22", "Hong Kong students", "HKGEDU"),
    ("South Korean doctors went on strike.", "2024-02-20", "South Korean doctors", "KORHLH"),
    ("Russian military officials said the drills were routine.", "2021-04-01",
     "Russian military officials", "RUSMIL"),
    ("Israeli police officers blocked the road.", "2023-03-27", "Israeli police officers",
     "ISRCOP"),
    ("Syrian government forces entered the city.", "2018-04-14", "Syrian government forces",
     "SYRMIL"),
    ("US troops left the base.", "2021-07-02", "US troops", "USAMIL"),
    ("U.S. forces struck targets in the region.", "2024-02-03", "U.S. forces", "USAMIL"),
    ("Russia's military said it had taken the village.", "2024-02-17", "Russia's military",
     "RUSMIL"),
    ("Nigerian troops rescued the girls.", "2016-10-13", "Nigerian troops", "NGAMIL"),
    ("Mexican authorities arrested the suspect.", "2023-01-05", "Mexican authorities", "MEXGOV"),
    ("Egyptian officials said the crossing would reopen.", "2023-10-20", "Egyptian officials",
     "EGYGOV"),
    ("Western officials said the package was ready.", "2023-05-01", "Western officials",
     "WSTGOV"),
    ("Israeli warplanes struck the area overnight.", "2024-10-01", "Israeli warplanes", "ISRMIL"),
    ("Somali troops retook the town.", "2022-09-18", "Somali troops", "SOMMIL"),
    ("Malian soldiers were killed in the ambush.", "2022-07-22", "Malian soldiers", "MLIMIL"),
    ("Ethiopian forces entered Mekelle.", "2020-11-28", "Ethiopian forces", "ETHMIL"),
    ("Indian farmers blocked the highways.", "2020-12-08", "Indian farmers", "INDAGR"),
    ("British workers walked out.", "2022-12-13", "British workers", "GBRLAB"),
    ("Ukrainian diplomats met their counterparts.", "2023-03-01", "Ukrainian diplomats", "UKRGOV"),
    # -- organizations named as a country + group noun --------------------------------------
    ("The Ukrainian Army said it held the line.", "2023-06-10", "Ukrainian Army", "UKRMIL"),
    ("The Russian Defence Ministry said its units advanced.", "2024-02-17",
     "Russian Defence Ministry", "RUSGOV"),
    ("The Chinese Foreign Ministry said it opposed the move.", "2024-02-17",
     "Chinese Foreign Ministry", "CHNGOV"),
    # -- seats of government and capitals used as actors ------------------------------------
    ("Kyiv said the strikes hit power plants.", "2024-03-22", "Kyiv", "UKRGOV"),
    ("The Kremlin rejected the proposal.", "2025-07-04", "Kremlin", "RUSGOV"),
    ("Washington imposed new sanctions on Tehran.", "2019-06-24", "Washington", "USAGOV"),
    ("Washington imposed new sanctions on Tehran.", "2019-06-24", "Tehran", "IRNGOV"),
    ("Moscow recalled its ambassador.", "2018-03-26", "Moscow", "RUSGOV"),
    ("Beijing protested against the visit.", "2022-08-02", "Beijing", "CHNGOV"),
    ("The White House said the president would sign the bill.", "2021-03-10", "White House",
     "USAGOV"),
    ("Ankara summoned the Swedish envoy.", "2023-01-23", "Ankara", "TURGOV"),
    ("Kremlin officials declined to comment.", "2023-05-03", "Kremlin officials", "RUSGOV"),
    # -- named armed groups, with codes dated by the article ---------------------------------
    ("Houthi rebels fired a missile at the ship.", "2024-01-12", "Houthi rebels", "YEMREB"),
    ("The Houthis said they targeted the vessel.", "2024-01-12", "Houthis", "YEMREB"),
    ("The Taliban attacked a police post.", "2015-09-28", "Taliban", "AFGREB"),
    ("The Taliban banned girls from universities.", "2022-12-20", "Taliban", "AFGGOV"),
    ("The Taliban said talks in Doha would resume.", "2020-09-12", "Taliban", "AFGREB"),
    ("Hamas fired rockets into southern Israel.", "2021-05-11", "Hamas", "PSEREB"),
    ("Hezbollah fired rockets at a base.", "2024-07-01", "Hezbollah", "LBNREB"),
    ("Islamic State claimed the bombing.", "2017-05-23", "Islamic State", "IMGREB"),
    ("ISIS fighters seized the city of Mosul.", "2014-06-10", "ISIS fighters", "IMGREB"),
    ("Al-Shabaab claimed the attack on the hotel.", "2019-01-16", "Al-Shabaab", "SOMREB"),
    ("Boko Haram abducted more than 200 schoolgirls.", "2014-04-16", "Boko Haram", "NGAREB"),
    ("The PKK said it would lay down its arms.", "2025-05-12", "PKK", "TURREB"),
    ("The RSF took control of the city.", "2023-10-27", "RSF", "SDNREB"),
    ("The Rapid Support Forces were deployed in Darfur.", "2019-06-01",
     "Rapid Support Forces", "SDNMIL"),
    ("The Wagner Group seized the headquarters in Rostov.", "2023-06-24", "Wagner Group",
     "RUSMIL"),
    ("M23 rebels captured Goma.", "2025-01-28", "M23 rebels", "CODREB"),
    ("The FARC signed the peace agreement.", "2016-11-24", "FARC", "COLREB"),
    ("The ELN freed the hostages.", "2019-02-10", "ELN", "COLREB"),
    ("The YPG withdrew from the border strip.", "2019-10-22", "YPG", "SYRREB"),
    ("The Syrian Democratic Forces captured Raqqa.", "2017-10-17", "Syrian Democratic Forces",
     "SYRREB"),
    ("Hayat Tahrir al-Sham attacked Aleppo.", "2024-11-29", "Hayat Tahrir al-Sham", "SYRREB"),
    ("Hayat Tahrir al-Sham appointed new ministers.", "2024-12-20", "Hayat Tahrir al-Sham",
     "SYRGOV"),
    ("Al-Qaeda claimed responsibility for the attack.", "2015-01-14", "Al-Qaeda", "IMGREB"),
    ("The Tamil Tigers were defeated.", "2009-05-18", "Tamil Tigers", "LKASEP"),
    # -- international organizations keep their codebook codes ------------------------------
    ("The UN condemned the attack.", "2024-01-12", "UN", "IGOUNO"),
    ("NATO said it would reinforce its eastern flank.", "2022-02-25", "NATO", "IGOWSTNAT"),
    ("The United Nations Security Council met on Friday.", "2024-01-12",
     "United Nations Security Council", "IGOUNO"),
    ("The IMF approved the loan.", "2023-03-31", "IMF", "IGOBUSIMF"),
    # -- persons: office held on the article's date ------------------------------------------
    ("Barack Obama spoke to reporters.", "2016-05-01", "Barack Obama", "USAGOV"),
    ("Vladimir Putin met the governor.", "2010-06-01", "Vladimir Putin", "RUSGOV"),
    ("Antonio Guterres called for a ceasefire.", "2023-10-18", "Antonio Guterres", "IGOUNO"),
    ("Jens Stoltenberg visited Kyiv.", "2023-04-20", "Jens Stoltenberg", "IGOWSTNAT"),
    ("Hibatullah Akhundzada issued a decree.", "2017-03-01", "Hibatullah Akhundzada", "AFGREB"),
    ("Hibatullah Akhundzada issued a decree.", "2022-03-01", "Hibatullah Akhundzada", "AFGGOV"),
    ("Ismail Haniyeh gave a speech in Doha.", "2020-01-05", "Ismail Haniyeh", "PSEREB"),
    ("Hassan Nasrallah gave a televised speech.", "2023-11-03", "Hassan Nasrallah", "LBNREB"),
    # -- persons: descriptors for people the knowledge base does not know ---------------------
    ("Kremlin aide Yuri Ushakov briefed reporters.", "2025-07-04", "Yuri Ushakov", "RUSGOV"),
    ("Ukrainian army commander Petro Marchenko said the line held.", "2023-06-10",
     "Petro Marchenko", "UKRMIL"),
    ("Russian opposition leader Ivan Sorokin was detained.", "2021-01-17", "Ivan Sorokin",
     "RUSOPP"),
    ("Kenyan police chief Daniel Mwangi resigned.", "2024-07-12", "Daniel Mwangi", "KENCOP"),
    ("Houthi spokesman Ali Qasim said the ship was hit.", "2024-01-12", "Ali Qasim", "YEMREB"),
    ("Taliban spokesman Ahmad Karimi said talks would resume.", "2019-09-01", "Ahmad Karimi",
     "AFGREB"),
    ("Taliban spokesman Ahmad Karimi said the ban would stay.", "2023-09-01", "Ahmad Karimi",
     "AFGGOV"),
    ("Israeli army spokesman Dan Levi said the strike was precise.", "2024-01-09", "Dan Levi",
     "ISRMIL"),
    # -- persons: an office named without a name, on the article's date ------------------------
    ("The US President said the deal was fair.", "2016-05-01", "US President", "USAGOV"),
]


def _code_of(pipeline, text, date, mention):
    analysis = pipeline.analyze(Article(body=text, date=date))
    body = analysis.article.body
    found = {a.code for a in analysis.actors for s, e in a.mentions if body[s:e] == mention}
    return found, analysis


@pytest.mark.parametrize(("text", "date", "mention", "code"), ROWS)
def test_actor_code(pipeline, text, date, mention, code):
    found, analysis = _code_of(pipeline, text, date, mention)
    assert code in found, [(a.name, a.code, a.mentions) for a in analysis.actors]


@pytest.mark.parametrize(
    ("text", "date", "mention", "name"),
    [
        ("The US President said the deal was fair.", "2016-05-01", "US President",
         "Barack Obama"),
        ("The US President said the deal was fair.", "2018-05-01", "US President",
         "Donald Trump"),
        ("The Russian President spoke with the Turkish President.", "2025-07-04",
         "Russian President", "Vladimir Putin"),
        ("The Russian President spoke with the Turkish President.", "2025-07-04",
         "Turkish President", "Recep Tayyip Erdogan"),
        ("The French President said the deal was fair.", "2016-05-01", "French President",
         "François Hollande"),
    ],
)
def test_office_without_a_name_is_its_holder(pipeline, text, date, mention, name):
    analysis = pipeline.analyze(Article(body=text, date=date))
    body = analysis.article.body
    names = {a.name for a in analysis.actors for s, e in a.mentions if body[s:e] == mention}
    assert name in names, [(a.name, a.code, a.mentions) for a in analysis.actors]


def test_sector_and_government_actors_have_stable_ids(pipeline):
    analysis = pipeline.analyze(Article(
        body="Ukrainian troops advanced. Kyiv said Ukraine would not yield.", date="2023-06-10"))
    by_id = {a.id: a for a in analysis.actors}
    assert by_id["country:UKR/MIL"].name == "Ukraine (military)"
    assert by_id["country:UKR/MIL"].kind == "group"
    assert (by_id["country:UKR/MIL"].sector, by_id["country:UKR/MIL"].code) == ("MIL", "UKRMIL")
    assert by_id["country:UKR/GOV"].name == "Ukraine (government)"
    assert by_id["country:UKR"].code == "UKR"
    # the demonym inside "Ukrainian troops" is still a mention of the country
    assert len(by_id["country:UKR"].mentions) == 2


def test_place_after_a_locative_is_no_government(pipeline):
    analysis = pipeline.analyze(Article(body="Talks were held in Moscow on Friday.",
                                        date="2023-06-10"))
    assert "country:RUS/GOV" not in {a.id for a in analysis.actors}


def test_enough_rows():
    assert len(ROWS) >= 100


@pytest.mark.parametrize(
    ("text", "date", "absent"),
    [
        # a group noun that goes on into a title is a person's descriptor, not a group
        ("Russian army commander Ivan Petrov said the line held.", "2023-01-01",
         "country:RUS/MIL"),
        ("Kenyan police chief Daniel Mwangi resigned.", "2024-07-12", "country:KEN/COP"),
        # a former office holder is nobody in particular on the article's date
        ("The former US President said the deal was bad.", "2018-01-01", "person:donald-trump"),
        # a capital that is where something happens is a place, not the government
        ("Taliban fighters entered Kabul on Sunday.", "2021-08-15", "country:AFG/GOV"),
        ("The summit opened in Ankara on Monday.", "2023-01-23", "country:TUR/GOV"),
    ],
)
def test_no_actor(pipeline, text, date, absent):
    analysis = pipeline.analyze(Article(body=text, date=date))
    assert absent not in {a.id for a in analysis.actors}
