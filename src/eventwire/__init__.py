"""eventwire: dated news articles in, a source-attributed database out.

The data flow, one module each::

    readers.read_articles(paths)  ->  Article | Rejection        (I/O edge: files in)
    Pipeline.pipe(articles)       ->  Analysis | Rejection       (spaCy + components)
    Store.write(analyses)         ->  DuckDB rows                (I/O edge: database)
    Store queries / exports       ->  tables, JSON Lines, CSV, Parquet

``Analysis.to_dict()`` is the SCHEMA v1 output (docs/SCHEMA.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import queries
from .api import extract, extract_articles, ingest, open_store
from .config import DEFAULT_DB, DEFAULT_MODEL, PipelineConfig, ReadConfig
from .errors import (
                     ConfigError,
                     EventwireError,
                     InputError,
                     NotFoundError,
                     PipelineError,
                     StoreError,
)
from .frames import Database, open
from .kb import KnowledgeBase
from .model import (
                     SCHEMA_VERSION,
                     Actor,
                     Analysis,
                     Article,
                     Event,
                     Metadata,
                     Place,
                     Quote,
                     Rejection,
                     TimeExpr,
)
from .pipeline import Pipeline
from .readers import read_articles
from .store import IngestSummary, Store

__version__ = "0.2.0"

#: the sample wire stories that ship with eventwire (written for the demo and the tests)
SAMPLES = Path(__file__).parent / "samples"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "DEFAULT_DB", "DEFAULT_MODEL", "SAMPLES", "SCHEMA_VERSION",
    "Actor", "Analysis", "Article", "Event", "Metadata", "Place", "Quote", "Rejection",
    "TimeExpr",
    "ConfigError", "EventwireError", "InputError", "NotFoundError", "PipelineError",
    "StoreError",
    "IngestSummary", "KnowledgeBase", "Pipeline", "PipelineConfig", "ReadConfig", "Store",
    "extract", "extract_articles", "ingest", "open_store", "queries", "read_articles",
    "Database", "open",
]
