"""Who acts and who is acted upon: the source and target of a coded predicate.

The source of a verb is its subject (in a passive, the agent: "was attacked by rebels");
the source of an event noun is its possessor or first name modifier ("the Trump-Putin
call"). A side is the actor the knowledge base resolved for that phrase; a phrase it does
not know keeps its words when they name people ("police", "a suicide bomber"), never when
they name things ("thick smoke", "the virus"). A place is where something happens, not who
does it: a city the knowledge base does not know as a seat of government is no side.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from spacy.tokens import Doc, Token

from ..mentions import MentionIndex
from ..model import Actor, Quote
from .patterns import PatternMatch, counted

__all__ = ["actor_of", "conflict_places", "noun_actors", "phrase", "phrase_sector", "subject",
           "topic_target"]

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
SPEAKER_PRONOUNS = frozenset({"i", "we", "me", "us"})
#: passives that describe their subject's own stance: "Vietnam is committed to ..."
STATAL_PASSIVES = frozenset({"commit", "engage", "involve", "prepare", "determine", "poise",
                             "set", "resolve", "dedicate", "devote", "oblige", "force"})
#: entity labels that name people, organizations or countries
AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: dependents that hang a clause off a noun: what is inside is not the noun's own name
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def subject(token: Token, excluded: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The token heading who does what ``token`` says, climbing infinitives and
    conjuncts; None for a passive without an agent ("he was shot")."""
    node: Token | None = token
    for _ in range(4):
        if node is None:
            return None
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        if agent is not None:  # passive: "was attacked by rebels": the rebels act
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if any(c.dep_ == "nsubjpass" for c in node.children) and \
                node.lemma_.lower() not in STATAL_PASSIVES:
            return None  # "he was shot": he suffered it; who acted is not said
        found = next((c for c in node.children if c.dep_ in SUBJECTS and not any(
            s <= c.idx < e for s, e in excluded)), None)  # "GUATEMALA CITY -- Gunmen ..."
        if found is not None:
            return found
        if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acomp") or \
                node.head.i == node.i:
            return None
        node = node.head
    return None


def actor_of(token: Token | None, index: MentionIndex, quote: Quote | None) -> Actor | None:
    """The actor a noun phrase names: its head's mention, else one in the phrase's own
    words (not in a clause hanging off it: "a bill that would name a Virginia post office"
    is not Virginia). Places that are not actors are no side."""
    if token is None:
        return None
    lower = token.lower_
    if token.pos_ == "PRON":  # "US" is a country, "us" a pronoun
        if lower in SPEAKER_PRONOUNS and quote is not None and quote.speaker_actor:
            return index.by_id.get(quote.speaker_actor)
        if lower in PERSON_PRONOUNS:
            return index.last_person_before(token.idx)
        return None
    own = index.at(token.idx, token.idx + len(token.text))
    if own:
        return _side(own[0])
    for left, right in _own_ranges(token):
        inside = [a for a in index.at(left, right) if _side(a) is not None]
        if inside:
            return inside[0]
    return None


def _side(actor: Actor) -> Actor | None:
    return None if actor.kind == "other" else actor


def _own_ranges(token: Token) -> list[tuple[int, int]]:
    """Character ranges of the phrase headed by ``token`` without its clauses."""
    words = sorted(_own_words(token), key=lambda t: t.i)
    ranges: list[tuple[int, int]] = []
    for word in words:
        end = word.idx + len(word.text)
        if ranges and ranges[-1][1] + 1 >= word.idx:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((word.idx, end))
    return ranges


def _own_words(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSE_DEPS:
            out.extend(_own_words(child))
    return out


def noun_actors(token: Token, match: PatternMatch,
                index: MentionIndex) -> tuple[Actor | None, Actor | None]:
    """ "his phone call with Putin", "the Trump-Putin call", "Russia's invasion of Ukraine"."""
    source = target = None
    for child in token.lefts:
        actors = [a for a in index.at(child.left_edge.idx,
                                      child.right_edge.idx + len(child.right_edge.text))
                  if _side(a) is not None]
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in PERSON_PRONOUNS:
            actors = [a for a in [index.last_person_before(child.idx)] if a]
        for actor in actors:
            if source is None:
                source = actor
            elif target is None and actor.id != source.id:
                target = actor
    if match.target is not None:
        target = actor_of(match.target, index, None) or target
    return source, target


def phrase(token: Token | None, agents: Collection[str], sectors: Mapping[str, str],
           excluded: Sequence[tuple[int, int]] = ()) -> str | None:
    """The words of a side the knowledge base does not know, when they name people or a
    group ("police", "a suicide bomber", "Government forces"); None for things."""
    if token is None:
        return None
    token = counted(token)  # "thousands of protesters" name people, "clouds of smoke" don't
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in _NOT_NAMES:
        return None
    if any(s <= token.idx < e for s, e in excluded):
        return None  # a dateline is not an actor
    if not _names_agent(token, agents, sectors):
        return None
    words = [t for t in token.subtree if t.i <= token.i or (
        t.head.i == token.i and t.dep_ in ("compound", "amod"))]
    words = [t for t in words if t.dep_ not in ("det", "poss", "punct")
             and not (t.is_punct or t.text in ("'", "'s"))] or [token]
    text = " ".join(t.text for t in words[-5:])
    return text or None


def _names_agent(token: Token, agents: Collection[str], sectors: Mapping[str, str]) -> bool:
    lemma = token.lemma_.lower()
    if lemma in agents or token.lower_ in agents or token.lower_ in sectors or \
            f"{lemma}s" in sectors or lemma in sectors:
        return True  # "gunmen", "villagers", "troops"
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return False  # a city the knowledge base does not know as a seat of power
    return token.ent_type_ in AGENT_LABELS or (token.pos_ == "PROPN" and not token.ent_type_)


def phrase_sector(token: Token | None, sectors: Mapping[str, str]) -> str | None:
    """The CAMEO sector a side's head noun names ("troops" -> MIL), if any."""
    if token is None:
        return None
    lemma = token.lemma_.lower()
    return sectors.get(token.lower_) or sectors.get(f"{lemma}s") or sectors.get(lemma)


#: nouns naming a conflict; "the conflict" means the last one the article placed somewhere
CONFLICTS = frozenset({"war", "conflict", "crisis", "fighting", "invasion", "occupation",
                       "offensive", "hostility", "standoff", "dispute"})
#: prepositions that never lead to what an event is about
_NOT_TOPIC = frozenset({"by", "since", "until", "during", "after", "before", "at"})


def conflict_places(doc: Doc, index: MentionIndex) -> list[tuple[int, Actor]]:
    """(character offset, actor) of each conflict the article places ("the war in Ukraine",
    "the Ukraine conflict", "Russia's invasion of Ukraine": the last country named)."""
    out = []
    for token in doc:
        if token.lemma_.lower() not in CONFLICTS:
            continue
        inside = [a for left, right in _own_ranges(token) for a in index.at(left, right)
                  if a.kind in ("country", "group") and a.country]
        if inside:
            out.append((token.idx, inside[-1]))
    return out


def topic_target(verb: Token, index: MentionIndex, source: Actor | None,
                 conflicts: Sequence[tuple[int, Actor]] = ()) -> Actor | None:
    """What an event without an object is about: the first actor named in the verb's
    prepositional phrases ("will not back down *on its goals in Ukraine*"); a conflict named
    without its place is the last conflict the article placed ("a solution to *the
    conflict*")."""
    queue = [c for c in verb.children if c.dep_ in ("prep", "dobj", "obj", "xcomp")
             and c.lower_ not in _NOT_TOPIC]
    while queue:
        node = queue.pop(0)
        if node.dep_ in ("relcl", "ccomp", "advcl", "nsubj", "nsubjpass"):
            continue
        own = [a for a in index.at(node.idx, node.idx + len(node.text)) if _side(a)]
        for actor in own:
            if source is None or (actor.id != source.id and actor.country != source.country):
                return actor
        if node.lemma_.lower() in CONFLICTS and node.pos_ == "NOUN":
            placed = [a for at, a in conflicts if at < node.idx]
            if placed and (source is None or placed[-1].country != source.country):
                return placed[-1]
        queue.extend(c for c in node.children if c.lower_ not in _NOT_TOPIC)
    return None
