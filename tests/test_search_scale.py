"""Search at scale: a blog's search is scoped inside the FTS index (migration 0013), the
index stays exact through every write path, and an older database is moved onto it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

import liveread.storage.search
from liveread.kernel.errors import ReadCancelled
from liveread.storage import Store
from liveread.storage.connection import connect
from liveread.storage.schema import MIGRATIONS
from liveread.storage.search import entries_expression, scope_token
from tests.feedmaker import entry, feed


def fts_ok(path: Path) -> None:
    """FTS5's own integrity check of the entries index against its content (raises if not)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_scope_tokens_are_never_matched_by_typed_words(store: Store) -> None:
    first = store.import_feed("/blogs/a.txt", feed(entry("a0", "The ferry sails at noon.")))
    store.import_feed("/blogs/b.txt", feed(entry("b0", "No ferry today."), title="Other"))
    token = scope_token(first.source_id)
    assert store.search(token) == []
    assert store.search_everywhere(token) == []
    assert store.count_filtered(None, token) == 0
    assert store.count_filtered(None, f"-{token}") == 2
    # A blog's filter reads the index for that blog only, words and -words alike.
    assert store.count_filtered(first.source_id, "ferry") == 1
    assert store.count_filtered(first.source_id, "-ferry") == 0
    assert store.count_filtered(first.source_id, "-today") == 1
    assert store.count_filtered(None, "ferry") == 2
    assert entries_expression('"x"', 3) == '{headline body} : ("x") AND scope : "s3"'


def test_scoped_search_reads_only_its_blog_inside_the_cap(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(liveread.storage.search, "RANK_CAP", 3)
    own = store.import_feed(
        "/blogs/own.txt", feed(*(entry(f"o{i}", f"Ferry note {i}.") for i in range(2)))
    )
    # Added later, so newer than every match of the first blog: without the scope inside
    # the index, the cap would be spent on them.
    store.import_feed(
        "/blogs/busy.txt",
        feed(*(entry(f"b{i}", f"Ferry crowd {i}.") for i in range(6)), title="Busy"),
    )
    found = store.search("ferry", source_id=own.source_id)
    assert sorted(e.key for e in found) == ["o0", "o1"]
    assert {e.source_id for e in store.search("ferry")} != {own.source_id}
    assert len(store.search("ferry")) == 3


def test_the_index_stays_exact_through_edits_and_deletes(db_path: Path, store: Store) -> None:
    store.import_feed(
        "/blogs/a.txt", feed(entry("a0", "Harbour wall holds."), entry("a1", "Gale."))
    )
    store.import_feed(
        "/blogs/a.txt", feed(entry("a0", "Harbour wall breached."), entry("a1", "Gale."))
    )
    fts_ok(db_path)
    source = store.source_by_location("/blogs/a.txt")
    assert source is not None
    assert [e.key for e in store.search("breached", source_id=source.id)] == ["a0"]
    assert store.search("holds", source_id=source.id) == []
    store.delete_source(source.id)
    fts_ok(db_path)
    assert store.search_everywhere("harbour") == []


def test_an_older_database_is_moved_onto_the_scoped_index(db_path: Path) -> None:
    db = connect(db_path)
    with db.conn:
        MIGRATIONS.apply(db, stop_before="0013_scoped_search_index")
    db.conn.execute(
        "INSERT INTO sources (id, location, format, title, added_at)"
        " VALUES (4, '/blogs/old.txt', 'text', 'Old blog', '2025-01-01T00:00:00Z')"
    )
    db.conn.execute(
        "INSERT INTO entries (source_id, key, position, headline, body, content_hash,"
        " first_seen) VALUES (4, 'k', 0, 'Quay closed', 'Crews on the quay.', 'h',"
        " '2025-01-01T00:00:00Z')"
    )
    db.conn.close()
    with Store.open(db_path) as store:
        assert MIGRATIONS.is_current(store.conn)
        assert [e.key for e in store.search("quay", source_id=4)] == ["k"]
        assert store.search("quay", source_id=5) == []
    fts_ok(db_path)


class _SetAfter(threading.Event):
    """A cancel flag that reads as set from its `calls`-th look on: set while the query runs."""

    def __init__(self, calls: int) -> None:
        super().__init__()
        self.calls = calls
        self.looks = 0

    def is_set(self) -> bool:
        self.looks += 1
        return self.looks >= self.calls or super().is_set()


def test_a_cancelled_read_stops_mid_query_and_frees_the_connection(store: Store) -> None:
    store.import_feed("/blogs/a.txt", feed(entry("a0", "Ferry sails.")))
    endless = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000)"
        " SELECT count(*) FROM c"
    )
    flag = _SetAfter(3)
    with pytest.raises(ReadCancelled):
        store._fetch(endless, cancel=flag)
    assert flag.looks >= 3  # stopped by the progress handler, inside the query
    # The handler is gone: a long count afterwards runs to its end.
    bounded = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000)"
    assert store._fetch(f"{bounded} SELECT count(*) FROM c") == [(50000,)]
    with pytest.raises(ReadCancelled):
        store.search("ferry", cancel=_SetAfter(1))
    assert [e.key for e in store.search("ferry", cancel=threading.Event())] == ["a0"]


def test_an_import_indexes_its_rows_in_bulk_in_its_one_transaction(
    db_path: Path, store: Store
) -> None:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        first = store.import_feed(
            "/blogs/a.txt",
            feed(*(entry(f"k{i}", f"Quay {i} closed by the gale.") for i in range(300))),
        )
    finally:
        store.conn.set_trace_callback(None)
    assert first.new == 300
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"] and statements.count("COMMIT") == 1
    bulk = [s for s in statements if s.startswith("INSERT INTO entries_fts (rowid")]
    assert len(bulk) == 1  # one statement for the 300 rows, not a trigger per row
    fts_ok(db_path)
    assert len(store.search("gale", source_id=first.source_id, limit=500)) == 300
    # A second blog, an edit and new posts in a re-import: still exact.
    store.import_feed("/blogs/b.txt", feed(entry("b0", "Gale warning lifted."), title="B"))
    store.import_feed(
        "/blogs/a.txt",
        feed(
            entry("new", "Ferry back at noon."),
            entry("k0", "Quay 0 reopened."),
            *(entry(f"k{i}", f"Quay {i} closed by the gale.") for i in range(1, 300)),
        ),
    )
    fts_ok(db_path)
    assert [e.key for e in store.search("reopened", source_id=first.source_id)] == ["k0"]
    assert [e.key for e in store.search("ferry", source_id=first.source_id)] == ["new"]
    # The flag is gone after every import: other write paths keep the per-row trigger.
    assert store.conn.execute("SELECT count(*) FROM entries_fts_deferred").fetchone() == (0,)
    store.conn.execute(
        "INSERT INTO entries (source_id, key, position, headline, body, content_hash,"
        " first_seen) VALUES (?, 'direct', 999, NULL, 'Written by hand.', 'h',"
        " '2025-01-01T00:00:00Z')",
        (first.source_id,),
    )
    assert [e.key for e in store.search("hand", source_id=first.source_id)] == ["direct"]
    fts_ok(db_path)
