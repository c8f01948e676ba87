"""The CLI end to end: the seed article's contract, the samples, show/stats/export."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire import Analysis, Store

from .conftest import SAMPLES, SEED

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EVENTWIRE, *args], capture_output=True, text=True, input=stdin,
                          timeout=600)


@pytest.mark.needs_shared
def test_seed_article_contract():
    proc = run("extract", str(SEED), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["schema"] == "eventwire.article.v1"
    assert obj["article"]["date"] == "2025-07-04"
    assert obj["article"]["wire_credit"] == "ANI"
    actors = {(a["name"], a["country"]) for a in obj["actors"]}
    for expected in [("Donald Trump", "USA"), ("Vladimir Putin", "RUS"), ("Yuri Ushakov", "RUS"),
                     ("Russia", "RUS"), ("Ukraine", "UKR"), ("United States", "USA"),
                     ("NATO", "IGO")]:
        assert expected in actors, expected
    for actor in obj["actors"]:
        for bad in ("date", "2025", "(local time)"):
            assert bad not in actor["name"], actor["name"]
    body = SEED.read_text(encoding="utf-8").split("2025-07-04", 1)[1].lstrip()
    for actor in obj["actors"]:
        for start, end in actor["mentions"]:
            assert body[start:end] and body[start:end] == body[start:end].strip()
    assert Analysis.from_dict(obj, body).to_dict() == obj


def test_samples_extract_to_valid_schema_objects():
    proc = run("extract", str(SAMPLES), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(objs) == len(list(SAMPLES.glob("*.txt"))) >= 12
    credits = [o["article"]["wire_credit"] for o in objs]
    assert credits.count(None) <= 3
    assert {"Reuters", "AFP", "AP", "Xinhua", "Yonhap", "ANI"} <= set(credits)
    bodies = {}
    for path in SAMPLES.glob("*.txt"):
        body = path.read_text(encoding="utf-8").split("\n", 1)[1].lstrip()
        bodies[json.loads(run_python_id(body))] = body
    for obj in objs:
        assert obj["article"]["date"] is not None
        assert obj["actors"], obj["article"]["id"]
        body = bodies[obj["article"]["id"]]
        credit = obj["article"]["wire_credit"]
        metadata = []  # the dateline, and a closing credit
        if " - " in body[:80] or " -- " in body[:80]:
            metadata.append((0, body.index(" -")))
        if credit and body.rstrip().endswith(")"):
            metadata.append((body.rstrip().rindex("("), len(body)))
        for actor in obj["actors"]:
            for start, end in actor["mentions"]:
                assert not any(s < end and start < e for s, e in metadata), actor["name"]


def run_python_id(body: str) -> str:
    from eventwire.model import Article

    return json.dumps(Article(body=body).article_id)


def test_extract_reads_standard_input_as_table():
    text = "date 2024-03-11\n\nGENEVA, March 11 (Reuters) - Iran and the IAEA agreed on a plan."
    proc = run("extract", "-", "--format", "table", stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert "wire_credit=Reuters" in proc.stdout
    assert "Iran" in proc.stdout


def test_ingest_show_stats_export(tmp_path):
    db = str(tmp_path / "demo.duckdb")
    first = run("ingest", str(SAMPLES), "--db", db, "--no-progress")
    assert first.returncode == 0, first.stderr
    assert f"{len(list(SAMPLES.glob('*.txt')))} articles stored, 0 unchanged, 0 rejected" \
        in first.stdout
    again = run("ingest", str(SAMPLES), "--db", db, "--no-progress")
    assert "0 articles stored" in again.stdout and "0 rejected" in again.stdout

    with Store(db, read_only=True) as store:
        ids = store.article_ids()
        n_actors = store.count("actors")
    stats = json.loads(run("stats", "--db", db, "--json").stdout)
    assert stats["counts"]["articles"] == len(ids)
    assert stats["counts"]["actors"] == n_actors > 0
    assert run("stats", "--db", db).stdout.startswith(f"articles {len(ids)}")

    shown = run("show", ids[0], "--db", db, "--format", "json")
    assert json.loads(shown.stdout)["article"]["id"] == ids[0]
    missing = run("show", "no-such-id", "--db", db)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "eventwire: error: no article with id 'no-such-id'"

    out = tmp_path / "all.jsonl"
    assert run("export", "--db", db, "--format", "jsonl", "-o", str(out)).returncode == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(o["article"]["id"] for o in exported) == sorted(ids)
    extracted = {json.loads(line)["article"]["id"]: json.loads(line) for line in
                 run("extract", str(SAMPLES)).stdout.splitlines()}
    for obj in exported:
        assert obj == extracted[obj["article"]["id"]]

    for fmt in ("csv", "parquet"):
        target = tmp_path / fmt
        assert run("export", "--db", db, "--format", fmt, "-o", str(target)).returncode == 0
        assert (target / f"articles.{fmt}").exists() and (target / f"actors.{fmt}").exists()
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == len(ids)


def test_missing_database_is_a_one_line_error(tmp_path):
    proc = run("stats", "--db", str(tmp_path / "none.duckdb"))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "no such database" in proc.stderr


def test_unknown_model_is_a_one_line_error(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("date 2024-01-01\n\nRussia and China held talks.", encoding="utf-8")
    proc = run("extract", str(story), "--model", "xx_no_such_model")
    assert proc.returncode == 1
    assert "xx_no_such_model" in proc.stderr and "Traceback" not in proc.stderr
