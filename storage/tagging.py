"""Tag rows inside a write transaction: shared by the tag actions and by undo/redo.

Tags are known by their normalised names; a tag row no entry uses any more is removed, so the
completion list holds only tags in use.
"""

from __future__ import annotations

import sqlite3


def insert_tags(
    conn: sqlite3.Connection,
    entry_id: int,
    names: tuple[str, ...],
    now: str,
    rule: str | None = None,
) -> tuple[str, ...]:
    """Tag the entry with each name (creating tags as needed); returns the names newly added.
    `rule` names the auto-tag rule adding them (None: the user)."""
    added = []
    for name in names:
        row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        if row is None:
            cur = conn.execute("INSERT INTO tags (name, created_at) VALUES (?, ?)", (name, now))
            tag_id = int(cur.lastrowid or 0)
        else:
            tag_id = int(row[0])
        cur = conn.execute(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id, created_at, rule)"
            " VALUES (?, ?, ?, ?)",
            (entry_id, tag_id, now, rule),
        )
        if cur.rowcount:
            added.append(name)
    return tuple(added)


def delete_tags(conn: sqlite3.Connection, entry_id: int, names: tuple[str, ...]) -> tuple[str, ...]:
    """Untag the entry; returns the names it actually had. Tags left unused are removed. A tag
    an auto-tag rule had added is remembered as removed, so the rule never adds it back."""
    removed = []
    for name in names:
        row = conn.execute(
            "DELETE FROM entry_tags WHERE entry_id = ?"
            " AND tag_id = (SELECT id FROM tags WHERE name = ?) RETURNING rule",
            (entry_id, name),
        ).fetchone()
        if row is not None:
            removed.append(name)
            if row[0] is not None:
                conn.execute(
                    "INSERT OR IGNORE INTO autotag_removed (entry_id, tag, removed_at)"
                    " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    (entry_id, name),
                )
    if removed:
        conn.executemany(
            "DELETE FROM tags WHERE name = ?"
            " AND NOT EXISTS (SELECT 1 FROM entry_tags WHERE tag_id = tags.id)",
            [(name,) for name in removed],
        )
    return tuple(removed)
