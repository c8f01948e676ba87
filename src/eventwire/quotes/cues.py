"""The cue lexicon: which words introduce reported speech, and how (data: kb/data/cues.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str] = frozenset()
    belief: frozenset[str] = frozenset()
    report: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    address: frozenset[str] = frozenset()
    #: head lemma -> the word sequences that must follow it ("according" -> [["to"]])
    phrases: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CueLexicon:
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for head, rest in data.get("phrases") or []:
            phrases.setdefault(str(head), []).append(tuple(str(w) for w in rest))
        return cls(**{k: frozenset(str(w).lower() for w in data.get(k) or [])
                      for k in ("speech", "belief", "report", "object", "address")},
                   phrases={k: tuple(v) for k, v in phrases.items()})

    def is_cue(self, lemma: str) -> bool:
        return lemma in self.speech or lemma in self.belief

    def merged(self, other: CueLexicon) -> CueLexicon:
        phrases = {**self.phrases}
        for head, seqs in other.phrases.items():
            phrases[head] = tuple(dict.fromkeys((*phrases.get(head, ()), *seqs)))
        return CueLexicon(self.speech | other.speech, self.belief | other.belief,
                          self.report | other.report, self.object | other.object,
                          self.address | other.address, phrases)
