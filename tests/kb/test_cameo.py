"""The CAMEO codebook data (kb/data/cameo.yaml) and its lookups."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import pytest
import yaml

from eventwire.kb.cameo import CameoCodebook, quad_class_of_root

from ..conftest import SHARED

REFERENCE = SHARED / "eval" / "events" / "reference"
ROOTS = [f"{r:02d}" for r in range(1, 21)]
PLOVER_16 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
             "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
             "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def records():
    text = resources.files("eventwire.kb").joinpath("data", "cameo.yaml").read_text("utf-8")
    return yaml.safe_load(text)["cameo"]


@pytest.fixture(scope="module")
def book(records):
    return CameoCodebook.from_records(records)


def test_every_root_is_present(book):
    for root in ROOTS:
        assert book.is_code(root), root
    assert book.roots() == ROOTS


def test_codes_are_unique_strings(records):
    codes = [r["code"] for r in records]
    assert all(isinstance(c, str) for c in codes)
    assert len(codes) == len(set(codes)) == 312


def test_fields_are_consistent(records):
    for rec in records:
        code = rec["code"]
        assert re.fullmatch(r"\d{2,4}", code), code
        assert rec["root"] == code[:2]
        assert -10.0 <= rec["goldstein"] <= 10.0, code
        assert rec["quad_class"] == quad_class_of_root(rec["root"]), code
        assert rec["name"] and len(rec["name"].split()) <= 8, code
        if rec["root"] in ("01", "02"):
            assert rec["plover"] is None, code  # PLOVER drops statements and appeals
        else:
            assert rec["plover"] in PLOVER_16, code
        if len(code) > 2:  # every sub-code's parent is listed
            assert code[:-1] in {r["code"] for r in records} or code[:2] == code[:-1], code


@pytest.mark.parametrize(("code", "goldstein", "quad", "plover"), [
    ("01", 0.0, 1, None),
    ("010", 0.0, 1, None),
    ("016", -2.0, 1, None),
    ("018", 3.4, 1, None),
    ("022", 3.2, 1, None),
    ("0256", -0.3, 1, None),
    ("036", 4.0, 1, "AGREE"),
    ("040", 1.0, 1, "CONSULT"),
    ("042", 1.9, 1, "CONSULT"),
    ("046", 7.0, 1, "CONSULT"),
    ("051", 3.4, 1, "SUPPORT"),
    ("057", 8.0, 1, "SUPPORT"),
    ("061", 6.4, 2, "COOPERATE"),
    ("073", 7.4, 2, "AID"),
    ("075", 7.0, 2, "AID"),
    ("081", 5.0, 2, "CONCEDE"),
    ("0841", 7.0, 2, "RETREAT"),
    ("0871", 9.0, 2, "RETREAT"),
    ("090", -2.0, 2, "ACCUSE"),
    ("1041", -5.0, 3, "REQUEST"),
    ("111", -2.0, 3, "ACCUSE"),
    ("112", -2.0, 3, "ACCUSE"),
    ("1213", -4.0, 3, "REJECT"),
    ("138", -7.0, 3, "THREATEN"),
    ("1412", -6.5, 3, "PROTEST"),
    ("145", -7.5, 3, "PROTEST"),
    ("154", -7.2, 4, "MOBILIZE"),
    ("163", -8.0, 4, "COERCE"),
    ("164", -7.0, 4, "SANCTION"),
    ("1712", -9.2, 4, "ASSAULT"),
    ("173", -5.0, 4, "COERCE"),
    ("175", -9.0, 4, "ASSAULT"),
    ("183", -10.0, 4, "ASSAULT"),
    ("191", -9.5, 4, "COERCE"),
    ("195", -10.0, 4, "ASSAULT"),
    ("202", -10.0, 4, "ASSAULT"),
])
def test_known_codes(book, code, goldstein, quad, plover):
    assert book.goldstein(code) == goldstein
    assert book.quad_class(code) == quad
    assert book.plover(code) == plover
    assert book.root(code) == code[:2]


def test_unknown_sub_codes_fall_back_to_their_parent(book):
    assert not book.is_code("1214")
    assert book.get("1214") is book.get("121")
    assert book.plover("1214") == "REJECT"
    assert book.get("0579").code == "057"
    assert book.get("199").code == "19"
    assert book.get("99") is None and book.get("abc") is None and book.get("") is None
    with pytest.raises(KeyError):
        book.goldstein("21")


def test_knowledge_base_loads_the_codebook(kb):
    assert len(kb.cameo) == 312
    assert kb.cameo.name("190")
    assert kb.cameo.quad_class("14") == 3


def test_a_user_file_can_add_codes(tmp_path):
    from eventwire.kb import KnowledgeBase

    path = tmp_path / "extra.yaml"
    path.write_text('cameo:\n  - {code: "1951", name: "Drone strike", goldstein: -10.0,'
                    ' plover: ASSAULT}\n', encoding="utf-8")
    kb = KnowledgeBase.load(extra=[path])
    assert kb.cameo.is_code("1951") and kb.cameo.quad_class("1951") == 4
    assert len(kb.cameo) == 313


# -- against the reference files (they are read at test time, never copied) ----------------------
def _goldstein_table():
    lines = (REFERENCE / "CAMEO.goldsteinscale.txt").read_text("utf-8").splitlines()[1:]
    return {c: float(v) for c, v in (line.split("\t") for line in lines if line.strip())}


def _plover_map():
    found = {}
    for line in (REFERENCE / "CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if m:
            found.setdefault(m.group(1), m.group(2))
    return found


@pytest.mark.needs_shared
def test_goldstein_matches_the_gdelt_table(book):
    table = _goldstein_table()
    assert set(table) == set(book.codes) - {"1213"}
    for code, score in table.items():
        assert book.goldstein(code) == score, code


@pytest.mark.needs_shared
def test_plover_matches_the_2021_map(book):
    mapping = _plover_map()
    for code, entry in book.codes.items():
        if code in mapping:
            assert entry.plover == mapping[code], code


@pytest.mark.needs_shared
def test_codes_match_the_codebook():
    raw = (REFERENCE / "cameo-codes.csv").read_bytes().decode("cp1252")
    text = raw.encode("mac_roman").decode("utf-8", errors="replace")
    codes = {row["code"] for row in csv.DictReader(io.StringIO(text))}
    text = resources.files("eventwire.kb").joinpath("data", "cameo.yaml").read_text("utf-8")
    assert codes == {r["code"] for r in yaml.safe_load(text)["cameo"]}
