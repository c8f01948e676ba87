"""Analysis.to_dict is SCHEMA v1 and reads back with from_dict."""

from __future__ import annotations

import json

from hypothesis import given, settings

from eventwire.model import SCHEMA_VERSION, Analysis, Article

from .strategies import analyses

SCHEMA_KEYS = {
    "article": {"id", "date", "outlet", "title", "url", "wire_credit"},
    "actors": {"id", "name", "kind", "country", "sector", "code", "mentions"},
    "quotes": {"speaker", "speaker_actor", "speaker_span", "cue", "cue_span", "kind", "content",
               "content_span", "addressee", "said_on", "reported_by", "confidence"},
    "events": {"source", "source_actor", "target", "target_actor", "cameo", "cameo_root",
               "plover", "goldstein", "quad_class", "date", "place", "reported_by", "negated",
               "evidence_span", "confidence"},
    "times": {"text", "span", "type", "value"},
    "places": {"text", "span", "name", "country", "lat", "lon", "geonameid", "feature"},
}


@settings(max_examples=150, deadline=None)
@given(analyses())
def test_to_dict_round_trip(analysis):
    d = json.loads(json.dumps(analysis.to_dict()))
    again = Analysis.from_dict(d, analysis.article.body)
    assert again.to_dict() == analysis.to_dict()


@settings(max_examples=60, deadline=None)
@given(analyses())
def test_to_dict_has_exactly_the_schema_fields(analysis):
    d = analysis.to_dict()
    assert d["schema"] == SCHEMA_VERSION
    assert set(d) == {"schema", *SCHEMA_KEYS}
    assert set(d["article"]) == SCHEMA_KEYS["article"]
    for kind in ("actors", "quotes", "events", "times", "places"):
        for record in d[kind]:
            assert set(record) == SCHEMA_KEYS[kind], kind


def test_article_id_is_given_id_else_stable_body_hash():
    assert Article(body="Text.", id="afp-1").article_id == "afp-1"
    a, b = Article(body="Same text."), Article(body="Same text.", origin="elsewhere.txt")
    assert a.article_id == b.article_id
    assert a.article_id != Article(body="Other text.").article_id


def test_content_hash_changes_with_date_and_body():
    base = Article(body="Text.", date="2024-01-01")
    assert base.content_hash == Article(body="Text.", date="2024-01-01", origin="x").content_hash
    assert base.content_hash != Article(body="Text.", date="2024-01-02").content_hash
    assert base.content_hash != Article(body="Text!", date="2024-01-01").content_hash
