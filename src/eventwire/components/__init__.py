"""Extraction components. Importing this package registers every built-in component."""

from . import actors, events, metadata, places, quotes, times  # noqa: F401  (registers on import)
from .registry import REGISTRY, Component, Context, check_order, component, get_components

#: the built-in components, in the order they run
DEFAULT_COMPONENTS: tuple[str, ...] = ("metadata", "actors", "places", "quotes", "times", "events")

__all__ = ["DEFAULT_COMPONENTS", "REGISTRY", "Component", "Context", "check_order",
           "component", "get_components"]
