"""The pipeline keeps a batch going when one article cannot be parsed."""

from __future__ import annotations

from eventwire.model import Article, Rejection


def test_a_body_over_the_model_limit_is_rejected_and_the_batch_goes_on(pipeline):
    huge = Article(body="Talks went on. " * (pipeline.nlp.max_length // 15 + 10), origin="big")
    small = Article(body="Kenya and Uganda signed a border deal.", origin="small")
    results = list(pipeline.pipe([huge, small]))
    assert isinstance(results[0], Rejection) and "over the spaCy model's limit" in \
        results[0].reason
    assert results[1].article.origin == "small"
