"""The CAMEO event codebook: names, Goldstein scores, quad classes and PLOVER categories.

Data: ``kb/data/cameo.yaml`` (its header documents every field and where the facts come
from). ``CameoCodebook`` answers questions about a code; a code the book does not list but
that looks like a CAMEO code ("1214", "0571") falls back to its nearest listed parent
(its first three digits, then its root), so a finer sub-code never loses its score::

    book = CameoCodebook.from_records(records)
    book.goldstein("190")   # -10.0
    book.plover("1712")     # "ASSAULT" (code-level map wins over the root's COERCE)
    book.quad_class("14")   # 3 (verbal conflict)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["QUAD_CLASSES", "CameoCode", "CameoCodebook", "quad_class_of_root"]

#: GDELT/CAMEO QuadClass numbers and their names
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation",
                3: "verbal conflict", 4: "material conflict"}

_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")


def quad_class_of_root(root: str) -> int:
    """QuadClass by CAMEO root: 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and what it maps to."""

    code: str  # "0211"
    root: str  # "02"
    name: str
    goldstein: float
    quad_class: int
    plover: str | None  # None for CAMEO 01 and 02, which PLOVER drops
    plover_mode: str | None = None
    plover_context: tuple[str, ...] = ()

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> CameoCode:
        code = str(rec["code"])
        if not _CODE.match(code):
            raise ValueError(f"not a CAMEO event code: {code!r}")
        root = str(rec.get("root") or code[:2])
        if root != code[:2]:
            raise ValueError(f"code {code} has root {root}")
        goldstein = float(rec["goldstein"])
        if not -10.0 <= goldstein <= 10.0:
            raise ValueError(f"code {code}: Goldstein score {goldstein} is outside [-10, 10]")
        quad = int(rec.get("quad_class") or quad_class_of_root(root))
        plover = rec.get("plover")
        return cls(code=code, root=root, name=str(rec["name"]), goldstein=goldstein,
                   quad_class=quad, plover=str(plover) if plover else None,
                   plover_mode=rec.get("plover_mode") or None,
                   plover_context=tuple(str(c) for c in rec.get("plover_context") or ()))


@dataclass(frozen=True)
class CameoCodebook:
    """CAMEO event codes by code string; lookups fall back to the nearest listed parent."""

    codes: Mapping[str, CameoCode] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> CameoCodebook:
        return cls().merged(records)

    def merged(self, records: Iterable[Mapping[str, Any]]) -> CameoCodebook:
        """A new codebook with these records added (a record replaces the same code)."""
        codes = dict(self.codes)
        for rec in records:
            entry = CameoCode.from_record(rec)
            codes[entry.code] = entry
        return CameoCodebook(codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def is_code(self, code: str) -> bool:
        """Whether the codebook lists exactly this code."""
        return code in self.codes

    def get(self, code: str) -> CameoCode | None:
        """The entry for a code, else for its nearest listed parent, else None."""
        code = str(code).strip()
        if not _CODE.match(code):
            return None
        for prefix in (code, code[:3], code[:2]):
            entry = self.codes.get(prefix)
            if entry is not None:
                return entry
        return None

    def _entry(self, code: str) -> CameoCode:
        entry = self.get(code)
        if entry is None:
            raise KeyError(f"unknown CAMEO event code: {code!r}")
        return entry

    def root(self, code: str) -> str:
        return self._entry(code).root

    def name(self, code: str) -> str:
        return self._entry(code).name

    def goldstein(self, code: str) -> float:
        return self._entry(code).goldstein

    def quad_class(self, code: str) -> int:
        return self._entry(code).quad_class

    def plover(self, code: str) -> str | None:
        return self._entry(code).plover

    def roots(self) -> list[str]:
        return sorted({c.root for c in self.codes.values()})
