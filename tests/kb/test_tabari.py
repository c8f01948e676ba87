"""TABARI/PETRARCH dictionaries: the parser, the YAML layer and the CLI command."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from eventwire.kb import KnowledgeBase
from eventwire.kb.tabari import (
    TabariCode,
    import_tabari,
    layer_from_data,
    layer_to_data,
    read_tabari,
)

from ..conftest import SHARED

PHOENIX = SHARED / "kb" / "phoenix"

ACTORS = """\
# a made-up actors dictionary in the TABARI format
NORLAND_  [NRL]
+NORLANDIA_
+REPUBLIC_OF_NORLAND # a comment after an alias

# an institution: the code comes after the aliases
NORLAND_COAST_GUARD
+NCG
\t[NRLMIL]

JANE_QUILL_  # notes about her
+J._QUILL_
\t[NRLOPP 950101-030101]
\t[NRLGOV 030102-080731]
\t[NRLELI]
TOMAS_VERR_\t[NRLGOV >20090120] [NRLELI <20090120]
ODD_DATES_
\t[NRLGOV 20121207-20120802]
\t[NRLGOV 2013-01]
\t[NRLREB 991301-000101]
+
\tan indented line with no code
[NRLGOV]
---STOP---
IGNORED_AFTER_STOP_ [XXX]
"""

AGENTS = """\
# a made-up agents dictionary
!KEEPER! = KEEPER, KEEPERS, WARDEN
LIGHTHOUSE!KEEPER! [~CVL]
CONSTABLE [~COP]
FERRY {FERRIES} [~BUS]
HARBOUR_MASTER {} [~GOV]
WITHOUT_A_CODE
BAD!UNDEFINED! [~CVL]
"""


@pytest.fixture(scope="module")
def actors():
    return read_tabari(ACTORS, "norland.actors.txt")


def test_actor_entries_names_and_aliases(actors):
    by_name = {a.name: a for a in actors.actors}
    assert list(by_name) == ["NORLAND", "NORLAND COAST GUARD", "JANE QUILL", "TOMAS VERR",
                             "ODD DATES"]
    assert by_name["NORLAND"].aliases == ("NORLANDIA", "REPUBLIC OF NORLAND")
    assert by_name["NORLAND"].codes == (TabariCode("NRL"),)
    assert by_name["NORLAND COAST GUARD"].aliases == ("NCG",)
    assert by_name["NORLAND COAST GUARD"].codes == (TabariCode("NRLMIL"),)
    assert by_name["JANE QUILL"].aliases == ("J. QUILL",)


def test_dated_codes(actors):
    quill = next(a for a in actors.actors if a.name == "JANE QUILL")
    assert quill.codes[0] == TabariCode("NRLOPP", dt.date(1995, 1, 1), dt.date(2003, 1, 1))
    assert quill.codes[1] == TabariCode("NRLGOV", dt.date(2003, 1, 2), dt.date(2008, 7, 31))
    assert quill.code_on(dt.date(2003, 1, 1)) == "NRLOPP"
    assert quill.code_on(dt.date(2005, 6, 1)) == "NRLGOV"
    assert quill.code_on(dt.date(2008, 7, 31)) == "NRLGOV"
    assert quill.code_on(dt.date(2012, 6, 1)) == "NRLELI"  # the undated default
    assert quill.code_on(None) == "NRLELI"
    verr = next(a for a in actors.actors if a.name == "TOMAS VERR")
    assert verr.code_on(dt.date(2009, 1, 20)) == "NRLGOV"
    assert verr.code_on(dt.date(2009, 1, 19)) == "NRLELI"
    assert verr.code_on(None) is None


def test_odd_lines_are_skipped_and_counted(actors):
    reasons = dict(actors.skipped)
    assert set(reasons) == {18, 19, 20, 21, 22}
    assert "ends before it starts" in reasons[18]
    assert "cannot read the date" in reasons[19]
    assert "calendar date" in reasons[20]
    assert reasons[21] == "empty alias"
    assert reasons[22] == "indented line without a code"
    odd = next(a for a in actors.actors if a.name == "ODD DATES")
    assert odd.codes == (TabariCode("NRLGOV"),)  # the flush-left code line still counts
    assert "IGNORED AFTER STOP" not in {a.name for a in actors.actors}
    assert actors.counts() == {"actors": 5, "aliases": 4, "dated_codes": 4, "agents": 0,
                               "skipped_lines": 5}


def test_two_digit_years_follow_tabari():
    # 00-30 are 20YY, so 300101-310101 runs from 2030 back to 1931 and is rejected
    assert read_tabari("A_\n\t[X 300101-310101]\n", "x").skipped
    assert read_tabari("A_\n\t[X 290101-991231]\n", "x").skipped
    layer = read_tabari("A_\n\t[X 450101-291231]\n", "x")
    assert layer.actors[0].codes == (TabariCode("X", dt.date(1945, 1, 1), dt.date(2029, 12, 31)),)


def test_agents():
    layer = read_tabari(AGENTS, "norland.agents.txt")
    assert layer.agents == {
        "lighthousekeeper": "CVL", "lighthousekeepers": "CVL", "lighthousewarden": "CVL",
        "constable": "COP", "constables": "COP", "ferry": "BUS", "ferries": "BUS",
        "harbour master": "GOV"}
    assert [reason for _, reason in layer.skipped] == [
        "agent without a code", "substitution set !UNDEFINED! is not defined"]
    assert layer.actors == []


def test_parser_never_raises_on_garbage():
    layer = read_tabari("[[[\n+\n\t]\n~~~ [~\n\x00\x01 [A 1-2]\n", "junk")
    assert layer.skipped


def test_layer_round_trip(actors):
    again = layer_from_data(layer_to_data(actors))
    assert again.actors == actors.actors and again.source == actors.source


def test_layer_in_the_knowledge_base(tmp_path):
    (tmp_path / "n.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "n.agents.txt").write_text(AGENTS, encoding="utf-8")
    s1 = import_tabari(tmp_path / "n.actors.txt", tmp_path / "out" / "actors.yaml")
    s2 = import_tabari(tmp_path / "n.agents.txt", tmp_path / "out" / "agents.yaml")
    assert (s1.actors, s1.dated_codes, s1.skipped_lines, s2.agents) == (5, 4, 5, 8)
    kb = KnowledgeBase.load(extra=[s1.output, s2.output])
    assert kb.actor_code("Jane Quill", dt.date(2005, 6, 1)) == "NRLGOV"
    assert kb.actor_code("J. Quill", dt.date(1999, 6, 1)) == "NRLOPP"
    assert kb.actor_code("JANE_QUILL_", dt.date(2012, 6, 1)) == "NRLELI"
    assert kb.actor_code("Republic of Norland") == "NRL"
    assert kb.actor_code("Nobody") is None
    assert kb.agent_code("Constables") == "COP"
    assert kb.agent_code("harbour_master") == "GOV"
    assert kb.agent_code("minister") is None


def test_a_later_layer_overrides_an_earlier_one(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("tabari_actors:\n- {name: ZED, codes: [{code: AAA}]}\n", encoding="utf-8")
    second.write_text("tabari_actors:\n- {name: ZED, codes: [{code: BBB}]}\n", encoding="utf-8")
    assert KnowledgeBase.load(extra=[first, second]).actor_code("zed") == "BBB"


def test_a_malformed_layer_is_a_config_error(tmp_path):
    from eventwire.errors import ConfigError

    bad = tmp_path / "bad.yaml"
    bad.write_text("tabari_actors:\n- {codes: [{code: AAA}]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.yaml"):
        KnowledgeBase.load(extra=[bad])


def test_cli_reports_a_missing_file(tmp_path):
    from eventwire.cli import run

    assert run(["kb", "import-tabari", str(tmp_path / "missing.txt")]) == 1


# -- the Phoenix dictionaries in ../shared (read at test time, never copied) ---------------------
@pytest.fixture(scope="module")
def phoenix_kb(tmp_path_factory):
    out = tmp_path_factory.mktemp("layer") / "countries.yaml"
    summary = import_tabari(PHOENIX / "Phoenix.Countries.actors.txt", out)
    assert summary.actors > 10_000 and summary.dated_codes > 10_000
    return KnowledgeBase.load(extra=[out])


@pytest.mark.needs_shared
def test_phoenix_dated_entry_resolves_by_day(phoenix_kb):
    assert phoenix_kb.actor_code("Yuriy Ushakov", dt.date(2005, 6, 1)) == "RUSGOV"
    assert phoenix_kb.actor_code("Yuriy Ushakov", dt.date(2012, 6, 1)) is None
    assert phoenix_kb.actor_code("Yuriy Viktorovich Ushakov", dt.date(2005, 6, 1)) == "RUSGOV"
    assert phoenix_kb.actor_code("Afghanistan", dt.date(2012, 6, 1)) == "AFG"


@pytest.mark.needs_shared
def test_phoenix_agents(tmp_path):
    summary = import_tabari(PHOENIX / "Phoenix.agents.txt", tmp_path / "agents.yaml")
    assert summary.agents > 1000 and summary.actors == 0
    kb = KnowledgeBase.load(extra=[summary.output])
    assert kb.agent_code("police") == "COP"


@pytest.mark.needs_shared
def test_cli_import_tabari_end_to_end(tmp_path, monkeypatch):
    from eventwire.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["kb", "import-tabari",
                                  str(PHOENIX / "Phoenix.MilNonState.actors.txt")])
    assert result.exit_code == 0, result.output
    default = tmp_path / "eventwire-kb" / "Phoenix.MilNonState.actors.yaml"
    assert default.is_file()
    assert "actors" in result.output and "skipped lines" in result.output
    out = tmp_path / "x" / "layer.yaml"
    result = runner.invoke(main, ["kb", "import-tabari", "--output", str(out),
                                  str(PHOENIX / "Phoenix.International.actors.txt")])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    assert KnowledgeBase.load(extra=[out]).tabari_actors
