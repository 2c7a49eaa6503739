"""Changed since read: the revision an entry had when the user last read or annotated it
(migration 0010), the entry's `changed_since_read`, and the filter's `changed-since-read`,
against a real database file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from liveread.kernel.errors import InputError
from liveread.kernel.query import parse_filter
from liveread.storage import Store
from liveread.storage.schema import MIGRATIONS
from tests.feedmaker import LOCATION, entry, feed

FIRST = ("The ferry is cancelled until Thursday.", "Crews worked on the wall.", "Shelters open.")


def _import(store: Store, *bodies: str) -> list[int]:
    """Import the blog with these bodies (keys e0, e1, ...); the entry ids in page order."""
    source_id = store.import_feed(
        LOCATION, feed(*(entry(f"e{i}", b, minutes=i) for i, b in enumerate(bodies)))
    ).source_id
    return [e.id for e in store.entries(source_id)]


def _changed(store: Store, ids: list[int]) -> list[bool]:
    return [store.entry(i).changed_since_read for i in ids]


def test_an_entry_read_then_edited_has_changed_since_read(store: Store) -> None:
    ids = _import(store, *FIRST)
    store.set_read(ids[0])
    assert store.entry(ids[0]).seen_revision == 0
    _import(store, "The ferry runs again.", "Crews rested.", FIRST[2])
    # Read and edited: changed. Edited but never read: not (it is simply unread).
    assert _changed(store, ids) == [True, False, False]
    assert store.entry(ids[1]).seen_revision is None
    store.set_read(ids[0])  # reading it again, already read
    assert _changed(store, ids) == [False, False, False]
    assert store.entry(ids[0]).seen_revision == 1


def test_annotating_counts_as_reading(store: Store) -> None:
    ids = _import(store, *FIRST)
    store.add_tags(ids[0], ["verify"])
    store.add_note(ids[1], "Which wall?")
    store.add_highlight_quote(ids[2], "Shelters")
    _import(store, "The ferry runs.", "Crews left.", "Shelters are full.")
    assert _changed(store, ids) == [True, True, True]
    store.set_starred(ids[0])
    store.set_highlight_color(store.highlights(ids[2])[0].id, "green")
    note = store.notes(ids[1])[0]
    store.update_note(note.id, "Which wall, the north one?")
    assert _changed(store, ids) == [False, False, False]


def test_marking_a_blog_read_counts_its_edited_entries_read(store: Store) -> None:
    ids = _import(store, *FIRST)
    for entry_id in ids:
        store.set_read(entry_id)
    _import(store, "The ferry runs.", "Crews left.", FIRST[2])
    assert _changed(store, ids) == [True, True, False]
    source_id = store.entry(ids[0]).source_id
    assert store.mark_source_read(source_id) == 0  # none was unread
    assert _changed(store, ids) == [False, False, False]


def test_the_filter_term(store: Store) -> None:
    ids = _import(store, *FIRST)
    store.set_read(ids[0])
    store.set_read(ids[2])
    _import(store, "The ferry runs.", "Crews left.", FIRST[2])
    source_id = store.entry(ids[0]).source_id

    def kept(query: str) -> list[int]:
        return [e.id for e in store.filter_entries(source_id, query, 0, 10)]

    assert kept("changed-since-read") == [ids[0]]
    assert kept("is:changed-since-read") == [ids[0]]
    assert kept("-changed-since-read") == [ids[1], ids[2]]
    assert kept("changed-since-read ferry") == [ids[0]]
    assert kept("changed-since-read unread") == []
    assert store.count_filtered(source_id, "changed-since-read") == 1


def test_the_filter_term_uses_its_index(store: Store) -> None:
    from liveread.storage.search import filter_condition

    where, params = filter_condition(parse_filter("changed-since-read"), 1)
    plan = store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT e.id FROM entries e WHERE {where}", params
    ).fetchall()
    assert any("entries_changed_since_read" in str(row) for row in plan), plan


def test_parsing_the_term() -> None:
    assert parse_filter("changed-since-read").changed_since_read is True
    assert parse_filter("-changed-since-read").changed_since_read is False
    assert parse_filter("is:changed-since-read").changed_since_read is True
    assert parse_filter("edited").changed_since_read is None
    assert str(parse_filter("starred changed-since-read")) == "starred changed-since-read"
    assert str(parse_filter("-is:changed-since-read")) == "-changed-since-read"
    assert parse_filter('"changed-since-read"').words == ("changed-since-read",)


def test_a_typo_of_the_term_is_named() -> None:
    with pytest.raises(InputError, match="did you mean 'changed-since-read'"):
        parse_filter("changed-since-raed")
    with pytest.raises(InputError, match="did you mean 'changed-since-read'"):
        parse_filter("is:changed-since")


def test_the_migration_counts_what_was_read_or_marked_as_seen(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    MIGRATIONS.apply(db, stop_before="0010_seen_revision")
    conn = db.conn
    conn.execute(
        "INSERT INTO sources (id, location, format, title, added_at)"
        " VALUES (1, 'blog', 'text', 'Blog', '2025-10-14T18:00:00Z')"
    )
    # (key, read, starred, revisions): read, starred, tagged (below), and one left alone.
    rows = [("a", 1, 0, 2), ("b", 0, 1, 1), ("c", 0, 0, 3), ("d", 0, 0, 1)]
    for position, (key, read, starred, revisions) in enumerate(rows):
        conn.execute(
            "INSERT INTO entries (source_id, key, position, body, content_hash, first_seen,"
            " read, starred, revision_count) VALUES (1, ?, ?, 'text', 'h', '2025', ?, ?, ?)",
            (key, position, read, starred, revisions),
        )
    conn.execute("INSERT INTO tags (id, name, created_at) VALUES (1, 'verify', '2025')")
    conn.execute(
        "INSERT INTO entry_tags (entry_id, tag_id, created_at)"
        " SELECT id, 1, '2025' FROM entries WHERE key = 'c'"
    )
    conn.commit()
    conn.close()
    with Store.open(db_path) as store:
        seen = dict(
            store.conn.execute("SELECT key, seen_revision FROM entries ORDER BY key").fetchall()
        )
        assert seen == {"a": 2, "b": 1, "c": 3, "d": None}
        assert not any(e.changed_since_read for e in store.entries(1))
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_cli_filters_and_flags_it(
    db_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from liveread.cli.main import main

    ids = _import(store, *FIRST)
    store.set_read(ids[0])
    _import(store, "The ferry runs.", *FIRST[1:])
    capsys.readouterr()
    code = main(["entries", "--filter=changed-since-read", "--json", "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["changed_since_read"]) for r in rows] == [(ids[0], True)]
