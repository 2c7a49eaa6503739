"""Import of a plain-text dump (100,000 entries; 10,000 with `--quick`), split into its parse
and its store, each beside a fair floor measured in the same run:

- parse floor: `floor_parse`, a 20-line reader of the same file that knows its shape (a line
  ending like a sentence is a paragraph, a short clock line a time, any other a headline);
- store floor: the same rows into the same schema (liveread's own, every migration applied)
  the bare way: one executemany of the entries while the per-row FTS trigger stands aside,
  one INSERT ... SELECT building their index in bulk, one transaction, the same pragmas;
- whole floor: the two added.

Targets (the issue's): parse <= 2x, store <= 1.3x, the whole import <= 1.5x; medians of
RUNS runs, each into a fresh database made before the clock starts, each run of liveread
followed by one of its floor.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

from bench.core import Figure
from bench.generate import dump_text
from liveread.ingest import read_file
from liveread.kernel.model import ParsedFeed
from liveread.kernel.text import content_hash
from liveread.storage import Store
from liveread.storage.rows import categories_to_json, links_to_json, to_iso

RUNS = 3
"""Runs of each side; the figures are medians."""

_ENDS = (".", "!", "?", "…", ".”", "”.")


def floor_parse(path: Path) -> list[tuple[str, str | None, str]]:
    """The bare reading of a dump: (key, headline, body) per entry, 20 lines of Python."""
    lines = path.read_text(encoding="utf-8").splitlines()[2:]
    entries: list[tuple[str, str | None, str]] = []
    headline: str | None = None
    body: list[str] = []
    for line in lines:
        line = line.strip()
        if not line or (len(line) <= 5 and line[:2].isdigit() and ":" in line):
            continue
        if line.endswith(_ENDS):
            body.append(line)
            continue
        if body:
            entries.append((f"k{len(entries)}", headline, "\n\n".join(body)))
        headline, body = line, []
    if body:
        entries.append((f"k{len(entries)}", headline, "\n\n".join(body)))
    return entries


def store_rows(feed: ParsedFeed) -> list[tuple[object, ...]]:
    """The entries' rows exactly as liveread stores them (every column it writes, its own
    hashes, times and positions), made before the floor's clock starts."""
    stamp = "2025-01-01T00:00:00Z"
    return [
        (
            1,
            e.key,
            i,
            e.headline,
            e.body,
            e.author,
            e.url,
            to_iso(e.published),
            to_iso(e.updated),
            e.time_label,
            int(e.time_assumed_utc),
            content_hash(e.headline, e.body),
            stamp,
            links_to_json(e.links),
            int(e.key_event),
            categories_to_json(e.categories),
            e.utc_offset,
        )
        for i, e in enumerate(feed.entries)
    ]


def floor_store(path: Path, rows: list[tuple[object, ...]]) -> float:
    """Seconds to store `rows` the bare bulk way into a fresh liveread-schema database."""
    Store.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO sources (id, location, format, title, added_at)"
        " VALUES (1, 'bare', 'text', 'Bare', '2025-01-01T00:00:00Z')"
    )
    conn.execute("INSERT INTO entries_fts_deferred (id) VALUES (1)")
    conn.executemany(
        "INSERT INTO entries (source_id, key, position, headline, body, author, url,"
        " published, updated, time_label, time_assumed_utc, content_hash, first_seen,"
        " links, pinned, categories, utc_offset)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("DELETE FROM entries_fts_deferred")
    conn.execute(
        "INSERT INTO entries_fts (rowid, headline, body, scope)"
        " SELECT id, headline, body, 's' || source_id FROM entries"
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def import_figures(scratch: Path, count: int, label: str) -> list[Figure]:
    """Parse, store and whole-import figures for a dump of `count` entries."""
    dump = scratch / f"dump-{count}.txt"
    dump.write_text(dump_text(count), encoding="utf-8")
    feeds: list[ParsedFeed] = []

    def parse(_: int) -> float:
        start = time.perf_counter()
        feed = read_file(dump)
        elapsed = time.perf_counter() - start
        # Only the first is kept: every parse's 100,000 entries kept alive would make each
        # later run (and its floor) pay for the collector walking them.
        if not feeds:
            feeds.append(feed)
        return elapsed

    def store(n: int) -> float:
        with Store.open(scratch / f"import-{count}-{n}.db") as opened:
            start = time.perf_counter()
            result = opened.import_feed(str(dump), feeds[0])
            elapsed = time.perf_counter() - start
        assert result.new == count, result
        return elapsed

    def bare_parse(_: int) -> float:
        start = time.perf_counter()
        found = floor_parse(dump)
        elapsed = time.perf_counter() - start
        assert len(found) == count, len(found)
        return elapsed

    # Each run of liveread is followed by one of its floor, so a machine whose load changes
    # during the bench weighs on both sides alike.
    parse_runs, floor_parse_runs = [], []
    for n in range(RUNS):
        parse_runs.append(parse(n))
        floor_parse_runs.append(bare_parse(n))
    rows = store_rows(feeds[0])
    store_runs, floor_store_runs = [], []
    for n in range(RUNS):
        store_runs.append(store(n))
        floor_store_runs.append(floor_store(scratch / f"bare-{count}-{n}.db", rows))
    parsed, floor_parsed = statistics.median(parse_runs), statistics.median(floor_parse_runs)
    stored, floor_stored = statistics.median(store_runs), statistics.median(floor_store_runs)
    return [
        Figure(f"import_{label}_parse", parsed, "s", floor_parsed, "ratio<=2", 2.0),
        Figure(f"import_{label}_store", stored, "s", floor_stored, "ratio<=1.3", 1.3),
        Figure(
            f"import_{label}_whole",
            parsed + stored,
            "s",
            floor_parsed + floor_stored,
            "ratio<=1.5",
            1.5,
        ),
    ]


def run(scratch: Path, quick: bool) -> list[Figure]:
    """The import figures for a 100,000-entry dump (10,000 with `quick`)."""
    count = 10_000 if quick else 100_000
    return import_figures(scratch, count, f"{count // 1000}k_dump")
