"""Reported speech: quotation marks (``marks``), the cue lexicon (``cues``), attribution on
the dependency parse (``attribute``) and speaker resolution (``speakers``). The component
that ties them together is ``components/quotes.py``."""
