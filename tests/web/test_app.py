"""Every page and its JSON twin over a store of the sample stories (real pipeline)."""

from __future__ import annotations

import pytest

from eventwire.web.data import MAX_LIMIT

from ..conftest import SEED

PAGES = ["/", "/search?q=Russia", "/network", "/map", "/dyad/USA/RUS", "/dyad/RUS/UKR?by=week"]


def _twin(url: str) -> str:
    path, _, query = url.partition("?")
    path = "/index" if path == "/" else path
    return path + ".json" + (f"?{query}" if query else "")


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_json_twin(client, url):
    html = client.get(url)
    assert html.status_code == 200, html.text[:300]
    assert html.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in html.headers
    twin = client.get(_twin(url))
    assert twin.status_code == 200
    by_accept = client.get(url, headers={"Accept": "application/json"})
    assert by_accept.status_code == 200
    assert twin.json() == by_accept.json()


def test_article_and_speaker_pages_from_a_quote(client):
    quotes = client.get("/search.json?q=said&kind=quotes").json()["quotes"]
    assert quotes, "the samples have quotes"
    quote = next(q for q in quotes if q["speaker"])
    page = client.get(f"/article/{quote['article_id']}?quote={quote['id']}")
    assert page.status_code == 200
    assert f'id="quote-{quote["id"]}"' in page.text
    assert "hl hl-content selected" in page.text
    record = client.get(f"/article/{quote['article_id']}.json").json()
    assert set(record) == {"article", "actors", "quotes", "events", "times", "places"}
    body = record["article"]["body"]
    for q in record["quotes"]:  # spans point into the body
        assert body[q["content_start"]:q["content_end"]] == q["content"]
    speaker = client.get(f"/speaker/{quote['speaker']}.json").json()
    assert speaker["count"] >= 1
    assert all(q["content"] for q in speaker["quotes"])
    assert client.get(f"/speaker/{quote['speaker']}").status_code == 200


@pytest.mark.needs_shared
def test_search_for_putin_finds_the_seed_quotes(client):
    assert SEED.exists()
    result = client.get("/search.json?q=Putin").json()
    speakers = {q["speaker"] for q in result["quotes"]}
    assert "Vladimir Putin" in speakers
    assert any("not back down" in q["content"] for q in result["quotes"])
    by_speaker = client.get("/search.json?speaker=putin&kind=quotes").json()
    assert by_speaker["quotes"] and all("putin" in q["speaker"].lower()
                                        for q in by_speaker["quotes"])
    assert "articles" not in by_speaker and "events" not in by_speaker


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/article/no-such-article.json", 404, "no article"),
        ("/speaker/Nobody%20At%20All.json", 404, "no quotes"),
        ("/nowhere.json", 404, "Not Found"),
        ("/search.json?q=x&from=2025-13-45", 400, "from"),
        ("/search.json?q=x&to=yesterday", 400, "to"),
        ("/search.json?q=x&limit=ten", 400, "limit"),
        ("/search.json?q=x&kind=tables", 400, "kind"),
        ("/dyad/USA/RUS.json?by=year", 400, "by"),
        ("/dyad/US%27--/RUS.json", 400, "actor codes"),
        ("/network.json?code=1%3B%20DROP", 400, "code"),
        ("/map.json?actor=%3Cscript%3E", 400, "actor"),
    ],
)
def test_one_error_shape(client, url, status, says):
    response = client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"status", "message"}
    assert error["status"] == status and says in error["message"]
    html = client.get(url.replace(".json", ""), headers={"Accept": "text/html"})
    if url.startswith("/nowhere"):
        return
    assert html.status_code == status and "text/html" in html.headers["content-type"]


def test_page_sizes_are_capped(client):
    result = client.get("/search.json?q=e&limit=100000").json()
    assert result["query"]["limit"] == MAX_LIMIT
    assert all(len(result[k]) <= MAX_LIMIT for k in ("articles", "quotes", "events"))
    paged = client.get("/search.json?q=e&limit=2&offset=1&kind=quotes").json()
    first = client.get("/search.json?q=e&limit=3&kind=quotes").json()
    assert paged["quotes"] == first["quotes"][1:3]


@pytest.mark.parametrize("hostile", ["' OR 1=1 --", "%", "_", "\\", "'); DROP TABLE articles; --"])
def test_search_text_is_matched_literally(client, hostile):
    result = client.get("/search.json", params={"q": hostile}).json()
    for kind in ("articles", "quotes", "events"):
        assert result[kind] == [] or all(hostile.lower() in str(r).lower()
                                         for r in result[kind]), kind
    assert client.get("/index.json").json()["counts"]["articles"] >= 14


def test_network_and_map_filters(client):
    everything = client.get("/network.json").json()
    assert everything["nodes"] and everything["edges"]
    ids = {n["id"] for n in everything["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in everything["edges"])
    conflict = client.get("/network.json?code=19").json()
    assert sum(e["events"] for e in conflict["edges"]) < sum(e["events"]
                                                            for e in everything["edges"])
    assert all(e["q1"] == e["q2"] == 0 for e in conflict["edges"])  # 19 is material conflict
    future = client.get("/network.json?from=2099-01-01").json()
    assert future["nodes"] == [] and future["edges"] == []
    points = client.get("/map.json").json()["points"]
    assert points and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)
    assert "countries" not in client.get("/map.json").json()


def test_dyad_series_matches_its_events(client):
    result = client.get("/dyad/RUS/UKR.json?by=month").json()
    assert result["count"] == sum(result["totals"].values())
    assert result["count"] >= len(result["events"]) > 0
    for event in result["events"]:
        codes = (event["source_code"] or "", event["target_code"] or "")
        assert any(c.startswith("RUS") for c in codes) or event["source_code"] is None


@pytest.mark.parametrize(("a", "b", "by"), [("RUS", "UKR", "day"), ("RUS", "UKR", "week"),
                                            ("USA", "RUS", "month"), ("CHN", "USA", "week")])
def test_dyad_curve_is_the_cli_dyad_series(web_db, a, b, by):
    from eventwire import Store
    from eventwire.queries import dyad_series
    from eventwire.web import data

    with Store(web_db, read_only=True) as store:
        curve = data.dyad(store, a, b, by=by)["series"]
        reference = dyad_series(store, a, b, by=by).to_dict(orient="records")
    assert curve == reference


def test_serve_refuses_a_missing_database(tmp_path, capsys):
    from eventwire.cli import run

    assert run(["serve", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "none.duckdb: no such database" in capsys.readouterr().err
