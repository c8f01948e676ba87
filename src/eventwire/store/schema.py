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
]

#: record tables that hang off an article, in the order they are written
RECORD_TABLES = ("actors", "mentions", "quotes", "events", "times", "places")
