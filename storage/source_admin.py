"""Looking after whole live blogs: rename, mark every entry read, the previous unread entry,
what annotations a blog holds, and removing it with everything that hangs off it.

A mixin of `storage.Store`. Each write is one BEGIN IMMEDIATE transaction. Removing deletes
child rows before their parents because every foreign key is ON DELETE RESTRICT (a stray
delete elsewhere can never take user data with it); the caller (`services.managing`) exports
the annotations first. Undo steps of the removed entries are dropped from this process's
journal, as there is nothing left for them to act on.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from liveread.kernel.errors import InputError, NotFoundError, StorageError
from liveread.kernel.model import Entry
from liveread.storage.rows import ENTRY_COLUMNS, entry_from_row

if TYPE_CHECKING:
    from liveread.storage.connection import Writer
    from liveread.storage.journal import Journal

MAX_NAME = 200
"""The longest name a live blog may be given (a title line, not a document)."""

_IN_SOURCE = "SELECT id FROM entries WHERE source_id = ?"


@dataclass(frozen=True, slots=True)
class Holdings:
    """What the user attached to one live blog's entries."""

    tagged: int = 0
    """Entries with at least one tag."""
    highlights: int = 0
    """Highlights (anchored or orphaned)."""
    notes: int = 0
    """Notes on entries."""
    marked: int = 0
    """Entries starred or marked as key events."""
    latest: str | None = None
    """When the newest tag, highlight or note was made or changed (so that an edit which
    leaves the counts alone still shows as a change)."""

    @property
    def any(self) -> bool:
        """True when removing the blog would lose something the user made."""
        return bool(self.tagged or self.highlights or self.notes or self.marked)


class SourceAdminMixin:
    """Whole-blog actions for `storage.Store` (which supplies `writer`, `journal`, `_rows`)."""

    writer: Writer
    conn: sqlite3.Connection

    if TYPE_CHECKING:  # supplied by Store and AnnotationsMixin

        @property
        def journal(self) -> Journal: ...

        def _rows(
            self, sql: str, params: tuple[object, ...] = ()
        ) -> list[tuple[object, ...]]: ...

    def _exists(self, source_id: int) -> None:
        if not self._rows("SELECT 1 FROM sources WHERE id = ?", (source_id,)):
            raise NotFoundError(f"no source with id {source_id}")

    def rename_source(self, source_id: int, name: str | None) -> None:
        """Give a live blog the user's own name; None or blank goes back to the page's title.

        `InputError` for a name longer than `MAX_NAME`; the caller cleans it of control
        characters first (kernel.text).
        """
        wanted = (name or "").strip() or None
        if wanted is not None and len(wanted) > MAX_NAME:
            raise InputError("name", f"longer than {MAX_NAME} characters")
        with self.writer.transaction() as conn:
            cur = conn.execute("UPDATE sources SET name = ? WHERE id = ?", (wanted, source_id))
            if cur.rowcount == 0:
                raise NotFoundError(f"no source with id {source_id}")

    def mark_source_read(self, source_id: int) -> int:
        """Mark every entry of a live blog read, at the revision each has now; how many were
        unread."""
        with self.writer.transaction() as conn:
            if conn.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone() is None:
                raise NotFoundError(f"no source with id {source_id}")
            cur = conn.execute(
                "UPDATE entries SET read = 1 WHERE source_id = ? AND read = 0", (source_id,)
            )
            # Read entries edited since they were read count as read again too (the
            # `entries_seen_read` trigger did the unread ones).
            conn.execute(
                "UPDATE entries SET seen_revision = revision_count"
                " WHERE source_id = ? AND revision_count > seen_revision",
                (source_id,),
            )
            return cur.rowcount

    def previous_unread(self, source_id: int, before_entry_id: int | None = None) -> Entry | None:
        """The nearest unread entry above the given one in page order (None: from the bottom)."""
        before = None
        if before_entry_id is not None:
            found = self._rows("SELECT position, id FROM entries WHERE id = ?", (before_entry_id,))
            before = found[0] if found else None
        if before is None:
            sql = (
                f"SELECT {ENTRY_COLUMNS} FROM entries WHERE source_id = ? AND read = 0"
                " ORDER BY position DESC, id DESC LIMIT 1"
            )
            params: tuple[object, ...] = (source_id,)
        else:
            sql = (
                f"SELECT {ENTRY_COLUMNS} FROM entries WHERE source_id = ? AND read = 0"
                " AND (position, id) < (?, ?) ORDER BY position DESC, id DESC LIMIT 1"
            )
            params = (source_id, before[0], before[1])
        rows = self._rows(sql, params)
        return entry_from_row(rows[0]) if rows else None

    def holdings(self, source_id: int) -> Holdings:
        """What the user attached to a live blog's entries (one query)."""
        self._exists(source_id)
        with self.writer.lock:
            return _holdings(self.conn, source_id)

    def delete_source(self, source_id: int, *, expect: Holdings | None = None) -> int:
        """Delete a live blog, its entries, their revisions and annotations, in one
        transaction; how many entries went. Export the annotations before calling this, and
        pass what the export held as `expect`: if another process annotated the blog since,
        nothing is deleted (`StorageError`), so nothing is lost that was not exported."""
        with self.writer.lock:
            with self.writer.transaction() as conn:
                if expect is not None and _holdings(conn, source_id) != expect:
                    raise StorageError(
                        f"source {source_id}: annotated by another liveread while it was being"
                        " removed; nothing was deleted (try again)"
                    )
                gone = _delete_rows(conn, source_id)
            self._forget(gone)
        return len(gone)

    def _forget(self, entry_ids: set[int]) -> None:
        """Drop the undo and redo steps of entries that no longer exist."""
        for stack in (self.journal.undo_stack, self.journal.redo_stack):
            stack[:] = [step for step in stack if step.entry_id not in entry_ids]


def _holdings(conn: sqlite3.Connection, source_id: int) -> Holdings:
    row = conn.execute(
        f"SELECT (SELECT count(DISTINCT entry_id) FROM entry_tags WHERE entry_id IN"
        f" ({_IN_SOURCE})),"
        f" (SELECT count(*) FROM highlights WHERE entry_id IN ({_IN_SOURCE})),"
        f" (SELECT count(*) FROM notes WHERE entry_id IN ({_IN_SOURCE})),"
        " (SELECT count(*) FROM entries WHERE source_id = ? AND (starred = 1 OR pinned = 1)),"
        f" max((SELECT max(created_at) FROM entry_tags WHERE entry_id IN ({_IN_SOURCE})),"
        f" (SELECT max(updated_at) FROM highlights WHERE entry_id IN ({_IN_SOURCE})),"
        f" (SELECT max(updated_at) FROM notes WHERE entry_id IN ({_IN_SOURCE})))",
        (source_id,) * 7,
    ).fetchone()
    tagged, highlights, notes, marked = (int(v) for v in row[:4])
    return Holdings(tagged, highlights, notes, marked, row[4])


def _delete_rows(conn: sqlite3.Connection, source_id: int) -> set[int]:
    if conn.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone() is None:
        raise NotFoundError(f"no source with id {source_id}")
    gone = {int(row[0]) for row in conn.execute(_IN_SOURCE, (source_id,))}
    for table in ("entry_tags", "autotag_removed", "highlights", "notes", "entry_revisions"):
        conn.execute(f"DELETE FROM {table} WHERE entry_id IN ({_IN_SOURCE})", (source_id,))
    conn.execute("DELETE FROM entries WHERE source_id = ?", (source_id,))
    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
    return gone
