"""Applying an annotation file (`liveread import-annotations`) to the database.

Records come parsed and validated (`export.annotations_json` → `liveread.kernel.records`). Each is
matched to an entry by its blog (location, else web address, else a unique title) and its
entry key (else a unique headline), then applied as rows that keep the file's text, times,
quote, context, colour and status; a highlight whose offsets no longer hold its quote is
placed as a re-import would place it (`liveread.kernel.anchor`), or kept as orphaned. All of it is
ONE transaction: an error part-way leaves the database as it was. Whatever the entry already
has is counted, not added again, so a second import of the same file adds nothing. An import
is not an undoable action: it is not recorded in the store's undo journal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from liveread.kernel.anchor import Anchor, is_anchored, reanchor_one
from liveread.kernel.model import HighlightStatus
from liveread.kernel.records import (
    EntryRef,
    Flag,
    FlagRecord,
    HighlightRecord,
    NoteRecord,
    Record,
    Skipped,
    TagRecord,
    TransferReport,
)
from liveread.kernel.text import normalise_for_key
from liveread.storage.rows import highlight_tags_column, now_iso, to_iso
from liveread.storage.store import Store
from liveread.storage.tagging import insert_tags


@dataclass
class _Source:
    id: int
    by_key: dict[str, tuple[int, str]] | None = None
    by_headline: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


class _Resolver:
    """Finds the entry an `EntryRef` names, caching what it reads."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._by_location: dict[str, int] = {}
        self._by_url: dict[str, list[int]] = {}
        self._by_title: dict[str, list[int]] = {}
        self._sources: dict[int, _Source] = {}
        for sid, location, url, title in conn.execute(
            "SELECT id, location, url, title FROM sources ORDER BY id"
        ):
            self._by_location[str(location)] = int(sid)
            for address in {str(location), str(url or "")} - {""}:
                self._by_url.setdefault(address, []).append(int(sid))
            self._by_title.setdefault(normalise_for_key(str(title)), []).append(int(sid))

    def _source(self, ref: EntryRef) -> int | str:
        if ref.blog_location and ref.blog_location in self._by_location:
            return self._by_location[ref.blog_location]
        for candidates in (
            self._by_url.get(ref.blog_url or "", []),
            self._by_url.get(ref.blog_location or "", []),
            self._by_title.get(normalise_for_key(ref.blog_title or ""), []),
        ):
            if len(candidates) == 1:
                return candidates[0]
            if len(candidates) > 1:
                return f"several blogs in the database match {ref.describe()}"
        return f"no blog in the database matches {ref.describe()} (import that blog first)"

    def _load(self, source_id: int) -> _Source:
        cached = self._sources.get(source_id)
        if cached is not None and cached.by_key is not None:
            return cached
        cached = _Source(source_id, by_key={})
        assert cached.by_key is not None
        for eid, key, headline, body in self._conn.execute(
            "SELECT id, key, headline, body FROM entries WHERE source_id = ? ORDER BY id",
            (source_id,),
        ):
            cached.by_key[str(key)] = (int(eid), str(body))
            if headline:
                folded = normalise_for_key(str(headline))
                cached.by_headline.setdefault(folded, []).append((int(eid), str(body)))
        self._sources[source_id] = cached
        return cached

    def entry(self, ref: EntryRef) -> tuple[int, str] | str:
        """(entry id, body) of the entry `ref` names, or why there is none."""
        source_id = self._source(ref)
        if isinstance(source_id, str):
            return source_id
        source = self._load(source_id)
        assert source.by_key is not None
        if ref.key and ref.key in source.by_key:
            return source.by_key[ref.key]
        matches = source.by_headline.get(normalise_for_key(ref.headline or ""), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            return f"several entries match {ref.describe()}"
        return f"no {ref.describe()} in the database"


def _placement(record: HighlightRecord, body: str) -> Anchor | None:
    """Where a highlight goes in this database's text of its entry; None keeps it orphaned.

    Where the file's offsets still hold its quote, they are kept with the file's context;
    otherwise the quote is looked for as a re-import would (`liveread.kernel.anchor.reanchor_one`).
    """
    start = record.start or 0
    end = record.end if record.end is not None else start
    anchor = Anchor(start, end, record.exact, record.prefix, record.suffix)
    if record.status == HighlightStatus.ORPHANED:
        return None
    if record.start is not None and is_anchored(body, anchor):
        return anchor
    placement = reanchor_one(body, anchor)
    return None if placement is None else placement.anchor


def _insert_highlight(
    conn: sqlite3.Connection, entry_id: int, body: str, record: HighlightRecord
) -> bool:
    placed = _placement(record, body)
    if placed is None:
        start = record.start or 0
        end = max(start, record.end if record.end is not None else start)
        status = HighlightStatus.ORPHANED
        row = (start, end, record.exact, record.prefix, record.suffix, status.value,
               record.original)  # fmt: skip
        duplicate = conn.execute(
            "SELECT 1 FROM highlights WHERE entry_id = ? AND status = 'orphaned' AND exact = ?",
            (entry_id, record.exact),
        ).fetchone()
    else:
        changed = placed.exact != record.exact
        original = record.original or (record.exact if changed else None)
        status = HighlightStatus.ANCHORED
        row = (placed.start, placed.end, placed.exact, placed.prefix, placed.suffix, status.value,
               original)  # fmt: skip
        duplicate = conn.execute(
            'SELECT 1 FROM highlights WHERE entry_id = ? AND start = ? AND "end" = ?'
            " AND status = 'anchored'",
            (entry_id, placed.start, placed.end),
        ).fetchone()
    if duplicate:
        return False
    created = to_iso(record.created) or now_iso()
    modified = to_iso(record.modified) or created
    conn.execute(
        'INSERT INTO highlights (entry_id, start, "end", exact, prefix, suffix, status, original,'
        " color, note, created_at, updated_at, tags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            *(entry_id, *row, record.color, record.note, created, modified),
            highlight_tags_column(record.tags),
        ),
    )
    return True


def _apply(conn: sqlite3.Connection, entry: tuple[int, str], record: Record) -> bool:
    """Apply one record to its entry; False when the entry already had it."""
    entry_id, body = entry
    if isinstance(record, TagRecord):
        return bool(insert_tags(conn, entry_id, (record.name,), now_iso()))
    if isinstance(record, FlagRecord):
        column = "starred" if record.flag is Flag.STAR else "pinned"
        cur = conn.execute(
            f"UPDATE entries SET {column} = 1 WHERE id = ? AND NOT {column}", (entry_id,)
        )
        return cur.rowcount > 0
    if isinstance(record, NoteRecord):
        if conn.execute(
            "SELECT 1 FROM notes WHERE entry_id = ? AND text = ?", (entry_id, record.text)
        ).fetchone():
            return False
        created = to_iso(record.created) or now_iso()
        modified = to_iso(record.modified) or created
        conn.execute(
            "INSERT INTO notes (entry_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (entry_id, record.text, created, modified),
        )
        return True
    return _insert_highlight(conn, entry_id, body, record)


def apply_annotations(
    store: Store,
    records: Sequence[tuple[int, Record]],
    *,
    malformed: Sequence[Skipped] = (),
) -> TransferReport:
    """Apply `records` (position in the file, record) in one transaction and report.

    `malformed` (what the parser could not read) is carried into the report's skipped list,
    so one report says everything about one file.
    """
    imported = already = 0
    skipped = list(malformed)
    with store.writer.transaction() as conn:
        resolver = _Resolver(conn)
        for index, record in records:
            entry = resolver.entry(record.target)
            if isinstance(entry, str):
                skipped.append(Skipped(index, entry))
                continue
            if _apply(conn, entry, record):
                imported += 1
            else:
                already += 1
    skipped.sort(key=lambda s: s.index)
    return TransferReport(imported=imported, already=already, skipped=tuple(skipped))
