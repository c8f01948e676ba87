"""The knowledge base: countries, organizations, blocs, news media and titles.

Knowledge is data: versioned YAML files in ``kb/data/`` (and any extra YAML files a user
passes), loaded once into a ``KnowledgeBase`` object that the pipeline hands to components.
Country codes are ISO 3166-1 alpha-3 and are checked against pycountry.

Files and their fields:

- ``countries.yaml``: ``iso3, name, aliases, demonyms, capital, metonyms``
- ``organizations.yaml``: ``id, name, aliases, code, country, sector``
- ``blocs.yaml``: ``id, name, aliases, demonyms, code``
- ``media.yaml``: ``name, aliases, kind (wire|outlet), country``
- ``titles.yaml``: ``word: sector-or-null``
- ``sectors.yaml``: ``sectors: {noun: sector}, generic: [...], modifiers: [...]``: group nouns
  ("troops", "officials") that make "Ukrainian troops" a sector actor (``components/actors.py``)
- ``groups.yaml``: ``id, name, aliases, demonyms, country, sector, code, codes`` (named
  armed groups; ``codes`` are dated: ``{code, sector, start, end}``)
- ``cues.yaml``: reporting cues by lemma (see ``quotes/cues.py``)
- ``people.yaml``: office holders with dated terms (see ``kb/people.py``)
- ``time_words.yaml``: time words for the temporal normalizer (read by ``temporal/lexicon.py``)
- ``cameo.yaml``: CAMEO event codes with Goldstein, quad class and PLOVER (``kb/cameo.py``)
- ``event_patterns.yaml``: verb and noun patterns to CAMEO codes (``events/patterns.py``)

User layers imported from TABARI/PETRARCH dictionaries (``kb/tabari.py``) are YAML mappings
with ``tabari_actors`` and ``tabari_agents``; ``actor_code`` and ``agent_code`` read them.
- ``centroids.tsv``, ``admin1.tsv``, ``place_aliases.tsv``: place tables (read by ``geo/``)
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..events.patterns import EventPatterns
from ..quotes.cues import CueLexicon
from .cameo import CameoCodebook
from .people import People, Person
from .tabari import TabariActor, layer_from_data

log = logging.getLogger(__name__)

__all__ = ["Entry", "KnowledgeBase", "normalize_name"]

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SPACES = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Key for name lookups: case, accents, dots, a leading 'the' and a final 's dropped."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower().replace(".", "")
    s = _SPACES.sub(" ", s).strip(" ,;:-\"'()[]")
    if s.startswith("the "):
        s = s[4:]
    if s.endswith("'s"):
        s = s[:-2]
    return s


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the knowledge base knows by name."""

    id: str  # actor id: "country:RUS", "org:NATO", "group:WST", "media:al-jazeera"
    name: str
    kind: str  # country | organization | group
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    media: str | None = None  # "wire" or "outlet" for news organizations
    #: dated (start, end, code, sector): the code and sector valid on a day (start inclusive,
    #: end exclusive, None open); empty when ``code`` holds at all times
    codes: tuple[tuple[dt.date | None, dt.date | None, str, str | None], ...] = ()

    def code_on(self, day: dt.date | None) -> tuple[str | None, str | None]:
        """(code, sector) valid on the day; the undated code when no dated one holds."""
        if day is not None:
            for start, end, code, sector in self.codes:
                if (start is None or start <= day) and (end is None or day < end):
                    return code, sector
        return self.code, self.sector


@dataclass
class KnowledgeBase:
    names: dict[str, Entry] = field(default_factory=dict)
    demonyms: dict[str, Entry] = field(default_factory=dict)
    metonyms: dict[str, Entry] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)  # by ISO3
    cues: CueLexicon = field(default_factory=CueLexicon)
    people: People = field(default_factory=People)
    persons: dict[str, Person] = field(default_factory=dict)  # by normalized name or alias
    sectors: dict[str, str] = field(default_factory=dict)  # group noun or phrase -> agent code
    sector_generic: set[str] = field(default_factory=set)  # "officials": takes a prior sector
    sector_modifiers: set[str] = field(default_factory=set)  # "armed" in "armed forces"
    sector_names: dict[str, str] = field(default_factory=dict)  # "MIL" -> "military"
    cameo: CameoCodebook = field(default_factory=CameoCodebook)
    event_patterns: EventPatterns = field(default_factory=EventPatterns)
    tabari_actors: dict[str, TabariActor] = field(default_factory=dict)  # by normalized name
    tabari_agents: dict[str, str] = field(default_factory=dict)  # normalized phrase -> code
    _surface: dict[str, set[str]] = field(
        default_factory=lambda: {"name": set(), "demonym": set(), "metonym": set()})
    _gazetteer: dict[str, str] | None = None
    #: objects that components derive from the knowledge once (matchers); never knowledge
    cache: dict[str, Any] = field(default_factory=dict)

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> KnowledgeBase:
        """The packaged data plus any extra YAML files (same formats, later files win)."""
        kb = cls()
        data = resources.files("eventwire.kb").joinpath("data")
        for name, adder in (("countries.yaml", kb.add_countries),
                            ("groups.yaml", kb.add_groups),  # before organizations:
                            # "RSF" is Sudan's Rapid Support Forces before Reporters Without Borders
                            ("organizations.yaml", kb.add_organizations),
                            ("blocs.yaml", kb.add_blocs),
                            ("media.yaml", kb.add_media),
                            ("titles.yaml", kb.add_titles),
                            ("cues.yaml", kb.add_cues),
                            ("people.yaml", kb.add_people),
                            ("sectors.yaml", kb.add_sectors),
                            ("cameo.yaml", kb.add_cameo),
                            ("event_patterns.yaml", kb.add_event_patterns)):
            resource = data.joinpath(name)
            if resource.is_file():
                adder(_parse_yaml(resource.read_text(encoding="utf-8"), name))
            else:
                log.warning("knowledge file %s is missing from the package", name)
        for path in extra:
            kb.add_file(Path(path))
        return kb

    def add_file(self, path: Path) -> None:
        """Add a user YAML file; its form is recognised from its top-level keys."""
        try:
            records = _parse_yaml(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read knowledge file ({exc})") from None
        if isinstance(records, dict):
            if {"tabari_actors", "tabari_agents", "cameo"} & records.keys():
                self._add_layer(path, records)
            elif "verbs" in records or "nouns" in records:
                self.add_event_patterns(records)
            elif "speech" in records or "phrases" in records:
                self.add_cues(records)
            elif "sectors" in records:
                self.add_sectors(records)
            else:
                self.add_titles(records)
            return
        if not isinstance(records, list) or not records or \
                not all(isinstance(r, dict) for r in records):
            raise ConfigError(f"{path}: expected a list of entries (mappings)")
        try:
            self._add_records(records)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: an entry lacks a field or has a wrong value ({exc})") \
                from None

    def _add_layer(self, path: Path, records: dict[str, Any]) -> None:
        try:
            if "cameo" in records:
                self.add_cameo(records)
            else:
                self.add_tabari(records)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{path}: an entry lacks a field or has a wrong value ({exc})") \
                from None

    def _add_records(self, records: list[dict[str, Any]]) -> None:
        first = records[0]
        if "offices" in first:
            self.add_people(records)
        elif "iso3" in first:
            self.add_countries(records)
        elif "kind" in first and first.get("kind") in ("wire", "outlet"):
            self.add_media(records)
        elif "demonyms" in first and "sector" in first:
            self.add_groups(records)
        elif "demonyms" in first:
            self.add_blocs(records)
        else:
            self.add_organizations(records)

    def add_countries(self, records: Iterable[dict[str, Any]]) -> None:
        import pycountry

        for rec in records:
            iso3 = str(rec["iso3"]).upper()
            official = pycountry.countries.get(alpha_3=iso3)
            if official is None and iso3 != "XKX":
                log.warning("countries: %s is not an ISO 3166 alpha-3 code; skipped", iso3)
                continue
            name = (rec.get("name") or getattr(official, "common_name", None)
                    or str(getattr(official, "name", iso3)))
            entry = Entry(id=f"country:{iso3}", name=name, kind="country", country=iso3,
                          code=iso3)
            self.countries[iso3] = entry
            official_names = [getattr(official, a, None) for a in ("name", "official_name",
                                                                    "common_name")]
            for alias in [name, *official_names, *(rec.get("aliases") or [])]:
                self._add(self.names, alias, entry)
            for demonym in rec.get("demonyms") or []:
                self._add(self.demonyms, demonym, entry)
            for metonym in [rec.get("capital"), *(rec.get("metonyms") or [])]:
                self._add(self.metonyms, metonym, entry)

    def add_organizations(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            entry = Entry(id=f"org:{rec['id']}", name=rec["name"], kind="organization",
                          country=rec.get("country"), sector=rec.get("sector"),
                          code=rec.get("code"))
            for alias in [rec["name"], rec["id"], *(rec.get("aliases") or [])]:
                self._add(self.names, alias, entry)

    def add_blocs(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            code = rec.get("code") or rec["id"]
            entry = Entry(id=f"group:{rec['id']}", name=rec["name"], kind="group",
                          country=code, code=code)
            for alias in [rec["name"], *(rec.get("aliases") or [])]:
                self._add(self.names, alias, entry)
            for demonym in rec.get("demonyms") or []:
                self._add(self.demonyms, demonym, entry)

    def add_groups(self, records: Iterable[dict[str, Any]]) -> None:
        """Named armed groups and movements (``groups.yaml``), with dated codes."""
        for rec in records:
            codes = tuple((_day(c.get("start")), _day(c.get("end")), str(c["code"]),
                           c.get("sector")) for c in rec.get("codes") or [])
            entry = Entry(id=f"group:{rec['id']}", name=rec["name"], kind="group",
                          country=rec.get("country"), sector=rec.get("sector"),
                          code=rec.get("code"), codes=codes)
            for alias in [rec["name"], *(rec.get("aliases") or [])]:
                self._add(self.names, alias, entry)
            for demonym in rec.get("demonyms") or []:
                self._add(self.demonyms, demonym, entry)

    def add_sectors(self, data: dict[str, Any]) -> None:
        """Group nouns and phrases with their agent codes (``sectors.yaml``)."""
        for phrase, sector in (data.get("sectors") or {}).items():
            self.sectors[" ".join(str(phrase).lower().split())] = str(sector)
        self.sector_generic.update(str(w).lower() for w in data.get("generic") or [])
        self.sector_modifiers.update(str(w).lower() for w in data.get("modifiers") or [])
        self.sector_names.update({str(k): str(v) for k, v in (data.get("names") or {}).items()})

    def add_media(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            entry = Entry(id=f"media:{slug(rec['name'])}", name=rec["name"], kind="organization",
                          country=rec.get("country"), sector="MED", media=rec.get("kind"))
            for alias in [rec["name"], *(rec.get("aliases") or [])]:
                self._add(self.names, alias, entry)

    def add_people(self, records: Iterable[dict[str, Any]]) -> None:
        for person in self.people.add(records):
            for name in (person.name, *person.aliases):
                self.persons.setdefault(normalize_name(name), person)

    def person(self, name: str) -> Person | None:
        """A known person by full name or alias ("Vladimir Putin", "Volodymyr Zelenskyy")."""
        return self.persons.get(normalize_name(name))

    def add_event_patterns(self, data: dict[str, Any]) -> None:
        """Verb and noun patterns to CAMEO codes (``{"verbs": [...], "nouns": [...]}``)."""
        self.event_patterns = self.event_patterns.merged(EventPatterns.from_data(data))

    def add_cameo(self, data: dict[str, Any]) -> None:
        """CAMEO codes (``{"cameo": [...]}``); a code given again replaces the earlier one."""
        self.cameo = self.cameo.merged(data["cameo"])

    def add_tabari(self, data: dict[str, Any]) -> None:
        """A layer imported from a TABARI/PETRARCH dictionary; it overrides earlier layers
        name by name (within one layer the first entry of a name wins, as in TABARI)."""
        layer = layer_from_data(data)
        actors: dict[str, TabariActor] = {}
        for actor in layer.actors:
            for name in (actor.name, *actor.aliases):
                actors.setdefault(normalize_name(name), actor)
        self.tabari_actors.update(actors)
        self.tabari_agents.update({normalize_name(w): c for w, c in layer.agents.items()})

    def actor_code(self, name: str, day: dt.date | None = None) -> str | None:
        """The CAMEO actor code of a name in the TABARI layers, valid on the day: a dated
        code whose range holds the day, else the entry's undated code, else None."""
        actor = self.tabari_actors.get(normalize_name(name.replace("_", " ")))
        if actor is None:
            return None
        code = actor.code_on(day)
        return None if code is None or code.strip("-") == "" else code

    def agent_code(self, word: str) -> str | None:
        """The agent code ("GOV", "MIL", ...) of a word or phrase in the TABARI layers."""
        return self.tabari_agents.get(normalize_name(word.replace("_", " ")))

    def add_cues(self, data: dict[str, Any]) -> None:
        self.cues = self.cues.merged(CueLexicon.from_data(data))

    def add_titles(self, mapping: dict[str, Any]) -> None:
        for word, sector in mapping.items():
            self.titles[str(word).lower()] = sector

    def _add(self, index: dict[str, Entry], alias: Any, entry: Entry) -> None:
        if not alias:
            return
        key = normalize_name(str(alias))
        if key and key not in index:
            index[key] = entry
        form = str(alias).strip()
        if form[:4].lower() == "the ":
            form = form[4:]
        if len(form) > 2 and form[0].isupper():
            kind = ("demonym" if index is self.demonyms else
                    "metonym" if index is self.metonyms else "name")
            self._surface[kind].add(form)
            self._gazetteer = None
            self.cache.clear()

    # -- lookups ---------------------------------------------------------------------------
    def lookup(self, text: str) -> Entry | None:
        """A name, alias or seat of government ("Kremlin", "Kyiv") -> its entry."""
        key = normalize_name(text)
        return self.names.get(key) or self.metonyms.get(key)

    def demonym(self, text: str) -> Entry | None:
        """ "Russian", "Russians" -> Russia; "Western" -> the West."""
        key = normalize_name(text)
        return self.demonyms.get(key) or self.names.get(key)

    def resolve(self, text: str, label: str) -> Entry | None:
        """Look a mention up the way its entity label suggests (NORP: demonym first)."""
        if label == "NORP":
            return self.demonym(text) or self.metonyms.get(normalize_name(text))
        return self.lookup(text) or self.demonyms.get(normalize_name(text))

    def gazetteer(self) -> dict[str, str]:
        """Surface forms to find in text where the NER missed them, with the entity label
        they stand for: names and seats of government as GPE/ORG, demonyms as NORP."""
        if self._gazetteer is None:
            forms: dict[str, str] = {}
            for label, names in (("NORP", self._surface["demonym"]),
                                 ("GPE", self._surface["metonym"]),
                                 ("ORG", self._surface["name"])):
                for form in names:
                    forms.setdefault(form, label)
            self._gazetteer = forms
        return self._gazetteer

    def is_metonym(self, text: str) -> bool:
        """A seat of government or capital ("Kremlin", "Kyiv") rather than a name."""
        key = normalize_name(text)
        return key not in self.names and key in self.metonyms

    def wire_agency(self, text: str) -> Entry | None:
        entry = self.names.get(normalize_name(text))
        return entry if entry is not None and entry.media == "wire" else None

    def title_sector(self, word: str) -> tuple[bool, str | None]:
        """(is a title word, the sector it implies)."""
        key = word.lower()
        if key in self.titles:
            return True, self.titles[key]
        return False, None


def slug(text: str) -> str:
    s = normalize_name(text)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _parse_yaml(text: str, name: str) -> Any:
    try:
        return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: not valid YAML ({exc})") from None
