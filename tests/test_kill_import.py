"""A `liveread import` killed with SIGKILL leaves the database as before or after, never between."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from bench.generate import dump_text
from tests.conftest import SAMPLES
from tests.test_cli_import import LIVEREAD

ENTRIES = 10_000
KILLS = 12
"""Kills, spread from the start of an import to just past its end."""


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
    env = {**os.environ}
    # How long a whole import takes here, to spread the kills across it.
    probe_db = tmp_path / "probe.db"
    start = time.perf_counter()
    subprocess.run(
        [LIVEREAD, "--db", str(probe_db), "import", str(big)],
        check=True,
        env=env,
        capture_output=True,
        timeout=120,
    )
    duration = time.perf_counter() - start
    base = _state(probe_db)
    assert base == ("ok", ENTRIES)

    # Every attempt starts from the same small database: made once, copied (closed, so the
    # file holds everything).
    small = tmp_path / "small.db"
    subprocess.run(
        [LIVEREAD, "--db", str(small), "import", str(SAMPLES / "rail-strike.txt")],
        check=True,
        env=env,
        capture_output=True,
        timeout=120,
    )
    before = _state(small)
    assert before[0] == "ok" and before[1] > 0

    outcomes = set()
    for attempt in range(KILLS):
        db = tmp_path / f"k{attempt}.db"
        shutil.copyfile(small, db)
        proc = subprocess.Popen(
            [LIVEREAD, "--db", str(db), "import", str(big)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Spread over the run: early kills land while parsing, late ones in or after the commit.
        # The first comes at once, so one kill surely lands before the commit, however fast
        # or slow this machine runs the rest (the moments are the test's subject, not a wait).
        if attempt:
            time.sleep(duration * (0.1 + 1.0 * attempt / KILLS))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        check, count = _state(db)
        assert check == "ok"
        assert count in (before[1], before[1] + ENTRIES), f"half-written import: {count} entries"
        outcomes.add(count == before[1])
    # At least one kill landed before the commit, so an interrupted import was really seen.
    assert True in outcomes
