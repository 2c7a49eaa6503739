"""Opening the database with the settings every connection needs, and write transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from liveread.errors import StorageError

BUSY_TIMEOUT_MS = 15_000
"""How long a writer waits for another process's write lock before giving up."""


def connect(path: Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`: WAL, synchronous=FULL, foreign keys.

    The connection is in driver autocommit mode (`isolation_level=None`): the driver never
    opens a transaction by itself, so every write goes through `write_transaction`.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"{path}: cannot switch the database to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path}: cannot open the database ({exc})") from None
    except OSError as exc:
        raise StorageError(f"{path}: cannot open the database ({exc.strerror})") from None
    return sqlite_utils.Database(conn)


class Writer:
    """Serialises this process's writes and wraps each in `BEGIN IMMEDIATE ... COMMIT`.

    IMMEDIATE takes the write lock up front, so two processes never both read, then both
    try to upgrade and deadlock into SQLITE_BUSY; the busy timeout makes the loser wait.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self.lock = threading.RLock()
        """Held for every statement this process runs on the connection."""

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: committed on normal exit, rolled back on any exception."""
        with self.lock:
            conn = self._db.conn
            if conn.in_transaction:
                # Nested use joins the outer transaction through a savepoint.
                with self._db.atomic():
                    yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StorageError(f"the database is busy or locked ({exc})") from None
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
