"""The upgrade that rebuilds the search index (migration 0013), with its progress reported,
beside the same statements run bare.

A copy of a scale database is put back before 0013 (its scoped index, view and triggers
dropped, the older unscoped index made again, empty, and the migration's record removed:
all cheap), then opened by `Store.open` with a progress callback, which applies 0013 and
rebuilds the index of every entry. The floor puts the copy back the same way and runs 0013's
statements with bare sqlite3 in one BEGIN IMMEDIATE transaction: no sqlite-utils, no
progress handler. Target: the reporting upgrade <= 1.2x the bare one (medians of `RUNS`).

`python -m bench --only upgrade` runs it on the 100,000-entry scale database (built under the
default cache if missing; `--quick` too: at 10,000 entries the fixed cost of sqlite-utils'
migration machinery, about 0.15 s, outweighs the rebuild); `--scale` runs it at 100k and 1M.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.core import Figure
from liveread.storage import Store
from liveread.storage.schema import _SCOPED_FTS
from liveread.storage.upgrade import UpgradeProgress

RUNS = 3
"""Runs of each side; the figures are medians."""

STEP = "0013_scoped_search_index"
"""The migration that rebuilds the entries' index."""

_BEFORE_0013 = [
    "DROP TRIGGER entries_fts_insert",
    "DROP TRIGGER entries_fts_delete",
    "DROP TRIGGER entries_fts_update",
    "DROP TABLE entries_fts",
    "DROP VIEW entries_fts_content",
    "DROP TABLE entries_fts_deferred",
    """CREATE VIRTUAL TABLE entries_fts USING fts5 (
        headline, body, content='entries', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts (rowid, headline, body) VALUES (new.id, new.headline, new.body);
    END""",
    """CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
    END""",
    """CREATE TRIGGER entries_fts_update AFTER UPDATE OF headline, body ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
        INSERT INTO entries_fts (rowid, headline, body) VALUES (new.id, new.headline, new.body);
    END""",
    f"DELETE FROM _sqlite_migrations WHERE name = '{STEP}'",
]
"""The schema as it stood before 0013, its (older) index left empty: 0013 drops it unread."""


def _run_bare(path: Path, statements: list[str]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        for statement in statements:
            conn.execute(statement)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def put_back_before_0013(path: Path) -> None:
    """Make the database at `path` one that 0013 has not yet been applied to."""
    _run_bare(path, _BEFORE_0013)


def upgrade_with_progress(path: Path) -> list[UpgradeProgress]:
    """Open the database at `path` as liveread does, its progress taken down; the reports."""
    reports: list[UpgradeProgress] = []
    with Store.open(path, on_upgrade=reports.append) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return reports


def upgrade_figure(source: Path, scratch: Path, name: str, runs: int = RUNS) -> Figure:
    """0013 applied to a copy of `source` with progress, beside the bare statements."""
    work = scratch / f"upgrade-{name}.db"
    shutil.copyfile(source, work)
    ours: list[float] = []
    bare: list[float] = []
    try:
        for _ in range(runs):
            put_back_before_0013(work)
            start = time.perf_counter()
            reports = upgrade_with_progress(work)
            ours.append(time.perf_counter() - start)
            assert reports and reports[-1].finished, reports[-1:]
            put_back_before_0013(work)
            start = time.perf_counter()
            _run_bare(work, _SCOPED_FTS)
            bare.append(time.perf_counter() - start)
    finally:
        for leftover in scratch.glob(f"{work.name}*"):
            leftover.unlink()
    ours.sort()
    bare.sort()
    return Figure(
        f"scale_{name}_upgrade_reindex",
        ours[len(ours) // 2],
        "s",
        bare[len(bare) // 2],
        "ratio<=1.2",
        1.2,
    )


def run(scratch: Path, quick: bool) -> list[Figure]:
    """The upgrade on the 100k scale database (`quick` changes nothing: see above)."""
    from bench.scale import database

    path = database(Path(tempfile.gettempdir()) / "liveread-bench", 100_000)
    return [upgrade_figure(path, scratch, "100k")]
