"""Office holders: who held which office when (data: ``kb/data/people.yaml``).

``People.holder(country, words, day)`` answers descriptors such as "the Russian President"
on 2025-07-04 (Vladimir Putin) or "the US President" in 2016 (Barack Obama).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "spokesperson", "deputy_head", "leader", "igo_head", "other")


@dataclass(frozen=True, slots=True)
class Office:
    title: str
    role: str
    country: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()

    def offices_on(self, day: dt.date | None) -> list[Office]:
        if day is None:
            return []
        return [o for o in self.offices if o.held_on(day)]


@dataclass
class People:
    persons: list[Person] = field(default_factory=list)
    by_office: dict[tuple[str, str], list[tuple[Office, Person]]] = field(default_factory=dict)

    def add(self, records: Iterable[dict[str, Any]]) -> list[Person]:
        added = []
        for rec in records:
            offices = tuple(Office(title=str(o["title"]), role=str(o["role"]),
                                   country=str(o["country"]), start=_date(o.get("start")),
                                   end=_date(o.get("end")))
                            for o in rec.get("offices") or [])
            person = Person(name=str(rec["name"]), country=rec.get("country"),
                            aliases=tuple(str(a) for a in rec.get("aliases") or []),
                            offices=offices)
            self.persons.append(person)
            for office in offices:
                self.by_office.setdefault((office.country, office.role), []).append(
                    (office, person))
            added.append(person)
        return added

    def holder(self, country: str, words: Sequence[str], day: dt.date | None) -> Person | None:
        """The one person holding the office the descriptor words name, on that day."""
        if day is None:
            return None
        role, title_word = descriptor_role(words)
        if role is None:
            return None
        found = {person.name: person for office, person in self.by_office.get((country, role), [])
                 if office.held_on(day) and not office.title.lower().startswith("acting")
                 and (title_word is None or title_word in office.title.lower())}
        return next(iter(found.values())) if len(found) == 1 else None


def descriptor_role(words: Sequence[str]) -> tuple[str | None, str | None]:
    """Lower-case descriptor words -> (role, a word the title must contain)."""
    w = set(words)
    if "vice" in w or "deputy" in w or "former" in w or "ex" in w:
        return None, None
    if w & {"foreign", "diplomat"} and w & {"minister", "secretary", "diplomat"}:
        return "foreign_minister", None
    if "secretary" in w and "state" in w:
        return "foreign_minister", None
    if w & {"defence", "defense"} and w & {"minister", "secretary", "chief"}:
        return "defence_minister", None
    if w & {"premier", "chancellor"} or {"prime", "minister"} <= w:
        return "head_of_government", None
    if w & {"president", "king", "queen", "emir", "monarch"}:
        return "head_of_state", None
    if "leader" in w:
        return "head_of_state", None
    return None, None


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
