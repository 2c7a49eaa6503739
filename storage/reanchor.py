"""Moving an entry's highlights with its text, inside the import's transaction.

When a re-import changes an entry's body, every highlight on it is placed again with
`liveread.kernel.anchor.reanchor`. One that is found gets its new offsets, its current words and
fresh context (and keeps the words first highlighted in `original` if an edit changed them);
one that is not found is marked orphaned with its offsets and quote left as they were. Orphans
are tried again at every later edit, so a newsroom that restores a sentence restores the
highlight too. No highlight is ever deleted here.
"""

from __future__ import annotations

import sqlite3

from liveread.kernel.anchor import Anchor, Method, Placement, is_anchored, reanchor
from liveread.storage.rows import now_iso

_SELECT = 'SELECT id, start, "end", exact, prefix, suffix, status, original FROM highlights'


def reanchor_entry(
    conn: sqlite3.Connection, entry_id: int, new_body: str, old_body: str | None = None
) -> None:
    """Re-place every highlight of the entry in `new_body` (its body is already updated).

    `old_body` defaults to the entry's latest revision, the text the offsets refer to.
    """
    rows = conn.execute(_SELECT + " WHERE entry_id = ? ORDER BY id", (entry_id,)).fetchall()
    if not rows:
        return
    if old_body is None:
        found = conn.execute(
            "SELECT body FROM entry_revisions WHERE entry_id = ? ORDER BY id DESC LIMIT 1",
            (entry_id,),
        ).fetchone()
        old_body = None if found is None else str(found[0])
    anchors = [Anchor(int(r[1]), int(r[2]), str(r[3]), str(r[4]), str(r[5])) for r in rows]
    _store(conn, rows, anchors, reanchor(new_body, anchors, old_body))


def check_highlight(conn: sqlite3.Connection, highlight_id: int) -> None:
    """Make sure a highlight brought back by undo/redo fits the entry's current body.

    If the body changed while the highlight was deleted, it is re-placed (or orphaned) just
    as an import would have done.
    """
    rows = conn.execute(_SELECT + " WHERE id = ?", (highlight_id,)).fetchall()
    if not rows or rows[0][6] != "anchored":
        return
    body_row = conn.execute(
        "SELECT e.body FROM entries e JOIN highlights h ON h.entry_id = e.id WHERE h.id = ?",
        (highlight_id,),
    ).fetchone()
    body = str(body_row[0])
    r = rows[0]
    anchor = Anchor(int(r[1]), int(r[2]), str(r[3]), str(r[4]), str(r[5]))
    if is_anchored(body, anchor):
        return
    _store(conn, rows, [anchor], reanchor(body, [anchor]))


def _store(
    conn: sqlite3.Connection,
    rows: list[tuple[object, ...]],
    anchors: list[Anchor],
    placements: list[Placement | None],
) -> None:
    now = now_iso()
    moved: list[tuple[object, ...]] = []
    orphaned: list[tuple[object, ...]] = []
    for row, old, placement in zip(rows, anchors, placements, strict=True):
        highlight_id, status, original = row[0], row[6], row[7]
        if placement is None:
            if status != "orphaned":
                orphaned.append((now, highlight_id))
            continue
        new = placement.anchor
        if new == old and status == "anchored":
            continue
        if original is None and placement.method is Method.FUZZY and new.exact != old.exact:
            original = old.exact
        moved.append(
            (new.start, new.end, new.exact, new.prefix, new.suffix, original, now, highlight_id)
        )
    if moved:
        conn.executemany(
            'UPDATE highlights SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?,'
            " status = 'anchored', original = ?, updated_at = ? WHERE id = ?",
            moved,
        )
    if orphaned:
        conn.executemany(
            "UPDATE highlights SET status = 'orphaned', updated_at = ? WHERE id = ?", orphaned
        )
