"""Markdown export of 10,000 annotations across 5,000 entries (read from the store, rendered,
written atomically), beside a bare SQL read of the same rows in the same run.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bench.core import Figure, best_of
from bench.generate import dump_text
from liveread import __version__
from liveread.export.files import write_export
from liveread.export.markdown import render_markdown
from liveread.ingest import read_file
from liveread.kernel.colors import HIGHLIGHT_COLORS
from liveread.storage import Store

COLOURS = HIGHLIGHT_COLORS

_BARE_QUERIES = (
    "SELECT id, key, position, headline, body, published, url, time_label, starred, pinned"
    " FROM entries WHERE source_id = ? ORDER BY position, id",
    'SELECT h.id, h.entry_id, h.start, h."end", h.exact, h.prefix, h.suffix, h.color, h.note,'
    " h.status FROM highlights h JOIN entries e ON e.id = h.entry_id WHERE e.source_id = ?",
    "SELECT n.id, n.entry_id, n.text, n.created_at, n.updated_at FROM notes n"
    " JOIN entries e ON e.id = n.entry_id WHERE e.source_id = ?",
    "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
    " JOIN entries e ON e.id = et.entry_id WHERE e.source_id = ?",
)


def _annotate(store: Store, source_id: int) -> int:
    """Two annotations on every entry: a highlight, and a note or a tag. Returns the count."""
    count = 0
    entries = list(store.entries(source_id))
    with store.writer.transaction():
        for i, entry in enumerate(entries):
            end = min(len(entry.body), 20 + i % 40)
            note = f"Checked against the council statement, item {i}." if i % 3 == 0 else None
            store.add_highlight(entry.id, 0, end, COLOURS[i % len(COLOURS)], note=note)
            if i % 2:
                store.add_note(entry.id, f"Follow up with the press office about update {i}.")
            else:
                store.add_tags(entry.id, [("verify", "key", "follow up")[i % 3]])
            count += 2
    return count


def _bare_read(db_path: Path, source_id: int) -> None:
    conn = sqlite3.connect(db_path)
    try:
        for sql in _BARE_QUERIES:
            conn.execute(sql, (source_id,)).fetchall()
    finally:
        conn.close()


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Build the annotated database, then time the export and the bare read."""
    entries = 500 if quick else 5_000
    dump = scratch / "blog.txt"
    dump.write_text(dump_text(entries), encoding="utf-8")
    db_path = scratch / "liveread.db"
    target = scratch / "export.md"
    with Store.open(db_path) as store:
        source_id = store.import_feed(str(dump), read_file(dump)).source_id
        annotations = _annotate(store, source_id)
        source = store.source(source_id)

        def export() -> None:
            items = store.annotated_entries(source_id, annotated_only=True)
            text = render_markdown(
                source, items, exported_at=datetime.now(UTC), version=__version__
            )
            write_export(target, text, force=True)

        elapsed = best_of(3, export)
    baseline = best_of(3, lambda: _bare_read(db_path, source_id))
    assert target.stat().st_size > 0
    label = f"{annotations // 1000}k" if annotations >= 1000 else str(annotations)
    return [
        Figure(
            f"export_{label}_annotations_md",
            elapsed,
            "s",
            baseline,
            "value<=1",
            1.0,
            by_ratio=False,
        )
    ]
