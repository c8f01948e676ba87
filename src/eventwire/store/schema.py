"""Database schema as numbered migrations; applied ones are recorded in ``schema_migrations``.

Add a migration by appending to ``MIGRATIONS``; never edit one that has shipped.
Every record table carries ``article_id`` and ``idx`` (its position in the article's
Analysis) so that the SCHEMA object can be rebuilt exactly from the rows.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial tables", """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    date DATE,
    outlet VARCHAR,
    title VARCHAR,
    url VARCHAR,
    wire_credit VARCHAR,
    dateline VARCHAR,
    origin VARCHAR,
    body VARCHAR NOT NULL,
    extractor_version VARCHAR,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    code VARCHAR,
    PRIMARY KEY (article_id, actor_id)
);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
CREATE TABLE quotes (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    speaker VARCHAR,
    speaker_actor VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue VARCHAR NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    kind VARCHAR NOT NULL,
    content VARCHAR NOT NULL,
    content_start INTEGER,
    content_end INTEGER,
    addressee VARCHAR,
    said_on VARCHAR,
    reported_by VARCHAR,
    confidence DOUBLE
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    source VARCHAR,
    source_actor VARCHAR,
    target VARCHAR,
    target_actor VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR NOT NULL,
    plover VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    date VARCHAR,
    place VARCHAR,
    reported_by VARCHAR,
    negated BOOLEAN,
    evidence_start INTEGER,
    evidence_end INTEGER,
    confidence DOUBLE
);
CREATE TABLE times (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    type VARCHAR NOT NULL,
    value VARCHAR NOT NULL
);
CREATE TABLE places (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    name VARCHAR NOT NULL,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    feature VARCHAR
);
CREATE TABLE rejected (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX times_article ON times (article_id);
CREATE INDEX places_article ON places (article_id);
"""),
    # Cross-article merging (store/merge.py) and stories (store/stories.py). Kept apart from
    # the record tables above, which stay the SCHEMA v1 rebuild source.
    (2, "event and quote clusters, stories", """
CREATE TABLE event_clusters (
    id VARCHAR PRIMARY KEY,
    block VARCHAR NOT NULL,
    source_key VARCHAR,
    target_key VARCHAR,
    source_name VARCHAR,
    source_code VARCHAR,
    source_country VARCHAR,
    target_name VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR NOT NULL,
    plover VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    negated BOOLEAN,
    date VARCHAR,
    precision VARCHAR NOT NULL,
    day DATE,
    first_day DATE,
    last_day DATE,
    place_name VARCHAR,
    place_country VARCHAR,
    place_geonameid BIGINT,
    place_feature VARCHAR,
    terms VARCHAR,
    sig_a BIGINT,
    sig_b BIGINT,
    sig_c BIGINT,
    sig_d BIGINT,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP
);
CREATE TABLE event_cluster_members (
    event_id VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    outlet VARCHAR,
    article_date DATE,
    day DATE,
    cameo VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence VARCHAR,
    ingested_at TIMESTAMP
);
CREATE TABLE quote_clusters (
    id VARCHAR PRIMARY KEY,
    block VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL,
    speaker_key VARCHAR NOT NULL,
    speaker VARCHAR,
    speaker_actor VARCHAR,
    kind VARCHAR,
    content VARCHAR NOT NULL,
    said_on VARCHAR,
    day DATE,
    first_day DATE,
    last_day DATE,
    terms VARCHAR,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP
);
CREATE TABLE quote_cluster_members (
    quote_id VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    outlet VARCHAR,
    article_date DATE,
    day DATE,
    content VARCHAR,
    content_start INTEGER,
    content_end INTEGER,
    ingested_at TIMESTAMP
);
CREATE TABLE stories (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    first_date DATE,
    last_date DATE,
    n_articles INTEGER NOT NULL,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP
);
CREATE TABLE story_articles (
    article_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL,
    date DATE,
    title VARCHAR,
    shared VARCHAR[]
);
CREATE TABLE story_keys (
    key VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,
    last_date DATE,
    n INTEGER NOT NULL,
    PRIMARY KEY (key, story_id)
);
CREATE INDEX event_clusters_block ON event_clusters (block);
CREATE INDEX event_members_cluster ON event_cluster_members (cluster_id);
CREATE INDEX event_members_article ON event_cluster_members (article_id);
CREATE INDEX quote_clusters_block ON quote_clusters (block);
CREATE INDEX quote_clusters_fingerprint ON quote_clusters (fingerprint);
CREATE INDEX quote_members_cluster ON quote_cluster_members (cluster_id);
CREATE INDEX quote_members_article ON quote_cluster_members (article_id);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_keys_key ON story_keys (key);
"""),
    # The word index of article text for the web search (store/terms.py); filled for the
    # articles already stored by terms.backfill in the same transaction.
    (3, "article word index", """
CREATE TABLE article_words (
    word VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL
);
"""),
]

#: record tables that hang off an article, in the order they are written
RECORD_TABLES = ("actors", "mentions", "quotes", "events", "times", "places")
