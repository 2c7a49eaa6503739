"""What every part of the Store shares: the connection, the writer, and consistent reads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel.errors import NotFoundError, ReadCancelled
from liveread.storage.connection import Writer
from liveread.storage.rows import ENTRY_COLUMNS

if TYPE_CHECKING:
    import sqlite_utils

CANCEL_CHECK_STEPS = 2000
"""SQLite virtual-machine steps between two looks at a read's cancel flag: well under a
millisecond of work, so a cancelled read lets go of the connection at once."""

ENTRY_COLUMNS_E = ", ".join(f"e.{column.strip()}" for column in ENTRY_COLUMNS.split(","))
"""ENTRY_COLUMNS qualified with the table alias `e`, for queries that join."""


class StoreCore:
    """The attributes `storage.store.Store` sets up, declared for the mixins that use them."""

    conn: sqlite3.Connection
    """The SQLite connection."""
    path: Path
    """Where the database file is."""
    writer: Writer
    """Wraps each write in a BEGIN IMMEDIATE transaction."""

    _db: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """The connection as a sqlite-utils database (for storage modules only).

        Made on first use: opening an up-to-date database needs no sqlite-utils at all, and
        importing it costs tens of milliseconds at every start.
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one committed state, however other processes write meanwhile.

        A deferred BEGIN holds one WAL read snapshot until the block ends.
        """
        with self.writer.lock:
            conn = self.conn
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    def data_version(self) -> int:
        """A number that changes whenever another connection (another `liveread`) commits to
        the database: poll it cheaply to know when to reload what is shown."""
        value = self._fetch("PRAGMA data_version")[0][0]
        return value if isinstance(value, int) else 0

    def _fetch(
        self,
        sql: str,
        params: tuple[object, ...] = (),
        *,
        cancel: threading.Event | None = None,
    ) -> list[tuple[object, ...]]:
        """All rows of one query. With `cancel`, the query stops (ReadCancelled) as soon as
        the flag is set from another thread, and the connection is free again at once."""
        with self.writer.lock:
            if cancel is None:
                return list(self.conn.execute(sql, params).fetchall())
            if cancel.is_set():
                raise ReadCancelled("the read was cancelled")
            # A progress handler, not Connection.interrupt(): it stops only this read, never
            # a write another thread of this process starts on the connection meanwhile.
            self.conn.set_progress_handler(cancel.is_set, CANCEL_CHECK_STEPS)
            try:
                return list(self.conn.execute(sql, params).fetchall())
            except sqlite3.OperationalError:
                if cancel.is_set():
                    raise ReadCancelled("the read was cancelled") from None
                raise
            finally:
                self.conn.set_progress_handler(None, 0)


def entry_body(conn: sqlite3.Connection, entry_id: int) -> str:
    """The entry's current body; NotFoundError if there is no such entry."""
    row = conn.execute("SELECT body FROM entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no entry with id {entry_id}")
    return str(row[0])
