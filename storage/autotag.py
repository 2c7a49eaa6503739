"""Auto-tag rules applied inside an import's transaction, and what a rule added taken back.

After a merge, the entries the import added or changed (their `first_seen` or `changed_at`
is the import's stamp) are read with their tags and the tags the user removed from them
after a rule had added them (`autotag_removed`); `liveread.kernel.autotag.plan_autotags`
decides; the tags are written with the rule's tag in `entry_tags.rule`. The import and the
tags commit together, and the tags are one undo step in this process's journal.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence

from liveread.kernel.autotag import AutoTag, AutotagRule, Candidate, plan_autotags
from liveread.storage.journal import Edit, EditKind, TagChange, UndoStep
from liveread.storage.rows import now_iso
from liveread.storage.tagging import delete_tags, insert_tags


def candidates(conn: sqlite3.Connection, source_id: int, stamp: str) -> list[Candidate]:
    """The entries of a source an import stamped `stamp` added or changed, as rules read them."""
    rows = conn.execute(
        "SELECT e.id, coalesce(e.headline, ''), e.body, coalesce(e.author, ''),"
        " coalesce(s.name, '') || ' ' || coalesce(s.title, '')"
        " FROM entries e JOIN sources s ON s.id = e.source_id"
        " WHERE e.source_id = ? AND (e.first_seen = ? OR e.changed_at = ?) ORDER BY e.id",
        (source_id, stamp, stamp),
    ).fetchall()
    if not rows:
        return []
    tags: dict[int, set[str]] = {int(r[0]): set() for r in rows}
    removed: dict[int, set[str]] = {int(r[0]): set() for r in rows}
    low, high = min(tags), max(tags)
    # One range read of each side table (the ids of one import sit close together).
    for entry_id, name in conn.execute(
        "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
        " WHERE et.entry_id BETWEEN ? AND ?",
        (low, high),
    ):
        if entry_id in tags:
            tags[entry_id].add(str(name))
    for entry_id, name in conn.execute(
        "SELECT entry_id, tag FROM autotag_removed WHERE entry_id BETWEEN ? AND ?", (low, high)
    ):
        if entry_id in removed:
            removed[entry_id].add(str(name))
    return [
        Candidate(
            entry_id=int(r[0]),
            headline=str(r[1]),
            body=str(r[2]),
            author=str(r[3]),
            blog=str(r[4]),
            tags=frozenset(tags[int(r[0])]),
            removed=frozenset(removed[int(r[0])]),
        )
        for r in rows
    ]


def apply_rules(
    conn: sqlite3.Connection, rules: Sequence[AutotagRule], source_id: int, stamp: str
) -> tuple[tuple[tuple[str, int], ...], UndoStep | None]:
    """Tag what the import stamped `stamp` added or changed, as the rules say; returns
    (tag, entries tagged) pairs and the undo step (None when no rule tagged anything)."""
    planned = plan_autotags(rules, candidates(conn, source_id, stamp))
    return write_autotags(conn, planned)


def write_autotags(
    conn: sqlite3.Connection, planned: Sequence[AutoTag]
) -> tuple[tuple[tuple[str, int], ...], UndoStep | None]:
    """Write planned auto-tags (each marked as its rule's); the counts and the undo step."""
    if not planned:
        return (), None
    now = now_iso()
    changes: list[TagChange] = []
    for one in planned:
        if insert_tags(conn, one.entry_id, (one.tag,), now, one.tag):
            changes.append(TagChange(one.entry_id, (one.tag,), True, rule=one.tag))
    counts = Counter(change.names[0] for change in changes)
    if not changes:
        return (), None
    edits = tuple(Edit(EditKind.TAGGED, tags=(tag,), count=n) for tag, n in counts.items())
    ids = list(dict.fromkeys(change.entry_id for change in changes))
    step = UndoStep(ids[0], edits, tuple(changes), others=tuple(ids[1:]))
    return tuple(counts.items()), step


def remove_rule_tags(conn: sqlite3.Connection, tag: str) -> list[int]:
    """Take back every `tag` an auto-tag rule added (remembered as removed, so the rule does
    not add it again); the entries untagged."""
    ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
            " WHERE t.name = ? AND et.rule IS NOT NULL ORDER BY et.entry_id",
            (tag,),
        )
    ]
    for entry_id in ids:
        delete_tags(conn, entry_id, (tag,))
    return ids


def rule_tags(conn: sqlite3.Connection, entry_id: int) -> tuple[str, ...]:
    """The entry's tags that an auto-tag rule added, sorted."""
    rows = conn.execute(
        "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
        " WHERE et.entry_id = ? AND et.rule IS NOT NULL ORDER BY t.name",
        (entry_id,),
    ).fetchall()
    return tuple(str(r[0]) for r in rows)
