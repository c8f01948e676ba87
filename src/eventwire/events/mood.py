"""The mood of a coded action: done, announced, offered, threatened or demanded.

CAMEO codes what an actor *says it will do* apart from what it does: an announced
cooperative act is an intent (03: "said it would allow the inspectors back"), an announced
hostile one a threat (13: "said it would boycott the talks", "will extend the curfew"), a
refused one a rejection (12), and "X must do Y" in reported speech a demand (10). This
module reads the mood off the parse and turns an action's code into the code of its mood.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Actor

__all__ = ["as_announced", "by_perpetrator", "mood", "negated"]

#: verbs whose infinitive complement is an intention, a threat or a refusal
INTENT_HEADS = frozenset({"plan", "intend", "prepare", "offer", "promise", "pledge", "agree",
                          "decide", "hope", "seek", "want", "aim", "propose", "expect"})
THREAT_HEADS = frozenset({"threaten", "warn"})
#: a vow is an intent to cooperate or a threat to harm, by what is vowed
VOW_HEADS = frozenset({"vow", "swear"})
READY = frozenset({"ready", "willing", "prepared", "determined", "eager"})
FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
OBLIGATION = frozenset({"must", "should"})
REFUSALS = frozenset({"refuse", "decline", "fail", "reject"})
#: a condition that makes an announced action a threat ("will withdraw unless ..."); an
#: "if" makes an offer ("would meet him if ...")
CONDITIONS = frozenset({"unless"})

#: the intention to do something of a root, by CAMEO's 03 sub-codes
_INTENT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "09": "030"}
#: finer intents by the action's own code: "will provide humanitarian aid" -> 0333
_INTENT_CODES = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331",
                 "072": "0332", "073": "0333", "074": "0334", "0841": "0353",
                 "081": "0351", "0811": "0351", "0812": "0351", "0813": "0351",
                 "0814": "0351", "085": "0354", "087": "0356", "0871": "0356",
                 "0874": "0356", "0861": "0343", "0862": "0343", "0863": "0343",
                 "045": "039", "046": "036", "040": "036", "041": "036", "042": "036",
                 "043": "036", "0831": "0341", "0832": "0343", "0842": "035"}
#: the threat to do something, by the action's code (most specific prefix first)
_THREAT = (("1621", "1311"), ("1622", "1311"), ("162", "1311"), ("163", "1312"),
           ("161", "1313"), ("164", "134"), ("165", "135"), ("166", "136"), ("16", "131"),
           ("1721", "1321"), ("1722", "1322"), ("1723", "1323"), ("1724", "1324"),
           ("172", "132"), ("17", "137"), ("14", "133"), ("191", "1381"),
           ("192", "1382"), ("18", "1383"), ("19", "1384"), ("204", "1385"), ("20", "138"))


def mood(token: Token) -> str | None:
    """ "intent" for an action announced or offered, "threat" for one threatened or made
    conditional, "demand" for one another actor must do, "refusal" for one refused; None
    for an action done."""
    head = token.head
    if token.dep_ == "xcomp" and head.i != token.i:
        lemma = head.lemma_.lower()
        if lemma in REFUSALS:
            return "refusal"  # "refused to lift the curfew"
        if lemma in THREAT_HEADS:
            return "threat"
        if lemma in INTENT_HEADS or lemma in VOW_HEADS or (head.lower_ in READY) or any(
                c.lower_ in READY for c in head.children if c.dep_ == "acomp"):
            return "intent"
    if head.lower_ in READY and token.dep_ in ("xcomp", "advcl"):
        return "intent"
    auxes = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if token.dep_ == "ccomp":
        if auxes & OBLIGATION:  # "Russia said Sudan must return ..."
            return "demand"
        if head.lemma_.lower() in THREAT_HEADS and auxes & FUTURE:
            return "threat"  # "Iran warned that it would close the strait"
    if auxes & FUTURE and _announced(token):
        conditional = any(c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
            for c in token.children)
        return "threat" if conditional else "intent"
    return None


def _announced(token: Token) -> bool:
    """A future tense that states a plan: in what someone said ("said it will"), or as the
    main verb of the sentence ("Kenya will provide ...")."""
    if token.dep_ == "ccomp":
        return True
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ROOT"


def as_announced(code: str, mood_: str, *, negated: bool = False) -> str:
    """The code of an announced action: intent (03), refusal (12), threat (13), demand (10)."""
    root = code[:2]
    if mood_ == "demand":
        return "100" if root < "10" else code
    if mood_ == "refusal":
        return _refusal(code)
    if negated and "03" <= root <= "09":
        return "120"  # "will not accept any more refugees"
    if root <= "03" or "10" <= root <= "13":
        return code  # a statement, a demand, a criticism, a refusal: said is done
    if mood_ == "threat" and root < "10":
        return "130"  # "threatened to pull out of the talks"
    if root == "15":
        return code  # "will send 30,000 more troops": a posture, announced or not
    if root >= "14":
        return _threat(code)  # "said they would boycott the talks"
    return _INTENT_CODES.get(code) or _INTENT.get(root, code)  # "vowed to send aid"


#: the refusal of an act, by the act's code (most specific prefix first): CAMEO's 12
_REFUSAL = (("038", "126"), ("045", "126"), ("037", "127"), ("057", "127"), ("04", "125"),
            ("0611", "1211"), ("062", "1212"), ("06", "121"), ("071", "1221"),
            ("072", "1222"), ("073", "1223"), ("074", "1224"), ("07", "122"),
            ("081", "1241"), ("082", "1242"), ("084", "1243"), ("085", "1244"),
            ("086", "1245"), ("087", "1246"), ("08", "124"), ("12", ""), ("13", ""),
            ("1", ""), ("2", ""))


def _refusal(code: str) -> str:
    """ "refused to lift the curfew" -> 1241; hostile acts refused keep their code (the
    negation says it)."""
    refused = next((r for prefix, r in _REFUSAL if code.startswith(prefix)), "120")
    return refused or code


def _threat(code: str) -> str:
    return next((threat for prefix, threat in _THREAT if code.startswith(prefix)), "130")


#: sectors that use conventional military force; violence by anyone else is an assault (18)
ARMED = frozenset({"MIL", "GOV", "REB", "INS", "SEP", "IMG", "UAF"})
STATE_ARMED = frozenset({"MIL", "GOV"})
_ASSAULT = {"190": "180", "193": "180", "194": "180", "192": "180", "191": "180"}
#: killing a person is an assault (18) unless a state's forces do it in combat (19)
_KILLING = frozenset({"1823"})


def by_perpetrator(code: str, source: Actor | None, sector: str | None = None,
                   target_sector: str | None = None) -> str:
    """CAMEO splits violence by who uses it: armed forces fight (19), others assault (18).
    ``sector`` is the sector of a source the knowledge base does not know ("troops");
    a killing is combat (19) when a state's forces do it or armed men kill soldiers."""
    own = source.sector if source is not None else sector
    if code in _KILLING:
        state = (own or "") in STATE_ARMED or (source is not None and source.kind == "country")
        combat = (own or "") in ARMED and target_sector == "MIL"
        return "190" if state or combat else code
    if code in _ASSAULT and (own or "") not in ARMED and (
            source is None or source.kind not in ("country", "group")):
        return _ASSAULT[code]
    return code


def negated(token: Token) -> bool:
    """A negation on the verb, or a refusal that governs it ("refused to meet")."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_.lower() in REFUSALS
