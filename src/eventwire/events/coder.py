"""Event coding on the dependency parse: source, action and target, clause by clause.

For every verb (and every event noun: "the phone call", "a full-scale invasion") the
pattern matcher (``events.patterns``) proposes a CAMEO code and the token that heads the
target. The source is the verb's subject (for a noun: its possessor or the first of its
name modifiers, "the Trump-Putin call"); a pronoun subject takes the last person named, or
inside a direct quote ("we will respond") the quote's speaker. A code is kept only when at
least one side is a known actor.

Each event also gets:

- ``negated`` from a negation on the verb, or a refusal that governs it ("refused to meet");
- its **date**: the clause's own time expression; else, for "N days after <event>", the
  main clause's date minus N days; else an earlier event of the same code and actors (the
  same call reported twice); else the day the surrounding quote was spoken; else the
  article's date;
- ``reported_by``: the outlet that relays the quote the clause sits in, or the outlet that
  reports the fact in its own name ("..., Al Jazeera reported");
- ``place``: a place in the clause used as a location ("in Minsk"), never a metonym;
- the Goldstein score, quad class and PLOVER category of its code from the codebook.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..kb import KnowledgeBase
from ..mentions import MentionIndex
from ..model import Actor, Event, Place, Quote, TimeExpr
from ..quotes.spoken import speaking_days
from .mood import as_announced, by_perpetrator, mood, negated
from .patterns import FRAMES, EventPatterns, PatternMatch
from .sides import (
    actor_of,
    conflict_places,
    noun_actors,
    phrase,
    phrase_sector,
    subject,
    topic_target,
)

_OFFSET = re.compile(r"^(a|an|one|two|three|four|five|six|seven|\d+)\s+(day|week)s?$", re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7}
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Scene:
    """What the coder needs to know about one article besides its parse."""

    body: str
    day: dt.date | None
    actors: Sequence[Actor]
    quotes: Sequence[Quote]
    times: Sequence[TimeExpr]
    places: Sequence[Place]
    excluded: Sequence[tuple[int, int]] = ()


def code_events(doc: Doc, scene: Scene, kb: KnowledgeBase,
                patterns: EventPatterns) -> tuple[tuple[Event, ...], tuple[TimeExpr, ...]]:
    """The article's events, and its time expressions with those that count from an event
    ("a day after the US paused ...") set to that event's date."""
    index = MentionIndex(scene.actors)
    spoken = speaking_days(scene.quotes)
    found: dict[tuple[str, str | None, str | None, int], Event] = {}
    dated: list[Event] = []
    by_token: dict[int, Event] = {}  # the event each coded token gave
    consumed: set[int] = set()  # event nouns that are the object of a coded verb
    conflicts = conflict_places(doc, index)
    for token in doc:
        if token.i in consumed or any(s <= token.idx < e for s, e in scene.excluded):
            continue
        match = None
        noun_target = None
        if _predicate(token):
            match = patterns.match_verb(token)
            for obj in (c for c in token.children if c.dep_ in ("dobj", "obj")):
                noun = patterns.match_noun(_framed(obj))
                if noun is None:
                    continue
                if _lemma(token) in patterns.light_verbs and (
                        match is None or noun.confidence >= match.confidence):
                    # "gave a warm welcome to", "launched a mediation effort between"
                    match = PatternMatch(noun.code, noun.target or _prep_target(token),
                                         f"{_lemma(token)} + {noun.pattern}", noun.confidence)
                elif match is not None:
                    noun_target = noun.target
                else:
                    continue  # "speeded up the withdrawal": the noun is the event
                consumed.update((obj.i, _framed(obj).i))
        elif token.pos_ in ("NOUN", "PROPN"):
            match = patterns.match_noun(token)
        if match is not None and match.code == "010":
            # "Putin said NATO is using *alleged* aggressiveness ...": a criticism of NATO
            match = _criticism(token, match, patterns) or match
        if match is None and mood(token) == "demand":
            # "Russia said Sudan must return the helicopter": a demand, whatever the action
            match = PatternMatch("100", subject(token), "must/should in reported speech", 0.55)
        if match is None or _demanded(token) or _purpose_of(token, by_token) or \
                _unrealised(token):
            continue  # "demanded that Sudan end curbs": the demand is the event
        if match.theme is not None:
            consumed.add(match.theme.i)  # "agreed to a ceasefire": one event, not two
        event = _event(token, match, scene, kb, index, spoken, dated, by_token, noun_target,
                       patterns, conflicts)
        if event is None:
            continue
        by_token[token.i] = event
        key = (event.cameo, event.source_actor, event.target_actor, token.sent.start)
        if key not in found:
            found[key] = event
            dated.append(event)
    for i, event in by_token.items():  # "vowed to crack down": the threat, not a vow
        child = doc[i]
        head = by_token.get(child.head.i)
        if head is not None and child.dep_ in ("xcomp", "ccomp") and \
                head.cameo in GENERIC_INTENTS and event.cameo_root in ("03", "12", "13"):
            found = {k: v for k, v in found.items() if v is not head}
    times = tuple(_date_offset_time(t, doc, by_token) for t in scene.times)
    return tuple(sorted(found.values(), key=lambda e: e.evidence_span)), times


def _date_offset_time(time: TimeExpr, doc: Doc, by_token: dict[int, Event]) -> TimeExpr:
    """ "a day after <event>": the expression names the day of the event it counts from."""
    if "X" not in time.value:
        return time
    span = doc.char_span(time.span[0], time.span[1], alignment_mode="expand")
    if span is None:
        return time
    verb = span.root.head
    event = by_token.get(verb.i)
    if event is None or _offset_clause(verb) is None or not event.date or \
            not _FULL_DATE.match(event.date):
        return time
    return TimeExpr(text=time.text, span=time.span, type=time.type, value=event.date)


def _event(token: Token, match: PatternMatch, scene: Scene, kb: KnowledgeBase,
           index: MentionIndex, spoken: list[tuple[Quote, dt.date | None]],
           earlier: list[Event], by_token: dict[int, Event],
           noun_target: Token | None = None,
           patterns: EventPatterns | None = None,
           conflicts: Sequence[tuple[int, Actor]] = ()) -> Event | None:
    quote = _quote_at(token, spoken)
    source_token = target_token = None
    if token.pos_ in ("NOUN", "PROPN"):
        source, target = noun_actors(token, match, index)
        target_token = match.target  # "the arrest *of tycoons*"
    else:
        source_token = subject(token, scene.excluded)
        if source_token is not None and source_token.lower_ in ("it", "they", "we"):
            # "Syria said it will not accept ...", "Syria says it is willing to withdraw"
            source_token = _speaker_subject(token) or source_token
        if match.target is not None and match.target.tag_ in ("WP", "WDT"):
            match = replace(match, target=_sufferer(token))  # "journalists who were held"
        target_token = match.target or noun_target or _sufferer(token)
        patient = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if patient is not None and source_token is None and match.target is not patient and \
                actor_of(match.target, index, quote) is None:
            match = replace(match, target=patient)  # "officials are charged with fraud"
            target_token = patient
        source = actor_of(source_token, index, quote)
        target = actor_of(match.target or _sufferer(token), index, quote)
        if target is None and noun_target is not None:
            target = actor_of(noun_target, index, quote)
    if source is not None and target is not None and source.country and \
            source.country == target.country:
        target = None  # "the Russian special military operation": one side only
    if source is not None and target is not None and source.id == target.id:
        target = None
    # Sides the knowledge base does not know keep their words when they name people
    # ("police", "a suicide bomber"); things ("thick smoke") are nobody
    agents = patterns.agents if patterns is not None else frozenset()
    source_name = source.name if source else phrase(source_token, agents, kb.sectors,
                                                    scene.excluded)
    target_name = target.name if target else phrase(target_token, agents, kb.sectors,
                                                    scene.excluded)
    if not (source or target or source_name or target_name):
        return None  # nobody does anything to anybody that we can name
    if source is None and source_name is None and source_token is not None and \
            source_token.pos_ in ("NOUN", "PROPN"):
        # a thing does it: "a roadside bombing killed two soldiers" is the bombing; "the
        # virus killed six", "a bill is heading to the president" are nobody's acts
        thing = patterns.match_noun(source_token) if patterns is not None else None
        if thing is None or thing.code[:2] < "14":
            return None
        match = replace(match, code=thing.code, confidence=thing.confidence)
    if match.code == "010" and source is None:
        return None  # "police said", "his family said": attribution, not a statement event
    if source is None and source_name is None and (
            match.code[:2] in SPEECH_ACTS or match.code[:3] in SPOKEN_OR_VISITS):
        return None  # "a priest who was accused of ...", "was flown to": nobody says, goes
    if source_token is None and token.tag_ == "VB" and token.dep_ == "ROOT" and \
            not any(c.dep_ == "aux" for c in token.children):
        return None  # an imperative ("Talk to a teenager ...") reports nothing done
    code = by_perpetrator(match.code, source,
                          None if source else phrase_sector(source_token, kb.sectors),
                          target.sector if target else phrase_sector(target_token, kb.sectors))
    mood_ = mood(token) if _predicate(token) else None
    confidence = match.confidence
    is_negated = match.negated or negated(token)
    if mood_ is not None:  # "said they will release", "threatened to break relations"
        code = as_announced(code, mood_, negated=is_negated)
        confidence = max(confidence, 0.6)
    if kb.cameo.get(code) is None:
        return None
    known = (source is not None) + (target is not None)
    if code[:3] in ("042", "043") and target is None and not (
            target_token is not None and target_token.ent_type_ in ("GPE", "LOC", "FAC")):
        return None  # a visit goes to a country, a city or an organization, not "the polls"
    if target is None and target_name is None:
        target = topic_target(token, index, source, conflicts)  # "back down on Ukraine"
        target_name = target.name if target is not None else None
    sent = token.sent
    date = _date(token, scene, spoken, quote, source, target, code, earlier, by_token,
                 patterns)
    return Event(
        cameo=code, cameo_root=kb.cameo.root(code),
        plover=kb.cameo.plover(code) or "",  # PLOVER has no category for statements, appeals
        goldstein=float(kb.cameo.goldstein(code) or 0.0),
        quad_class=int(kb.cameo.quad_class(code) or 0),
        evidence_span=_trimmed(scene.body, sent.start_char, sent.end_char),
        source=source_name, source_actor=source.id if source else None,
        target=target_name, target_actor=target.id if target else None,
        date=date, place=_place(token, scene), reported_by=_reported_by(quote, index),
        negated=is_negated,
        confidence=round(confidence * (1.0, 0.7, 0.5)[2 - known], 3),
    )


#: prepositions of a light verb that name the target of its event noun
_LIGHT_TARGET_PREPS = ("to", "with", "between", "against", "on", "for", "toward", "towards")


def _sufferer(verb: Token) -> Token | None:
    """Who a passive participle happened to: "two priests *kidnapped* last week", "the
    journalists who *were abducted*": the noun the clause hangs on."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.tag_ in ("WP", "WDT")
                                    for c in verb.children):
        return verb.head
    return None


#: roots of acts done by saying: statements, appeals, demands, accusations, rejections,
#: threats need somebody who says them
SPEECH_ACTS = frozenset({"01", "02", "10", "11", "12", "13"})
#: praise, verbal defence, apology and forgiveness are said too; a visit needs a visitor
SPOKEN_OR_VISITS = frozenset({"051", "052", "055", "056", "042", "043"})
#: nouns whose clause is an act planned or tried, not done ("a plot *to blow up* the airport")
PLAN_NOUNS = frozenset({"plot", "plan", "attempt", "bid", "scheme", "conspiracy", "proposal",
                        "effort", "ability", "capability", "capacity", "right", "threat",
                        "intention", "readiness", "willingness", "decision"})
#: generic intents ("agreed", "vowed") that a coded complement makes specific
GENERIC_INTENTS = frozenset({"030", "120"})

#: verbs whose clause names what another actor is asked to do
DEMAND_HEADS = frozenset({"demand", "urge", "ask", "call", "press", "push", "insist",
                          "request", "appeal", "implore", "beg", "exhort", "pressure",
                          "pressurise", "pressurize", "order", "instruct", "tell", "remind"})


def _demanded(token: Token) -> bool:
    """An action asked of somebody ("demanded that Sudan *end* curbs", "urged Iraq to
    *cooperate*"): the demand or appeal is coded, not the action."""
    if token.dep_ not in ("ccomp", "xcomp", "acl") or token.head.i == token.i:
        return False
    head = token.head
    if head.pos_ == "NOUN":  # "reiterated its demand that Israel ease restrictions"
        return head.lemma_.lower() in DEMAND_NOUNS
    if head.lemma_.lower() not in DEMAND_HEADS:
        return False
    if token.dep_ == "xcomp":  # "urged Iraq to cooperate", not "asked to cooperate"
        return any(c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ in (
            "on", "upon")) for c in head.children)  # "calling on the US to lift ..."
    # "told AFP (that) the army lifted ...": what is told is reported, not asked for
    return head.lemma_.lower() not in ("tell", "remind") and not any(
        c.dep_ == "auxpass" for c in head.children)


#: nouns whose clause names what another actor is asked to do ("its demand that ...")
DEMAND_NOUNS = frozenset({"demand", "call", "appeal", "request", "reminder", "ultimatum",
                          "plea", "order", "insistence"})


def _unrealised(token: Token) -> bool:
    """An act that is only planned or denied: "a plot *to blow up* the airport", "there is
    *no threat* to our country"."""
    if token.dep_ == "acl" and token.head.lemma_.lower() in PLAN_NOUNS:
        return True
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no"
                                        for c in token.children)


def _purpose_of(token: Token, by_token: dict[int, Event]) -> bool:
    """The purpose of an action coded already: "blocked roads *to demand* reforms",
    "rioted, *calling* for his removal", "joined them in *demanding* a vote": the action
    is the event (CAMEO's sub-code says what for), not a second one."""
    node = token
    if node.dep_ == "pcomp" and node.head.dep_ == "prep":
        node = node.head
    elif node.dep_ not in ("advcl", "acl") or not (
            node.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to"
                                      for c in node.children)):
        return False
    head = node.head
    while head.dep_ in ("dobj", "pobj", "prep", "npadvmod") and head.head.i != head.i:
        head = head.head  # "a rally in Lagos to protest ...": the rally's verb
    return head.i in by_token or (node.head.i in by_token)


def _speaker_subject(token: Token) -> Token | None:
    """The subject of the verb of saying above a clause: "Syria says it is willing to
    withdraw": Syria."""
    node = token
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head.i != node.i:
            return subject(node.head)
        if node.head.i == node.i or node.dep_ not in ("xcomp", "acomp", "conj"):
            return None  # not "because it targeted ...": that "it" is no speaker
        node = node.head
    return None


def _criticism(verb: Token, match: PatternMatch,
               patterns: EventPatterns) -> PatternMatch | None:
    """A statement whose clause says something disparaging about another actor: 111."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        about = subject(clause)
        if about is None or about.pos_ not in ("PROPN", "NOUN"):
            continue
        words = {t.lemma_.lower() for t in clause.subtree} | {t.lower_ for t in clause.subtree}
        if words & patterns.criticism_cues:
            return PatternMatch("111", about, f"{match.pattern}: criticism of the subject",
                                0.5)
    return None


def _predicate(token: Token) -> bool:
    """A verb, or a phrasal verb the tagger took for an adverb ("will not *back* down")."""
    if token.dep_ == "amod" or (token.dep_ == "conj" and token.head.pos_ == "ADJ"):
        return False  # "a political and *negotiated* solution": a description
    return token.pos_ in ("VERB", "AUX") or (
        token.pos_ == "ADV" and any(c.dep_ == "prt" for c in token.children)
        and token.dep_ in ("ROOT", "advcl", "ccomp", "conj", "xcomp"))


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _framed(noun: Token) -> Token:
    """The action inside a frame noun ("mediation" in "a mediation mission"), else the noun."""
    if _lemma(noun) not in FRAMES:
        return noun
    inner = next((c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                  and c.pos_ in ("NOUN", "PROPN")), None)
    return inner if inner is not None else noun


def _prep_target(verb: Token) -> Token | None:
    """The object of a light verb's preposition ("gave a warm welcome *to* the president")."""
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in _LIGHT_TARGET_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                return pobj
    return None


# -- when, where, who relays ----------------------------------------------------------------------
def _date(token: Token, scene: Scene, spoken: list[tuple[Quote, dt.date | None]],
          quote: Quote | None, source: Actor | None, target: Actor | None, code: str,
          earlier: list[Event], by_token: dict[int, Event],
          patterns: EventPatterns | None = None) -> str | None:
    own = _clause_time(token, scene.times)
    if own is not None:
        return own.value
    during = _during(token, by_token, earlier, patterns)
    if during is not None:
        return during  # "During their phone call, Putin made it clear that ..."
    after = _offset_clause(token)
    if after is not None:
        head, days = after
        base = _clause_time(head, scene.times)
        base_day = _day(base.value) if base is not None else None
        if base_day is None:
            # "The phone call came a day after ...": the date of the call, coded already
            head_subject = subject(head)
            base_event = by_token.get(head_subject.i) if head_subject is not None else None
            if base_event is None and head_subject is not None and patterns is not None:
                # "The call came ...": the call coded earlier in the article
                same = patterns.match_noun(head_subject)
                word = head_subject.lower_
                base_event = next((e for e in reversed(earlier) if e.date and (
                    (same is not None and e.cameo == same.code) or word in scene.body[
                        e.evidence_span[0]:e.evidence_span[1]].lower().split())), None)
            base_day = (_day(base_event.date) if base_event else None) or \
                _quote_day(head, spoken) or scene.day
        if base_day is not None:
            return (base_day - dt.timedelta(days=days)).isoformat()
    repeated = _repeat_date_for(code, source, target, earlier)
    if repeated is not None:
        return repeated
    day = _quote_day(token, spoken)
    if day is not None:
        return day.isoformat()
    return scene.day.isoformat() if scene.day else None


def _during(token: Token, by_token: dict[int, Event], earlier: list[Event],
            patterns: EventPatterns | None) -> str | None:
    """The date of an event that frames this clause or one above it: "*during* the call"
    (coded here, or the same kind of event coded earlier in the article)."""
    node = token
    for _ in range(5):
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("during", "at", "in"):
                continue
            for pobj in prep.children:
                event = by_token.get(pobj.i)
                if event is None and patterns is not None and pobj.pos_ == "NOUN":
                    same = patterns.match_noun(pobj)
                    event = next((e for e in reversed(earlier) if same is not None
                                  and e.cameo == same.code), None)
                if event is not None and event.date and _FULL_DATE.match(event.date):
                    return event.date
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _clause_time(token: Token, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """A time expression attached to this verb (not one inside a clause below it)."""
    for t in times:
        if not (token.left_edge.idx <= t.span[0] < token.right_edge.idx + 1):
            continue
        head = token.doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
        if head is None:
            continue
        node = head.root
        while node.i != token.i and node.head.i != node.i and node.dep_ not in (
                "ccomp", "advcl", "relcl", "acl", "pcomp", "xcomp", "conj"):
            node = node.head
        if node.i == token.i and t.type in ("DATE", "TIME") and t.value[:1].isdigit() and \
                "X" not in t.value[:4]:
            return t
    return None


def _offset_clause(token: Token) -> tuple[Token, int] | None:
    """ "came a day after the US paused": (the verb 'came', 1) for the verb 'paused'."""
    mark: Token | None = None
    if token.dep_ in ("pcomp", "pobj") and token.head.lower_ in ("after", "before"):
        mark, head = token.head, token.head.head
    elif token.dep_ == "advcl":
        mark = next((c for c in token.children if c.dep_ == "mark"
                     and c.lower_ in ("after", "before")), None)
        head = token.head
    if mark is None:
        return None
    prep = mark
    amount = next((c for c in [*prep.children, *token.children] if c.dep_ == "npadvmod"),
                  None)
    if amount is None:
        return None
    text = " ".join(t.text for t in amount.subtree)
    m = _OFFSET.match(text)
    if m is None:
        return None
    n = _NUMBERS.get(m.group(1).lower()) or int(m.group(1))
    days = n * (7 if m.group(2).lower() == "week" else 1)
    return head, days if prep.lower_ == "after" else -days


def _repeat_date_for(code: str, source: Actor | None, target: Actor | None,
                     earlier: list[Event]) -> str | None:
    for event in reversed(earlier):
        if event.cameo == code and event.source_actor == (source.id if source else None) and \
                event.target_actor == (target.id if target else None) and event.date:
            return event.date
    return None


def _quote_at(token: Token, spoken: list[tuple[Quote, dt.date | None]]) -> Quote | None:
    """The quote whose words hold the token, or whose cue it is ("accused" in "Putin accused
    the West of ...": the speech act itself)."""
    return next((q for q, _ in spoken if q.content_span[0] <= token.idx < q.content_span[1]
                 or q.cue_span[0] <= token.idx < q.cue_span[1]), None)


def _quote_day(token: Token, spoken: list[tuple[Quote, dt.date | None]]) -> dt.date | None:
    quote = _quote_at(token, spoken)
    return next((day for q, day in spoken if q is quote), None) if quote else None


def _day(value: str | None) -> dt.date | None:
    if value and _FULL_DATE.match(value[:10]) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


#: dependency labels that open another clause: a place below one is that clause's business
_CLAUSES = frozenset({"ccomp", "xcomp", "relcl", "acl", "parataxis", "conj", "csubj"})


def _place(token: Token, scene: Scene) -> str | None:
    """A place where the event happened: a location use ("in Minsk") in the event's own
    clause, not in what was said ("the conflict in Ukraine" inside a statement)."""
    from ..geo import is_location_span

    left = token.left_edge.idx
    right = token.right_edge.idx + len(token.right_edge.text)
    for i, place in enumerate(scene.places):
        if not left <= place.span[0] < right:
            continue
        span = token.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is None or not _in_clause(span.root, token):
            continue
        if is_location_span(token.doc, place.span):
            return str(i)
    return None


def _in_clause(node: Token, event: Token) -> bool:
    while node.i != event.i:
        if node.dep_ in _CLAUSES or node.head.i == node.i:
            return False
        node = node.head
    return True


def _reported_by(quote: Quote | None, index: MentionIndex) -> str | None:
    if quote is None:
        return None
    if quote.reported_by:
        return quote.reported_by
    actor = index.by_id.get(quote.speaker_actor or "")
    if actor is not None and actor.sector == "MED":
        return actor.name  # the outlet states the fact in its own name
    return None


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """A sentence span without the white space and stray quotation marks at its edges."""
    edge = " \t\n\"\u201c\u201d"
    while start < end and body[start] in edge:
        start += 1
    while end > start and body[end - 1] in " \t\n":
        end -= 1
    return start, end
