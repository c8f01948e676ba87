"""The real UI in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Saves the README screenshots (docs/img/article.png, docs/img/dyad.png) and the others in
the pytest temporary folder."""

from __future__ import annotations

import pytest

from ..conftest import ROOT
from .server import CHROMIUM, CHROMIUM_ARGS, require_browser, running_server

pytestmark = pytest.mark.needs_shared  # the walk starts from the seed article's quotes

IMG = ROOT / "docs" / "img"
VIEWPORT = {"width": 1200, "height": 800}


@pytest.fixture(scope="module")
def base(web_db):
    with running_server(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    one = context.new_page()
    one.set_default_timeout(15_000)
    errors: list[str] = []
    one.on("pageerror", lambda exc: errors.append(str(exc)))
    yield one
    context.close()
    assert errors == [], errors


def test_search_putin_then_open_the_quote_highlighted(page, base):
    page.goto(f"{base}/")
    page.fill("header input[name=q]", "Putin")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Putin")
    quotes = page.locator("#quotes li.quote")
    assert quotes.count() > 0
    assert "Vladimir Putin" in page.locator("#quotes").inner_text()
    target = page.locator("#quotes li.quote", has_text="not back down").first
    content = target.locator("blockquote").inner_text().strip("\u201c\u201d")
    target.locator("a.quote-link").click()
    page.wait_for_url("**/article/**")
    selected = page.locator(".story .hl-content.selected")
    assert selected.count() >= 1
    assert "".join(selected.all_inner_texts()).replace("Q", "")[:30] in content.replace("Q", "")
    assert selected.first.is_visible()
    assert page.locator("aside.records li.rec.selected").count() == 1
    page.locator(".story .hl-content.selected").first.click()  # shows its record
    IMG.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(IMG / "article.png"))


def test_dyad_page_draws_its_chart(page, base, tmp_path):
    page.goto(f"{base}/dyad/USA/RUS")
    chart = page.locator("#chart[data-drawn]")
    chart.wait_for()
    assert int(chart.get_attribute("data-drawn") or 0) > 0
    assert page.locator("#chart svg rect").count() > 0
    assert page.locator("#chart svg path.curve").count() == 1
    page.screenshot(path=str(tmp_path / "dyad-usa-rus.png"))
    page.goto(f"{base}/dyad/RUS/UKR?by=month")  # conflict as well, for the README
    page.locator("#chart[data-drawn]").wait_for()
    assert page.locator("#chart svg .bar-q4, #chart svg .bar-q3").count() > 0
    page.screenshot(path=str(IMG / "dyad.png"))


def test_network_draws_nodes_and_links_to_dyads(page, base, tmp_path):
    page.goto(f"{base}/network")
    page.locator("#chart[data-drawn]").wait_for()
    nodes = page.locator("#chart svg g.node circle")
    assert nodes.count() >= 2
    assert page.locator("#chart svg line.edge").count() >= 1
    page.screenshot(path=str(tmp_path / "network.png"))
    href = page.locator("#chart svg a:has(line.edge)").first.get_attribute("href")
    assert href and href.startswith("/dyad/")
    page.goto(base + href)
    page.locator("#chart[data-drawn]").wait_for()


def test_map_and_speaker_pages_draw(page, base, tmp_path):
    page.goto(f"{base}/map")
    page.locator("#chart[data-drawn]").wait_for()
    assert page.locator("#chart svg circle.place").count() > 0
    page.screenshot(path=str(tmp_path / "map.png"))
    page.goto(f"{base}/speaker/Vladimir%20Putin")
    page.locator("#chart[data-drawn]").wait_for()
    assert page.locator("li.quote").count() > 0
