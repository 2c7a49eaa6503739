"""Backups and health checks of a liveread database."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from liveread.kernel.errors import InputError, StorageError
from liveread.kernel.model import HealthReport
from liveread.storage.store import Store

_FTS_TABLES = ("entries_fts", "notes_fts", "highlight_notes_fts")


def backup(store: Store, destination: Path, *, force: bool = False) -> int:
    """Copy the database to `destination` with SQLite's online backup API; returns bytes.

    Safe while another process (the app) writes: the backup API copies a consistent
    snapshot. The copy goes to a temporary file beside the destination and is renamed into
    place, so a failed or interrupted backup never leaves a half-written file at the path;
    the temporary file of a backup that was killed is removed by the next one.
    """
    destination = destination.expanduser()
    where = str(destination)
    if destination.is_dir():
        raise InputError(where, "is a directory; give a file name for the backup")
    if destination.exists() and not force:
        raise InputError(where, "already exists; use --force to replace it")
    if destination.resolve() == store.path.resolve():
        raise InputError(where, "is the database itself")
    _remove_stale_temps(destination)
    temp = destination.with_name(f"{_temp_prefix(destination)}{os.getpid()}")
    try:
        target = sqlite3.connect(temp)
        try:
            with store.writer.lock:
                store.conn.backup(target)
            # A self-contained file: no WAL beside it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, destination)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise InputError(where, exc.strerror or "cannot be written") from None
    except sqlite3.DatabaseError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(f"{where}: backup failed ({exc})") from None
    return destination.stat().st_size


def _temp_prefix(destination: Path) -> str:
    return f".{destination.name}.liveread-tmp-"


def _remove_stale_temps(destination: Path) -> None:
    """Delete temporary files (and their SQLite journals) left beside `destination` by a
    backup whose process no longer runs; a running one's file is left alone."""
    prefix = _temp_prefix(destination)
    try:
        found = [p for p in destination.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for path in found:
        pid_text = path.name[len(prefix) :].split("-", 1)[0]
        if not pid_text.isdigit() or _running(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            path.unlink()


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        # No signal 0 there (os.kill would end the process); Windows refuses to delete a
        # file another process has open, so a running backup's file survives the unlink.
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # another user's process
    except (ProcessLookupError, OverflowError, OSError):
        return False
    return True


def check(store: Store) -> HealthReport:
    """Integrity, foreign keys, full-text indexes, and counts worth knowing."""
    with store.writer.lock:
        try:
            return _check(store)
        except sqlite3.DatabaseError as exc:
            # Damage bad enough that the checks themselves fail is still a report, not a crash.
            return HealthReport(
                integrity=f"damaged: {exc}",
                foreign_key_problems=0,
                schema_version=0,
                sources=0,
                entries=0,
                gone_entries=0,
                revisions=0,
                orphaned_highlights=0,
                fts_ok=False,
            )


def _check(store: Store) -> HealthReport:
    conn = store.conn
    integrity = "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
    fk_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    fts_ok = True
    # FTS5's integrity check is an INSERT: not run on a file that must not be written.
    for table in _FTS_TABLES if store.writer.refusal is None else ():
        try:
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError:
            fts_ok = False

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return HealthReport(
        integrity=integrity,
        foreign_key_problems=fk_problems,
        schema_version=store.schema_version(),
        sources=count("SELECT count(*) FROM sources"),
        entries=count("SELECT count(*) FROM entries"),
        gone_entries=count("SELECT count(*) FROM entries WHERE present = 0"),
        revisions=count("SELECT count(*) FROM entry_revisions"),
        orphaned_highlights=count("SELECT count(*) FROM highlights WHERE status = 'orphaned'"),
        fts_ok=fts_ok,
        newer_schema=store.writer.refusal,
    )
