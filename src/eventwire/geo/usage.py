"""Is a place name used as a location, or for its government (a metonym)?

``is_location_use(span, doc)`` reads the dependency parse around the name:

- **location**: the object of a locative preposition ("in Minsk", "near the border of
  Ukraine", "across Europe"); the object of a motion preposition after a motion verb
  ("flew to Kyiv", "fled from Aleppo"); the object of a verb of entry or bombardment
  ("shelled Kharkiv", "visited Beijing"); the head of "the city of X" / "the outskirts of X"; a
  modifier of an event or place noun ("the Minsk summit", "a Gaza hospital").
- **not a location**: the subject of a verb ("Kyiv said", "Russia launched"); a possessor
  ("Russia's push"); a modifier of a person or organisation noun ("US officials", "the
  Kyiv government"); the object of most other verbs and prepositions ("deliveries to
  Kyiv", "talks with Moscow", "sanctions against Iran", "they targeted Russia").

Conjuncts and appositions take the use of the name they join ("in Minsk and Moscow"). The
helper is for the events component: an event's place is a place used as a location in the
event's clause, never a metonym.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "within", "across", "throughout", "around",
    "along", "over", "off", "on", "beyond", "nearby", "between", "among", "amid", "amidst",
    "via", "through", "onto", "under", "upon"})
MOTION_PREPS = frozenset({"to", "into", "from", "toward", "towards", "out", "back"})
MOTION_VERBS = frozenset({
    "go", "come", "travel", "fly", "arrive", "return", "move", "flee", "head", "drive", "sail",
    "march", "walk", "run", "evacuate", "deploy", "send", "relocate", "escape", "migrate",
    "cross", "enter", "withdraw", "retreat", "advance", "push", "land", "depart", "leave",
    "trip", "visit", "journey", "bring", "transfer", "ship", "airlift"})
ENTRY_VERBS = frozenset({
    "visit", "enter", "bomb", "shell", "strike", "invade", "occupy", "capture", "seize",
    "raid", "storm", "besiege", "liberate", "tour", "leave", "reach", "flood", "rock",
    "shake", "ravage", "pound", "blockade", "evacuate"})
PLACE_NOUNS = frozenset({
    "city", "town", "village", "capital", "province", "region", "state", "county",
    "district", "outskirts", "suburbs", "centre", "center", "border", "coast", "north",
    "south", "east", "west", "heart", "streets", "area", "port", "island", "part", "parts",
    "neighbourhood", "neighborhood", "downtown", "territory", "municipality", "oblast",
    "countryside", "shores", "edge", "vicinity", "interior", "mainland"})
EVENT_NOUNS = frozenset({
    "summit", "talks", "meeting", "conference", "attack", "bombing", "blast", "explosion",
    "protest", "protests", "rally", "march", "clashes", "fighting", "battle", "earthquake",
    "quake", "flood", "floods", "fire", "strike", "strikes", "airport", "hospital", "office",
    "embassy", "hotel", "port", "court", "station", "headquarters", "massacre", "siege",
    "offensive", "riots", "election", "elections", "visit", "trip", "forum", "games",
    "festival", "marathon", "crash", "shooting", "raid", "ceasefire", "accord", "agreement"})
MOTION_NOUNS = frozenset({"trip", "visit", "journey", "flight", "route", "road", "way",
                          "return", "arrival", "tour", "mission"})


def is_location_use(span: Span, doc: Doc | None = None) -> bool:
    """True when the place name ``span`` says where something is or happens."""
    doc = doc if doc is not None else span.doc
    head = span.root
    seen = 0
    while head.dep_ in ("conj", "appos", "compound") and head.head is not head and seen < 5:
        if head.dep_ == "compound" and head.head.i >= span.end:
            break  # "Minsk summit": the name modifies the noun after it
        head = head.head
        seen += 1
    return _use_of(head)


def _use_of(tok: Token) -> bool:
    dep = tok.dep_
    parent = tok.head
    if dep in ("nsubj", "nsubjpass", "csubj", "agent", "poss"):
        return False
    if dep == "pobj":
        prep = parent.lower_
        if prep in LOCATIVE_PREPS:
            return True
        governor = parent.head
        if prep in MOTION_PREPS:
            return governor.lemma_.lower() in MOTION_VERBS or \
                governor.lower_ in MOTION_NOUNS or governor.lemma_.lower() in MOTION_NOUNS
        if prep == "of":
            return governor.lower_ in PLACE_NOUNS or governor.lemma_.lower() in PLACE_NOUNS
        return False
    if dep == "dobj":
        return parent.lemma_.lower() in ENTRY_VERBS
    if dep in ("compound", "nmod", "amod"):
        noun = parent.lower_
        return noun in EVENT_NOUNS or noun in PLACE_NOUNS or parent.lemma_.lower() in EVENT_NOUNS
    return False


def is_location_span(doc: Doc, span: tuple[int, int]) -> bool:
    """``is_location_use`` for a Place's character span; False when the offsets do not
    fall on token boundaries."""
    char_span = doc.char_span(span[0], span[1], alignment_mode="expand")
    return char_span is not None and is_location_use(char_span, doc)
