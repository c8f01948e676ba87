"""Who said what: attribution patterns as (article text, expected quote) tables.

Each row is a short made-up wire story; the expected quote is found by its content's first
words, and its speaker, cue, kind, reported_by, said_on and addressee are checked."""

from __future__ import annotations

import pytest

from eventwire.model import Article

DATE = "2025-07-04"  # a Friday


def quotes_of(pipeline, text, date=DATE):
    return pipeline.analyze(Article(body=text, date=date)).quotes


def find(quotes, start_of_content):
    hits = [q for q in quotes if q.content.lstrip('"\u201c').startswith(start_of_content)]
    assert hits, [q.content for q in quotes]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue", "kind"),
    [
        # direct quotes, cue after and before, inverted, colon, curly and single marks
        ('"We will not back down," Kremlin aide Yuri Ushakov told reporters.',
         "We will not back down", "Yuri Ushakov", "told", "direct"),
        ('"The border stays closed," said Interior Minister Maria Lopez.',
         "The border stays closed", "Maria Lopez", "said", "direct"),
        ('Foreign Minister Ahmed Karimi said: "Our patience has limits."',
         "Our patience has limits", "Ahmed Karimi", "said", "direct"),
        ("Prime Minister Keir Starmer said, \u201cWe stand with our allies.\u201d",
         "We stand with our allies", "Keir Starmer", "said", "direct"),
        ("\u2018We are ready to talk,\u2019 the envoy Jan Novak added.",
         "We are ready to talk", "Jan Novak", "added", "direct"),
        # a dateline the parser takes for the subject is never the speaker
        ("MOSCOW, July 4 (AFP) - Kremlin aide Yuri Ushakov said Russia would not back down.",
         "Russia would not back down", "Yuri Ushakov", "said", "indirect"),
        ("QUETTA: Provincial spokesman Ali Raza said the road would reopen on Monday.",
         "the road would reopen", "Ali Raza", "said", "indirect"),
        # indirect speech: complement clause, parenthetical cue, told + that
        ("Indian Prime Minister Narendra Modi said that the talks had been useful.",
         "the talks had been useful", "Narendra Modi", "said", "indirect"),
        ("The ceasefire will hold until Sunday, Egyptian mediator Hassan Rashad said.",
         "The ceasefire will hold until Sunday", "Hassan Rashad", "said", "indirect"),
        ("Kenyan President William Ruto told lawmakers that taxes would not rise.",
         "taxes would not rise", "William Ruto", "told", "indirect"),
        ("Chinese Foreign Ministry spokesman Lin Jian emphasised that Beijing opposed "
         "the sanctions.", "Beijing opposed the sanctions", "Lin Jian", "emphasised",
         "indirect"),
        # mixed: indirect with quoted fragments
        ('Brazilian President Luiz Inacio Lula da Silva said the deal was "a historic step" '
         "for the region.", 'the deal was "a historic step"', "Luiz Inácio Lula da Silva",
         "said", "mixed"),
        # multi-word and object cues
        ("Iranian President Masoud Pezeshkian made it clear that Tehran would keep enriching "
         "uranium.", "Tehran would keep enriching uranium", "Masoud Pezeshkian",
         "made it clear", "indirect"),
        ("Venezuelan leader Nicolas Maduro accused Washington of plotting a coup.",
         "Washington of plotting a coup", "Nicolás Maduro", "accused", "indirect"),
        ("According to Nigerian police spokesman Olumuyiwa Adejobi, six suspects were "
         "arrested.", "six suspects were arrested", "Olumuyiwa Adejobi", "According to",
         "indirect"),
        # unnamed sources keep their description
        ("Two senior officials said the convoy had turned back.",
         "the convoy had turned back", "Two senior officials", "said", "indirect"),
        # transcript turns and dash credits
        ("Partial transcript:\n\nMODERATOR: Will you run again?\n\nMARTINEZ: Not this time.",
         "Not this time", "MARTINEZ", ":", "direct"),
        ("\u201cOur town was flattened in one night.\u201d \u2014 Amina Yusuf",
         "Our town was flattened in one night", "Amina Yusuf", "\u2014", "direct"),
    ],
)
def test_attribution_patterns(pipeline, text, content, speaker, cue, kind):
    quote = find(quotes_of(pipeline, text), content)
    assert (quote.speaker, quote.cue, quote.kind) == (speaker, cue, kind)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # pronouns take the previous speaker
        ('"We had a long call," US President Donald Trump said. "It went nowhere," he added.',
         "It went nowhere", "Donald Trump"),
        # a quote with no cue of its own continues the previous speaker's
        ('"The dam has failed," Mayor Ana Costa said.\n\n"We need boats now. We need them '
         'today."', "We need boats now", "Ana Costa"),
        # descriptors find the person of that country named earlier
        ("Russian President Vladimir Putin met the envoy on Monday. The Russian President "
         "also accused Western nations of arming Kyiv.", "Western nations of arming",
         "Vladimir Putin"),
        # surnames find the full name
        ("Kremlin aide Yuri Ushakov briefed reporters. Putin wants peace on Russia's terms, "
         "Ushakov said.", "Putin wants peace", "Yuri Ushakov"),
    ],
)
def test_speaker_resolution(pipeline, text, content, speaker):
    assert find(quotes_of(pipeline, text), content).speaker == speaker


@pytest.mark.parametrize(
    ("text", "content", "speaker", "reported_by"),
    [
        ("On June 27, Putin said Russia would not play one-sided games, RT reported.",
         "Russia would not play", "Putin", "RT"),
        ("According to Al Jazeera, Egyptian officials said the crossing would reopen.",
         "the crossing would reopen", "Egyptian officials", "Al Jazeera"),
        ("The talks came a day after the strike, Al Jazeera reported.",
         "The talks came a day after the strike", "Al Jazeera", None),
        ("Putin emphasised that Russia seeks its goals, Ushakov said.",
         "Putin emphasised that Russia", "Ushakov", None),
    ],
)
def test_outlets_relay_or_speak(pipeline, text, content, speaker, reported_by):
    quote = find(quotes_of(pipeline, text), content)
    assert (quote.speaker, quote.reported_by) == (speaker, reported_by)


@pytest.mark.parametrize(
    ("text", "content", "said_on", "addressee"),
    [
        ("US President Donald Trump on Thursday (local time) said that the call went badly.",
         "the call went badly", "2025-07-03", None),
        ("On June 27, the minister told reporters that exports would resume.",
         "exports would resume", "2025-06-27", "reporters"),
        ("Speaking to reporters on Thursday, Trump stated that Iran was discussed.",
         "Iran was discussed", "2025-07-03", "reporters"),
        ('"We are done," the minister said.', "We are done", None, None),
    ],
)
def test_when_and_to_whom(pipeline, text, content, said_on, addressee):
    quote = find(quotes_of(pipeline, text), content)
    assert (quote.said_on, quote.addressee) == (said_on, addressee)


@pytest.mark.parametrize(
    "text",
    [
        "Asked whether any progress was made, the minister left the room.",
        "The ministers met in Geneva on Tuesday and agreed on a schedule.",
        'The plan was called "dead on arrival" by critics.',
    ],
)
def test_no_quote_where_nobody_speaks(pipeline, text):
    assert [q.content for q in quotes_of(pipeline, text)
            if q.kind == "direct"] == []


def test_unbalanced_marks_never_lose_the_rest_of_the_article(pipeline):
    text = ('The minister said the "deal was done.\n\n"We will sign on Monday," '
            "the envoy said.\n\nThe talks resume on Friday, officials said.")
    contents = [q.content for q in quotes_of(pipeline, text)]
    assert "We will sign on Monday," in contents
    assert "The talks resume on Friday" in contents


def test_spans_slice_to_their_text(pipeline):
    text = ('"It was a pretty long call," Trump said. Putin said Russia would "not back down"'
            ", RT reported. (ANI)")
    analysis = pipeline.analyze(Article(body=text, date=DATE))
    for q in analysis.quotes:
        assert text[q.content_span[0]:q.content_span[1]] == q.content
        assert text[q.cue_span[0]:q.cue_span[1]] == q.cue
        assert q.content != "ANI"


@pytest.mark.parametrize(
    ("text", "date", "speaker"),
    [
        ("The US President said that the deal was fair.", "2016-06-01", "Barack Obama"),
        ("The US President said that the deal was fair.", "2018-06-01", "Donald Trump"),
        ("The Russian President said that the West had lied.", "2010-06-01",
         "Dmitry Medvedev"),
        ("The German Chancellor said that Europe must act.", "2023-03-01", "Olaf Scholz"),
        ("The Ukrainian Foreign Minister said that talks were possible.", "2022-06-01",
         "Dmytro Kuleba"),
    ],
)
def test_descriptors_name_the_office_holder_of_the_day(pipeline, text, date, speaker):
    [quote] = quotes_of(pipeline, text, date=date)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "credit", "addressee", "reported_by"),
    [
        ("Kremlin aide Yuri Ushakov told the TASS news agency that the call went well.",
         None, "the TASS news agency", "TASS"),
        ("MOSCOW, July 4 (AFP) - Kremlin aide Yuri Ushakov told AFP that the call went well.",
         "AFP", "AFP", None),
        ("Kremlin aide Yuri Ushakov told reporters that the call went well.", None,
         "reporters", None),
    ],
)
def test_news_agency_addressees(pipeline, text, credit, addressee, reported_by):
    analysis = pipeline.analyze(Article(body=text, date=DATE))
    assert analysis.metadata.wire_credit == credit
    quote = find(analysis.quotes, "the call went well")
    assert (quote.addressee, quote.reported_by) == (addressee, reported_by)


def test_a_relative_pronoun_speaker_is_its_antecedent(pipeline):
    quotes = quotes_of(pipeline, "Iran, which had argued that it should recover lost output, "
                                 "won an exemption.")
    assert find(quotes, "it should recover").speaker == "Iran"
