"""Acceptance: bad input mixed with good articles, through the real ``eventwire`` command.

Every good article is stored, every bad one is reported with its reason (on standard error
and in the ``rejected`` table), the exit status is non-zero, and a second identical run adds
nothing. ``eventwire extract`` on the same mix prints the good articles and reports the bad.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire import Store
from eventwire.model import Article

EVENTWIRE = Path(sys.executable).with_name("eventwire")
MAX_BYTES = 2000
TABLES = ("articles", "actors", "mentions", "quotes", "events", "times", "places", "rejected")

# -- the good articles ------------------------------------------------------------------------
KYIV_BODY = (
    "KYIV, March 5 - Ukraine's air force said on Tuesday it had shot down 20 of 22 drones "
    "launched by Russia overnight, most of them over the southern Odesa and Mykolaiv regions."
    "\n\nRegional governor Oleh Kiper said falling debris damaged a warehouse in Odesa but "
    "caused no casualties.\n")

MANILA_BODY = (
    "MANILA, Sept 2 - A ferry carrying 140 passengers ran aground off the central Philippine "
    "island of Cebu on Monday, the coast guard said, and all on board were taken to shore "
    "safely.\n\nCoast guard spokesman Armand Balilo said the vessel had lost engine power in "
    "rough seas.\n")

FEED_GOOD_1 = {
    "id": "wx-1001", "date": "2024-06-02", "outlet": "Example Wire",
    "title": "Modi's alliance claims majority",
    "text": "NEW DELHI, June 4 - Prime Minister Narendra Modi's alliance won a majority in "
            "India's general election, official results showed on Tuesday, although his "
            "party lost ground in the most populous state, Uttar Pradesh."}
FEED_GOOD_2 = {
    "id": "wx-1002", "date": "2024-06-05T18:20:00Z", "source": "Example Wire",
    "text": "WARSAW, June 5 - Poland will tighten controls on its border with Belarus after a "
            "soldier was stabbed by a migrant trying to cross, Defence Minister Wladyslaw "
            "Kosiniak-Kamysz said on Wednesday.\n\nThe government plans to restore a buffer "
            "zone along parts of the frontier."}

CSV_GOOD_1 = ("SANTIAGO, April 28 - Copper production in Chile fell 4.2 percent in March from a "
              "year earlier, the statistics institute said on Monday.\n\nA strike at the "
              "Escondida mine, the world's largest, entered its third week, with union leaders "
              "saying talks had \"stalled over bonus payments\".")
CSV_GOOD_2 = ("DAKAR, April 2 - Bassirou Diomaye Faye was sworn in as Senegal's president on "
              "Tuesday, pledging to fight corruption and review oil and gas contracts.")

HTML_GOOD = (
    "ROTTERDAM, Oct 12 - Dockworkers at Europe's largest port ended a two-day strike on "
    "Thursday after unions and employers agreed on a new wage deal, the FNV union said.\n\n"
    "The deal raises wages by 7 percent over two years, a union spokeswoman said, adding that "
    "container terminals would resume normal operations by Friday morning.\n\n"
    "Shipping companies had diverted several vessels to Antwerp and Hamburg during the "
    "stoppage.")

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Port workers end strike in Rotterdam - Harbour News</title></head>
<body>
<nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/shipping">Shipping</a></nav>
<article><h1>Port workers end strike in Rotterdam</h1>
<time datetime="2023-10-12">12 October 2023</time>
<p>ROTTERDAM, Oct 12 - Dockworkers at Europe's largest port ended a two-day strike on Thursday
after unions and employers agreed on a new wage deal, the FNV union said.</p>
<p>The deal raises wages by 7 percent over two years, a union spokeswoman said, adding that
container terminals would resume normal operations by Friday morning.</p>
<p>Shipping companies had diverted several vessels to Antwerp and Hamburg during the
stoppage.</p>
</article>
<footer>&copy; 2023 Harbour News. <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>
"""

# (article id, origin, date, body): what must be stored, exactly once each
GOOD = [
    pytest.param(Article(body=KYIV_BODY).article_id, "in/kyiv_drones.txt", "2024-03-05",
                 KYIV_BODY, id="wire text"),
    pytest.param("wx-1001", "in/feed.jsonl:1", "2024-06-02", FEED_GOOD_1["text"],
                 id="jsonl line"),
    pytest.param("wx-1002", "in/feed.jsonl:7", "2024-06-05", FEED_GOOD_2["text"],
                 id="jsonl line with date-time"),
    pytest.param("br-2001", "in/briefs.csv:row 1", "2025-04-28", CSV_GOOD_1,
                 id="csv multi-line cell"),
    pytest.param("br-2002", "in/briefs.csv:row 2", None, CSV_GOOD_2, id="csv row"),
    pytest.param(Article(body=HTML_GOOD).article_id, "in/port_strike.html", "2023-10-12",
                 HTML_GOOD, id="html page"),
    pytest.param(Article(body=MANILA_BODY).article_id, "in/desk/manila_ferry.txt", None,
                 MANILA_BODY, id="wire text without header, in a directory"),
]

# -- the bad inputs ---------------------------------------------------------------------------
LONG_BODY = "\n\n".join([
    "GENEVA, Nov 20 - Negotiators from more than 170 countries resumed talks on Monday on a "
    "global treaty to curb plastic pollution, with deep divisions remaining over whether to "
    "cap the production of new plastic.",
    "Oil- and gas-producing states argued that the treaty should focus on waste management and "
    "recycling, while a coalition of more than 60 countries led by Rwanda and Norway pressed "
    "for binding limits on output.",
    "\"We cannot recycle our way out of this crisis,\" said the chair of the high-ambition "
    "coalition, adding that production was on course to triple by 2060 without action.",
    "Industry groups warned that production caps would raise costs for packaging, medical "
    "supplies and construction materials, and said investment in collection and sorting in "
    "developing countries would do more to keep plastic out of rivers and oceans.",
    "Environmental campaigners staged a protest outside the Palais des Nations, unfurling a "
    "banner made from discarded fishing nets collected on beaches in Senegal and Indonesia.",
    "Delegates said the chair's draft text, which runs to more than 70 pages, still contained "
    "hundreds of bracketed passages on which no agreement had been reached, including on "
    "financing and on the list of chemicals of concern.",
    "The session is due to end on Sunday. A further round is planned for next year before a "
    "diplomatic conference that would adopt the treaty, though several delegations said the "
    "timetable was at risk.",
    "United Nations Environment Programme officials said around 430 million tonnes of plastic "
    "are produced each year, two thirds of it in short-lived products that soon become waste.",
    "Scientists attending the talks presented new research estimating that microplastics had "
    "been found in human blood, placental tissue and breast milk, and urged delegates to "
    "consider the health effects alongside the environmental damage.",
    "Several small island states said the treaty must include funds to clean up plastic that "
    "washes onto their shores from elsewhere, which they said they had no means to stop.",
    "Observers said a deal was still possible if the largest producers agreed to revisit "
    "production limits at a later review conference rather than rule them out entirely.",
    "The European Union's negotiator said the bloc was ready to show flexibility on the "
    "timeline for phasing out certain single-use items, but not on the principle of a "
    "production cap, which she called the heart of any credible agreement.",
    "China, the largest producer of plastic, said it supported an ambitious treaty but that "
    "measures must respect national circumstances and the right of developing countries to "
    "grow their economies.",
    "A senior delegate from Saudi Arabia told reporters that any attempt to regulate "
    "production would amount to a trade measure and fall outside the mandate agreed in 2022.",
    "Waste pickers from Kenya, Brazil and India, who collect much of the plastic that is "
    "recycled in poorer countries, asked for a seat at the table and for a just transition.",
])
LONG_SIZE = len(LONG_BODY.encode("utf-8"))

FEED_LINES = [
    json.dumps(FEED_GOOD_1),                                                 # 1 good
    '{"id": "wx-1003", "text": "TBILISI, May 12 - Tens of thousands of protesters',  # 2 cut off
    "",                                                                      # 3 blank: skipped
    json.dumps({"id": "wx-1004", "date": "2024-06-02",
                "title": "Sheinbaum wins Mexico presidency"}),               # 4 no text
    json.dumps(["ANKARA", "2024-01-23",
                "Turkey's parliament approved Sweden's NATO membership bid."]),  # 5 array
    json.dumps({"id": "wx-1005", "text": 1027}),                             # 6 text a number
    json.dumps(FEED_GOOD_2),                                                 # 7 good
    json.dumps({"id": "wx-1006", "date": "2024-02-30",
                "text": "BERLIN, Feb 30 - Germany's cabinet approved the budget."}),  # 8
]
FEED_BYTES = ("\n".join(FEED_LINES).encode("utf-8") + b"\n"
              + '{"id": "wx-1007", "text": "MADRID - Pedro S\u00e1nchez won a confidence '
                'vote."}'.encode("latin-1") + b"\n"                         # 9 latin-1
              + b'{"id": "wx-1008", "text": "KABUL - Floods\\u0000 killed 50 people."}\n')  # 10


def _csv_bytes() -> bytes:
    quoted_1 = CSV_GOOD_1.replace('"', '""')
    quoted_2 = CSV_GOOD_2.replace('"', '""')
    return (
        "id,date,source,title,text\r\n"
        f'br-2001,2025-04-28,Andes Mining Daily,Chile copper output slips,"{quoted_1}"\r\n'
        f'br-2002,,Dakar Wire,,"{quoted_2}"\r\n'
        'br-2003,2025-04-29,Dakar Wire,Blank brief,"   \n  "\r\n'
    ).encode()


FILES: dict[str, bytes] = {
    # good
    "in/kyiv_drones.txt": b"  date 2024-03-05\n\n" + KYIV_BODY.encode(),
    "in/feed.jsonl": FEED_BYTES,
    "in/briefs.csv": _csv_bytes(),
    "in/port_strike.html": HTML_PAGE.encode(),
    "in/desk/manila_ferry.txt": MANILA_BODY.encode(),
    "in/desk/.manila_ferry.txt.swp": b"b0VIM 9.0\x00\x00\x00",
    "in/desk/photo_caption.md": b"Passengers disembark in Cebu. (Photo: coast guard)",
    # bad
    "in/empty.txt": b"",
    "in/blank.txt": b"   \n\n\t  \r\n",
    "in/header_only.txt": b"date 2024-05-01\n\n",
    "in/minutes.txt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b">\x00\x03\x00\xfe",
    "in/communique_latin1.txt": ("date 2024-03-01\n\nMADRID, March 1 - El presidente Pedro "
                                 "S\u00e1nchez anunci\u00f3 el viernes una reforma fiscal."
                                 ).encode("latin-1"),
    "in/bad_date.txt": (b"date 2025-13-45\n\nGENEVA - Talks on a ceasefire in Sudan resumed "
                        b"on Monday, mediators said."),
    "in/sheet.csv": (b"id,date,headline,body\r\n"
                     b"s-1,2024-07-03,Floods in Assam,Floods displaced 40000 people.\r\n"),
    "in/long_read.txt": b"date 2024-11-20\n\n" + LONG_BODY.encode(),
    "in/attachments/photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "in/attachments/minutes.docx": b"PK\x03\x04\x14\x00\x06\x00",
    "in/404.html": (b"<!DOCTYPE html>\n<html><head><title>Page not found | Harbour News</title>"
                    b"</head>\n<body><nav><a href=\"/\">Home</a> <a href=\"/business\">Business"
                    b"</a></nav>\n<footer><p>Copyright 2023 Harbour News.</p></footer></body>"
                    b"</html>\n"),
}

# (origin, key phrase of the reason): one rejection each, nothing else
BAD = [
    pytest.param("in/empty.txt", "empty body", id="empty file"),
    pytest.param("in/blank.txt", "empty body", id="white space only"),
    pytest.param("in/header_only.txt", "empty body", id="header without body"),
    pytest.param("in/minutes.txt", "binary content (NUL bytes)", id="binary file"),
    pytest.param("in/communique_latin1.txt", "not UTF-8: byte 0xe1", id="latin-1 file"),
    pytest.param("in/bad_date.txt", "date '2025-13-45' is not a valid ISO date",
                 id="invalid date header"),
    pytest.param("in/feed.jsonl:2", "not valid JSON", id="jsonl line not JSON"),
    pytest.param("in/feed.jsonl:4", "no 'text' field", id="jsonl without text"),
    pytest.param("in/feed.jsonl:5", "expected a JSON object, got list", id="jsonl array"),
    pytest.param("in/feed.jsonl:6", "'text' must be a string, got int", id="jsonl text number"),
    pytest.param("in/feed.jsonl:8", "date '2024-02-30' is not a valid ISO date",
                 id="jsonl invalid date"),
    pytest.param("in/feed.jsonl:9", "not UTF-8", id="jsonl latin-1 line"),
    pytest.param("in/feed.jsonl:10", "contains NUL characters", id="jsonl escaped NUL"),
    pytest.param("in/briefs.csv:row 3", "empty body", id="csv blank text cell"),
    pytest.param("in/sheet.csv", "CSV has no 'text' column", id="csv without text column"),
    pytest.param("in/long_read.txt",
                 f"body is {LONG_SIZE:,} bytes, over the limit of {MAX_BYTES:,}",
                 id="body over the size limit"),
    pytest.param("in/missing_story.txt", "no such file", id="nonexistent path"),
    pytest.param("in/attachments", "directory holds no .txt, .jsonl, .csv or .html files",
                 id="directory without readable files"),
    pytest.param("in/404.html", "no article text found in the HTML page",
                 id="html page without article text"),
]
BAD_ORIGINS = [p.values[0] for p in BAD]

ARGS = ["in/kyiv_drones.txt", "in/empty.txt", "in/feed.jsonl", "in/blank.txt",
        "in/briefs.csv", "in/header_only.txt", "in/minutes.txt", "in/port_strike.html",
        "in/communique_latin1.txt", "in/bad_date.txt", "in/sheet.csv", "in/long_read.txt",
        "in/missing_story.txt", "in/desk", "in/attachments", "in/404.html"]


def test_the_mix_is_what_it_claims():
    """Guard the fixture itself: 12+ kinds of bad input, 5+ good articles, sizes as meant."""
    assert len(BAD) >= 12 and len(GOOD) >= 5
    assert len(set(BAD_ORIGINS)) == len(BAD)
    assert 2900 <= LONG_SIZE <= 3200  # about 3000 bytes, well over --max-bytes 2000
    assert all(len(p.values[3].encode()) < MAX_BYTES for p in GOOD)


# -- running the real command -----------------------------------------------------------------
@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    rejected: dict[str, str]  # origin -> reason, from the "rejected: ORIGIN: REASON" lines
    rejected_lines: int
    counts: dict[str, int]


def _eventwire(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EVENTWIRE), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def _rejections(stderr: str) -> tuple[dict[str, str], int]:
    found: dict[str, str] = {}
    lines = [ln for ln in stderr.splitlines() if ln.startswith("rejected: ")]
    for line in lines:
        rest = line.removeprefix("rejected: ")
        origin = next((o for o in BAD_ORIGINS if rest.startswith(f"{o}: ")), None)
        if origin is None:  # unexpected origin: keep it whole so that the test shows it
            found[rest] = ""
        else:
            found[origin] = rest.removeprefix(f"{origin}: ")
    return found, len(lines)


def _ingest(cwd: Path) -> Run:
    proc = _eventwire(cwd, "ingest", *ARGS, "--db", "news.duckdb", "--no-progress",
                      "--max-bytes", str(MAX_BYTES))
    rejected, n = _rejections(proc.stderr)
    counts = {}
    if (cwd / "news.duckdb").exists():
        with Store(cwd / "news.duckdb", read_only=True) as store:
            counts = {t: store.count(t) for t in TABLES}
    return Run(proc.returncode, proc.stdout, proc.stderr, rejected, n, counts)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad_inputs")
    for rel, data in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture(scope="module")
def first_run(workdir) -> Run:
    return _ingest(workdir)


@pytest.fixture(scope="module")
def stored(first_run, workdir) -> dict[str, dict]:
    with Store(workdir / "news.duckdb", read_only=True) as store:
        rows = store.query("SELECT id, origin, CAST(date AS VARCHAR) AS date, body "
                           "FROM articles")
        rejected = store.query("SELECT origin, reason FROM rejected")
    return {"articles": rows, "rejected": rejected}


@pytest.fixture(scope="module")
def second_run(first_run, stored, workdir) -> Run:
    return _ingest(workdir)


def test_ingest_exits_1_and_summarises(first_run):
    assert first_run.returncode == 1, first_run.stderr
    assert first_run.stdout.startswith(
        f"news.duckdb: {len(GOOD)} articles stored, 0 unchanged, {len(BAD)} rejected;"), \
        first_run.stdout


def test_ingest_reports_exactly_one_line_per_bad_input(first_run):
    assert sorted(first_run.rejected) == sorted(BAD_ORIGINS), first_run.stderr
    assert first_run.rejected_lines == len(BAD)


@pytest.mark.parametrize(("origin", "phrase"), BAD)
def test_ingest_names_the_problem(first_run, stored, origin, phrase):
    assert phrase in first_run.rejected.get(origin, ""), first_run.stderr
    assert [r["reason"] for r in stored["rejected"] if r["origin"] == origin] == [
        first_run.rejected[origin]]


def test_rejected_table_holds_one_row_per_bad_input(first_run, stored):
    assert first_run.counts["rejected"] == len(BAD)
    assert {r["origin"]: r["reason"] for r in stored["rejected"]} == first_run.rejected


def test_every_good_article_is_stored_once(first_run, stored):
    assert first_run.counts["articles"] == len(GOOD)
    assert sorted(r["id"] for r in stored["articles"]) == sorted(p.values[0] for p in GOOD)


@pytest.mark.parametrize(("article_id", "origin", "date", "body"), GOOD)
def test_good_article_stored_exactly(stored, article_id, origin, date, body):
    rows = [r for r in stored["articles"] if r["id"] == article_id]
    assert rows == [{"id": article_id, "origin": origin, "date": date, "body": body}]


def test_second_identical_run_adds_nothing(first_run, second_run):
    assert second_run.returncode == 1, second_run.stderr
    assert second_run.stdout.startswith(
        f"news.duckdb: 0 articles stored, {len(GOOD)} unchanged, {len(BAD)} rejected;"), \
        second_run.stdout
    assert second_run.rejected == first_run.rejected
    assert second_run.rejected_lines == len(BAD)
    assert second_run.counts == first_run.counts
    assert first_run.counts["actors"] > 0 and first_run.counts["mentions"] > 0


def test_extract_prints_good_articles_and_reports_bad_ones(workdir):
    proc = _eventwire(workdir, "extract", *ARGS, "--max-bytes", str(MAX_BYTES))
    assert proc.returncode == 1, proc.stderr
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["article"]["id"] for o in objects] == [p.values[0] for p in GOOD]
    assert [o["article"]["date"] for o in objects] == [p.values[2] for p in GOOD]
    rejected, n = _rejections(proc.stderr)
    assert n == len(BAD)
    assert sorted(rejected) == sorted(BAD_ORIGINS)
    for origin, phrase in (p.values for p in BAD):
        assert phrase in rejected[origin], (origin, proc.stderr)
