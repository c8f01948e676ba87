"""The word index of article text (store/terms.py) and the web search that narrows by it."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from eventwire import Store
from eventwire.model import Analysis, Article, Quote
from eventwire.store import terms
from eventwire.store.schema import MIGRATIONS
from eventwire.web import data


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian President Vladimir Putin said on Tuesday.",
     {"russian", "president", "vladimir", "putin", "said", "on", "tuesday"}),
    ("Xi's U.S. visit, the 3rd since 2019", {"xi", "s", "u", "visit", "the", "3rd", "since",
                                             "2019"}),
    ("Prime-minister Ehud Olmert met PM Abbas", {"prime", "minister", "ehud", "olmert", "met",
                                                 "pm", "abbas"}),
    ("São Paulo's MAYOR, São Paulo", {"são", "paulo", "s", "mayor"}),
    ("snake_case and e-mail", {"snake", "case", "and", "e", "mail"}),
    ("... -- !!!", set()),
    ("", set()),
    (None, set()),
])
def test_words(text, expected):
    assert terms.words(text) == expected


def test_words_are_cut_to_max_word():
    long = "a" * (terms.MAX_WORD + 10)
    assert terms.words(f"the {long}") == {"the", "a" * terms.MAX_WORD}


@pytest.mark.parametrize(("q", "expected"), [
    ("Putin", ["putin"]),
    ("prime minister", ["minister", "prime"]),
    ("minister ministers", ["ministers"]),  # "minister" begins "ministers": one range
    ("U.S.-China", ["china", "s", "u"]),
    ("?!", []),
])
def test_query_words(q, expected):
    assert terms.query_words(q) == expected


@pytest.mark.parametrize(("word", "low", "high"), [
    ("putin", "putin", "putio"),
    ("z", "z", "{"),
    ("são", "são", "sãp"),
])
def test_prefix_range(word, low, high):
    assert terms.prefix_range(word) == (low, high)
    assert low <= word + "anything" < high


def test_a_query_without_words_has_no_candidate_query():
    assert terms.candidates_sql("... !") is None
    sql, params = terms.candidates_sql("prime minister") or ("", [])
    assert sql.count("INTERSECT") == 1 and params == ["minister", "ministes", "prime", "primf"]


# -- the index in a store ---------------------------------------------------------------------
def _analysis(aid: str, body: str, *, title: str | None = None, speaker: str | None = None,
              date: str = "2024-05-02") -> Analysis:
    quotes = ()
    if speaker is not None:
        quotes = (Quote(cue="said", cue_span=(0, 0), kind="indirect", content=body,
                        content_span=(0, len(body)), speaker=speaker),)
    return Analysis(article=Article(body=body, id=aid, date=date, outlet="Example Wire",
                                    title=title), quotes=quotes)


def _words(store: Store, aid: str) -> set[str]:
    return {r["word"] for r in store.query(
        "SELECT word FROM article_words WHERE article_id = ?", [aid])}


ARTICLES = [
    _analysis("a1", "Ministers of the Gulf states met in Riyadh on Sunday.",
              title="Gulf talks", date="2024-05-01"),
    _analysis("a2", "The prime minister told parliament the budget would pass.",
              speaker="Prime Minister Mark Rutte", date="2024-05-02"),
    _analysis("a3", "Officials will administer the vaccine to 2 million people.",
              date="2024-05-03"),
    _analysis("a4", "The minister said talks with the unions had failed. Stop!",
              date="2024-05-04"),
]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.write_batch(ARTICLES)
        yield s


def test_index_is_written_on_ingest(store):
    assert _words(store, "a1") == terms.words(ARTICLES[0].article.title) | terms.words(
        ARTICLES[0].article.body)
    assert {"mark", "rutte"} <= _words(store, "a2")  # the speaker's name, not in the body
    assert store.query("SELECT count(*) AS n FROM article_words")[0]["n"] == sum(
        len(_words(store, a.article.article_id)) for a in ARTICLES)


def test_changed_article_replaces_its_words_and_unchanged_one_keeps_them(store):
    before = store.query("SELECT count(*) AS n FROM article_words")[0]["n"]
    store.write_batch([ARTICLES[0]])  # same content: nothing written
    assert store.query("SELECT count(*) AS n FROM article_words")[0]["n"] == before
    newer = dataclasses.replace(ARTICLES[0], article=dataclasses.replace(
        ARTICLES[0].article, body="Ministers of the Gulf states met in Doha on Monday."))
    store.write_batch([newer])
    words = _words(store, "a1")
    assert {"doha", "monday"} <= words
    assert not {"riyadh", "sunday"} & words


def test_words_are_removed_with_the_article(store):
    store.con.execute("BEGIN TRANSACTION")
    terms.remove(store.con, ["a1", "a3"])
    store.con.execute("COMMIT")
    assert _words(store, "a1") == _words(store, "a3") == set()
    assert "parliament" in _words(store, "a2")


def test_old_store_is_backfilled_once_when_opened_writable(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # a store made by a version with migrations 1 and 2
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                "applied_at TIMESTAMP)")
    for version, name, sql in MIGRATIONS[:2]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    for analysis in ARTICLES:
        art = analysis.article
        con.execute("INSERT INTO articles (id, content_hash, date, title, body, ingested_at) "
                    "VALUES (?, ?, CAST(? AS DATE), ?, ?, now())",
                    [art.article_id, art.content_hash, art.date, art.title, art.body])
    con.execute("INSERT INTO quotes (id, article_id, idx, speaker, cue, kind, content) "
                "VALUES ('q1', 'a2', 0, 'Prime Minister Mark Rutte', 'told', 'indirect', 'x')")
    con.close()
    with pytest.raises(Exception, match="schema version 2"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert "riyadh" in _words(store, "a1") and "rutte" in _words(store, "a2")
        rows = store.query("SELECT word FROM article_words")
        assert [r["word"] for r in rows] == sorted(r["word"] for r in rows)  # clustered
        n = len(rows)
        store.write_batch([_analysis("a5", "Talks in Cairo resumed.")])  # ingest goes on
        assert "cairo" in _words(store, "a5")
    with Store(path) as store:  # opened again: not filled twice
        assert store.query("SELECT count(*) AS n FROM article_words")[0]["n"] == n + 4


# -- the search narrowed by the index ---------------------------------------------------------
@pytest.mark.parametrize(("q", "ids"), [
    ("minister", ["a4", "a2", "a1"]),  # "Ministers" too, not "administer" (a3): a match
    ("Minister", ["a4", "a2", "a1"]),  # begins a word
    ("ministers", ["a1"]),
    ("minist", ["a4", "a2", "a1"]),  # the start of a word
    ("inister", []),  # inside a word: not found (a full scan would find a4, a3, a2, a1)
    ("prime minister", ["a2"]),
    ("minister told", ["a2"]),  # both words are in a4 too, not side by side
    ("talks", ["a4", "a1"]),  # a1 by its title
    ("Rutte", []),  # a speaker's word makes a candidate; the text test then says no
    ("2 million", ["a3"]),
    ("Stop!", ["a4"]),
    ("!", ["a4"]),  # no word: every text is looked at
    ("Cairo", []),
])
def test_search_finds_articles_by_words(store, q, ids):
    found = data.search(store, data.SearchQuery(q=q, kind="articles"))
    assert [a["id"] for a in found["articles"]] == ids


def test_search_quotes_by_speaker_through_the_index(store):
    found = data.search(store, data.SearchQuery(q="Rutte", kind="quotes"))
    assert [q["article_id"] for q in found["quotes"]] == ["a2"]


def test_search_pages_through_the_checked_candidates(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "_CHECK_FIRST", 2)  # several rounds of checks
    bodies = [f"Story {i}: the minister {'visited' if i % 3 else 'praised'} the port."
              for i in range(30)]
    with Store(tmp_path / "p.duckdb") as store:
        store.write_batch([_analysis(f"p{i:02}", b, date=f"2024-05-{i + 1:02}")
                           for i, b in enumerate(bodies)])
        want = [f"p{i:02}" for i in reversed(range(30)) if i % 3]  # newest first
        got, offset, more = [], 0, True
        while more:
            page = data.search(store, data.SearchQuery(q="minister visited", kind="articles",
                                                       limit=4, offset=offset))
            got += [a["id"] for a in page["articles"]]
            more, offset = page["more"]["articles"], offset + 4
        assert got == want
        outlet = data.search(store, data.SearchQuery(q="minister visited", outlet="Example",
                                                     kind="articles", limit=3, offset=3))
        assert [a["id"] for a in outlet["articles"]] == want[3:6]
