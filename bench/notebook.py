"""The notebook: 10,000 highlights (and 1,000 notes) across 100 live blogs, opened and filtered,
each beside a bare query in the same run.

- open: what the app reads before the notebook shows, `Store.notebook(limit=PAGE)` (the
  newest page, with their entry's and their own tags and their blog's name),
  `Store.notebook_count()`, and that page's rows; the floor is one bare SELECT of the same
  page of highlights joined to their entries and blogs, and a bare count;
- rest: what the screen then reads behind the first page, `Store.notebook()` (every item up to
  the bound), beside one bare SELECT of every highlight joined alike; its target (500 ms) is
  the time in which the rest is there before a filter word can be typed;
- filter: what each key typed in the filter line costs, a line parsed and the items kept
  (a colour, a tag, a blog, a status, words, and all of them together) with the first page
  of rows of the kept items built; the floor is one bare SELECT of the highlights of that colour.

The targets are absolute (the issue's numbers): open <= 100 ms, filter <= 50 ms; every figure
is the median of RUNS runs after one to warm the page cache. The quick run is the same size:
the database is built in seconds.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from bench.core import Figure
from bench.generate import WORDS
from bench.views import median_of
from liveread.kernel.colors import HIGHLIGHT_COLORS
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.kernel.notebook import filter_items, parse_notebook_filter
from liveread.storage import Store

BLOGS = 100
"""Live blogs in the database."""

PER_BLOG = 100
"""Entries per blog, each with one highlight: 10,000 highlights in all."""

RUNS = 7
"""Runs of each measurement; the figures are medians (ours and the floor alike)."""

NOW = datetime(2026, 5, 8, 12, 0, tzinfo=UTC)
"""The synthetic annotations' clock."""

FILTERS = [
    "color:pink",
    "tag:verify",
    "tag:source",
    "blog:17",
    "status:changed",
    "harbour",
    "color:blue tag:verify blog:2 council",
]
"""Filter lines as a reviewer types them."""


def _blog(rng: random.Random, number: int) -> ParsedFeed:
    entries = tuple(
        ParsedEntry(
            key=f"b{number}-{i}",
            headline=" ".join(rng.choices(WORDS, k=6)).capitalize(),
            body=" ".join(rng.choices(WORDS, k=40)).capitalize() + ".",
            published=NOW - timedelta(minutes=3 * i + 200 * number),
        )
        for i in range(PER_BLOG)
    )
    return ParsedFeed(Format.TEXT, f"Synthetic live blog {number}", entries)


def _build(path: Path) -> None:
    rng = random.Random(14)
    with Store.open(path) as store:
        for number in range(BLOGS):
            store.import_feed(f"blog-{number}.txt", _blog(rng, number))
    # The annotations straight in SQL: this is the data, not what is measured.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    entries = list(conn.execute("SELECT id, body FROM entries ORDER BY id"))
    highlights = []
    for n, (entry_id, body) in enumerate(entries):
        start = rng.randrange(0, len(body) // 2)
        end = start + rng.randint(10, 60)
        made = (NOW - timedelta(seconds=37 * n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        changed = n % 20 == 0
        highlights.append(
            (
                entry_id,
                start,
                end,
                body[start:end],
                body[max(0, start - 32) : start],
                body[end : end + 32],
                rng.choice(HIGHLIGHT_COLORS),
                " ".join(rng.choices(WORDS, k=8)) if n % 3 == 0 else None,
                "orphaned" if n % 50 == 0 else "anchored",
                body[start:end].upper() if changed else None,
                made,
                made,
                # Every seventh highlight has tags of its own (`tag:` matches them too).
                '["check", "source"]' if n % 7 == 0 else None,
            )
        )
    conn.executemany(
        'INSERT INTO highlights (entry_id, start, "end", exact, prefix, suffix, color, note,'
        " status, original, created_at, updated_at, tags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        highlights,
    )
    stamp = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    conn.executemany(
        "INSERT INTO notes (entry_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)",
        [(e, " ".join(rng.choices(WORDS, k=12)), stamp, stamp) for e, _ in entries[::10]],
    )
    for name in ("verify", "done", "key"):
        conn.execute("INSERT INTO tags (name, created_at) VALUES (?, ?)", (name, stamp))
    tag_ids = [row[0] for row in conn.execute("SELECT id FROM tags")]
    conn.executemany(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, ?, ?)",
        [(e, rng.choice(tag_ids), stamp) for e, _ in rng.sample(entries, len(entries) // 5)],
    )
    conn.execute("COMMIT")
    conn.close()


def _open_figure(path: Path) -> Figure:
    from liveread.tui.display import TimeDisplay
    from liveread.tui.screens.notebook import PAGE, notebook_row

    times = TimeDisplay(UTC)
    with Store.open(path) as store:

        def open_notebook() -> object:
            # What the app reads before the screen shows: the newest page, the count of
            # everything (the title), and that page's rows.
            items, _ = store.notebook(limit=PAGE), store.notebook_count()
            return [notebook_row(found, times) for found in items]

        open_notebook()
        ours = median_of(RUNS, open_notebook)
    conn = sqlite3.connect(path)

    def bare() -> object:
        return (
            conn.execute(
                "SELECT h.*, e.headline, s.title FROM highlights h"
                " JOIN entries e ON e.id = h.entry_id JOIN sources s ON s.id = e.source_id"
                " ORDER BY h.created_at DESC LIMIT ?",
                (PAGE,),
            ).fetchall(),
            conn.execute("SELECT count(*) FROM highlights").fetchall(),
        )

    floor = median_of(RUNS, bare)
    conn.close()
    return Figure(
        "notebook_open_10k_ms", ours * 1000, "ms", floor * 1000, "value<=100", 100.0, by_ratio=False
    )


def _rest_figure(path: Path) -> Figure:
    with Store.open(path) as store:
        store.notebook()
        ours = median_of(RUNS, store.notebook)
    conn = sqlite3.connect(path)

    def bare() -> object:
        return conn.execute(
            "SELECT h.*, e.headline, s.title FROM highlights h JOIN entries e ON e.id = h.entry_id"
            " JOIN sources s ON s.id = e.source_id ORDER BY h.created_at DESC"
        ).fetchall()

    bare()
    floor = median_of(RUNS, bare)
    conn.close()
    return Figure(
        "notebook_rest_10k_ms", ours * 1000, "ms", floor * 1000, "value<=500", 500.0, by_ratio=False
    )


def _filter_figure(path: Path) -> Figure:
    from liveread.tui.display import TimeDisplay
    from liveread.tui.screens.notebook import PAGE, notebook_row

    times = TimeDisplay(UTC)
    with Store.open(path) as store:
        items = store.notebook()

    def typed(line: str) -> object:
        kept = filter_items(items, parse_notebook_filter(line))
        return [notebook_row(found, times) for found in kept[:PAGE]]

    ours = [median_of(RUNS, partial(typed, line)) for line in FILTERS]
    conn = sqlite3.connect(path)

    def bare() -> object:
        return conn.execute(
            "SELECT h.* FROM highlights h WHERE h.color = 'pink' ORDER BY h.created_at DESC"
        ).fetchall()

    bare()
    floor = median_of(RUNS, bare)
    conn.close()
    return Figure(
        "notebook_filter_10k_ms",
        max(ours) * 1000,
        "ms",
        floor * 1000,
        "value<=50",
        50.0,
        by_ratio=False,
    )


def run(scratch: Path, quick: bool) -> list[Figure]:
    """The three figures (the quick run is the same size)."""
    path = scratch / "notebook.db"
    _build(path)
    return [_open_figure(path), _rest_figure(path), _filter_figure(path)]
