"""kill -9 right after the screen confirms an annotation loses nothing.

The installed `liveread` runs in a pseudo-terminal on one database, 20 times over: each run
makes one annotation (a tag, a star, a note, a highlight, in turn), waits for the screen's
confirmation, and is killed with SIGKILL at once. The database then holds every action and
passes PRAGMA integrity_check.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest

from bench.terminal import PtyProcess
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from tests.e2e.conftest import liveread_binary, screen_lines

pytestmark = pytest.mark.e2e

RUNS = 20

WAIT = 60.0
"""Longest wait for the screen to show what a step leads to (only a failure reaches it)."""


def _feed() -> ParsedFeed:
    entries = tuple(
        ParsedEntry(
            key=f"k{i}",
            headline=f"Update {i}",
            body=f"Crews reinforced the harbour wall overnight, report {i} says.",
        )
        for i in range(1, 4)
    )
    return ParsedFeed(format=Format.TEXT, title="Kill test live", entries=entries)


def _action(run: int) -> tuple[list[bytes], bytes]:
    """The keys of run `run`'s action and the confirmation to wait for."""
    kind = run % 4
    if kind == 0:
        return [b"t", f"kill-{run}".encode(), b"\r"], f"Tagged 'kill-{run}'.".encode()
    if kind == 1:
        return [b"s"], b"tarred."  # "Starred." or "Unstarred."
    if kind == 2:
        return [b"a", f"note of run {run}".encode(), b"\x13"], b"Saved the note."
    # Highlights never duplicate: the first selects one word, each later one a word more,
    # so each grows the same highlight (and writes).
    words = run // 4 + 1
    keys = [b"v", *([b"w"] * words), str(run % 5 + 1).encode()]
    return keys, b"Highlighted in " if words == 1 else b"Extended the highlight to "


def test_kill_after_confirmation_loses_nothing(app_env: dict[str, str], tmp_path: Path) -> None:
    db = Path(app_env["LIVEREAD_DB"])
    with Store.open(db) as store:
        source = store.import_feed("/blogs/kill", _feed()).source_id
        first = store.entry_page(source, 0, 1)[0].id
    env = dict(app_env)
    stars = 0
    for run in range(RUNS):
        keys, confirmation = _action(run)
        with PtyProcess([str(liveread_binary())], env) as proc:
            try:
                proc.read_until(b"1/3", timeout=WAIT)
                for key in keys:
                    proc.write(key)
                    if key in (b"t", b"a"):
                        proc.read_until(b"escape", timeout=WAIT)  # the prompt or editor is open
                proc.read_until(confirmation, timeout=WAIT)
            except TimeoutError as timeout:
                # The screen as the user saw it says why (a toast, a prompt), where the
                # last bytes of output rarely do.
                screen = "\n".join(screen_lines(bytes(proc.output), (120, 40)))
                message = f"run {run}: no {confirmation!r}; the screen:\n{screen}"
                raise AssertionError(message) from timeout
            os.killpg(proc.proc.pid, signal.SIGKILL)
            proc.proc.wait(timeout=WAIT)
        stars += run % 4 == 1
        # Reopen after every run: the action is there, and the file is sound.
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        with Store.open(db) as store:
            entry = store.annotated_entry(first)
            tags = set(entry.tags)
            notes = [n.text for n in entry.notes]
            done = range(run + 1)
            assert {f"kill-{r}" for r in done if r % 4 == 0} <= tags, run
            assert entry.entry.starred == (stars % 2 == 1), run
            assert notes == [f"note of run {r}" for r in done if r % 4 == 2], run
            grown = [r // 4 + 1 for r in done if r % 4 == 3]
            assert len(entry.highlights) == min(1, len(grown)), run
            if grown:
                words = " ".join(entry.entry.body.split()[: grown[-1]])
                assert entry.highlights[0].exact == words, run
