"""Tag rows inside a write transaction: shared by the tag actions and by undo/redo.

Tags are known by their normalised names; a tag row no entry uses any more is removed, so the
completion list holds only tags in use.
"""

from __future__ import annotations

import sqlite3


def insert_tags(
    conn: sqlite3.Connection, entry_id: int, names: tuple[str, ...], now: str
) -> tuple[str, ...]:
    """Tag the entry with each name (creating tags as needed); returns the names newly added."""
    added = []
    for name in names:
        row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        if row is None:
            cur = conn.execute("INSERT INTO tags (name, created_at) VALUES (?, ?)", (name, now))
            tag_id = int(cur.lastrowid or 0)
        else:
            tag_id = int(row[0])
        cur = conn.execute(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, ?, ?)",
            (entry_id, tag_id, now),
        )
        if cur.rowcount:
            added.append(name)
    return tuple(added)


def delete_tags(conn: sqlite3.Connection, entry_id: int, names: tuple[str, ...]) -> tuple[str, ...]:
    """Untag the entry; returns the names it actually had. Tags left unused are removed."""
    removed = []
    for name in names:
        cur = conn.execute(
            "DELETE FROM entry_tags WHERE entry_id = ?"
            " AND tag_id = (SELECT id FROM tags WHERE name = ?)",
            (entry_id, name),
        )
        if cur.rowcount:
            removed.append(name)
    if removed:
        conn.executemany(
            "DELETE FROM tags WHERE name = ?"
            " AND NOT EXISTS (SELECT 1 FROM entry_tags WHERE tag_id = tags.id)",
            [(name,) for name in removed],
        )
    return tuple(removed)
