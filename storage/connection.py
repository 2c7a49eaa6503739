"""Opening the database with the settings every connection needs, and write transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel.errors import StorageError

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 15_000
"""How long a writer waits for another process's write lock before giving up."""


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database at `path`: WAL, synchronous=FULL, foreign keys.

    The connection is in driver autocommit mode (`isolation_level=None`): the driver never
    opens a transaction by itself, so every write goes through `Writer.transaction`.
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
    return conn


def connect(path: Path) -> sqlite_utils.Database:
    """`open_connection`, wrapped in a sqlite-utils `Database`."""
    import sqlite_utils

    return sqlite_utils.Database(open_connection(path))


class Writer:
    """Serialises this process's writes and wraps each in `BEGIN IMMEDIATE ... COMMIT`.

    IMMEDIATE takes the write lock up front, so two processes never both read, then both
    try to upgrade and deadlock into SQLITE_BUSY; the busy timeout makes the loser wait.
    """

    def __init__(self, conn: sqlite3.Connection | sqlite_utils.Database) -> None:
        self._conn = conn if isinstance(conn, sqlite3.Connection) else conn.conn
        self._savepoints = count(1)
        self.lock = threading.RLock()
        """Held for every statement this process runs on the connection."""
        self.refusal: str | None = None
        """When set, every write is refused with this one-line reason (the database is
        opened read-only: its schema is newer than this code)."""

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: committed on normal exit, rolled back on any exception."""
        if self.refusal is not None:
            raise StorageError(self.refusal)
        with self.lock:
            conn = self._conn
            if conn.in_transaction:
                # Nested use joins the outer transaction through a savepoint.
                savepoint = f"liveread_{next(self._savepoints)}"
                conn.execute(f"SAVEPOINT {savepoint}")
                try:
                    yield conn
                except BaseException:
                    conn.execute(f"ROLLBACK TO {savepoint}")
                    conn.execute(f"RELEASE {savepoint}")
                    raise
                conn.execute(f"RELEASE {savepoint}")
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
