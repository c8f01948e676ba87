"""Events: who did what to whom, coded in CAMEO.

``patterns`` maps a clause's predicate (a verb with its particle, prepositions, object and
infinitive complement, or an event noun with its modifiers) to a CAMEO event code; the
patterns are data (``kb/data/event_patterns.yaml``) compiled once into an
``EventPatterns`` object. The component that finds sources and targets and builds event
records sits on top of it.
"""

from .patterns import EventPatterns, Pattern, PatternMatch

__all__ = ["EventPatterns", "Pattern", "PatternMatch"]
