"""Readers: wire text, JSON Lines, CSV, HTML, directories and standard input -> Articles.

No model is needed: every test writes a small file (or stdin stream) by hand, reads it with
``read_articles`` / ``read_bytes`` and checks the exact Article (or Rejection) that comes out.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.config import ReadConfig
from eventwire.model import Article, Rejection
from eventwire.readers import read_articles, read_bytes

from ..conftest import SEED


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _read(*sources: str | Path, **kwargs) -> list[Article | Rejection]:
    return list(read_articles([str(s) for s in sources], **kwargs))


# -- wire-format text -------------------------------------------------------------------------
WIRE_CASES = [
    pytest.param(
        " date 2025-07-04 US President Donald Trump said on Friday he had spoken with "
        "Russian President Vladimir Putin for almost an hour.\n",
        "2025-07-04",
        "US President Donald Trump said on Friday he had spoken with Russian President "
        "Vladimir Putin for almost an hour.\n",
        id="leading space, body on the header line"),
    pytest.param(
        "date 2024-11-06\nNAIROBI, Nov 6 - Kenyan police fired tear gas at protesters in "
        "central Nairobi on Wednesday.\n\nThe demonstrators were demanding the release of "
        "detained activists.",
        "2024-11-06",
        "NAIROBI, Nov 6 - Kenyan police fired tear gas at protesters in central Nairobi on "
        "Wednesday.\n\nThe demonstrators were demanding the release of detained activists.",
        id="body on the next line"),
    pytest.param(
        "date 2023-02-06\n\nANKARA, Feb 6 - A magnitude 7.8 earthquake struck southern Turkey "
        "before dawn on Monday, the AFAD disaster agency said.",
        "2023-02-06",
        "ANKARA, Feb 6 - A magnitude 7.8 earthquake struck southern Turkey before dawn on "
        "Monday, the AFAD disaster agency said.",
        id="blank line after the header"),
    pytest.param(
        "\n\t  date 1999-12-31\r\n\r\n  MOSCOW, Dec 31 - Boris Yeltsin resigned as president "
        "of Russia on Friday.\r\n",
        "1999-12-31",
        "MOSCOW, Dec 31 - Boris Yeltsin resigned as president of Russia on Friday.\r\n",
        id="blank lines and tab before, CRLF and indent after"),
    pytest.param(
        "date 2016-02-29 BRUSSELS, Feb 29 - EU ministers met on Monday to discuss the "
        "migrant crisis.",
        "2016-02-29",
        "BRUSSELS, Feb 29 - EU ministers met on Monday to discuss the migrant crisis.",
        id="leap day"),
    pytest.param(
        "ABUJA, June 12 - Nigeria's president pledged on Wednesday to tackle insecurity in "
        "the northwest.\n",
        None,
        "ABUJA, June 12 - Nigeria's president pledged on Wednesday to tackle insecurity in "
        "the northwest.\n",
        id="no header"),
    pytest.param(
        "  \nLIMA, Jan 9 - Peru's congress voted on Tuesday to remove the interior minister.",
        None,
        "  \nLIMA, Jan 9 - Peru's congress voted on Tuesday to remove the interior minister.",
        id="no header, leading white space kept"),
    pytest.param(
        "Date palm exports from Tunisia rose 12 percent in 2024, the agriculture ministry "
        "said on Monday.",
        None,
        "Date palm exports from Tunisia rose 12 percent in 2024, the agriculture ministry "
        "said on Monday.",
        id="starts with the word Date, not a header"),
    pytest.param(
        "date of the runoff, 2024-06-09, was confirmed by the electoral board on Sunday.",
        None,
        "date of the runoff, 2024-06-09, was confirmed by the electoral board on Sunday.",
        id="starts with 'date of', not a header"),
]


@pytest.mark.parametrize(("text", "date", "body"), WIRE_CASES)
def test_wire_text_header_and_body(tmp_path, text, date, body):
    path = _write(tmp_path / "story.txt", text)
    [article] = _read(path)
    assert article == Article(body=body, date=date, origin=str(path))
    assert text.endswith(article.body)


WIRE_REJECTIONS = [
    pytest.param(b"", "empty body (no text, or only white space)", id="empty file"),
    pytest.param(b"  \n\n\t \r\n", "empty body (no text, or only white space)",
                 id="white space only"),
    pytest.param(b"date 2024-05-01\n\n  \n", "empty body (no text, or only white space)",
                 id="header without body"),
    pytest.param(b"date 2025-13-45\n\nGENEVA, Dec 45 - Talks resumed on Monday.",
                 "date '2025-13-45' is not a valid ISO date (YYYY-MM-DD)", id="bad date"),
    pytest.param(b"date 2024-02-30\n\nBERLIN - Germany's cabinet approved the budget.",
                 "date '2024-02-30' is not a valid ISO date (YYYY-MM-DD)", id="February 30"),
    pytest.param("date 2024-03-01\n\nMADRID - Pedro Sánchez said on Friday.".encode("latin-1"),
                 "not UTF-8: byte 0xe1 at offset 33 (eventwire reads UTF-8 only; convert the "
                 "file first, e.g. with iconv)", id="latin-1"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00\x00\x00\x00\x00>\x00\x03",
                 "binary content (NUL bytes); expected UTF-8 text", id="binary with NUL"),
]


@pytest.mark.parametrize(("data", "reason"), WIRE_REJECTIONS)
def test_wire_text_rejections(tmp_path, data, reason):
    path = _write(tmp_path / "story.txt", data)
    assert _read(path) == [Rejection(str(path), reason)]


def test_utf8_bom_is_dropped_before_the_header(tmp_path):
    path = _write(tmp_path / "bom.txt", "\ufeffdate 2024-08-15\n\nDHAKA, Aug 15 - Bangladesh's "
                  "interim government lifted the curfew on Thursday.")
    [article] = _read(path)
    assert article.date == "2024-08-15"
    assert article.body == ("DHAKA, Aug 15 - Bangladesh's interim government lifted the "
                            "curfew on Thursday.")


SIZE_CASES = [
    pytest.param("a" * 40, 40, True, id="ASCII at the limit"),
    pytest.param("a" * 41, 40, False, id="ASCII one byte over"),
    pytest.param("é" * 20, 40, True, id="two-byte letters at the limit"),
    pytest.param("é" * 20 + "s", 40, False, id="limit counts UTF-8 bytes, not characters"),
]


@pytest.mark.parametrize(("body", "limit", "accepted"), SIZE_CASES)
def test_max_body_bytes_counts_utf8_bytes(body, limit, accepted):
    [item] = read_bytes(f"date 2024-01-02\n{body}".encode(), "t.txt",
                        config=ReadConfig(max_body_bytes=limit), suffix=".txt")
    if accepted:
        assert item == Article(body=body, date="2024-01-02", origin="t.txt")
    else:
        size = len(body.encode())
        assert item == Rejection("t.txt", f"body is {size:,} bytes, over the limit of "
                                          f"{limit:,} (raise it with --max-bytes)")


@pytest.mark.needs_shared
def test_seed_article_body_starts_after_the_header():
    text = SEED.read_text(encoding="utf-8")
    [article] = _read(SEED)
    assert article.date == "2025-07-04"
    assert article.body.startswith("US President")
    assert text.endswith(article.body)


# -- JSON Lines -------------------------------------------------------------------------------
def test_jsonl_fields_aliases_blank_lines_and_origins(tmp_path):
    lines = [
        json.dumps({"id": "afp-19970401-0006", "date": "1997-04-01",
                    "outlet": "Agence France-Presse", "title": "Malaysian shares slip at midday",
                    "url": "https://example.com/afp/19970401-0006",
                    "dateline": "KUALA LUMPUR, April 1 (AFP)",
                    "text": "Malaysian share prices fell 1.1 percent by midday on Tuesday."}),
        "",
        json.dumps({"id": "xin-0226", "date": "1987-02-26T15:01:01", "source": "Xinhua",
                    "text": "Chinese Premier Zhao Ziyang met visiting Thai officials in "
                            "Beijing on Thursday.\n\nThey discussed rice trade."}),
        "   \t",
        "",
        json.dumps({"text": "Cyclone Idai made landfall near Beira, Mozambique, late on "
                            "Thursday, the weather service said."}),
        "",
    ]
    path = _write(tmp_path / "feed.jsonl", "\n".join(lines))
    assert _read(path) == [
        Article(body="Malaysian share prices fell 1.1 percent by midday on Tuesday.",
                id="afp-19970401-0006", date="1997-04-01", outlet="Agence France-Presse",
                title="Malaysian shares slip at midday",
                url="https://example.com/afp/19970401-0006",
                dateline="KUALA LUMPUR, April 1 (AFP)", origin=f"{path}:1"),
        Article(body="Chinese Premier Zhao Ziyang met visiting Thai officials in Beijing on "
                     "Thursday.\n\nThey discussed rice trade.",
                id="xin-0226", date="1987-02-26", outlet="Xinhua", origin=f"{path}:3"),
        Article(body="Cyclone Idai made landfall near Beira, Mozambique, late on Thursday, the "
                     "weather service said.", origin=f"{path}:6"),
    ]


JSONL_FIELD_CASES = [
    pytest.param({"date": "1987-02-26T15:01:01"}, "date", "1987-02-26", id="date-time"),
    pytest.param({"date": "2003-03-20T02:34:00Z"}, "date", "2003-03-20", id="date-time Z"),
    pytest.param({"date": "2011-03-11T14:46:00+09:00"}, "date", "2011-03-11",
                 id="date-time with offset keeps the local date"),
    pytest.param({"date": " 2024-05-05 "}, "date", "2024-05-05", id="date with spaces"),
    pytest.param({"date": ""}, "date", None, id="empty date"),
    pytest.param({"date": None}, "date", None, id="null date"),
    pytest.param({"source": "Reuters"}, "outlet", "Reuters", id="source is an alias"),
    pytest.param({"outlet": "Kyodo", "source": "Reuters"}, "outlet", "Kyodo",
                 id="outlet wins over source"),
    pytest.param({"id": 1042}, "id", "1042", id="numeric id"),
    pytest.param({"title": "  Yen hits 34-year low  "}, "title", "Yen hits 34-year low",
                 id="title stripped"),
    pytest.param({"url": ""}, "url", None, id="empty url"),
]


@pytest.mark.parametrize(("extra", "field", "expected"), JSONL_FIELD_CASES)
def test_jsonl_optional_fields(extra, field, expected):
    record = {"text": "The yen fell past 160 per dollar on Monday for the first time since "
                      "1990, traders in Tokyo said.", **extra}
    [article] = read_bytes(json.dumps(record).encode(), "feed.jsonl", suffix=".jsonl")
    assert isinstance(article, Article)
    assert getattr(article, field) == expected
    assert article.body == record["text"]


def test_jsonl_crlf_and_bom(tmp_path):
    data = ("\ufeff" + json.dumps({"id": "w1", "text": "Oil prices rose on Tuesday."}) + "\r\n"
            + json.dumps({"id": "w2", "text": "Gold slipped in Asian trade."}) + "\r\n")
    path = _write(tmp_path / "feed.ndjson", data)
    assert [(a.id, a.body, a.origin) for a in _read(path)] == [
        ("w1", "Oil prices rose on Tuesday.", f"{path}:1"),
        ("w2", "Gold slipped in Asian trade.", f"{path}:2"),
    ]


JSONL_REJECTIONS = [
    pytest.param(b'{"id": "x1", "text": "Protesters gathered in Tbilisi on Sunday',
                 "not valid JSON (Unterminated string starting at at column 22)",
                 id="truncated JSON"),
    pytest.param(b'{"id": "x2", "date": "2024-06-02", "title": "Modi claims victory"}',
                 "no 'text' field", id="no text"),
    pytest.param(b'["ANKARA", "2024-01-23", "Turkey approved Sweden\'s NATO bid."]',
                 "expected a JSON object, got list", id="array"),
    pytest.param(b'{"text": ["Para one.", "Para two."]}', "'text' must be a string, got list",
                 id="text is a list"),
    pytest.param(b'{"text": "Kyiv said on Friday.", "date": "2024-02-30"}',
                 "date '2024-02-30' is not a valid ISO date (YYYY-MM-DD)", id="February 30"),
    pytest.param(b'{"text": "Kyiv said on Friday.", "date": 20240301}',
                 "date 20240301 is not a string; expected YYYY-MM-DD", id="numeric date"),
    pytest.param(b'{"text": "Kyiv said on Friday.", "outlet": ["AFP"]}',
                 "field 'outlet' must be a string, got list", id="outlet is a list"),
    pytest.param(b'{"text": "   \\n\\n  "}', "empty body (no text, or only white space)",
                 id="white space text"),
    pytest.param(b'{"text": "Kyiv\\u0000 said."}', "binary content: body contains NUL characters",
                 id="escaped NUL"),
    pytest.param('{"text": "Sánchez said on Friday."}'.encode("latin-1"),
                 "not UTF-8: byte 0xe1 at offset 11 (eventwire reads UTF-8 only; convert the "
                 "file first, e.g. with iconv)", id="latin-1 line"),
]


@pytest.mark.parametrize(("line", "reason"), JSONL_REJECTIONS)
def test_jsonl_bad_line_rejects_only_itself(tmp_path, line, reason):
    good = json.dumps({"id": "ok", "text": "Sri Lanka's president dissolved parliament."})
    path = _write(tmp_path / "feed.jsonl", good.encode() + b"\n" + line + b"\n" + good.encode())
    items = _read(path)
    assert items[1] == Rejection(f"{path}:2", reason)
    assert [(a.id, a.origin) for a in (items[0], items[2])] == [("ok", f"{path}:1"),
                                                                 ("ok", f"{path}:3")]


# -- CSV --------------------------------------------------------------------------------------
CSV_TEXT = (
    "id,date,source,title,url,dateline,text\r\n"
    "ap-501,2024-04-19T07:30:00,Associated Press,Israel strikes Iran,"
    "https://example.com/ap/501,\"ISFAHAN, Iran (AP)\","
    "\"Explosions were heard near the Iranian city of Isfahan early on Friday, state media "
    "said.\n\nIran's air defences were activated across several provinces, officials said, "
    "adding that \"\"no damage\"\" had been reported.\"\r\n"
    "ap-502,,Associated Press,,,,Hungary's parliament approved Sweden's NATO membership.\r\n"
    ",2024-04-21,,,,,\"Indian voters in 21 states cast ballots, the election commission said.\""
    "\r\n"
)


def test_csv_columns_multiline_cell_and_row_origins(tmp_path):
    path = _write(tmp_path / "briefs.csv", CSV_TEXT)
    assert _read(path) == [
        Article(body="Explosions were heard near the Iranian city of Isfahan early on Friday, "
                     "state media said.\n\nIran's air defences were activated across several "
                     "provinces, officials said, adding that \"no damage\" had been reported.",
                id="ap-501", date="2024-04-19", outlet="Associated Press",
                title="Israel strikes Iran", url="https://example.com/ap/501",
                dateline="ISFAHAN, Iran (AP)", origin=f"{path}:row 1"),
        Article(body="Hungary's parliament approved Sweden's NATO membership.", id="ap-502",
                outlet="Associated Press", origin=f"{path}:row 2"),
        Article(body="Indian voters in 21 states cast ballots, the election commission said.",
                date="2024-04-21", origin=f"{path}:row 3"),
    ]


def test_csv_outlet_column_and_padded_header(tmp_path):
    path = _write(tmp_path / "desk.csv",
                  "\ufeff id , outlet , text \n"
                  "k-7,Kyodo,Japan's central bank ended negative interest rates on Tuesday.\n")
    assert _read(path) == [
        Article(body="Japan's central bank ended negative interest rates on Tuesday.", id="k-7",
                outlet="Kyodo", origin=f"{path}:row 1")]


CSV_REJECTIONS = [
    pytest.param("id,date,headline,body\nr1,2024-01-01,Floods in Assam,Rivers rose.\n",
                 [("", "CSV has no 'text' column (columns: id, date, headline, body)")],
                 id="no text column"),
    pytest.param("", [("", "CSV has no 'text' column (columns: none)")], id="empty file"),
    pytest.param("id,text\nr1,   \nr2,Chad's junta leader was sworn in as president.\n",
                 [(":row 1", "empty body (no text, or only white space)"), (":row 2", None)],
                 id="blank cell rejects only its row"),
    pytest.param("id,date,text\nr1,2024-13-01,Ghana's parliament passed the bill.\n",
                 [(":row 1", "date '2024-13-01' is not a valid ISO date (YYYY-MM-DD)")],
                 id="bad date"),
]


@pytest.mark.parametrize(("text", "expected"), CSV_REJECTIONS)
def test_csv_rejections(tmp_path, text, expected):
    path = _write(tmp_path / "sheet.csv", text)
    got = [(item.origin, item.reason) if isinstance(item, Rejection) else (item.origin, None)
           for item in _read(path)]
    assert got == [(f"{path}{suffix}", reason) for suffix, reason in expected]


# -- HTML -------------------------------------------------------------------------------------
HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chile copper output slips as strike drags on | Andes Mining Daily</title>
<meta property="og:title" content="Chile copper output slips as strike drags on">
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/markets">Markets</a></li>
<li><a href="/mining">Mining</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
</header>
<main><article>
<h1>Chile copper output slips as strike drags on</h1>
<p>SANTIAGO, April 28 - Copper production in Chile fell 4.2 percent in March from a year
earlier, the national statistics institute said on Monday, as a strike at the Escondida mine
entered its third week.</p>
<p>The walkout by about 2,300 workers has cut output at the world's largest copper mine by
roughly half, according to company figures.</p>
<p>"We remain open to dialogue, but the offer on the table does not reflect the profits of the
last two years," union spokesman Carlos Araya told reporters.</p>
</article></main>
<footer><p>Copyright 2025 Andes Mining Daily. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
</ul></footer>
</body>
</html>
"""

HTML_BODY = (
    "SANTIAGO, April 28 - Copper production in Chile fell 4.2 percent in March from a year "
    "earlier, the national statistics institute said on Monday, as a strike at the Escondida "
    "mine entered its third week.\n\n"
    "The walkout by about 2,300 workers has cut output at the world's largest copper mine by "
    "roughly half, according to company figures.\n\n"
    "\"We remain open to dialogue, but the offer on the table does not reflect the profits of "
    "the last two years,\" union spokesman Carlos Araya told reporters."
)


def test_html_page_body_title_and_no_guessed_date(tmp_path):
    path = _write(tmp_path / "copper.html", HTML_PAGE)
    # The page carries no publication date: the copyright year must not become one.
    assert _read(path) == [Article(body=HTML_BODY, title="Chile copper output slips as strike "
                                   "drags on", origin=str(path))]


def test_html_page_date_from_metadata(tmp_path):
    page = HTML_PAGE.replace(
        '<meta charset="utf-8">',
        '<meta charset="utf-8">\n'
        '<meta property="article:published_time" content="2025-04-28T09:15:00-04:00">')
    path = _write(tmp_path / "copper.htm", page)
    [article] = _read(path)
    assert (article.date, article.body) == ("2025-04-28", HTML_BODY)


def test_html_page_without_article_text_is_rejected(tmp_path):
    path = _write(tmp_path / "404.html", """<!DOCTYPE html>
<html><head><title>Page not found | Andes Mining Daily</title></head>
<body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<footer><p>Copyright 2025 Andes Mining Daily.</p></footer></body></html>
""")
    assert _read(path) == [Rejection(str(path), "no article text found in the HTML page")]


# -- directories, several sources, standard input ---------------------------------------------
def test_directory_recursive_sorted_skipping_hidden_and_unknown(tmp_path):
    root = tmp_path / "desk"
    _write(root / "b_batch.jsonl",
           '{"id": "b1", "text": "Sweden formally joined NATO on Thursday."}\n'
           '{"id": "b2", "text": "Finland closed its border crossings with Russia."}\n')
    _write(root / "a_brief.txt", "date 2024-03-07\nWASHINGTON - The State Department "
           "welcomed the accession.")
    _write(root / "world" / "europe" / "e_vote.txt", "ROME - Italy's senate backed the reform.")
    _write(root / "world" / "c_sheet.csv", "id,text\nc1,Norway raised its defence budget.\n")
    _write(root / "world" / "d_notes.md", "Editor's notes: check figures.")
    _write(root / "scan.pdf", b"%PDF-1.4\n")
    _write(root / "README", "Files for the Thursday desk.")
    _write(root / ".draft.txt", "Draft that must not be read.")
    _write(root / ".cache" / "old.txt", "Cached copy that must not be read.")
    assert [(a.origin, a.id, a.body) for a in _read(root)] == [
        (str(root / "a_brief.txt"), None,
         "WASHINGTON - The State Department welcomed the accession."),
        (f"{root / 'b_batch.jsonl'}:1", "b1", "Sweden formally joined NATO on Thursday."),
        (f"{root / 'b_batch.jsonl'}:2", "b2", "Finland closed its border crossings with Russia."),
        (f"{root / 'world' / 'c_sheet.csv'}:row 1", "c1", "Norway raised its defence budget."),
        (str(root / "world" / "europe" / "e_vote.txt"), None,
         "ROME - Italy's senate backed the reform."),
    ]


def test_directory_without_readable_files_is_rejected(tmp_path):
    root = tmp_path / "attachments"
    _write(root / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF")
    _write(root / "minutes.docx", b"PK\x03\x04")
    _write(root / ".hidden.txt", "hidden")
    assert _read(root) == [
        Rejection(str(root), "directory holds no .txt, .jsonl, .csv or .html files")]


def test_missing_path_is_rejected_and_the_rest_is_read(tmp_path):
    good = _write(tmp_path / "ok.txt", "Malawi's vice president died in a plane crash.")
    missing = tmp_path / "nowhere" / "story.txt"
    assert _read(missing, good) == [
        Rejection(str(missing), "no such file"),
        Article(body="Malawi's vice president died in a plane crash.", origin=str(good))]


STDIN_CASES = [
    pytest.param(
        b'{"id": "s1", "date": "2024-06-04", "text": "Mexico elected its first woman '
        b'president."}\n\n{"id": "s2", "text": "The peso fell 3 percent."}\n',
        [Article(body="Mexico elected its first woman president.", id="s1", date="2024-06-04",
                 origin="<stdin>:1"),
         Article(body="The peso fell 3 percent.", id="s2", origin="<stdin>:3")],
        id="JSONL"),
    pytest.param(
        b"\n date 2024-06-04\n\nMEXICO CITY - Claudia Sheinbaum won Sunday's election.\n",
        [Article(body="MEXICO CITY - Claudia Sheinbaum won Sunday's election.\n",
                 date="2024-06-04", origin="<stdin>")],
        id="wire text"),
    pytest.param(
        HTML_PAGE.encode(),
        [Article(body=HTML_BODY, title="Chile copper output slips as strike drags on",
                 origin="<stdin>")],
        id="HTML"),
    pytest.param(
        b'id,date,text\r\nr1,2024-04-21,"Chad held a presidential election on Monday,\n\n'
        b'the first since the 2021 coup."\r\n',
        [Article(body="Chad held a presidential election on Monday,\n\nthe first since the 2021 "
                      "coup.", id="r1", date="2024-04-21", origin="<stdin>:row 1")],
        id="CSV"),
    pytest.param(
        b"text,images and video of the flooding were shared widely on Monday, officials said.",
        [Article(body="text,images and video of the flooding were shared widely on Monday, "
                      "officials said.", origin="<stdin>")],
        id="wire text starting with 'text,' is not CSV"),
    pytest.param(b"", [Rejection("<stdin>", "empty body (no text, or only white space)")],
                 id="empty"),
]


@pytest.mark.parametrize(("data", "expected"), STDIN_CASES)
def test_standard_input_is_sniffed(data, expected):
    assert _read("-", stdin=io.BytesIO(data)) == expected


def test_read_bytes_sniffs_without_suffix():
    [article] = read_bytes(b'  {"text": "Ecuador declared a state of emergency."}', "feed")
    assert article == Article(body="Ecuador declared a state of emergency.", origin="feed:1")


def test_unknown_suffix_given_by_name_is_sniffed_as_text(tmp_path):
    path = _write(tmp_path / "story.wire.bak", "date 2024-01-09\nQUITO - Gunmen stormed a TV "
                  "studio during a live broadcast.")
    assert _read(path) == [Article(body="QUITO - Gunmen stormed a TV studio during a live "
                                        "broadcast.", date="2024-01-09", origin=str(path))]


# -- property: the body is exactly what follows the header ------------------------------------
_bodies = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\r\t "),
    min_size=1, max_size=300,
).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_bodies)
def test_wire_body_is_the_text_after_the_header(tmp_path, body):
    path = tmp_path / "prop.txt"
    text = "date 2024-01-02\n\n" + body
    path.write_bytes(text.encode("utf-8"))
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.date == "2024-01-02"
    assert article.body.lstrip() == body.lstrip()
    assert text.endswith(article.body)
    assert article.body == text[len(text) - len(article.body):]


def test_json_array_file_is_read_record_by_record(tmp_path):
    from eventwire.readers import read_articles

    path = tmp_path / "batch.json"
    path.write_text(
        '[{"id": "k1", "date": "2024-06-03", "text": "Kenyan police said the march was calm."},'
        ' {"id": "k2"}, 7]', encoding="utf-8")
    items = list(read_articles([path]))
    assert [getattr(i, "id", None) for i in items[:1]] == ["k1"]
    assert [(i.origin, i.reason) for i in items[1:]] == [
        (f"{path}:[1]", "no 'text' field"), (f"{path}:[2]", "expected a JSON object, got int")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "Protesters marched in Lima.", "id": ' + "1" * 5000 + "}",
         "not readable JSON (ValueError)"),
        ("[" * 100_000, "not readable JSON (RecursionError)"),
    ],
)
def test_pathological_json_lines_are_rejected_not_raised(line, reason):
    from eventwire.readers import read_bytes

    data = (line + '\n{"text": "Chile and Peru signed a water accord."}\n').encode()
    items = list(read_bytes(data, "feed.jsonl", suffix=".jsonl"))
    assert [getattr(i, "reason", None) for i in items] == [reason, None]


def test_a_bad_byte_in_a_csv_row_rejects_only_that_row():
    from eventwire.readers import read_bytes

    data = (b"id,text\nc1,Ghana held a vote.\nc2,Caf\xe9 owners protested.\n"
            b"c3,Togo's leader spoke.\n")
    items = list(read_bytes(data, "f.csv", suffix=".csv"))
    assert [getattr(i, "id", None) for i in items] == ["c1", None, "c3"]
    assert items[1].origin == "f.csv:row 2" and "not UTF-8: byte 0xe9" in items[1].reason


def test_a_json_array_on_standard_input_is_sniffed():
    from eventwire.readers import read_articles

    data = b'[{"id": "s1", "text": "Senegal recalled its envoy."}]'
    items = list(read_articles(["-"], stdin=io.BytesIO(data)))
    assert [(i.id, i.body) for i in items] == [("s1", "Senegal recalled its envoy.")]
