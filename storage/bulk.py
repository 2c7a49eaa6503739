"""Bulk actions on marked entries, inside the caller's write transaction: read the entries'
state, plan (`liveread.kernel.bulk.plan_bulk`), apply, and describe it as ONE undo step.

The step's changes are the same row and tag records single actions journal, one per entry,
so undo and redo need nothing new; its edits carry how many entries each part touched, for
"tagged 12 entries 'drones'".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from liveread.kernel.bulk import BulkAction, BulkPlan, EntryState, Flag, plan_bulk, toggled
from liveread.kernel.errors import NotFoundError
from liveread.storage.journal import Change, Edit, EditKind, RowChange, TagChange, UndoStep
from liveread.storage.rows import now_iso
from liveread.storage.tagging import delete_tags, insert_tags

CHUNK = 500
"""Entry ids per `IN (...)` read (well under SQLite's limit on bound parameters)."""

_KINDS: dict[Flag, tuple[EditKind, EditKind]] = {
    "starred": (EditKind.STARRED, EditKind.UNSTARRED),
    "pinned": (EditKind.PINNED, EditKind.UNPINNED),
    "read": (EditKind.READ, EditKind.UNREAD),
}
"""Each flag's edit kinds: (set, cleared)."""


def read_states(conn: sqlite3.Connection, entry_ids: Sequence[int]) -> list[EntryState]:
    """The entries' flags and tags, in the order of `entry_ids` (each once). An entry removed
    meanwhile (its blog removed, here or by another process) is left out; NotFoundError when
    none of them is there any more."""
    ids = list(dict.fromkeys(entry_ids))
    flags: dict[int, tuple[bool, bool, bool]] = {}
    tags: dict[int, set[str]] = {i: set() for i in ids}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(
            f"SELECT id, starred, pinned, read FROM entries WHERE id IN ({marks})", chunk
        ):
            flags[int(row[0])] = (bool(row[1]), bool(row[2]), bool(row[3]))
        for row in conn.execute(
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
            f" WHERE et.entry_id IN ({marks})",
            chunk,
        ):
            tags[int(row[0])].add(str(row[1]))
    if ids and not flags:
        raise NotFoundError("none of the marked entries is there any more")
    return [EntryState(i, *flags[i], frozenset(tags[i])) for i in ids if i in flags]


def plan_toggle(conn: sqlite3.Connection, entry_ids: Sequence[int], flag: Flag) -> BulkPlan:
    """The plan of a toggle key (star, pin, read) pressed with several entries marked."""
    states = read_states(conn, entry_ids)
    return plan_bulk(states, toggled(flag, states))


def plan(conn: sqlite3.Connection, entry_ids: Sequence[int], action: BulkAction) -> BulkPlan:
    """The plan of `action` on the entries as they are now."""
    return plan_bulk(read_states(conn, entry_ids), action)


def apply_plan(conn: sqlite3.Connection, bulk: BulkPlan) -> UndoStep | None:
    """Make the plan's changes; the undo step recording them (None when nothing changed)."""
    if not bulk:
        return None
    changes: list[Change] = []
    edits: list[Edit] = []
    if bulk.flags:
        flag, value = bulk.flags[0].flag, bulk.flags[0].value
        ids = [p.entry_id for p in bulk.flags]
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            # `flag` is one of three column names (a Literal), never user input.
            conn.execute(f"UPDATE entries SET {flag} = ? WHERE id IN ({marks})", (value, *chunk))
        changes.extend(
            RowChange("entries", i, {flag: int(not value)}, {flag: int(value)}) for i in ids
        )
        on, off = _KINDS[flag]
        edits.append(Edit(on if value else off, count=len(ids)))
    now = now_iso()
    for tag_plan in (*bulk.removals, *bulk.additions):
        if tag_plan.added:
            insert_tags(conn, tag_plan.entry_id, tag_plan.names, now)
        else:
            delete_tags(conn, tag_plan.entry_id, tag_plan.names)
        changes.append(TagChange(tag_plan.entry_id, tag_plan.names, tag_plan.added))
    for group, kind in ((bulk.removals, EditKind.UNTAGGED), (bulk.additions, EditKind.TAGGED)):
        if group:
            names = tuple(dict.fromkeys(n for p in group for n in p.names))
            edits.append(Edit(kind, tags=names, count=len(group)))
    first, *others = bulk.entry_ids
    return UndoStep(first, tuple(edits), tuple(changes), others=tuple(others))
