"""Attribution on the dependency parse: cue, speaker, content, addressee, date, relays.

Two passes over one article:

1. **Direct quotes.** Every quoted stretch that reads as speech (not a scare-quoted
   fragment) looks for its cue right after its closing mark (``"...," Trump said``) or
   right before its opening mark (``He said, "..."`` / ``said: "..."``). A quote with no
   cue of its own continues the previous direct quote and inherits its speaker.
2. **Indirect and mixed speech.** Every remaining cue verb with a reported clause
   (``said that ...``, ``..., Ushakov said``, ``told reporters that``), an object cue
   (``accused X of Y``) or ``according to X`` gives an attribution whose content is that
   clause. A cue inside another attribution's content is nested speech: the outer speaker
   keeps the quote, unless the outer speaker is a news outlet, which then becomes the
   inner quote's ``reported_by`` ("Putin said ..., RT reported").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase
from .marks import Quoted

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp", "parataxis")
PARTICIPLE_DEPS = ("advcl", "xcomp", "conj", "acl", "pcomp")
_STOP_AFTER = set(".!?")


class Parsed:
    """A Doc with its text and token offsets computed once (``Doc.text`` rebuilds the
    string on every access)."""

    __slots__ = ("doc", "text", "starts", "excluded")

    def __init__(self, doc: Doc, text: str | None = None,
                 excluded: tuple[tuple[int, int], ...] = ()) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.starts = [t.idx for t in doc]
        #: metadata spans (dateline, credit): never a speaker
        self.excluded = excluded

    def __getitem__(self, i: Any) -> Any:
        return self.doc[i]

    def __len__(self) -> int:
        return len(self.doc)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc)

    def char_span(self, start: int, end: int, **kwargs: Any) -> Span | None:
        return self.doc.char_span(start, end, **kwargs)

    def token_at(self, char: int) -> int | None:
        """The first token that starts at or after ``char``."""
        i = bisect.bisect_left(self.starts, char)
        return i if i < len(self.starts) else None


@dataclass
class Attribution:
    cue: list[Token]
    content: tuple[int, int]
    kind: str
    speaker: Token | None = None  # head of the speaker phrase
    speaker_span: tuple[int, int] | None = None
    addressee: Span | None = None
    date: Span | None = None
    according_to: bool = False
    continuation: bool = False
    confidence: float = 0.5
    relays: list[Attribution] = field(default_factory=list)
    reported_by: Token | None = None  # head of an outlet that relays the words


def is_direct_candidate(doc: Parsed, q: Quoted) -> bool:
    """Speech rather than a scare-quoted fragment: a few words that start a sentence or end
    with punctuation inside the marks."""
    inner = doc.text[q.inner_start:q.inner_end].strip()
    words = inner.split()
    if not words:
        return False
    first = next((c for c in inner if c.isalpha()), "")
    if first.isupper() and inner[-1] in ".,!?":  # '"I would," Melanie said.'
        return True
    before = doc.text[:q.start].rstrip()
    opens_sentence = not before or before[-1] in ".!?:,\n" or before.endswith(("said", "says"))
    return (len(words) >= 3 and first.isupper() and (opens_sentence or inner[-1] in ".,!?")) \
        or len(words) >= 12


def find_attributions(parsed: Doc, kb: KnowledgeBase, quoted: list[Quoted],
                      excluded: tuple[tuple[int, int], ...] = (), *,
                      text: str | None = None) -> list[Attribution]:
    """Every attribution in the article; ``text`` is the body (``Doc.text`` is costly)."""
    doc = Parsed(parsed, text, excluded)
    turns = transcript_turns(doc, excluded)
    taken = [t.content for t in turns]
    direct = [q for q in quoted if is_direct_candidate(doc, q)
              and not any(s <= q.inner_start < e for s, e in taken)]
    used: set[int] = {i for t in turns for i in (t.cue[0].i,)}
    results: list[Attribution] = list(turns)
    demoted: list[Quoted] = []
    for q in direct:
        att = _direct(doc, kb, q, used, results)
        if att is None:
            demoted.append(q)
        elif att.continuation and results and _interrupted(doc.text, results[-1], att):
            # '"A," said Caddell. "B."': one quote interrupted by its cue; keep one record
            # whose span covers both parts
            results[-1].content = (results[-1].content[0], att.content[1])
        else:
            results.append(att)
    inside_direct = [(q.inner_start, q.inner_end) for q in direct if q not in demoted] + taken
    candidates = []
    for token in doc:
        if token.i in used or _inside(token.idx, inside_direct) or _inside(token.idx, excluded):
            continue
        att = _indirect(doc, kb, token, quoted)
        if att is not None:
            candidates.append(att)
    results.extend(_resolve_nesting(candidates, kb))
    results.sort(key=lambda a: a.content[0])
    return results


# -- direct quotes ------------------------------------------------------------------------------
def _direct(doc: Parsed, kb: KnowledgeBase, q: Quoted, used: set[int],
            earlier: list[Attribution]) -> Attribution | None:
    if not q.closed:
        cue = _cue_inside_tail(doc, kb, q)
        if cue is not None:
            return None  # '"Putin emphasised ..., Ushakov said.': read as indirect speech
    credit = _dash_credit(doc, q)
    if credit is not None:  # '"He represents our greatest shame." -- Sonya Herridge'
        dash, name = credit
        used.add(dash.i)
        return Attribution(cue=[dash], content=_trim(doc, q.inner_start, q.inner_end,
                                                     punct=False),
                           kind="direct", speaker=name[-1],
                           speaker_span=(name.start_char, name.end_char), confidence=0.8)
    after = _cue_after(doc, kb, q, used)
    cue = after or _cue_before(doc, kb, q, used)
    content = _trim(doc, q.inner_start, q.inner_end, punct=False)
    kind = "direct"
    lead = _unquoted_lead(doc, q) if after is not None else None
    if lead is not None:  # 'With thousands of systems, "there is no single point," he said.'
        content, kind = (lead, content[1]), "mixed"
    if cue is None:
        previous = next((a for a in reversed(earlier) if a.kind == "direct"), None)
        if previous is None or _paragraph_gap(doc, previous.content[1], q.start) > 1:
            return None
        return Attribution(cue=[], content=content, kind="direct", speaker=previous.speaker,
                           speaker_span=previous.speaker_span, continuation=True,
                           confidence=0.5, reported_by=previous.reported_by)
    used.add(cue.i)
    speaker = subject_of(cue, doc.excluded)
    return Attribution(cue=cue_words(cue, kb), content=content, kind=kind,
                       speaker=speaker, speaker_span=phrase_span(speaker),
                       addressee=addressee_of(cue, kb), date=date_of(cue),
                       confidence=0.9 if speaker is not None else 0.6)


def _cue_after(doc: Parsed, kb: KnowledgeBase, q: Quoted, used: set[int]) -> Token | None:
    start = doc.token_at(q.end)
    if start is None:
        return None
    inner = doc.text[q.inner_start:q.inner_end].rstrip()
    if inner and inner[-1] in ".!?" and not doc[start].is_lower:
        return None  # the quote ended its sentence; what follows is a new one
    return _first_cue(doc[start:start + 8], kb, used)


def _cue_before(doc: Parsed, kb: KnowledgeBase, q: Quoted, used: set[int]) -> Token | None:
    end = doc.token_at(q.start)
    if end is None or end == 0:
        return None
    window = doc[max(0, end - 10):end]
    if not window or window[-1].text not in (",", ":", "\u2014", "-"):
        return None
    return _first_cue(reversed(window), kb, used)


def _first_cue(tokens: Iterable[Token], kb: KnowledgeBase, used: set[int]) -> Token | None:
    """The first unused cue verb among ``tokens``, stopping at a sentence end, another
    quotation mark or a line break."""
    for token in tokens:
        if token.text in _STOP_AFTER or token.text in ('"', "\u201c", "\u201d") or \
                "\n" in token.text:
            return None
        if token.i not in used and _is_cue_verb(token, kb):
            return token
    return None


_DASHES = frozenset({"\u2015", "\u2014", "\u2013", "-", "--"})


def _dash_credit(doc: Parsed, q: Quoted) -> tuple[Token, Span] | None:
    """A quote credited with a dash and a name right after its closing mark."""
    i = doc.token_at(q.end)
    if i is None or doc[i].text not in _DASHES or doc.text[q.end:doc[i].idx].strip():
        return None
    j = i + 1
    while j < len(doc) and doc[j].pos_ == "PROPN" and j - i <= 4:
        j += 1
    if j == i + 1:
        return None
    return doc[i], doc[i + 1:j]


def transcript_turns(doc: Parsed, excluded: tuple[tuple[int, int], ...]) -> list[Attribution]:
    """'PENCE: Gennifer Flowers will not be attending ...': a capitalised name and a colon
    opening a paragraph (or a quoted paragraph) of a transcript."""
    found = []
    for m in _TRANSCRIPT.finditer(doc.text):
        colon = m.end("name")
        start = m.end()
        end = doc.text.find("\n", start)
        end = len(doc.text) if end < 0 else end
        if _inside(m.start("name"), excluded):
            continue
        name = doc.char_span(m.start("name"), colon, alignment_mode="expand")
        colon_token = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if name is None or colon_token is None:
            continue
        content = _trim(doc, start, end, punct=False)
        content = (content[0], content[1] - (1 if doc.text[content[1] - 1] in "\"\u201d" else 0))
        if content[1] - content[0] < 3:
            continue
        found.append(Attribution(cue=[colon_token[0]], content=content, kind="direct",
                                 speaker=name[-1], speaker_span=(name.start_char, name.end_char),
                                 confidence=0.7))
    return found


_TRANSCRIPT = re.compile(r"(?m)^[ \t]*[\"\u201c]?(?P<name>[A-Z][A-Z.'\- ]{1,30}[A-Z]):[ \t]+(?=\S)")


def _unquoted_lead(doc: Parsed, q: Quoted) -> int | None:
    """Where the sentence starts when unquoted words of the same sentence lead into the
    quote; None when the quote opens its sentence."""
    i = doc.token_at(q.start)
    if i is None:
        return None
    start = doc[i].sent.start_char
    lead = doc.text[start:q.start]
    if not lead.strip() or lead.rstrip().endswith((":", ".", "?", "!")) or "\n" in lead or \
            any(m in lead for m in ('"', "\u201c", "\u201d")) or len(lead.split()) < 3:
        return None
    return start


def _cue_inside_tail(doc: Parsed, kb: KnowledgeBase, q: Quoted) -> Token | None:
    """For a quote left open at the paragraph end: a trailing ', X said.' inside it."""
    end = doc.token_at(q.inner_end - 1)
    if end is None:
        return None
    for token in reversed(doc[max(0, end - 6):end + 1]):
        subject = subject_of(token, doc.excluded) if _is_cue_verb(token, kb) else None
        if subject is not None and subject.i > 0 and doc[subject.left_edge.i - 1].text == ",":
            return token
    return None


# -- indirect speech ----------------------------------------------------------------------------
def _indirect(doc: Parsed, kb: KnowledgeBase, token: Token,
              quoted: list[Quoted]) -> Attribution | None:
    lemma = token.lemma_.lower()
    cues = kb.cues
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return _according_to(doc, token, quoted)
    if not _is_cue_verb(token, kb):
        return None
    if token.tag_ == "VBN" and token.dep_ in PARTICIPLE_DEPS and \
            not any(c.dep_ in SUBJECTS or c.dep_ == "aux" for c in token.children):
        return None  # "Asked whether ..., Trump responded": the question is not his
    content_root = next((c for c in token.children if c.dep_ in CONTENT_DEPS), None)
    if content_root is not None and content_root.i < token.i and \
            any(c.dep_ in SUBJECTS and c.i < token.i for c in token.children) and \
            content_root.dep_ == "parataxis":
        content_root = None
    if content_root is None and lemma in cues.address:
        # "told a meeting of island leaders that few people understood ...": the clause
        # hangs inside the object
        obj = next((c for c in token.children if c.dep_ in ("dobj", "dative", "obj")), None)
        if obj is not None:
            content_root = next((t for t in obj.subtree if t.dep_ in ("ccomp", "acl", "relcl")
                                 and any(c.dep_ == "mark" and c.lower_ == "that"
                                         for c in t.children)), None)
    start = end = None
    if content_root is not None:
        start, end = _subtree_chars(content_root)
    elif lemma in cues.object:
        obj = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            # "accused X of Y", "urged X to Y": the object and what follows it
            tail = [c for c in [*token.children, *obj.children] if c.i > obj.i and
                    (c.dep_ in ("xcomp", "oprd", "ccomp") or (c.dep_ == "prep" and c.lower_ in
                                                              ("of", "for", "over", "as")))]
            if tail:
                start = obj.left_edge.idx
                end = max(_subtree_chars(t)[1] for t in [obj, *tail])
    weak = False
    phrase = cue_words(token, kb)
    if start is None and content_root is None and len(phrase) > 1 and phrase[-1].dep_ == "prep":
        # "called for compensation", "called on Congress to act", "spoke of a betrayal"
        pobj = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            start, end = _subtree_chars(pobj)
            rest = [c for c in token.children if c.i > pobj.i and c.dep_ in ("xcomp", "ccomp")]
            end = max([end, *(_subtree_chars(c)[1] for c in rest)])
    if start is None and content_root is None:
        # "wants to sign up five million people", "questioned the health of the nominee"
        comp = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if comp is None and lemma not in cues.address and lemma not in cues.object:
            comp = next((c for c in token.children if c.dep_ in ("dobj", "obj") and
                         c.pos_ not in ("PRON",)), None)
        if comp is not None:
            # with what follows the object: "described Clinton as a lifetime politician"
            tail = [c for c in token.children if c.i > comp.i and
                    c.dep_ in ("prep", "oprd", "acomp", "xcomp")]
            start, end = _subtree_chars(comp)
            end = max([end, *(_subtree_chars(c)[1] for c in tail)])
            weak = True
    if start is None or end is None:
        return None
    cue = phrase
    start, end = _same_paragraph(doc.text, start, end, token.idx)
    if len(cue) > 1 and start <= cue[-1].idx < end:  # "made it clear that ...": after the cue
        start = cue[-1].idx + len(cue[-1].text)
    start, end = _trim(doc, start, end)
    if end - start < 3 or not any(c.isalpha() for c in doc.text[start:end]):
        return None
    speaker = subject_of(token, doc.excluded)
    belief = lemma in cues.belief and lemma not in cues.speech
    kind = kind_of(doc.text, start, end, quoted)
    confidence = (0.5 if belief or weak else 0.75) if speaker is not None else 0.4
    return Attribution(cue=cue, content=(start, end), kind=kind,
                       speaker=speaker, speaker_span=phrase_span(speaker),
                       addressee=addressee_of(token, kb), date=date_of(token),
                       confidence=confidence)


def _according_to(doc: Parsed, token: Token, quoted: list[Quoted]) -> Attribution | None:
    to = next(c for c in token.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = token.head if token.head.i != token.i else None
    if source is None or head is None:
        return None
    start, end = _subtree_chars(head)
    own_start, own_end = _subtree_chars(token)
    if own_start <= start:
        start = own_end
    elif own_end >= end:
        end = own_start
    start, end = _trim(doc, start, end)
    if end - start < 3:
        return None
    return Attribution(cue=[token, to], content=(start, end),
                       kind=kind_of(doc.text, start, end, quoted), speaker=source,
                       speaker_span=phrase_span(source), according_to=True, confidence=0.7)


def _resolve_nesting(candidates: list[Attribution], kb: KnowledgeBase) -> list[Attribution]:
    """Keep the outermost attribution of nested speech; an outlet that relays another
    speaker's words becomes that speaker's ``reported_by``."""
    by_size = sorted(candidates, key=lambda a: a.content[1] - a.content[0], reverse=True)
    kept: list[Attribution] = []
    for att in by_size:
        cue_at = att.cue[0].idx if att.cue else att.content[0]
        outer = next((k for k in kept if k.content[0] <= cue_at < k.content[1]), None)
        if outer is None:
            kept.append(att)
        elif is_outlet(outer.speaker, kb) and not is_outlet(att.speaker, kb):
            att.reported_by = outer.speaker
            kept[kept.index(outer)] = att
        # otherwise nested speech: the outer speaker keeps the quote
    # "According to RT, Putin said ...": the source of the sentence relays the inner cue.
    final = []
    for att in kept:
        if att.according_to and is_outlet(att.speaker, kb):
            inner = next((k for k in kept if k is not att and k.cue and
                          att.content[0] <= k.cue[0].idx < att.content[1]), None)
            if inner is not None:
                inner.reported_by = att.speaker
                continue
        final.append(att)
    return final


# -- parse helpers -------------------------------------------------------------------------------
def _is_cue_verb(token: Token, kb: KnowledgeBase) -> bool:
    if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.tag_ == "VBZ"):
        return False
    lemma = token.lemma_.lower()
    if lemma in kb.cues.phrases and not kb.cues.is_cue(lemma):
        return _phrase_follows(token, kb) is not None
    return kb.cues.is_cue(lemma)


def _phrase_follows(token: Token, kb: KnowledgeBase) -> list[Token] | None:
    doc = token.doc
    for words in kb.cues.phrases.get(token.lemma_.lower(), ()):
        following = doc[token.i + 1:token.i + 1 + len(words)]
        if [t.lower_ for t in following] == list(words):
            return [token, *following]
    return None


def cue_words(token: Token, kb: KnowledgeBase) -> list[Token]:
    return _phrase_follows(token, kb) or [token]


def subject_of(cue: Token, excluded: tuple[tuple[int, int], ...] = ()) -> Token | None:
    """The subject of the cue, or of the verb a participle cue hangs from
    ("..., asserting that" -> the subject of "continued"); never a dateline the parser took
    for a subject ("MOSCOW, July 4 (AFP) - Kremlin aide Yuri Ushakov said")."""
    node: Token | None = cue
    for _ in range(4):
        if node is None:
            return None
        subject = next((c for c in node.children if c.dep_ in SUBJECTS
                        and not _inside(c.idx, excluded)), None)
        if subject is not None:
            return subject
        if node.dep_ not in PARTICIPLE_DEPS or node.head.i == node.i:
            return None
        node = node.head
    return None


def phrase_span(head: Token | None) -> tuple[int, int] | None:
    """The noun phrase of a speaker, without trailing appositions or relative clauses."""
    if head is None:
        return None
    tokens = [head]
    for child in head.lefts:
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in ("appos", "relcl", "punct", "acl", "cc", "conj", "prep"):
            break
        tokens.extend(child.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return (start, end)


def addressee_of(cue: Token, kb: KnowledgeBase) -> Span | None:
    if cue.lemma_.lower() in kb.cues.address:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative", "obj")), None)
        if obj is not None:
            return _noun_phrase(obj)
    for node in [cue, *[c for c in cue.children if c.dep_ == "advcl"
                        and c.lemma_ in ("speak", "talk")]]:
        to = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if to is not None:
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _noun_phrase(pobj)
    return None


def date_of(cue: Token) -> Span | None:
    """A date attached to the cue: 'on Thursday said', 'On June 27, Putin said'."""
    nodes = [cue, *[c for c in cue.children if c.dep_ == "advcl"]]
    subject = subject_of(cue)
    if subject is not None and subject.i < cue.i:
        nodes.append(subject)  # "Trump on Thursday said": the parser may hang it on the name
    for node in nodes:
        for child in node.children:
            targets = [child]
            if child.dep_ == "prep" and child.lower_ in ("on", "at", "in", "during"):
                targets = [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ not in ("npadvmod", "nmod", "obl"):
                continue
            for target in targets:
                if node is subject and not subject.i < target.i < cue.i:
                    continue
                if target.ent_type_ == "DATE":
                    ent = next((e for e in cue.doc.ents
                                if e.start <= target.i < e.end and e.label_ == "DATE"), None)
                    if ent is not None:
                        return ent
    return None


def _noun_phrase(token: Token) -> Span:
    doc = token.doc
    left = min(t.i for t in token.subtree)
    right = max(t.i for t in token.subtree)
    return doc[left:right + 1]


def kind_of(text: str, start: int, end: int, quoted: list[Quoted]) -> str:
    inside = [q for q in quoted if start <= q.inner_start and q.inner_end <= end + 1]
    if not inside:
        return "indirect"
    words_outside = text[start:end]
    for q in inside:
        words_outside = words_outside.replace(text[q.start:q.end], " ")
    outside = [w for w in words_outside.split() if sum(c.isalpha() for c in w) >= 2]
    return "mixed" if outside else "direct"


def is_outlet(token: Token | None, kb: KnowledgeBase) -> bool:
    if token is None:
        return False
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            entry = kb.lookup(ent.text)
            return entry is not None and entry.media is not None
    entry = kb.lookup(token.text)
    return entry is not None and entry.media is not None


def _subtree_chars(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def _trim(doc: Parsed, start: int, end: int, *, punct: bool = True) -> tuple[int, int]:
    """Drop white space, a leading 'that' and (for indirect speech) edge punctuation."""
    text = doc.text
    strip = " \t\n" + (",;:-\u2014\u2013" if punct else "")
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    if punct and text[start:start + 5].lower() == "that ":
        start += 5
    if punct and end > start and text[end - 1] in ".":
        end -= 1
    return start, end


def _inside(char: int, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> bool:
    return any(s <= char < e for s, e in spans)


def _interrupted(text: str, previous: Attribution, current: Attribution) -> bool:
    """The current cue-less quote continues the previous one in the same paragraph, with only
    the previous quote's cue clause (or nothing) between them."""
    gap = text[previous.content[1]:current.content[0]]
    if "\n" in gap or len(gap) > 160 or len(gap.split()) > 20:
        return False
    if not gap.strip(" \"\u201c\u201d,."):
        return True
    return bool(previous.cue) and previous.content[1] <= previous.cue[0].idx < current.content[0]


def _same_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Clip [start, end) to the line that holds ``anchor`` (a parse can run across a
    headline or a paragraph break)."""
    line_start = text.rfind("\n", 0, anchor) + 1
    line_end = text.find("\n", anchor)
    line_end = len(text) if line_end < 0 else line_end
    return max(start, line_start), min(end, line_end)


def _paragraph_gap(doc: Parsed, a: int, b: int) -> int:
    """How many paragraph breaks lie between two offsets."""
    return doc.text[a:b].count("\n\n")
