"""The time words (``kb/data/time_words.yaml``), loaded once into a frozen ``TimeLexicon``.

The lexicon is knowledge, so it lives in a data file; this module turns it into lookup
tables and the regular-expression alternations that ``normalize`` and ``find`` compile once
per lexicon (never per article or per expression).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SECTIONS = ("months", "weekdays", "numbers", "ordinals", "units", "adverbs_set", "seasons",
             "parts_of_day", "clock_words", "references", "holidays")


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Lookup tables for time words; every key is lower case."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    units: Mapping[str, str]
    adverbs_set: Mapping[str, str]
    seasons: Mapping[str, str]
    parts_of_day: Mapping[str, str]
    clock_words: Mapping[str, str]
    references: Mapping[str, str]
    holidays: Mapping[str, str]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], origin: str = "<mapping>") -> TimeLexicon:
        missing = [s for s in _SECTIONS if not isinstance(data.get(s), Mapping)]
        if missing:
            raise ConfigError(f"{origin}: time lexicon lacks sections {missing}")
        tables = {s: {str(k).lower(): v for k, v in data[s].items()} for s in _SECTIONS}
        return cls(**tables)

    @classmethod
    def load(cls, path: str | Path | None = None) -> TimeLexicon:
        """Read a lexicon file (default: the one shipped in ``kb/data``)."""
        if path is None:
            text = (resources.files("eventwire.kb") / "data" / "time_words.yaml").read_text(
                encoding="utf-8")
            origin = "time_words.yaml"
        else:
            text = Path(path).read_text(encoding="utf-8")
            origin = str(path)
        data = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (safe loader)
        if not isinstance(data, Mapping):
            raise ConfigError(f"{origin}: not a mapping")
        return cls.from_mapping(data, origin)

    # -- alternations for regular expressions -------------------------------------------
    def alternation(self, section: str) -> str:
        """``(?:word1|word2|...)`` over one section's keys, longest first."""
        return alternation(getattr(self, section))

    def number_value(self, word: str) -> int | None:
        """"two" -> 2, "24" -> 24, "twenty-four" / "twenty four" -> 24; else None."""
        word = word.strip()
        if word.isdigit():
            return int(word)
        total = 0
        for part in re.split(r"[\s-]+", word):
            if part == "and":
                continue
            value = self.numbers.get(part)
            if value is None:
                return None
            if value == 100:
                total = max(total, 1) * 100
            else:
                total += value
        return total if word else None


def alternation(words: Iterable[str]) -> str:
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len,
                     reverse=True)
    return "(?:" + "|".join(escaped) + ")"


@functools.cache
def default_lexicon() -> TimeLexicon:
    """The shipped lexicon, loaded once per process."""
    return TimeLexicon.load()
