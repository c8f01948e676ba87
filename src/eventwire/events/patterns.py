"""CAMEO event patterns: a predicate (verb or event noun) and its dependents -> an event code.

The patterns are data (``kb/data/event_patterns.yaml``, whose header documents the fields),
compiled once by ``EventPatterns.from_data`` into a dict from lemma to that lemma's
patterns, most specific first. Matching a token reads only its own dependents::

    patterns = EventPatterns.load()
    match = patterns.match_verb(token)       # "imposed" in "The EU imposed sanctions on Iran."
    match.code, match.target                 # ("163", Iran)

A verb's pattern may ask for a particle (``back down``), a preposition (``met with``), an
object lemma (``impose sanctions``; the object is the direct object, the subject of a
passive, the object of the required preposition or the object of the required infinitive)
with modifiers (``military aid``), or an infinitive complement (``threatened to invade``).
The pattern meeting the most of those conditions wins; ties go to the one listed first.
An event noun's pattern may ask for a modifier (``phone call``) and a preposition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from ..errors import ConfigError

__all__ = ["EventPatterns", "Pattern", "PatternMatch", "counted", "is_cameo_code"]

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{1,2}$|^(0[1-9]|1[0-9]|20)$")

#: dependents that carry a preposition (``agent``: "by" of a passive; ``dative``: "to" or
#: an indirect object)
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_OBJECT_DEPS = ("dobj", "nsubjpass")
#: object heads that only count what follows ("took *dozens* of hostages"): the object of
#: their "of" stands for them
_QUANTIFIERS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                          "million", "millions", "score", "scores", "number", "group",
                          "batch", "handful", "couple", "ten", "tens", "some", "several",
                          "many", "all", "most", "few", "more", "lot", "tonne", "tonnes",
                          "ton", "tons", "kg", "kilogram", "kilograms", "worth", "load",
                          "loads", "truckload", "truckloads", "consignment", "shipment",
                          "barrel", "barrels", "litre", "litres", "liter", "liters",
                          "package", "round", "part", "portion", "amount", "quantity"})
#: nouns that frame an action named by their modifier: "a mediation *effort*"
FRAMES = frozenset({"effort", "mission", "bid", "initiative", "process", "drive", "campaign",
                    "programme", "program", "attempt", "move", "plan", "operation", "scheme",
                    "project", "package"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "advmod"})
#: a pobj with one of these entity labels is never a target ("met on Tuesday")
_NOT_TARGET = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY",
                         "QUANTITY"})
#: prepositions searched for the target when a verb pattern names its object (the object is
#: then the action, "imposed sanctions on X", not the target) and for every noun pattern
VERB_TARGET_PREPS = ("on", "against", "to", "with", "into", "at", "toward", "towards", "upon")
NOUN_TARGET_PREPS = ("on", "against", "of", "with", "to", "into", "at", "toward", "towards",
                     "upon")
_FIELDS = {
    "verb": frozenset({"lemma", "code", "particle", "prep", "object", "modifier", "xcomp",
                       "to", "object_target", "negated_code", "confidence", "note"}),
    "noun": frozenset({"lemma", "code", "prep", "modifier", "to", "negated_code",
                       "confidence", "note"}),
}


def is_cameo_code(code: str) -> bool:
    """Two to four digits whose first two (the root) are 01-20."""
    return bool(_CODE.match(code))


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """What a pattern made of a predicate: the CAMEO code, the token heading the target
    (the object of the matched preposition, else the direct object, else None), a readable
    description of the pattern and its confidence. ``negated`` says the verb had a
    negation; when the pattern names a ``negated_code`` that code is already applied."""

    code: str
    target: Token | None
    pattern: str
    confidence: float
    negated: bool = False
    #: the object a verb pattern asked for ("sanctions" in "imposed sanctions on Iran"):
    #: part of this event, not an event of its own
    theme: Token | None = None


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled pattern; the sets hold lower-cased lemmas."""

    kind: str  # "verb" | "noun"
    lemma: str
    code: str
    particle: str | None = None
    prep: tuple[str, ...] = ()
    object: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    to: tuple[str, ...] = ()
    object_target: bool = False
    negated_code: str | None = None
    confidence: float = 0.8
    order: int = 0

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.particle, self.prep, self.object, self.modifier,
                                     self.xcomp))

    def describe(self) -> str:
        parts = [f"{self.kind} {self.lemma}"]
        if self.particle:
            parts.append(self.particle)
        if self.xcomp:
            parts.append("to " + "|".join(sorted(self.xcomp)))
        if self.prep:
            parts.append("|".join(self.prep))
        if self.modifier:
            parts.append("(" + "|".join(sorted(self.modifier)) + ")")
        if self.object:
            parts.append("+" + "|".join(sorted(self.object)))
        return " ".join(parts) + f" -> {self.code}"


class _Context:
    """A predicate's dependents, gathered once per token and shared by its patterns."""

    __slots__ = ("token", "particles", "preps", "objects", "xcomps", "negated")

    def __init__(self, token: Token) -> None:
        self.token = token
        children = list(token.children)
        self.particles = {c.lower_ for c in children if c.dep_ == "prt"}
        self.objects = [counted(c) for dep in _OBJECT_DEPS for c in children
                        if c.dep_ == dep]
        # "suspended part of a military aid *program*", "ended mediation *efforts*": the
        # action a frame noun names counts as an object too
        self.objects += [inner for o in self.objects if _lemma(o) in FRAMES
                         for inner in o.children
                         if inner.dep_ in ("compound", "nmod") and inner.pos_ == "NOUN"]
        self.xcomps = [c for c in children if c.dep_ == "xcomp"]
        for clause in children:  # "allowed the students to sit": students, to sit
            if clause.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to"
                                              for a in clause.children):
                self.xcomps.append(clause)
                self.objects.extend(c for c in clause.children if c.dep_ == "nsubj")
        self.negated = any(c.dep_ == "neg" for c in children)
        # preposition -> its object: the predicate's own first, then its object's
        # ("imposed sanctions on Iran" attaches "on" to either), then its infinitive's
        self.preps: dict[str, Token | None] = {}
        for head in (token, *self.objects, *self.xcomps):
            for child in head.children:
                if child.dep_ not in _PREP_DEPS:
                    continue
                if child.pos_ == "ADP":
                    self.preps.setdefault(child.lower_, _prep_object(child))
                elif child.dep_ == "dative" and head is token:  # "sent Ukraine weapons"
                    self.preps.setdefault("to", child)


def counted(token: Token) -> Token:
    """What a quantity noun counts ("dozens of hostages" -> hostages), else the token."""
    if token.lower_ in _QUANTIFIERS or token.like_num:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = _prep_object(child)
                if pobj is not None:
                    return pobj
    return token


def _prep_object(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            return child
    for child in prep.children:
        if child.dep_ == "pcomp":  # "accused X of plotting ..."
            return child
    for child in prep.children:
        if child.dep_ == "prep":  # "pulled out of Niger", "because of"
            return _prep_object(child)
    return None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _has_word(token: Token, words: frozenset[str]) -> bool:
    return _lemma(token) in words or token.lower_ in words


def _has_modifier(token: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ in _MODIFIER_DEPS and _has_word(c, words) for c in token.children)


def _usable_target(token: Token | None) -> bool:
    return token is not None and token.ent_type_ not in _NOT_TARGET


class EventPatterns:
    """Verb and noun patterns by lemma, each lemma's patterns most specific first."""

    __slots__ = ("verbs", "nouns", "aliases", "agents", "light_verbs", "criticism_cues")

    def __init__(self, verbs: Mapping[str, tuple[Pattern, ...]] | None = None,
                 nouns: Mapping[str, tuple[Pattern, ...]] | None = None,
                 aliases: Mapping[str, str] | None = None,
                 agents: frozenset[str] = frozenset(),
                 light_verbs: frozenset[str] = frozenset(),
                 criticism_cues: frozenset[str] = frozenset()) -> None:
        self.verbs: Mapping[str, tuple[Pattern, ...]] = verbs or {}
        self.nouns: Mapping[str, tuple[Pattern, ...]] = nouns or {}
        #: lemmas the model gets wrong -> the lemma to look up ("stag" -> "stage")
        self.aliases: Mapping[str, str] = aliases or {}
        #: nouns that name people or groups, which may act when the knowledge base does not
        #: know them ("gunmen", "villagers")
        self.agents = agents
        #: verbs that take their meaning from an event noun object ("gave a warm welcome")
        self.light_verbs = light_verbs
        #: words that make a statement about another actor a criticism ("alleged")
        self.criticism_cues = criticism_cues

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def from_data(cls, mapping: Mapping[str, Any]) -> EventPatterns:
        """Compile the parsed YAML (``{"verbs": [...], "nouns": [...], "aliases": {...}}``)."""
        if not isinstance(mapping, Mapping):
            raise ConfigError("event patterns: expected a mapping with 'verbs' and 'nouns'")
        tables = {}
        for key, kind in (("verbs", "verb"), ("nouns", "noun")):
            entries = mapping.get(key) or []
            if not isinstance(entries, list):
                raise ConfigError(f"event patterns: '{key}' must be a list")
            tables[kind] = _index(_compile(kind, i, e) for i, entry in enumerate(entries)
                                  for e in _expand(kind, i, entry))
        aliases = mapping.get("aliases") or {}
        if not isinstance(aliases, Mapping):
            raise ConfigError("event patterns: 'aliases' must map a lemma to a lemma")
        words = {}
        for key in ("agents", "light_verbs", "criticism_cues"):
            value = mapping.get(key) or []
            if not isinstance(value, list):
                raise ConfigError(f"event patterns: '{key}' must be a list of words")
            words[key] = frozenset(str(w).lower() for w in value)
        return cls(tables["verb"], tables["noun"],
                   {str(k).lower(): str(v).lower() for k, v in aliases.items()},
                   words["agents"], words["light_verbs"], words["criticism_cues"])

    @classmethod
    def load(cls) -> EventPatterns:
        """The patterns packaged in ``eventwire/kb/data/event_patterns.yaml``."""
        resource = resources.files("eventwire.kb").joinpath("data", "event_patterns.yaml")
        try:
            data = yaml.load(resource.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
        except yaml.YAMLError as exc:
            raise ConfigError(f"event_patterns.yaml: not valid YAML ({exc})") from None
        return cls.from_data(data)

    def merged(self, other: EventPatterns) -> EventPatterns:
        """These patterns plus ``other``'s; for equal specificity ``other`` wins."""
        def merge(a: Mapping[str, tuple[Pattern, ...]],
                  b: Mapping[str, tuple[Pattern, ...]]) -> dict[str, tuple[Pattern, ...]]:
            out = dict(a)
            for lemma, patterns in b.items():
                out[lemma] = tuple(sorted((*patterns, *a.get(lemma, ())),
                                          key=lambda p: -p.specificity))
            return out
        return EventPatterns(merge(self.verbs, other.verbs), merge(self.nouns, other.nouns),
                             {**self.aliases, **other.aliases}, self.agents | other.agents,
                             self.light_verbs | other.light_verbs,
                             self.criticism_cues | other.criticism_cues)

    # -- matching ------------------------------------------------------------------------
    def match_verb(self, token: Token) -> PatternMatch | None:
        """The most specific verb pattern that fits ``token`` and its dependents."""
        patterns = self._lookup(self.verbs, token)
        if not patterns:
            return None
        context = _Context(token)
        for pattern in patterns:
            found = _match_verb(pattern, context)
            if found is not None:
                return found
        return None

    def match_noun(self, token: Token) -> PatternMatch | None:
        """The most specific noun pattern that fits the event noun ``token`` ("invasion",
        "phone call", "hunger strike")."""
        patterns = self._lookup(self.nouns, token)
        if not patterns:
            return None
        preps = {c.lower_: _prep_object(c) for c in token.children if c.dep_ == "prep"}
        for pattern in patterns:
            if pattern.modifier and not _has_modifier(token, pattern.modifier):
                continue
            hit = next((p for p in pattern.prep if p in preps), None)
            if pattern.prep and hit is None:
                continue
            target = preps.get(hit) if hit is not None else None
            if not _usable_target(target):
                target = next((t for p in pattern.to if _usable_target(t := preps.get(p))),
                              None)
            return PatternMatch(pattern.code, target, pattern.describe(), pattern.confidence)
        return None

    def _lookup(self, table: Mapping[str, tuple[Pattern, ...]],
                token: Token) -> tuple[Pattern, ...]:
        lemma = _lemma(token)
        return (table.get(self.aliases.get(lemma, lemma)) or table.get(token.lower_) or ())

    def codes(self) -> set[str]:
        """Every code any pattern can give."""
        return {c for table in (self.verbs, self.nouns) for patterns in table.values()
                for p in patterns for c in (p.code, p.negated_code) if c}

    def __len__(self) -> int:
        return sum(len(v) for table in (self.verbs, self.nouns) for v in table.values())


def _match_verb(pattern: Pattern, ctx: _Context) -> PatternMatch | None:
    if pattern.particle is not None and pattern.particle not in ctx.particles:
        return None
    xcomp = None
    if pattern.xcomp:
        xcomp = next((x for x in ctx.xcomps if _has_word(x, pattern.xcomp)), None)
        if xcomp is None:
            return None
    prep = None
    if pattern.prep:
        prep = next((p for p in pattern.prep if p in ctx.preps), None)
        if prep is None:
            return None
    pobj = ctx.preps.get(prep) if prep is not None else None
    theme = None
    if pattern.object:
        candidates = [*ctx.objects, *([pobj] if pobj is not None else []),
                      *(c for c in (xcomp.children if xcomp is not None else ())
                        if c.dep_ in _OBJECT_DEPS)]
        theme = next((c for c in candidates if _has_word(c, pattern.object)
                      and (not pattern.modifier or _has_modifier(c, pattern.modifier))),
                     None)
        if theme is None:
            return None
    elif pattern.modifier and not any(_has_modifier(c, pattern.modifier)
                                      for c in ctx.objects):
        return None  # modifiers without an object constrain the predicate's object
    description = pattern.describe()
    code = pattern.code
    if ctx.negated and pattern.negated_code:
        code = pattern.negated_code
        description += f" (negated: {code})"
    return PatternMatch(code, _target(pattern, ctx, pobj, theme, xcomp), description,
                        pattern.confidence, ctx.negated,
                        None if pattern.object_target else theme)


def _target(pattern: Pattern, ctx: _Context, pobj: Token | None, theme: Token | None,
            xcomp: Token | None) -> Token | None:
    if theme is not None and pattern.object_target:
        return theme
    if pobj is not None and pobj is not theme and _usable_target(pobj):
        return pobj
    for prep in pattern.to:
        candidate = ctx.preps.get(prep)
        if candidate is not theme and _usable_target(candidate):
            return candidate
    if theme is None:
        objects = ctx.objects or [c for c in (xcomp.children if xcomp is not None else ())
                                  if c.dep_ in _OBJECT_DEPS]
        return next((o for o in objects if _usable_target(o)), None)
    return next((o for o in ctx.objects if o is not theme and _usable_target(o)), None)


# -- compiling ------------------------------------------------------------------------------
def _words(value: Any, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{field}' must be a word or a list of words")
    return tuple(dict.fromkeys(v.strip().lower() for v in value if v.strip()))


def _expand(kind: str, order: int, entry: Any) -> Iterable[dict[str, Any]]:
    """One entry per lemma (``lemma: [criticise, criticize]`` lists spellings)."""
    where = f"event patterns: {kind} #{order + 1}"
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where}: expected a mapping")
    unknown = set(entry) - _FIELDS[kind]
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {sorted(unknown)}")
    lemmas = _words(entry.get("lemma"), "lemma", where)
    if not lemmas:
        raise ConfigError(f"{where}: no lemma")
    for lemma in lemmas:
        yield {**entry, "lemma": lemma}


def _compile(kind: str, order: int, entry: Mapping[str, Any]) -> Pattern:
    where = f"event patterns: {kind} {entry['lemma']!r}"
    code = entry.get("code")
    negated = entry.get("negated_code")
    if not isinstance(code, str) or not is_cameo_code(code):
        raise ConfigError(f"{where}: code {code!r} is not a CAMEO event code (quote it in YAML)")
    if negated is not None and not (isinstance(negated, str) and is_cameo_code(negated)):
        raise ConfigError(f"{where}: negated_code {negated!r} is not a CAMEO event code")
    particle = _words(entry.get("particle"), "particle", where)
    prep = _words(entry.get("prep"), "prep", where)
    obj = frozenset(_words(entry.get("object"), "object", where))
    xcomp = frozenset(_words(entry.get("xcomp"), "xcomp", where))
    modifier = frozenset(_words(entry.get("modifier"), "modifier", where))
    to = _words(entry.get("to"), "to", where)
    if "to" not in entry:  # an explicit empty list means: no target preposition
        to = NOUN_TARGET_PREPS if kind == "noun" else \
            VERB_TARGET_PREPS if (obj or xcomp) else ()
    specific = bool(particle or prep or obj or xcomp or modifier)
    confidence = entry.get("confidence", 0.9 if specific else 0.8)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise ConfigError(f"{where}: confidence must be a number in (0, 1]")
    return Pattern(kind=kind, lemma=str(entry["lemma"]), code=code,
                   particle=particle[0] if particle else None, prep=prep, object=obj,
                   modifier=modifier, xcomp=xcomp, to=to,
                   object_target=bool(entry.get("object_target", False)),
                   negated_code=negated,
                   confidence=float(confidence), order=order)


def _index(patterns: Iterable[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    by_lemma: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        by_lemma.setdefault(pattern.lemma, []).append(pattern)
    return {lemma: tuple(sorted(ps, key=lambda p: (-p.specificity, p.order)))
            for lemma, ps in by_lemma.items()}
