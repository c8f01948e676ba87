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
- ``cues.yaml``: reporting cues by lemma (see ``quotes/cues.py``)
- ``people.yaml``: office holders with dated terms (see ``kb/people.py``)
- ``time_words.yaml``: time words for the temporal normalizer (read by ``temporal/lexicon.py``)
- ``centroids.tsv``, ``admin1.tsv``, ``place_aliases.tsv``: place tables (read by ``geo/``)
"""

from __future__ import annotations

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
from ..quotes.cues import CueLexicon
from .people import People, Person

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
                            ("organizations.yaml", kb.add_organizations),
                            ("blocs.yaml", kb.add_blocs),
                            ("media.yaml", kb.add_media),
                            ("titles.yaml", kb.add_titles),
                            ("cues.yaml", kb.add_cues),
                            ("people.yaml", kb.add_people)):
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
            if "speech" in records or "phrases" in records:
                self.add_cues(records)
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

    def _add_records(self, records: list[dict[str, Any]]) -> None:
        first = records[0]
        if "offices" in first:
            self.add_people(records)
        elif "iso3" in first:
            self.add_countries(records)
        elif "kind" in first and first.get("kind") in ("wire", "outlet"):
            self.add_media(records)
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


def _parse_yaml(text: str, name: str) -> Any:
    try:
        return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: not valid YAML ({exc})") from None
