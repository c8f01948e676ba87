"""Acceptance for cross-article merging on a real corpus: the AFP/Xinhua corpus stored twice
under different outlet names, plus the seed article, has as many distinct events and quotes
as the corpus stored once, and twice the mentions, articles and outlets.

The pipeline runs once over the corpus; its Analyses are then written twice with other
article ids and outlets through ``Store.write_batch`` in batches of 64, as an ingest does.
"""

from __future__ import annotations

import dataclasses

import pytest

from eventwire import Article, Store, read_articles
from eventwire.model import Analysis

from .conftest import AFP_CORPUS, SEED

pytestmark = [pytest.mark.needs_shared, pytest.mark.slow]


def _copy(analysis: Analysis, tag: str) -> Analysis:
    article = dataclasses.replace(analysis.article, id=f"{analysis.article.article_id}~{tag}",
                                  outlet=f"Outlet {tag}")
    return dataclasses.replace(analysis, article=article)


def _totals(store: Store) -> dict[str, int]:
    out = {}
    for kind in ("event", "quote"):
        row = store.query(f"SELECT count(*) AS n, coalesce(sum(n_mentions), 0) AS m, "
                          f"coalesce(sum(n_articles), 0) AS a, coalesce(sum(n_outlets), 0) AS o "
                          f"FROM {kind}_clusters")[0]
        out |= {f"{kind}s": row["n"], f"{kind}_mentions": row["m"],
                f"{kind}_articles": row["a"], f"{kind}_outlets": row["o"]}
    return out


@pytest.fixture(scope="module")
def corpus(pipeline) -> list[Analysis]:
    articles = [a for a in read_articles([AFP_CORPUS]) if isinstance(a, Article)]
    return [r for r in pipeline.pipe(articles) if isinstance(r, Analysis)]


def test_corpus_twice_under_other_outlets_doubles_mentions_not_events(pipeline, corpus):
    (seed,) = [r for r in pipeline.pipe(read_articles([SEED])) if isinstance(r, Analysis)]
    totals = []
    with Store(":memory:") as store:
        store.write_batch([seed])
        totals.append(_totals(store))
        for tag in ("A", "B"):
            copies = [_copy(a, tag) for a in corpus]
            for i in range(0, len(copies), 64):
                store.write_batch(copies[i:i + 64])
            totals.append(_totals(store))
    alone, once, twice = totals
    # every event and quote of the corpus is one mention; some of them were merged
    assert once["event_mentions"] - alone["event_mentions"] == sum(len(a.events) for a in corpus)
    assert once["quote_mentions"] - alone["quote_mentions"] == sum(len(a.quotes) for a in corpus)
    assert once["events"] < once["event_mentions"] and once["quotes"] < once["quote_mentions"]
    # the second copy adds no event and no quote, only mentions, articles and outlets
    assert (twice["events"], twice["quotes"]) == (once["events"], once["quotes"])
    for key in ("event_mentions", "event_articles", "event_outlets", "quote_mentions",
                "quote_articles", "quote_outlets"):
        assert twice[key] - once[key] == once[key] - alone[key], key
