"""An import, inside the caller's BEGIN IMMEDIATE transaction: read, plan, apply.

The source row is found (by location, else by the blog's identity, which the Store works out)
or made; the source's entries are read as `merge_plan.Known` values (text only for those the
planner may compare); `plan_merge` decides; `apply_plan` writes the plan. Nothing is deleted,
and a re-import of the same content writes nothing at all (unless `polled`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from liveread.kernel.errors import StorageError
from liveread.kernel.model import ImportResult, ParsedEntry, ParsedFeed
from liveread.storage.merge_plan import Known, MergePlan, Revise, needs_text, plan_merge
from liveread.storage.reanchor import reanchor_entry
from liveread.storage.rows import (
    categories_from_json,
    categories_to_json,
    links_from_json,
    links_to_json,
    now_iso,
    to_iso,
)

NOTICE_CHARS = 500
"""A source's notice is one line under its title: the warnings of an import, bounded."""

_TEXT_BATCH = 500
"""Ids per `IN (...)` when reading the text of entries the planner may compare."""

_META_COLUMNS = (
    "format",
    "title",
    "standfirst",
    "blog_date",
    "url",
    "coverage_start",
    "coverage_end",
    "notice",
)


def notice_of(feed: ParsedFeed) -> str | None:
    """What the source says about how its page was last read: the import's warnings (and the
    profile that read a web page), or None when the import had none."""
    if not feed.warnings:
        return None
    text = "; ".join(feed.warnings)
    if feed.profile:
        text = f"{text} (read by the {feed.profile} reader)"
    if len(text) > NOTICE_CHARS:
        text = text[: NOTICE_CHARS - 1].rstrip() + "…"
    return text


def merge_feed(
    conn: sqlite3.Connection,
    location: str,
    feed: ParsedFeed,
    identity: str | None,
    etag: str | None,
    last_modified: str | None,
    polled: bool,
) -> ImportResult:
    """Merge `feed` into the source read from `location` (see `Store.import_feed`); a source
    of the same `identity` (`store.blog_identity`) read elsewhere is the same blog."""
    now = now_iso()
    meta: dict[str, object] = dict(
        zip(
            _META_COLUMNS,
            (
                feed.format.value,
                feed.title,
                feed.standfirst,
                feed.blog_date,
                feed.url,
                to_iso(feed.coverage_start),
                to_iso(feed.coverage_end),
                notice_of(feed),
            ),
            strict=True,
        )
    )
    source_id, old_meta = _source(conn, location, identity, meta, etag, last_modified, now)
    plan = plan_merge(load_known(conn, source_id, feed.entries), feed.entries)
    apply_plan(conn, source_id, plan, now)
    if old_meta is not None and (plan.changed or polled or old_meta != meta):
        assignments = ", ".join(f"{column} = ?" for column in _META_COLUMNS)
        conn.execute(
            f"UPDATE sources SET {assignments}, identity = ? WHERE id = ?",
            (*meta.values(), identity, source_id),
        )
        if plan.changed:
            conn.execute("UPDATE sources SET changed_at = ? WHERE id = ?", (now, source_id))
        if polled:
            conn.execute(
                "UPDATE sources SET checked_at = ?, etag = ?, last_modified = ? WHERE id = ?",
                (now, etag, last_modified, source_id),
            )
    return ImportResult(
        source_id=source_id,
        location=location,
        new=len(plan.inserts),
        updated=len(plan.revisions),
        unchanged=plan.unchanged,
        gone=plan.gone,
        older=plan.older,
        warnings=feed.warnings,
        stamp=now,
    )


def _source(
    conn: sqlite3.Connection,
    location: str,
    identity: str | None,
    meta: dict[str, object],
    etag: str | None,
    last_modified: str | None,
    now: str,
) -> tuple[int, dict[str, object] | None]:
    """The source's id and its stored metadata; None for a source this import made."""
    columns = "id, " + ", ".join(_META_COLUMNS)
    row = conn.execute(f"SELECT {columns} FROM sources WHERE location = ?", (location,)).fetchone()
    if row is None and identity is not None:
        row = conn.execute(
            f"SELECT {columns} FROM sources WHERE identity = ? ORDER BY id LIMIT 1", (identity,)
        ).fetchone()
        if row is not None:
            # The newest copy is where a reload reads from.
            conn.execute("UPDATE sources SET location = ? WHERE id = ?", (location, row[0]))
    if row is not None:
        return int(row[0]), dict(zip(_META_COLUMNS, row[1:], strict=True))
    names = ", ".join(_META_COLUMNS)
    cur = conn.execute(
        f"INSERT INTO sources (location, identity, {names}, etag, last_modified, checked_at,"
        f" changed_at, added_at) VALUES (?, ?, {', '.join('?' * len(_META_COLUMNS))},"
        " ?, ?, ?, ?, ?)",
        (location, identity, *meta.values(), etag, last_modified, now, now, now),
    )
    return int(cur.lastrowid or 0), None


def load_known(
    conn: sqlite3.Connection, source_id: int, parsed: Sequence[ParsedEntry]
) -> list[Known]:
    """The source's entries as the planner sees them: text read only where it may compare."""
    rows = conn.execute(
        "SELECT id, key, position, present, content_hash, links, categories, utc_offset"
        " FROM entries WHERE source_id = ?",
        (source_id,),
    ).fetchall()
    if not rows:
        return []
    wanted = needs_text([str(r[1]) for r in rows], parsed)
    texts: dict[int, tuple[str | None, str]] = {}
    ids = [int(r[0]) for r in rows if r[1] in wanted]
    for batch in _batches(ids):
        marks = ", ".join("?" * len(batch))
        for eid, headline, body in conn.execute(
            f"SELECT id, headline, body FROM entries WHERE id IN ({marks})", batch
        ):
            texts[int(eid)] = (headline, str(body))
    # Positional and with no call for the common empty links: a poll of a 100,000-entry
    # source builds every one of these.
    no_text: tuple[None, None] = (None, None)
    known: list[Known] = []
    for eid, key, position, present, chash, links, categories, offset in rows:
        headline, body = texts.get(eid, no_text)
        known.append(
            Known(
                eid,
                key,
                position,
                bool(present),
                chash,
                links_from_json(links) if links else (),
                headline,
                body,
                categories_from_json(categories) if categories else (),
                offset if isinstance(offset, int) else None,
            )
        )
    return known


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _TEXT_BATCH):
        yield ids[start : start + _TEXT_BATCH]


def apply_plan(conn: sqlite3.Connection, source_id: int, plan: MergePlan, now: str) -> None:
    """Write what `plan_merge` decided."""
    if plan.inserts:
        _insert_indexed(conn, source_id, plan, now)
    for revise in plan.revisions:
        _revise(conn, revise, now)
    if plan.places:
        conn.executemany(
            "UPDATE entries SET position = ?, present = ? WHERE id = ?",
            [(p.position, int(p.present), p.entry_id) for p in plan.places],
        )
    if plan.relinks:
        conn.executemany(
            "UPDATE entries SET links = ?, categories = ?, utc_offset = ? WHERE id = ?",
            [
                (
                    links_to_json(r.links),
                    categories_to_json(r.categories),
                    r.utc_offset,
                    r.entry_id,
                )
                for r in plan.relinks
            ],
        )


def _insert_indexed(conn: sqlite3.Connection, source_id: int, plan: MergePlan, now: str) -> None:
    """Insert the plan's new entries, then index them for search in one statement.

    The per-row FTS trigger stands aside meanwhile (`entries_fts_deferred`, migration 0013):
    FTS5 builds the new rows' index in bulk, about three times faster than row by row. The
    flag row lives only inside this transaction, so every other write path, and every other
    connection, keeps the trigger. New rows get ids above every existing one (SQLite's rowid
    is the largest plus one), which is how they are found again; the count is checked, so the
    index never silently misses a row.
    """
    conn.execute("INSERT INTO entries_fts_deferred (id) VALUES (1)")
    before = conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
    conn.executemany(
        "INSERT INTO entries (source_id, key, position, headline, body, author, url,"
        " published, updated, time_label, time_assumed_utc, content_hash, first_seen,"
        " links, pinned, categories, utc_offset)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                source_id,
                i.entry.key,
                i.position,
                i.entry.headline,
                i.entry.body,
                i.entry.author,
                i.entry.url,
                to_iso(i.entry.published),
                to_iso(i.entry.updated),
                i.entry.time_label,
                int(i.entry.time_assumed_utc),
                i.content_hash,
                now,
                links_to_json(i.entry.links),
                # A key event is pinned when first seen only: an unpin by the user stays.
                int(i.entry.key_event),
                categories_to_json(i.entry.categories),
                i.entry.utc_offset,
            )
            for i in plan.inserts
        ],
    )
    conn.execute("DELETE FROM entries_fts_deferred")
    indexed = conn.execute(
        "INSERT INTO entries_fts (rowid, headline, body, scope)"
        " SELECT id, headline, body, 's' || source_id FROM entries WHERE id > ?",
        (before,),
    ).rowcount
    if indexed != len(plan.inserts):
        # Rolled back with the whole import by the caller's transaction.
        raise StorageError(
            f"the search index would miss new entries ({indexed} of {len(plan.inserts)})"
        )


def _revise(conn: sqlite3.Connection, revise: Revise, now: str) -> None:
    """Keep the entry's current text as a revision, then store the new text in place."""
    entry, entry_id = revise.entry, revise.entry_id
    conn.execute(
        "INSERT INTO entry_revisions (entry_id, headline, body, author, published, updated,"
        " content_hash, replaced_at)"
        " SELECT id, headline, body, author, published, updated, content_hash, ? FROM entries"
        " WHERE id = ?",
        (now, entry_id),
    )
    if revise.text_only:
        conn.execute(
            "UPDATE entries SET headline = ?, body = ?, content_hash = ?, position = ?,"
            " present = 1, revision_count = revision_count + 1, changed_at = ? WHERE id = ?",
            (entry.headline, entry.body, revise.content_hash, revise.position, now, entry_id),
        )
        reanchor_entry(conn, entry_id, entry.body)
        return
    conn.execute(
        "UPDATE entries SET headline = ?, body = ?, author = ?, url = ?, published = ?,"
        " updated = ?, time_label = ?, time_assumed_utc = ?, content_hash = ?, position = ?,"
        " present = 1, revision_count = revision_count + 1, changed_at = ?, links = ?,"
        " categories = ?, utc_offset = ? WHERE id = ?",
        (
            entry.headline,
            entry.body,
            entry.author,
            entry.url,
            to_iso(entry.published),
            to_iso(entry.updated),
            entry.time_label,
            int(entry.time_assumed_utc),
            revise.content_hash,
            revise.position,
            now,
            links_to_json(entry.links),
            categories_to_json(entry.categories),
            entry.utc_offset,
            entry_id,
        ),
    )
    reanchor_entry(conn, entry_id, entry.body)
