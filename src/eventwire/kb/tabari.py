"""TABARI/PETRARCH actor and agent dictionaries, read into an eventwire knowledge layer.

The format (as in the Phoenix dictionaries)::

    # a comment; text after '#' on any line is a comment too
    NORLAND_  [NRL]                     primary name (underscores join words) with a code
    +NORLANDIA_                         an alias of the entry above
    JANE_QUILL_  # notes
    +J._QUILL_
        [NRLGOV 030101-080731]          a dated code: YYMMDD or YYYYMMDD, both ends inclusive
        [NRLOPP >20090120]              valid from that day on
        [NRLELI <20090120]              valid before that day
        [NRLELI]                        the default code, used when no dated code applies

Agents files hold ``WORD_PHRASE [~GOV]`` lines, with ``{PLURAL}`` (``{}``: no plural),
automatic regular plurals otherwise, and ``!MARK! = A, B`` substitution sets used as
``CATTLE!MARK! [~AGR]``. Two-digit years 00-30 are 20YY, others 19YY (as TABARI does).

``read_tabari`` never raises on a line it cannot use: it counts it in ``skipped`` with a
reason. ``write_layer`` writes the YAML layer that ``KnowledgeBase.add_file`` loads::

    tabari_source: NAME
    tabari_actors:
      - {name: JANE QUILL, aliases: [J. QUILL], codes: [{code: NRLGOV, start: 2003-01-01,
         end: 2008-07-31}, {code: NRLELI}]}
    tabari_agents: {police: COP, ...}          # word or phrase -> agent code without '~'
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..errors import ConfigError

log = logging.getLogger(__name__)

__all__ = ["ImportSummary", "TabariActor", "TabariCode", "TabariLayer", "import_tabari",
           "layer_from_data", "read_tabari", "write_layer"]

_BRACKET = re.compile(r"\[([^\]]*)\]")
_MARKER_DEF = re.compile(r"^!([^!]+)!\s*=\s*(.+)$")
_MARKER_USE = re.compile(r"!([^!\s]+)!")
_AGENT_CODE = re.compile(r"\[\s*~")


@dataclass(frozen=True, slots=True)
class TabariCode:
    """A code with the days it is valid on (both ends inclusive; None = open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code}
        if self.start is not None:
            d["start"] = self.start
        if self.end is not None:
            d["end"] = self.end
        return d


@dataclass(frozen=True, slots=True)
class TabariActor:
    name: str  # "JANE QUILL": underscores read as spaces
    aliases: tuple[str, ...] = ()
    codes: tuple[TabariCode, ...] = ()

    def code_on(self, day: dt.date | None) -> str | None:
        """The first dated code valid on the day, else the default (undated) code."""
        if day is not None:
            for c in self.codes:
                if c.dated and c.valid_on(day):
                    return c.code
        return next((c.code for c in self.codes if not c.dated), None)


@dataclass
class TabariLayer:
    source: str
    actors: list[TabariActor] = field(default_factory=list)
    agents: dict[str, str] = field(default_factory=dict)  # lower-case phrase -> code
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)

    def counts(self) -> dict[str, int]:
        return {"actors": len(self.actors),
                "aliases": sum(len(a.aliases) for a in self.actors),
                "dated_codes": sum(1 for a in self.actors for c in a.codes if c.dated),
                "agents": len(self.agents),
                "skipped_lines": len(self.skipped)}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    source: Path
    output: Path
    actors: int
    aliases: int
    dated_codes: int
    agents: int
    skipped_lines: int

    def line(self) -> str:
        return (f"{self.actors} actors, {self.aliases} aliases, {self.dated_codes} dated codes, "
                f"{self.agents} agents, {self.skipped_lines} skipped lines")


# -- reading ------------------------------------------------------------------------------------
def read_tabari(text: str, name: str = "<text>", *, kind: str | None = None) -> TabariLayer:
    """Parse an actors or an agents dictionary. ``kind`` ("actors" or "agents") is
    recognised when not given: a file with ``[~CODE]`` codes is an agents file."""
    if kind is None:
        kind = "agents" if _AGENT_CODE.search(text) else "actors"
    if kind not in ("actors", "agents"):
        raise ValueError(f"kind must be 'actors' or 'agents', not {kind!r}")
    reader = _Reader(TabariLayer(source=name), agents=kind == "agents")
    for number, raw in enumerate(text.splitlines(), start=1):
        if "---STOP---" in raw:
            break
        reader.line(number, raw)
    reader.flush()
    return reader.layer


class _Reader:
    def __init__(self, layer: TabariLayer, *, agents: bool) -> None:
        self.layer = layer
        self.agents = agents
        self.name: str | None = None
        self.aliases: list[str] = []
        self.codes: list[TabariCode] = []
        self.markers: dict[str, list[str]] = {}

    def skip(self, number: int, reason: str) -> None:
        self.layer.skipped.append((number, reason))

    def flush(self) -> None:
        if self.name is not None:
            self.layer.actors.append(TabariActor(self.name, tuple(self.aliases),
                                                 tuple(self.codes)))
        self.name, self.aliases, self.codes = None, [], []

    def line(self, number: int, raw: str) -> None:
        body = raw.split("#", 1)[0].rstrip()
        if not body.strip():
            return
        stripped = body.strip()
        if (m := _MARKER_DEF.match(stripped)) is not None:
            self.markers[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            return
        if self.agents:
            self.agent(number, stripped)
            return
        brackets = _BRACKET.findall(stripped)
        if stripped.startswith("["):  # code line of the current actor
            if self.name is None:
                self.skip(number, "code line outside an actor entry")
                return
            self.add_codes(number, brackets, stripped)
            return
        if stripped.startswith("+"):
            alias = _phrase(stripped[1:].split("[", 1)[0])
            if self.name is None:
                self.skip(number, "alias line outside an actor entry")
            elif not alias:
                self.skip(number, "empty alias")
            else:
                self.aliases.append(alias)
                if brackets:
                    self.add_codes(number, brackets, stripped)
            return
        if raw[:1].isspace():
            self.skip(number, "indented line without a code")
            return
        name = _phrase(stripped.split("[", 1)[0])
        if not name or "]" in name:
            self.skip(number, "no name before the code")
            return
        self.flush()
        self.name = name
        if brackets:
            self.add_codes(number, brackets, stripped)

    def add_codes(self, number: int, brackets: list[str], line: str) -> None:
        if line.count("[") != line.count("]"):
            self.skip(number, "unbalanced brackets")
            return
        for inside in brackets:
            try:
                self.codes.append(_parse_code(inside))
            except ValueError as exc:
                self.skip(number, str(exc))
                return

    def agent(self, number: int, line: str) -> None:
        head, _, rest = line.partition("[")
        code = rest.split("]", 1)[0].strip().lstrip("~").strip()
        if not rest:
            self.skip(number, "agent without a code")
            return
        if not code:
            self.skip(number, "agent without a code")
            return
        plural: str | None = None
        if "{" in head:
            if "}" not in head:
                self.skip(number, "missing '}'")
                return
            plural = head[head.index("{") + 1:head.index("}")].strip()
            head = head[:head.index("{")]
        phrase = head.strip()
        forms = [phrase]
        if (m := _MARKER_USE.search(phrase)) is not None:
            subs = self.markers.get(m.group(1))
            if subs is None:
                self.skip(number, f"substitution set !{m.group(1)}! is not defined")
                return
            forms = [phrase[:m.start()] + s + phrase[m.end():] for s in subs]
            plural = ""  # the set lists its plurals
        words = []
        for form in forms:
            words.append(form)
            if plural is None:
                words.append(_regular_plural(form))
            elif plural:
                words.append(plural)
        for word in words:
            key = _phrase(word).lower()
            if key:
                self.layer.agents.setdefault(key, code)


def _phrase(text: str) -> str:
    """ "JANE_QUILL_ " -> "JANE QUILL"."""
    return " ".join(text.replace("_", " ").split())


def _regular_plural(word: str) -> str:
    word = word.rstrip("_ ")
    if word.endswith("Y"):
        return word[:-1] + "IES"
    if word.endswith("S"):
        return word + "ES"
    return word + "S"


def _parse_code(inside: str) -> TabariCode:
    parts = inside.split(None, 1)
    if not parts:
        raise ValueError("empty code")
    code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    if not rest:
        return TabariCode(code)
    if rest[0] in "<>":
        day = _parse_date(rest[1:].strip())
        if rest[0] == ">":
            return TabariCode(code, start=day)
        return TabariCode(code, end=day - dt.timedelta(days=1))
    if "-" in rest:
        first, _, second = rest.partition("-")
        start, end = _parse_date(first.strip()), _parse_date(second.strip())
        if end < start:
            raise ValueError(f"date range ends before it starts: {rest}")
        return TabariCode(code, start=start, end=end)
    raise ValueError(f"cannot read the date restriction {rest!r}")


def _parse_date(text: str) -> dt.date:
    """YYMMDD (00-30 -> 20YY) or YYYYMMDD (extra trailing digits ignored, as in TABARI)."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) < 6:
        raise ValueError(f"cannot read the date {text!r}")
    try:
        if len(digits) <= 7:
            yy = int(digits[:2])
            return dt.date(2000 + yy if yy <= 30 else 1900 + yy, int(digits[2:4]),
                           int(digits[4:6]))
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValueError(f"not a calendar date: {text!r}") from None


# -- the YAML layer -----------------------------------------------------------------------------
def layer_to_data(layer: TabariLayer) -> dict[str, Any]:
    actors = []
    for actor in layer.actors:
        rec: dict[str, Any] = {"name": actor.name}
        if actor.aliases:
            rec["aliases"] = list(actor.aliases)
        rec["codes"] = [c.to_dict() for c in actor.codes]
        actors.append(rec)
    return {"tabari_source": layer.source, "tabari_actors": actors,
            "tabari_agents": dict(layer.agents)}


def layer_from_data(data: Mapping[str, Any]) -> TabariLayer:
    """The layer back from its YAML form (raises KeyError/TypeError/ValueError if malformed)."""
    layer = TabariLayer(source=str(data.get("tabari_source") or ""))
    for rec in data.get("tabari_actors") or []:
        codes = tuple(TabariCode(str(c["code"]), start=_as_date(c.get("start")),
                                 end=_as_date(c.get("end"))) for c in rec.get("codes") or [])
        layer.actors.append(TabariActor(str(rec["name"]),
                                        tuple(str(a) for a in rec.get("aliases") or []), codes))
    for word, code in (data.get("tabari_agents") or {}).items():
        layer.agents[str(word).lower()] = str(code)
    return layer


def write_layer(layer: TabariLayer, out: TextIO) -> None:
    out.write(f"# eventwire knowledge layer imported from the TABARI/PETRARCH dictionary "
              f"{layer.source}\n# load with KnowledgeBase.load(extra=[this file])\n")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml.dump(layer_to_data(layer), out, Dumper=dumper, allow_unicode=True, sort_keys=False,
              default_flow_style=None, width=100)


def import_tabari(path: str | Path, output: str | Path) -> ImportSummary:
    """Read a TABARI/PETRARCH dictionary file and write it as a YAML knowledge layer."""
    source, target = Path(path), Path(output)
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read dictionary ({exc.strerror or exc})") from None
    layer = read_tabari(text, source.name)
    for number, reason in layer.skipped[:20]:
        log.info("%s:%d: skipped (%s)", source, number, reason)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as fh:
            write_layer(layer, fh)
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write knowledge layer ({exc.strerror or exc})") \
            from None
    return ImportSummary(source=source, output=target, **layer.counts())


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))

