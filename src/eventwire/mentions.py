"""Which actor a stretch of the body names: actor mentions indexed by offset, shared by the
components that attach words to actors (quotes, events)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .kb import KnowledgeBase
from .model import Actor


class MentionIndex:
    """Which actor a character offset belongs to (mentions sorted by start)."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        rows = sorted(((s, e, a) for a in actors for s, e in a.mentions),
                      key=lambda row: (row[0], row[1], row[2].id))
        self.starts = [s for s, _, _ in rows]
        self.rows = rows
        self.by_id = {a.id: a for a in actors}

    def at(self, start: int, end: int) -> list[Actor]:
        """Actors with a mention overlapping [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        while i > 0 and self.rows[i - 1][1] > start:
            i -= 1
        found = []
        while i < len(self.rows) and self.rows[i][0] < end:
            s, e, actor = self.rows[i]
            if e > start:
                found.append(actor)
            i += 1
        return found

    def by_name(self, name: str, kb: KnowledgeBase) -> Actor | None:
        """The article's person actor that is this known person."""
        for actor in self.by_id.values():
            if actor.kind == "person" and (actor.name == name or (
                    (known := kb.person(actor.name)) is not None and known.name == name)):
                return actor
        return None

    def last_person_before(self, offset: int) -> Actor | None:
        i = bisect.bisect_left(self.starts, offset)
        while i > 0:
            i -= 1
            actor = self.rows[i][2]
            if actor.kind == "person":
                return actor
        return None
