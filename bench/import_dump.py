"""Import of a 100,000-entry plain-text dump, against a bare executemany into FTS5 tables."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench.core import Figure
from bench.generate import dump_text
from liveread.ingest import read_file
from liveread.storage import Store


def _baseline(path: Path, rows: list[tuple[str, str | None, str]]) -> float:
    """The same rows, one executemany in one transaction, into a table with an FTS5 index."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE entries (id INTEGER PRIMARY KEY, key TEXT UNIQUE, headline TEXT, body TEXT)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE entries_fts USING fts5"
        " (headline, body, content='entries', content_rowid='id')"
    )
    conn.execute(
        "CREATE TRIGGER t AFTER INSERT ON entries BEGIN INSERT INTO entries_fts"
        " (rowid, headline, body) VALUES (new.id, new.headline, new.body); END"
    )
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO entries (key, headline, body) VALUES (?, ?, ?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Generate, import with liveread (read + parse + store), and import the bare way."""
    count = 10_000 if quick else 100_000
    dump = scratch / "big.txt"
    dump.write_text(dump_text(count), encoding="utf-8")
    start = time.perf_counter()
    feed = read_file(dump)
    with Store.open(scratch / "liveread.db") as store:
        result = store.import_feed(str(dump), feed)
    elapsed = time.perf_counter() - start
    assert result.new == count, result
    rows = [(e.key, e.headline, e.body) for e in feed.entries]
    baseline = _baseline(scratch / "bare.db", rows)
    label = "100k" if count == 100_000 else "10k"
    return [
        Figure(f"import_{label}_dump", elapsed, "s", baseline, "ratio<=3", 3.0),
    ]
