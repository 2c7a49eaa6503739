"""`liveread import`, `sources` and `entries` through the real installed binary."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

LIVEREAD = shutil.which("liveread", path=str(Path(sys.executable).parent)) or "liveread"


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `liveread` with a private database; never inherits the user's."""
    env = {**os.environ, "LIVEREAD_DB": str(db)}
    return subprocess.run(
        [LIVEREAD, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_prints_one_line_per_source(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    storm, night = SAMPLES / "harbour-storm.txt", SAMPLES / "count-night.txt"
    proc = run("import", str(storm), str(night), db=db)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines == [
        f"{storm}: 34 new, 0 updated, 0 unchanged",
        f"{night}: 23 new, 0 updated, 0 unchanged",
    ]
    again = run("import", str(storm), db=db)
    assert again.stdout.strip() == f"{storm}: 0 new, 0 updated, 34 unchanged"


def test_sources_and_entries_json(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    run("import", str(SAMPLES / "harbour-storm.txt"), db=db)
    run("import", str(SAMPLES / "harbour-storm-later.txt"), db=db)
    # A later snapshot in another file is the same blog: one source, now read from that file.
    sources = [json.loads(x) for x in run("sources", "--json", db=db).stdout.splitlines()]
    assert [(s["title"], s["location"]) for s in sources] == [
        (
            "Storm Odile live: Port Avren harbour wall breached as evacuations widen",
            str(SAMPLES / "harbour-storm-later.txt"),
        )
    ]
    proc = run("entries", "--source", str(sources[0]["id"]), "--json", db=tmp_path / "unused.db")
    assert proc.returncode == 2  # an empty database has no such source
    proc = run("entries", "--db", str(db), "--source", str(sources[0]["id"]), "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(rows) == 39
    assert sum(not r["present"] for r in rows) == 0  # the old top post kept its place
    assert sum(r["revisions"] for r in rows) == 1
    required = {
        "id",
        "source",
        "key",
        "position",
        "headline",
        "body",
        "published",
        "updated",
        "author",
        "revisions",
        "present",
    }
    assert all(required <= set(r) for r in rows)
    timed = [r for r in rows if r["published"]]
    assert timed and all(r["published"].endswith("Z") and "T" in r["published"] for r in timed)
    assert rows[0]["headline"] is not None and rows[0]["position"] == 0


def test_entries_of_a_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    run("import", str(SAMPLES / "rail-strike.txt"), db=db)
    proc = run("entries", "--source", "99", db=db)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "liveread: no source with id 99"


BAD_INPUTS: dict[str, bytes | None] = {
    "empty.txt": b"",
    "blank.txt": b"\n \n\t\n",
    "binary.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "prose.txt": b"Just some notes.\nNot a live blog at all.\n",
    "latin1.txt": " date 2024-11-01 Caf\xe9 blog\nHeadline\nA paragraph.\n".encode("latin-1"),
    "baddate.txt": b" date 2024-13-45 Title\nHeadline\nA paragraph.\n",
    "onlydate.txt": b" date 2024-11-01 Title\n",
    "adir": None,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_the_db_is_untouched(tmp_path: Path, name: str) -> None:
    db = tmp_path / "a.db"
    assert run("import", str(SAMPLES / "rail-strike.txt"), db=db).returncode == 0
    before = digest(db)
    bad = tmp_path / name
    content = BAD_INPUTS[name]
    if content is None:
        bad.mkdir()
    else:
        bad.write_bytes(content)
    proc = run("import", str(bad), db=db)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"liveread: {bad}: "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert digest(db) == before


def test_missing_path(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    proc = run("import", str(tmp_path / "nope.txt"), db=db)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"liveread: {tmp_path / 'nope.txt'}: no such file"
    assert not db.exists(), "bad input alone must not create a database"


def test_good_sources_are_imported_when_one_fails(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing to see\n")
    proc = run(
        "import",
        str(SAMPLES / "rail-strike.txt"),
        str(bad),
        str(SAMPLES / "count-night.txt"),
        db=db,
    )
    assert proc.returncode == 2
    assert len(proc.stdout.splitlines()) == 2
    assert len(proc.stderr.splitlines()) == 1
    sources = run("sources", "--json", db=db).stdout.splitlines()
    assert len(sources) == 2


def test_db_flag_beats_environment(tmp_path: Path) -> None:
    env_db, flag_db = tmp_path / "env.db", tmp_path / "flag.db"
    proc = run("import", "--db", str(flag_db), str(SAMPLES / "rail-strike.txt"), db=env_db)
    assert proc.returncode == 0, proc.stderr
    assert flag_db.exists() and not env_db.exists()
