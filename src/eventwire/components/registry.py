"""A small component registry.

A component is a pure function ``(Context) -> dict`` that reads the parsed ``Doc``, the
``Article``, the knowledge base and what earlier components assigned, and returns new
records for the fields it declares in ``assigns``. A component may also declare fields it
``refines``: fields an earlier component assigned, which it returns in a corrected form
(the event coder dates "a day after <event>" once it has dated the event). It never
mutates its inputs and never does I/O. ``check_order`` verifies that every ``requires``
and ``refines`` is met by an earlier component.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..errors import PipelineError
from ..kb import KnowledgeBase
from ..model import Article

#: what every component can read without anyone assigning it
BASE_FIELDS = frozenset({"article", "doc", "kb"})
#: what components may assign: the fields of ``Analysis``
ANALYSIS_FIELDS = frozenset({"metadata", "actors", "quotes", "events", "times", "places"})


@dataclass(frozen=True, slots=True)
class Context:
    article: Article
    doc: Doc
    kb: KnowledgeBase
    results: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.results[name]


ComponentFunc = Callable[[Context], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    func: ComponentFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    refines: tuple[str, ...] = ()


REGISTRY: dict[str, Component] = {}


def component(name: str, *, requires: Sequence[str] = (), assigns: Sequence[str],
              refines: Sequence[str] = ()) -> Callable[[ComponentFunc], ComponentFunc]:
    """Register a component function under ``name``."""
    unknown = (set(assigns) | set(refines)) - ANALYSIS_FIELDS
    if unknown:
        raise PipelineError(f"component {name!r} assigns unknown fields {sorted(unknown)}")

    def register(func: ComponentFunc) -> ComponentFunc:
        REGISTRY[name] = Component(name, func, tuple(requires), tuple(assigns), tuple(refines))
        return func

    return register


def get_components(names: Sequence[str]) -> list[Component]:
    missing = [n for n in names if n not in REGISTRY]
    if missing:
        raise PipelineError(f"unknown components {missing}; known: {sorted(REGISTRY)}")
    components = [REGISTRY[n] for n in names]
    check_order(components)
    return components


def check_order(components: Sequence[Component]) -> None:
    available = set(BASE_FIELDS)
    for comp in components:
        missing = [r for r in (*comp.requires, *comp.refines) if r not in available]
        if missing:
            raise PipelineError(
                f"component {comp.name!r} requires {missing}, which no earlier component assigns")
        clash = [a for a in comp.assigns if a in available and a not in BASE_FIELDS]
        if clash:
            raise PipelineError(f"component {comp.name!r} assigns {clash} a second time")
        available.update(comp.assigns)
