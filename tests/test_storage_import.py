"""The store on real files: pragmas, idempotent re-import, revisions, entries kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from liveread.ingest import read_file
from liveread.kernel.errors import NotFoundError
from liveread.storage import Store
from tests.conftest import SAMPLES

STORM = SAMPLES / "harbour-storm.txt"
LATER = SAMPLES / "harbour-storm-later.txt"


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_connection_settings(store: Store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000


def test_schema_is_built_by_migrations(store: Store) -> None:
    assert store.schema_version() >= 1
    tables = {r[0] for r in store.db.conn.execute("SELECT name FROM sqlite_master")}
    for name in (
        "sources",
        "entries",
        "entry_revisions",
        "tags",
        "entry_tags",
        "highlights",
        "notes",
        "entries_fts",
        "notes_fts",
        "highlight_notes_fts",
    ):
        assert name in tables


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    with Store.open(db_path) as first:
        version = first.schema_version()
    with Store.open(db_path) as second:
        assert second.schema_version() == version


def test_first_import_counts_and_order(store: Store) -> None:
    feed = read_file(STORM)
    result = store.import_feed(str(STORM), feed)
    assert (result.new, result.updated, result.unchanged, result.gone) == (
        len(feed.entries),
        0,
        0,
        0,
    )
    entries = list(store.entries(result.source_id))
    assert [e.key for e in entries] == [e.key for e in feed.entries]
    assert [e.position for e in entries] == list(range(len(entries)))
    source = store.source(result.source_id)
    assert source.title == feed.title and source.entry_count == len(entries)
    assert source.unread_count == len(entries)


def test_reimport_of_the_same_file_changes_nothing(store: Store, db_path: Path) -> None:
    store.import_feed(str(STORM), read_file(STORM))
    before = _dump(db_path)
    result = store.import_feed(str(STORM), read_file(STORM))
    assert (result.new, result.updated, result.gone) == (0, 0, 0)
    assert result.unchanged == len(read_file(STORM).entries)
    assert _dump(db_path) == before


def test_later_snapshot_adds_revises_and_keeps(store: Store) -> None:
    first = store.import_feed(str(STORM), read_file(STORM))
    old_entries = {e.key: e for e in store.entries(first.source_id)}
    later = store.import_feed(str(STORM), read_file(LATER))
    assert later.source_id == first.source_id
    assert (later.new, later.updated, later.unchanged, later.gone) == (5, 1, 33, 0)
    entries = {e.key: e for e in store.entries(first.source_id)}
    # Nothing deleted: every old entry is still there, with its id, and on the page.
    assert set(old_entries) <= set(entries)
    assert all(entries[k].id == old.id for k, old in old_entries.items())
    assert all(e.present for e in entries.values())
    (edited,) = [e for e in entries.values() if e.revisions]
    assert edited.revisions == 1 and "3,100" in edited.body
    (revision,) = store.revisions(edited.id)
    assert "2,700" in revision.body and revision.body == old_entries[edited.key].body
    # The new entries are on top, in page order.
    top = sorted(entries.values(), key=lambda e: (e.position, e.id))[:6]
    assert all(e.key not in old_entries for e in top[:5])
    # The old top post, headlined by the standfirst, keeps its identity and words below the
    # newest posts; its paragraphs no longer end the fifth new post's body.
    summary = next(iter(old_entries.values()))
    assert top[5].id == summary.id
    assert (top[5].headline, top[5].body) == (summary.headline, summary.body)
    assert top[4].headline == "Prime minister to visit Port Avren on Wednesday"
    assert top[4].body.startswith("The prime minister’s office") and "\n\n" not in top[4].body


def test_going_back_to_the_older_snapshot_revises_again_and_restores_presence(
    store: Store,
) -> None:
    sid = store.import_feed(str(STORM), read_file(STORM)).source_id
    store.import_feed(str(STORM), read_file(LATER))
    back = store.import_feed(str(STORM), read_file(STORM))
    assert back.updated == 1 and back.new == 0
    assert all(e.present or e.position < 5 for e in store.entries(sid))
    (edited,) = [e for e in store.entries(sid) if e.revisions]
    assert edited.revisions == 2 and "2,700" in edited.body


def test_user_data_is_protected_by_restrict(store: Store) -> None:
    sid = store.import_feed(str(STORM), read_file(STORM)).source_id
    entry = next(iter(store.entries(sid)))
    now = "2025-01-01T00:00:00Z"
    with store.writer.transaction() as conn:
        conn.execute(
            "INSERT INTO notes (entry_id, text, created_at, updated_at) VALUES (?, 'n', ?, ?)",
            (entry.id, now, now),
        )
    with pytest.raises(sqlite3.IntegrityError), store.writer.transaction() as conn:
        conn.execute("DELETE FROM entries WHERE id = ?", (entry.id,))
    assert store.entry(entry.id).id == entry.id


def test_a_failed_write_rolls_back_whole(store: Store) -> None:
    sid = store.import_feed(str(STORM), read_file(STORM)).source_id
    count = store.count_entries(sid)
    with pytest.raises(RuntimeError), store.writer.transaction() as conn:
        conn.execute("UPDATE entries SET read = 1 WHERE source_id = ?", (sid,))
        raise RuntimeError("boom")
    assert store.source(sid).unread_count == count


def test_read_state_and_selection(store: Store) -> None:
    sid = store.import_feed(str(STORM), read_file(STORM)).source_id
    entry = next(iter(store.entries(sid)))
    store.set_read(entry.id)
    assert store.entry(entry.id).read
    store.set_selected_entry(sid, entry.id)
    assert store.selected_entry(sid) == entry.id
    with pytest.raises(NotFoundError):
        store.set_read(999_999)


def test_paging(store: Store) -> None:
    sid = store.import_feed(str(STORM), read_file(STORM)).source_id
    all_ids = [e.id for e in store.entries(sid)]
    pages = store.entry_page(sid, 0, 10) + store.entry_page(sid, 10, 1000)
    assert [e.id for e in pages] == all_ids
    assert store.count_entries(sid) == len(all_ids)


def test_fts_index_follows_imports_and_revisions(store: Store) -> None:
    sid = store.import_feed(str(STORM), read_file(STORM)).source_id
    conn = store.db.conn

    def hits(word: str) -> int:
        row = conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (word,))
        return int(row.fetchone()[0])

    assert hits('"2,700"') == 1 and hits('"3,100"') == 0
    store.import_feed(str(STORM), read_file(LATER))
    assert hits('"3,100"') >= 1
    assert store.count_entries(sid) > 0
