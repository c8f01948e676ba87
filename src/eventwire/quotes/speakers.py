"""Speaker resolution: from the words the cue attaches to, to a canonical actor.

- A name ("Trump", "Kremlin aide Yuri Ushakov"): the actor whose mention covers the head.
- A pronoun ("he continued"): the previous quote's speaker when that is a person, else the
  nearest person named before it.
- A descriptor ("the Russian President", "the minister"): a person of the article with that
  country (and title, through the office holders the knowledge base knows on the article's
  date), else the description itself, with the country actor when the text gives one.
- An unnamed source ("officials", "a source", "the ministry"): the description as written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Token

from ..kb import KnowledgeBase
from ..mentions import MentionIndex
from ..model import Actor

PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it", "we", "i"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    actor: str | None
    span: tuple[int, int] | None


def resolve_speaker(head: Token | None, span: tuple[int, int] | None, index: MentionIndex,
                    previous: Speaker | None, kb: KnowledgeBase, body: str,
                    day: dt.date | None = None) -> Speaker:
    if head is None or span is None:
        return Speaker(None, None, None)
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        # "Iran, which had argued that ...": the words stay, the name is the antecedent's
        antecedent = head.head.head
        found = resolve_speaker(antecedent, (antecedent.idx, antecedent.idx +
                                             len(antecedent.text)),
                                index, previous, kb, body, day)
        return Speaker(found.name, found.actor, span)
    text = body[span[0]:span[1]]
    lower = head.lower_
    if lower in PRONOUNS and span[1] - span[0] == len(head.text):
        if lower in PERSON_PRONOUNS:
            if previous is not None and previous.actor and \
                    index.by_id[previous.actor].kind == "person":
                return Speaker(previous.name, previous.actor, span)
            person = index.last_person_before(span[0])
            if person is not None:
                return Speaker(person.name, person.id, span)
        elif previous is not None and previous.name:
            return Speaker(previous.name, previous.actor, span)
        return Speaker(None, None, span)
    own = index.at(head.idx, head.idx + len(head.text))
    if own:
        actor = own[0]
        if "/" in actor.id:  # "Egyptian officials": an unnamed source keeps its words
            return Speaker(text, actor.id, span)
        return Speaker(actor.name, actor.id, span)
    inside = index.at(*span)
    for appos in (c for c in head.children if c.dep_ == "appos"):  # "the envoy Jan Novak"
        inside += index.at(appos.left_edge.idx, appos.right_edge.idx + len(appos.right_edge))
    persons = [a for a in inside if a.kind == "person"]
    if persons:
        return Speaker(persons[-1].name, persons[-1].id, span)
    organizations = [a for a in inside if a.kind != "country"]
    is_title = kb.title_sector(lower)[0]
    countries = [a for a in inside if a.kind == "country"]
    if is_title and countries and countries[0].country:
        words = [w.lower().strip(".,") for w in text.split()]
        office_holder = kb.people.holder(countries[0].country, words, day)
        if office_holder is not None:  # "the Russian President" on the article's day
            known = index.by_name(office_holder.name, kb)
            return Speaker(office_holder.name, known.id if known else None, span)
        holder = _person_of_country(index, countries[0].country, span[0])
        if holder is not None:
            return Speaker(holder.name, holder.id, span)
    if organizations and not is_title:
        return Speaker(organizations[0].name, organizations[0].id, span)
    description = _description(text, kb) if head.pos_ == "PROPN" else text
    actors = countries or organizations
    return Speaker(description, actors[0].id if actors else None, span)


def _person_of_country(index: MentionIndex, country: str | None, before: int) -> Actor | None:
    """The most mentioned person of that country named before the descriptor."""
    if country is None:
        return None
    counts: dict[str, int] = {}
    for s, _, actor in index.rows:
        if s < before and actor.kind == "person" and actor.country == country:
            counts[actor.id] = counts.get(actor.id, 0) + 1
    if not counts:
        return None
    return index.by_id[max(counts, key=lambda k: counts[k])]


def _description(text: str, kb: KnowledgeBase) -> str:
    """A name the NER missed, without the titles before it ("Mayor Ana Costa")."""
    words = text.split()
    while len(words) > 1 and (words[0].lower() in ("the", "a", "an") or
                              kb.title_sector(words[0].lower())[0]):
        words = words[1:]
    return " ".join(words) or text
