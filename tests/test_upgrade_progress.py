"""An upgrade that rebuilds the search index tells its progress: from storage to a callback,
in the CLI a rich bar on a terminal and nothing for scripts; a failed one changes nothing."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import struct
import subprocess
import termios
from pathlib import Path

import pytest

from liveread.cli.upgrading import upgrade_bar
from liveread.storage import Store
from liveread.storage.connection import connect
from liveread.storage.schema import MIGRATIONS
from liveread.storage.upgrade import CHECK_STEPS, STEPS_PER_ENTRY, UpgradeProgress, estimate
from tests.test_cli_import import LIVEREAD, run
from tests.test_search_scale import fts_ok

ENTRIES = 4_000
"""Entries in the older database: enough for several reports (CHECK_STEPS apart)."""

REBUILD = "0013_scoped_search_index"


def older_database(path: Path, entries: int = ENTRIES) -> None:
    """A database as liveread wrote it before the search index held each blog's token."""
    db = connect(path)
    with db.conn:
        MIGRATIONS.apply(db, stop_before=REBUILD)
    conn = db.conn
    conn.execute("BEGIN")  # one transaction, not one a row
    conn.execute(
        "INSERT INTO sources (id, location, format, title, added_at)"
        " VALUES (7, '/blogs/old.txt', 'text', 'Old blog', '2025-01-01T00:00:00Z')"
    )
    conn.executemany(
        "INSERT INTO entries (source_id, key, position, headline, body, content_hash,"
        " first_seen) VALUES (7, ?, ?, ?, ?, 'h', '2025-01-01T00:00:00Z')",
        [
            (f"k{i}", i, f"Quay update {i}", f"Crews on quay {i} as the tide turns.")
            for i in range(entries)
        ],
    )
    conn.execute("COMMIT")
    conn.close()


def applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return MIGRATIONS.applied_names(conn)
    finally:
        conn.close()


def test_the_rebuild_reports_its_progress_and_then_that_it_is_done(db_path: Path) -> None:
    older_database(db_path)
    reports: list[UpgradeProgress] = []
    with Store.open(db_path, on_upgrade=reports.append) as store:
        assert store.reindexed == ENTRIES
        assert [e.key for e in store.search("quay 3999", source_id=7)] == ["k3999"]
    assert reports[0] == UpgradeProgress(0, ENTRIES)
    assert reports[-1] == UpgradeProgress(ENTRIES, ENTRIES, finished=True)
    middle = reports[1:-1]
    # About STEPS_PER_ENTRY steps an entry, a report every CHECK_STEPS: several on the way.
    assert len(middle) >= ENTRIES * STEPS_PER_ENTRY // CHECK_STEPS // 2
    assert all(not r.finished and r.total == ENTRIES for r in middle)
    done = [r.done for r in reports]
    assert done == sorted(done)
    assert 0 < middle[len(middle) // 2].done < ENTRIES
    assert all(r.done < ENTRIES for r in middle)
    fts_ok(db_path)


def test_the_estimate_stays_short_of_the_total_until_the_end() -> None:
    assert estimate(0, 100) == 0
    assert estimate(STEPS_PER_ENTRY * 10, 100) == 10
    assert estimate(STEPS_PER_ENTRY * 1000, 100) == 99
    assert estimate(5, 0) == 0


def test_no_report_when_nothing_rebuilds(db_path: Path) -> None:
    reports: list[UpgradeProgress] = []
    # A new file: every migration runs, but there is no entry to index.
    with Store.open(db_path, on_upgrade=reports.append) as store:
        assert store.reindexed is None
    with Store.open(db_path, on_upgrade=reports.append) as store:
        assert store.reindexed is None
    assert reports == []


def test_an_upgrade_stopped_midway_leaves_the_file_as_it_was(db_path: Path) -> None:
    older_database(db_path)
    before = applied(db_path)
    seen: list[UpgradeProgress] = []

    def stop(progress: UpgradeProgress) -> None:
        seen.append(progress)
        if len(seen) == 3:
            raise KeyboardInterrupt  # as a ctrl+c lands in the progress handler

    with pytest.raises(KeyboardInterrupt):  # as itself, not as SQLite's "interrupted"
        Store.open(db_path, on_upgrade=stop)
    assert len(seen) == 3 and not seen[-1].finished
    assert applied(db_path) == before and REBUILD not in before
    conn = sqlite3.connect(db_path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        # The older index is still there and whole; none of 0013's objects were left.
        assert "entries_fts_content" not in names and "entries_fts_deferred" not in names
        conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
    finally:
        conn.close()
    with Store.open(db_path) as store:
        assert store.reindexed == ENTRIES


def _read_all(fd: int) -> str:
    chunks = []
    os.set_blocking(fd, False)
    while True:
        try:
            chunk = os.read(fd, 65536)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_the_cli_bar_is_drawn_on_a_terminal(db_path: Path) -> None:
    older_database(db_path)
    master, slave = os.openpty()
    # A wide terminal, so the bar's label is not cut short.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 400, 0, 0))
    # A path holding rich markup and an escape sequence: shown as text, the escape dropped.
    odd = db_path.with_name("[bold]odd\x1b[31m.db")
    db_path.rename(odd)
    try:
        with open(slave, "w", encoding="utf-8", closefd=True) as terminal:
            assert terminal.isatty()
            with upgrade_bar(odd, terminal) as on_upgrade:
                assert on_upgrade is not None
                with Store.open(odd, on_upgrade=on_upgrade) as store:
                    assert store.reindexed == ENTRIES
            terminal.flush()
            shown = _read_all(master)
    finally:
        os.close(master)
    assert "rebuilding the search index" in shown
    assert "/[bold]odd.db: rebuilding" in shown and "odd\x1b" not in shown
    assert f"{ENTRIES}/{ENTRIES}" in shown


def test_the_cli_is_quiet_for_scripts(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    older_database(db)
    proc = run("sources", db=db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Old blog" in proc.stdout
    assert REBUILD in applied(db)


def test_upgrade_bar_is_none_off_a_terminal(tmp_path: Path) -> None:
    with (tmp_path / "log.txt").open("w") as log, upgrade_bar(tmp_path / "a.db", log) as bar:
        assert bar is None


def test_the_installed_cli_draws_the_bar_in_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    older_database(db)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 400, 0, 0))
    env = {**os.environ, "LIVEREAD_DB": str(db)}
    proc = subprocess.Popen(
        [LIVEREAD, "sources"], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    chunks: list[bytes] = []
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end closed: the command has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        assert proc.wait(timeout=60) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "rebuilding the search index" in shown
    assert f"{ENTRIES}/{ENTRIES}" in shown
    assert "Old blog" in shown
