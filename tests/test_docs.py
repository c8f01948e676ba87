"""The docs name every command and option the CLI has, and README keeps its Quick start."""

from __future__ import annotations

import re

import click
import pytest

import eventwire
from eventwire.cli import main

from .conftest import ROOT

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_documented_with_its_options(name):
    command = main.commands[name]
    assert f"## `eventwire {name}" in CLI_DOC
    section = CLI_DOC.split(f"## `eventwire {name}", 1)[1].split("\n## ", 1)[0]
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in section for opt in param.opts), (name, param.opts)
    assert "Example" in (command.help or ""), f"{name} --help has no example"


def test_quick_start_is_exactly_two_commands():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.strip() for line in block.strip().splitlines()] == ["make demo", "make test"]


def test_public_names_exist():
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name


def test_schema_doc_lists_every_output_field():
    from .test_model import SCHEMA_KEYS

    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for kind, keys in SCHEMA_KEYS.items():
        for key in keys:
            assert re.search(rf"`{key}`", doc), (kind, key)


def test_readme_python_example_runs(tmp_path, monkeypatch, capsys):
    block = README.split("## Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own documentation
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "AFP"
    assert out[1] == "['Russia (government)', 'Yuri Ushakov', 'Russia']"
    assert out[2].startswith("14 articles stored")
