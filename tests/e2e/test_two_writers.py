"""Two writers on one database: the real app in a terminal (marking entries read and unread,
moving on) while `liveread import` (a live blog's file flipping between two snapshots) and
`liveread tag` run in a loop against the same file, until each side has done a set number of
writes (counted, not timed: a slow machine takes longer, it does not do less). Nobody sees a
database error, every CLI run exits 0, and the database is intact afterwards."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from liveread.storage import Store
from tests.conftest import SAMPLES
from tests.e2e.conftest import Terminal, liveread_binary

pytestmark = pytest.mark.e2e

MOVES = 20
"""Moves the app makes (mark the entry, go to the next), each seen on the screen."""

CLI_RUNS = 6
"""CLI runs (an import and a tag, in turn) that must end while the app keeps moving."""

DEADLINE = 600.0
"""Longest both sides may take together: only a hang reaches it."""

POSITION = re.compile(r"─ (\d+)/(\d+) ─")
"""The entry list's counter in its border: `─ 3/34 ─`."""

SNAPSHOTS = (SAMPLES / "harbour-storm.txt", SAMPLES / "harbour-storm-later.txt")
"""The same live blog at two moments: imports flip between them (new, edited, gone)."""

TROUBLE = ("Could not", "locked", "rror", "Traceback")
"""What must never be on the screen: the app's failure notifications say "Could not"."""


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(liveread_binary()), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_the_app_and_the_cli_write_the_same_database(
    terminal: Terminal, app_env: dict[str, str], tmp_path: Path
) -> None:
    db = Path(app_env["LIVEREAD_DB"])
    blog = tmp_path / "harbour.txt"
    blog.write_bytes(SNAPSHOTS[0].read_bytes())
    assert _cli(app_env, "import", str(blog)).returncode == 0
    with Store.open(db) as store:
        (source,) = store.sources()
        ids = [e.id for e in store.entries(source.id)]
    terminal.start()
    terminal.wait_for(f" 1/{len(ids)} ")

    failures: list[str] = []
    runs = 0
    done = threading.Event()

    def cli_writer() -> None:
        nonlocal runs
        n = 0
        while not done.is_set():
            blog.write_bytes(SNAPSHOTS[n % 2].read_bytes())
            for args in (
                ("import", str(blog)),
                ("tag", str(ids[n % len(ids)]), f"round-{n % 3}"),
            ):
                proc = _cli(app_env, *args)
                runs += 1
                if proc.returncode != 0 or proc.stderr.strip():
                    failures.append(f"{args}: exit {proc.returncode}: {proc.stderr.strip()}")
            n += 1

    def position(screen: str) -> tuple[int, int] | None:
        found = POSITION.search(screen)
        return (int(found[1]), int(found[2])) if found else None

    writer = threading.Thread(target=cli_writer)
    writer.start()
    moves = 0
    screens_with_trouble: list[str] = []
    deadline = time.monotonic() + DEADLINE
    try:
        # Both sides go on until each has done its share, so they overlap all the while.
        while moves < MOVES or runs < CLI_RUNS:
            assert time.monotonic() < deadline, f"{moves} moves, {runs} CLI runs: stuck"
            before = position(terminal.wait_until(position, "the entry counter"))
            assert before is not None
            terminal.send(*(("g",) if before[0] >= before[1] else ("m", "j")))
            screen = terminal.wait_until(
                lambda screen, before=before: position(screen) not in (None, before),
                "the app to move",
            )
            moves += 1
            if any(word in screen for word in TROUBLE):
                screens_with_trouble.append(screen)
    finally:
        done.set()
        writer.join()
    assert not failures, failures
    assert not screens_with_trouble, screens_with_trouble[0]
    assert terminal.proc is not None and terminal.proc.proc.poll() is None, "the app ended"
    terminal.send("q")
    assert terminal.wait_exit() == 0

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    with Store.open(db) as store:
        assert store.tags_in_use(), "the CLI's tags are there"
        assert any(entry.read for entry in store.entries()), "the app's marks are there"
