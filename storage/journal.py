"""Undo and redo of annotation actions: an in-memory journal of what each action changed.

Each action (tag, star, pin, note, highlight) is recorded as an `UndoStep`: what the user did,
as `Edit` records (the CLI and the app word them: `liveread.services.undoing`), and the row
changes it made. Undo applies
them backwards and redo forwards, each in one write transaction of its own. Only what the
action touched is restored: undoing a colour change leaves the highlight's offsets alone, even
if an import has moved it since. A row that comes back (undoing a delete, redoing an add)
keeps its old id, which the tables never hand out twice (AUTOINCREMENT), and a highlight that
comes back is fitted to the entry's current body. The journal lives as long as the Store: it
is this process's history, not the database's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from liveread.storage.reanchor import check_highlight
from liveread.storage.rows import now_iso
from liveread.storage.tagging import delete_tags, insert_tags

JOURNAL_LIMIT = 500
"""How many actions can be undone."""

_TABLES = frozenset({"entries", "notes", "highlights"})
"""Tables a RowChange may name (never user input, but checked all the same)."""

Row = Mapping[str, object]
"""Column name to value."""


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row's columns before and after an action; None where the row did not exist."""

    table: str
    """`entries`, `notes` or `highlights`."""
    row_id: int
    """The row's id."""
    before: Row | None
    """The columns the action changed, as they were (the whole row for a delete)."""
    after: Row | None
    """The same columns as the action left them (the whole row for an add)."""


@dataclass(frozen=True, slots=True)
class TagChange:
    """Tags an action added to or removed from an entry."""

    entry_id: int
    """The entry."""
    names: tuple[str, ...]
    """Normalised tag names that actually changed."""
    added: bool
    """True when the action added them, False when it removed them."""
    rule: str | None = None
    """The auto-tag rule that added them (redo adds them as that rule's again)."""


Change = RowChange | TagChange
"""Anything an action can change."""


class EditKind(StrEnum):
    """What a user action did to an entry."""

    TAGGED = "tagged"
    UNTAGGED = "untagged"
    STARRED = "starred"
    UNSTARRED = "unstarred"
    PINNED = "pinned"
    UNPINNED = "unpinned"
    NOTE_ADDED = "note added"
    NOTE_CHANGED = "note changed"
    NOTE_DELETED = "note deleted"
    HIGHLIGHTED = "highlighted"
    HIGHLIGHT_DELETED = "highlight deleted"
    HIGHLIGHT_COLOURED = "highlight coloured"
    HIGHLIGHT_NOTED = "highlight noted"
    HIGHLIGHT_NOTE_CLEARED = "highlight note cleared"
    READ = "read"
    UNREAD = "unread"
    HIGHLIGHT_EXTENDED = "highlight extended"
    HIGHLIGHT_ACCEPTED = "highlight accepted"


@dataclass(frozen=True, slots=True)
class Edit:
    """One thing an action did, with what a message needs to name it (no words)."""

    kind: EditKind
    """What was done."""
    tags: tuple[str, ...] = ()
    """The tag names added or removed (TAGGED, UNTAGGED)."""
    quote: str | None = None
    """The highlight's words, whole (the HIGHLIGHT kinds; TAGGED and UNTAGGED of a
    highlight's own tags)."""
    original: str | None = None
    """The words first highlighted, which accepting an edit let go (HIGHLIGHT_ACCEPTED)."""
    color: str | None = None
    """The colour a highlight was given (HIGHLIGHT_COLOURED)."""
    was: str | None = None
    """The colour it had before (HIGHLIGHT_COLOURED); its words before (HIGHLIGHT_EXTENDED)."""
    count: int = 1
    """How many entries it was done to (a bulk action on marked entries: more than one)."""


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One undoable user action: what it did and the rows it changed."""

    entry_id: int
    """The entry it touched (the app moves there on undo)."""
    edits: tuple[Edit, ...]
    """What it did, in the order done (a tag prompt can untag and tag in one step)."""
    changes: tuple[Change, ...]
    """Its changes, in the order made."""
    others: tuple[int, ...] = ()
    """The other entries it touched (a bulk action on marked entries), beside `entry_id`."""

    @property
    def touched(self) -> tuple[int, ...]:
        """Every entry it touched, `entry_id` first."""
        return (self.entry_id, *self.others)


class Journal:
    """Two stacks of steps: those to undo and those undone, ready to redo."""

    def __init__(self, limit: int = JOURNAL_LIMIT) -> None:
        self._limit = limit
        self.undo_stack: list[UndoStep] = []
        """Steps that can be undone, newest last."""
        self.redo_stack: list[UndoStep] = []
        """Steps undone that can be redone, most recently undone last."""

    def record(self, action: UndoStep) -> None:
        """A new action: it can be undone, and nothing undone before can be redone."""
        self.undo_stack.append(action)
        del self.undo_stack[: -self._limit]
        self.redo_stack.clear()


def apply(conn: sqlite3.Connection, action: UndoStep, forward: bool) -> UndoStep:
    """Redo (`forward`) or undo an action inside the caller's transaction.

    Returns the action with row snapshots refreshed: a row removed here is kept as it was at
    that moment (with any re-anchoring an import did meanwhile), ready to come back.
    """
    changes = action.changes if forward else tuple(reversed(action.changes))
    applied = [_apply_change(conn, change, forward) for change in changes]
    if not forward:
        applied.reverse()
    return replace(action, changes=tuple(applied))


def _apply_change(conn: sqlite3.Connection, change: Change, forward: bool) -> Change:
    if isinstance(change, TagChange):
        if change.added == forward:
            insert_tags(conn, change.entry_id, change.names, now_iso(), change.rule)
        else:
            delete_tags(conn, change.entry_id, change.names)
        return change
    if change.table not in _TABLES:
        raise ValueError(f"not a journalled table: {change.table}")
    target = change.after if forward else change.before
    if target is None:
        removed = _delete(conn, change.table, change.row_id)
        if removed is None:
            return change
        return replace(change, before=removed) if forward else replace(change, after=removed)
    current = change.before if forward else change.after
    if current is None:
        _insert(conn, change.table, change.row_id, target)
    else:
        _update(conn, change.table, change.row_id, target)
    return change


def _column(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, object] | None:
    """Every column of one row, or None if it is not there."""
    cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    row = cur.fetchone()
    if row is None:
        return None
    return {d[0]: value for d, value in zip(cur.description, row, strict=True)}


def _delete(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, object] | None:
    row = read_row(conn, table, row_id)
    if row is not None:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
    return row


def _insert(conn: sqlite3.Connection, table: str, row_id: int, row: Row) -> None:
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
        return  # already back (nothing else ever reuses the id)
    columns = dict(row)
    columns["id"] = row_id
    names = ", ".join(_column(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(columns.values()))
    if table == "highlights":
        check_highlight(conn, row_id)


def _update(conn: sqlite3.Connection, table: str, row_id: int, row: Row) -> None:
    # A row another process deleted meanwhile stays deleted: there is nothing to restore.
    assignments = ", ".join(f"{_column(c)} = ?" for c in row)
    conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*tuple(row.values()), row_id))
