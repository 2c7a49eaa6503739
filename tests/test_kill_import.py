"""A `liveread import` killed with SIGKILL leaves the database as before or after, never between.

The kill points are steps of the import (`tests.killpoint`), not moments: before anything, at
its transaction's BEGIN, at the first, middle and last statement inside it, at the COMMIT and
just after it. Each point has one right answer, which a loaded machine does not change.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bench.generate import dump_text
from tests.conftest import SAMPLES
from tests.killpoint import find, kill_at, trace

ENTRIES = 2_000
"""Entries in the big import: enough for a long transaction."""


def _state(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        return check, count
    finally:
        conn.close()


def test_kill_9_mid_import(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(dump_text(ENTRIES), encoding="utf-8")
    # Every run starts from the same small database: made once, copied (closed, so the file
    # holds everything), so every run takes the same steps.
    small = tmp_path / "small.db"
    kill_free = ["liveread", "--db", str(small), "import", str(SAMPLES / "rail-strike.txt")]
    trace(kill_free)
    before = _state(small)
    assert before[0] == "ok" and before[1] > 0

    probe = tmp_path / "probe.db"
    shutil.copyfile(small, probe)
    steps = trace(["liveread", "--db", str(probe), "import", str(big)])
    assert _state(probe) == ("ok", before[1] + ENTRIES)
    first_insert = find(steps, "sql INSERT INTO entries")
    begin = max(i + 1 for i in range(first_insert) if steps[i] == "sql BEGIN IMMEDIATE")
    commit = find(steps, "sql COMMIT", first_insert)
    points = {
        1: "before anything",
        begin: "at BEGIN IMMEDIATE",
        first_insert: "at the first entry",
        (begin + commit) // 2: "in the middle of the transaction",
        commit - 1: "at the last statement before COMMIT",
        commit: "at COMMIT",
        commit + 1: "just after COMMIT",
    }
    assert len(points) == 7 and commit + 1 <= len(steps)

    for step, where in sorted(points.items()):
        db = tmp_path / f"k{step}.db"
        shutil.copyfile(small, db)
        kill_at(step, ["liveread", "--db", str(db), "import", str(big)])
        check, count = _state(db)
        assert check == "ok", where
        expected = before[1] + ENTRIES if step > commit else before[1]
        assert count == expected, f"killed {where} (step {step}): {count} entries"
