"""The hostile-input suite, through the CLI: every file in tests/hostile/ is imported by the
real `liveread` binary. No traceback; a refused file is one line and leaves the database as it
was; an accepted one stores nothing a terminal would act on. (The app's side of this suite is
in tests/e2e.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.test_cli_import import digest, run

HOSTILE_DIR = Path(__file__).resolve().parent / "hostile"
HOSTILE = sorted(p for p in HOSTILE_DIR.iterdir() if p.name != "README.md")
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_suite_is_there() -> None:
    assert len(HOSTILE) >= 25


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_file_through_the_cli(tmp_path: Path, path: Path) -> None:
    db = tmp_path / "h.db"
    assert run("import", str(SAMPLES / "rail-strike.txt"), db=db).returncode == 0
    before = digest(db)
    proc = run("import", str(path), db=db)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 2), proc.stderr
    for line in proc.stderr.splitlines():
        assert line.startswith("liveread: "), line
        assert DANGEROUS.search(line) is None
    if proc.returncode == 2:
        assert len(proc.stderr.splitlines()) == 1
        assert str(path) in proc.stderr
        assert digest(db) == before, "a refused file changed the database"
        return
    listing = run("entries", "--json", db=db)
    assert listing.returncode == 0
    rows = [json.loads(x) for x in listing.stdout.splitlines()]
    assert rows
    for row in rows:
        for text in _strings(row):
            assert DANGEROUS.search(text.replace("\n", " ")) is None, (row["id"], text[:80])
    sources = run("sources", "--json", db=db)
    for text in _strings([json.loads(x) for x in sources.stdout.splitlines()]):
        assert DANGEROUS.search(text) is None
    plain = run("entries", db=db).stdout + run("sources", db=db).stdout
    assert DANGEROUS.search(plain.replace("\n", "")) is None


def test_a_huge_file_is_refused_or_bounded(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    big = tmp_path / "huge-line.txt"
    with big.open("w", encoding="utf-8") as handle:
        handle.write(" date 2025-02-03 Huge line\nHeadline\n")
        handle.write("word " * 3_000_000 + ".\n")
    proc = run("import", str(big), db=db)
    assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr
    if proc.returncode == 0:
        (row,) = [json.loads(x) for x in run("entries", "--json", db=db).stdout.splitlines()]
        assert row["body"].startswith("word word")
