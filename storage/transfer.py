"""Applying an annotation file (`liveread import-annotations`) to the database.

Records come parsed and validated (`export.annotations_json` → `liveread.transfer`). Each is
matched to an entry by its blog (location, else web address, else a unique title) and its
entry key (else a unique headline), then applied: tags, stars and pins through the store's
own annotation methods, notes and highlights as rows that keep the file's text, times,
quote, context, colour and status. All of it is ONE transaction: an error part-way leaves
the database as it was. Whatever the entry already has is counted, not added again, so a
second import of the same file adds nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from liveread.tags import normalise_tag
from liveread.text import normalise_for_key
from liveread.transfer import (
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
from storage.rows import now_iso, to_iso
from storage.store import Store

ANCHORED = "anchored"
ORPHANED = "orphaned"


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


def locate_quote(body: str, exact: str, prefix: str, suffix: str) -> tuple[int, int] | None:
    """Where `exact` is in `body`: the occurrence whose context matches best, or None."""
    best: tuple[int, int] | None = None
    best_score = -1
    start = body.find(exact)
    while start != -1:
        end = start + len(exact)
        score = int(bool(prefix) and body[:start].endswith(prefix)) + int(
            bool(suffix) and body[end:].startswith(suffix)
        )
        if score > best_score:
            best, best_score = (start, end), score
        start = body.find(exact, start + 1)
    return best


def _placement(record: HighlightRecord, body: str) -> tuple[int, int, str]:
    """The offsets and status a highlight gets in this database's text of its entry."""
    given = (record.start or 0, record.end if record.end is not None else record.start or 0)
    if record.status == ORPHANED:
        return (*given, ORPHANED)
    if record.start is not None and body[record.start : record.end] == record.exact:
        return (*given, ANCHORED)
    found = locate_quote(body, record.exact, record.prefix, record.suffix)
    if found is None:
        return (*given, ORPHANED)
    return (*found, ANCHORED)


def _apply(store: Store, conn: sqlite3.Connection, entry: tuple[int, str], record: Record) -> bool:
    """Apply one record to its entry; False when the entry already had it."""
    entry_id, body = entry
    if isinstance(record, TagRecord):
        name = normalise_tag(record.name)
        if conn.execute(
            "SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
            " WHERE et.entry_id = ? AND t.name = ?",
            (entry_id, name),
        ).fetchone():
            return False
        store.add_tags(entry_id, [name])
        return True
    if isinstance(record, FlagRecord):
        column = "starred" if record.flag is Flag.STAR else "pinned"
        (already,) = conn.execute(
            f"SELECT {column} FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        if already:
            return False
        if record.flag is Flag.STAR:
            store.set_starred(entry_id, True)
        else:
            store.set_pinned(entry_id, True)
        return True
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
    if conn.execute(
        "SELECT 1 FROM highlights WHERE entry_id = ? AND exact = ? AND prefix = ? AND suffix = ?",
        (entry_id, record.exact, record.prefix, record.suffix),
    ).fetchone():
        return False
    start, end, status = _placement(record, body)
    now = now_iso()
    conn.execute(
        'INSERT INTO highlights (entry_id, start, "end", exact, prefix, suffix, color, note,'
        " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, start, end, record.exact, record.prefix, record.suffix, record.color,
         record.note, status, now, now),
    )  # fmt: skip
    return True


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
            if _apply(store, conn, entry, record):
                imported += 1
            else:
                already += 1
    skipped.sort(key=lambda s: s.index)
    return TransferReport(imported=imported, already=already, skipped=tuple(skipped))
