"""Hostile article text: stored, then shown on every page, nothing runs and nothing changes.

One article goes through the real pipeline (title, outlet and body full of markup and SQL);
another is written by hand so that hostile strings also reach the places a parse would not
put them (speaker, actor names and codes, place names, times, the outlet relaying a quote).
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote as urlquote

import pytest

import eventwire as ew
from eventwire import Store
from eventwire.model import Actor, Analysis, Article, Event, Metadata, Place, Quote, TimeExpr

from .server import CHROMIUM, CHROMIUM_ARGS, require_browser, running_server

SCRIPT = '<script>window.__pwned = 1; alert("script")</script>'
IMG = '"><img src=x id=injected onerror="window.__pwned = 2; alert(2)">'
ATTR = "' onmouseover='window.__pwned = 3' x='"
SQL = "'); DROP TABLE articles; --"
SVG = '<svg onload="window.__pwned = 4"><a id=injected></a></svg>'
PAYLOADS = (SCRIPT, IMG, ATTR, SQL, SVG)

BODY = (f'MOSCOW, July 4 (AFP) - Russian President Vladimir Putin said "{SCRIPT} will not '
        f'back down" on Thursday. Kremlin aide Yuri Ushakov told reporters that {IMG} and '
        f"{SQL} were discussed, Ushakov said.\n\nUkraine said Russian forces shelled Kharkiv "
        f'on Friday. "{ATTR} is no answer," Ukrainian President Volodymyr Zelensky said in '
        f"Kyiv. {SVG}")
HOSTILE_SPEAKER = f"{SCRIPT} Smith"


def _hand_made() -> Analysis:
    body = (f"{HOSTILE_SPEAKER} said {IMG} to the council in {SVG} on {ATTR} day, "
            f"and the army attacked {SQL}.")
    at = body.index
    speaker = (0, len(HOSTILE_SPEAKER))
    place = (at(SVG), at(SVG) + len(SVG))
    return Analysis(
        article=Article(body=body, id="hostile-by-hand", date="2025-07-05",
                        outlet=f"{ATTR} Wire", title=f"{IMG} title {SCRIPT}"),
        metadata=Metadata(wire_credit=SVG, dateline=SCRIPT),
        actors=(Actor(id="a1", name=HOSTILE_SPEAKER, kind="person", country="RUS",
                      code="RUSGOV", mentions=(speaker,)),
                Actor(id="a2", name=f"{IMG} army", kind="group", country="UKR",
                      code="UKRMIL", mentions=((at(SQL), at(SQL) + len(SQL)),))),
        quotes=(Quote(cue="said", cue_span=(speaker[1] + 1, speaker[1] + 5), kind="indirect",
                      content=IMG, content_span=(at(IMG), at(IMG) + len(IMG)),
                      speaker=HOSTILE_SPEAKER, speaker_actor="a1", speaker_span=speaker,
                      addressee=SQL, said_on="2025-07-05", reported_by=ATTR),),
        events=(Event(cameo="190", cameo_root="19", plover="ASSAULT", goldstein=-10.0,
                      quad_class=4, evidence_span=(0, len(body)), source=f"{SVG} source",
                      source_actor="a1", target=SQL, target_actor="a2", date="2025-07-05",
                      place="0", reported_by=SCRIPT),),
        times=(TimeExpr(text=ATTR, span=(at(ATTR), at(ATTR) + len(ATTR)), type="DATE",
                        value=f"2025-07-05{SCRIPT}"),),
        places=(Place(text=SVG, span=place, name=f"{SCRIPT} City", feature="city",
                      country="UKR", lat=50.0, lon=36.2),),
    )


def _fingerprint(db) -> str:
    """A hash of every row of every table."""
    digest = hashlib.sha256()
    with Store(db, read_only=True) as store:
        tables = [r["table_name"] for r in store.query(
            "SELECT table_name FROM information_schema.tables ORDER BY 1")]
        for table in tables:
            rows = store.con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()
            digest.update(json.dumps([table, rows], default=str).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("hostile")
    feed = folder / "hostile.jsonl"
    feed.write_text(json.dumps({"id": "hostile-parsed", "date": "2025-07-04",
                                "title": f"{SCRIPT} {IMG}", "outlet": f"{ATTR}{SQL}",
                                "text": BODY}) + "\n", encoding="utf-8")
    db = folder / "hostile.duckdb"
    assert ew.ingest([feed], db, pipeline=pipeline).stored == 1
    with Store(db) as store:
        store.write_batch([_hand_made()], version="test")
    return db


def _pages(base: str) -> list[str]:
    q = urlquote
    return [
        f"{base}/",
        f"{base}/search?q={q(SCRIPT)}",
        f"{base}/search?q={q(SQL)}&speaker={q(ATTR)}&outlet={q(IMG)}",
        f"{base}/search?q=Putin",
        f"{base}/search?speaker={q(HOSTILE_SPEAKER)}",
        f"{base}/article/hostile-parsed",
        f"{base}/article/hostile-by-hand?quote={q(IMG)}",
        f"{base}/speaker/{q(HOSTILE_SPEAKER, safe='')}",
        f"{base}/dyad/RUS/UKR",
        f"{base}/network",
        f"{base}/map",
        f"{base}/article/{q(SCRIPT, safe='')}",  # a 404 page that repeats nothing hostile
    ]


def test_hostile_strings_are_escaped_in_every_html_page(hostile_db):
    from starlette.testclient import TestClient

    from eventwire.web import create_app

    before = _fingerprint(hostile_db)
    with TestClient(create_app(hostile_db), raise_server_exceptions=False) as client:
        for url in _pages(""):
            response = client.get(url)
            assert response.status_code in (200, 404), url
            # the page's data block is JSON in which no '<' can end the element
            html, _, rest = response.text.partition('<script type="application/json" '
                                                    'id="page-data">')
            block, _, tail = rest.partition("</script>")
            assert "<" not in block and ">" not in block and "&" not in block
            html += tail
            for payload in (SCRIPT, IMG, SVG):
                assert payload not in html, (url, payload)
            assert "<script>window" not in html and "<img" not in html
            assert "onerror=" not in html.replace("onerror=&#34;", "")
            json_twin = client.get(url, headers={"Accept": "application/json"})
            assert json_twin.headers["content-type"].startswith("application/json")
    assert _fingerprint(hostile_db) == before


def test_nothing_runs_in_the_browser_and_the_database_is_unchanged(hostile_db):
    require_browser()
    from playwright.sync_api import sync_playwright

    before = _fingerprint(hostile_db)
    dialogs: list[str] = []
    with running_server(hostile_db) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            seen = 0
            for url in _pages(base):
                page.goto(url)
                page.wait_for_load_state("load")
                page.wait_for_timeout(100)
                for element in page.locator(".hl, li.quote, li.event, svg circle").all()[:30]:
                    element.hover(timeout=2000, force=True)  # onmouseover would fire here
                state = page.evaluate("""() => ({
                    pwned: window.__pwned === undefined ? null : window.__pwned,
                    injected: document.querySelectorAll('#injected, img[src="x"], iframe').length,
                    handlers: Array.from(document.querySelectorAll('*')).filter(el =>
                        Array.from(el.attributes).some(a => a.name.startsWith('on'))).length,
                    scripts: Array.from(document.scripts).map(s => s.src ? new URL(s.src).pathname
                                                                        : s.type),
                    text: document.body.innerText,
                })""")
                assert state["pwned"] is None, url
                assert state["injected"] == 0, url
                assert state["handlers"] == 0, url
                assert state["scripts"] == ["application/json", "/static/eventwire.js"], url
                seen += SCRIPT in state["text"]  # shown as text, where it is shown
            assert seen >= 4
        finally:
            browser.close()
    assert dialogs == []
    assert _fingerprint(hostile_db) == before
