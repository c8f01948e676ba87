"""The exceptions eventwire raises. One small tree::

    EventwireError                 base of everything below
     +-- InputError                an article or input file cannot be read (carries the origin)
     +-- ConfigError               a setting is wrong (unknown model, bad batch size, ...)
     +-- PipelineError             components declared in an order that cannot run
     +-- StoreError                the database cannot be opened, migrated or queried
          +-- NotFoundError        a record asked for by id is not in the store

A bad *article* inside a batch is not raised: readers yield a ``Rejection`` and the batch
goes on. ``InputError`` is for callers that read one article and want an exception.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every eventwire error."""


class InputError(EventwireError):
    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ConfigError(EventwireError):
    pass


class PipelineError(EventwireError):
    pass


class StoreError(EventwireError):
    pass


class NotFoundError(StoreError):
    pass
