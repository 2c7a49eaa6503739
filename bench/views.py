"""Reading across live blogs: a search of every blog, and opening the sources pane with its
saved views; at 100,000 entries across 100 blogs, each beside a bare query in the same run.

- search every blog: `Store.search_everywhere` (newest first, 200 rows) for a common word,
  a rarer one, a rare one and two words; the floor is one bare SELECT of the same shape
  (the most recently added RANK_CAP matches of the FTS5 index, joined to the entries and
  sorted by time), without the notes' indexes;
- sources pane: what the app reads to open it, every blog with its counts and 10 saved
  views (a tag, a flag, a relative date) with theirs, and the pane's rows built from them;
  the floor is one bare SELECT of the blogs with their counts and one bare count for each
  view.

The targets are absolute (the issue's numbers): search <= 50 ms, the pane <= 100 ms; every
figure is the median of RUNS runs after one to warm the page cache.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import accumulate
from pathlib import Path

from bench.core import Figure
from bench.generate import WORDS
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.kernel.query import parse_filter
from liveread.storage import Store
from liveread.storage.search import RANK_CAP, entries_expression, filter_condition

BLOGS = 100
"""Live blogs in the database."""

RUNS = 7
"""Runs of each query; the figures are medians (ours and the floor alike)."""

DAY_AGO = "since:2026-05-07T12:00:00Z"
"""A day before NOW, the generated entries' clock: `since:24h` would count from the machine's."""

VIEWS = [
    f"tag:verify -tag:done {DAY_AGO}",
    "tag:verify starred",
    "starred unread",
    f"tag:key {DAY_AGO}",
    "pinned",
    "tag:quote -starred",
    f"unread {DAY_AGO}",
    "tag:done",
    "edited",
    "tag:key tag:verify",
]
"""Ten saved views as a fact-checker writes them."""

NOW = datetime(2026, 5, 8, 12, 0, tzinfo=UTC)
"""The synthetic blogs' clock: their newest entries were posted just before this."""


VOCABULARY = [*WORDS, *(f"{a}{b}" for a in WORDS for b in WORDS[:12])]
"""The shared news words first (the common ones), then rarer compounds."""

WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
"""A Zipf-like spread, as in prose: a few words on most posts, most words on a few."""

CUM_WEIGHTS = list(accumulate(WEIGHTS))
"""WEIGHTS accumulated once, for `random.choices` (which would otherwise add them all up
again for every headline and body)."""


def _blog(rng: random.Random, number: int, per_blog: int) -> ParsedFeed:
    entries = []
    for i in range(per_blog):
        words = rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=rng.randint(20, 60))
        entries.append(
            ParsedEntry(
                key=f"b{number}-{i}",
                headline=" ".join(
                    rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=6)
                ).capitalize(),
                body=" ".join(words).capitalize() + ".",
                # Newest first, a post every few minutes, blogs staggered over two weeks.
                published=NOW - timedelta(minutes=3 * i + 200 * number),
            )
        )
    return ParsedFeed(Format.TEXT, f"Synthetic live blog {number}", tuple(entries))


def _build(path: Path, per_blog: int) -> None:
    rng = random.Random(13)
    with Store.open(path) as store:
        for number in range(BLOGS):
            store.import_feed(f"blog-{number}.txt", _blog(rng, number, per_blog))
    # Tags, flags, edits and read state straight in SQL: this is the data, not what is
    # measured (an edit is counted by its entry's revision count alone).
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for name in ("verify", "done", "key", "quote"):
        conn.execute(
            "INSERT INTO tags (name, created_at) VALUES (?, ?)", (name, NOW.isoformat())
        )
    ids = [row[0] for row in conn.execute("SELECT id FROM entries")]
    tag_ids = [row[0] for row in conn.execute("SELECT id FROM tags")]
    tagged = rng.sample(ids, len(ids) // 50)
    conn.executemany(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, ?, ?)",
        [
            (e, tag, NOW.isoformat())
            for e in tagged
            for tag in rng.sample(tag_ids, rng.randint(1, 2))
        ],
    )
    for column, share in (("starred", 20), ("pinned", 100), ("revision_count", 50)):
        conn.executemany(
            f"UPDATE entries SET {column} = 1 WHERE id = ?",
            [(e,) for e in rng.sample(ids, len(ids) // share)],
        )
    conn.executemany(
        "UPDATE entries SET read = 1 WHERE id = ?", [(e,) for e in rng.sample(ids, len(ids) // 3)]
    )
    conn.execute("COMMIT")
    conn.close()


def median_of(runs: int, fn: Callable[[], object]) -> float:
    """The median time of `runs` runs of `fn`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _search_figure(path: Path) -> Figure:
    # A word on most posts, a rarer one, a rare compound, two words.
    queries = ["council", "evacuation", "stormferry", "ferry storm"]
    with Store.open(path) as store:
        store.search_everywhere(queries[0])  # warm the page cache, as an open app would have
        ours = [median_of(RUNS, partial(store.search_everywhere, q, limit=200)) for q in queries]
    conn = sqlite3.connect(path)
    # The same shape: the most recently added RANK_CAP matches, the newest 200 of them.
    bare_sql = (
        "SELECT e.* FROM (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?"
        f" ORDER BY rowid DESC LIMIT {RANK_CAP}) m JOIN entries e ON e.id = m.rowid"
        " ORDER BY coalesce(e.published, e.first_seen) DESC LIMIT 200"
    )

    def bare(query: str) -> object:
        expression = " ".join(f'"{w}"' for w in query.split())
        return conn.execute(bare_sql, (entries_expression(expression),)).fetchall()

    floor = [median_of(RUNS, partial(bare, q)) for q in queries]
    conn.close()
    return Figure(
        f"search_every_blog_{label(path)}_ms",
        statistics.median(ours) * 1000,
        "ms",
        statistics.median(floor) * 1000,
        "value<=50",
        50.0,
        by_ratio=False,
    )


def _pane_figure(path: Path) -> Figure:
    from liveread.tui.widgets.sources import source_prompt, view_prompt

    filters = [parse_filter(v) for v in VIEWS]
    with Store.open(path) as store:

        def open_pane() -> Sequence[object]:
            sources = store.sources()
            counts = store.view_counts(filters)
            rows = [view_prompt(name, c) for name, c in zip(VIEWS, counts, strict=True)]
            return rows + [source_prompt(s, False) for s in sources]

        open_pane()
        ours = median_of(RUNS, open_pane)
    conn = sqlite3.connect(path)
    counts = [filter_condition(f, None) for f in filters]

    def bare() -> object:
        rows: list[object] = list(
            conn.execute(
                "SELECT s.*, count(e.id), sum(e.read = 0) FROM sources s"
                " LEFT JOIN entries e ON e.source_id = s.id GROUP BY s.id"
            )
        )
        for where, params in counts:
            rows.append(
                conn.execute(
                    f"SELECT count(*), sum(e.read = 0) FROM entries e WHERE {where}", params
                ).fetchone()
            )
        return rows

    floor = median_of(RUNS, bare)
    conn.close()
    return Figure(
        f"sources_pane_{label(path)}_10_views_ms",
        ours * 1000,
        "ms",
        floor * 1000,
        "value<=100",
        100.0,
        by_ratio=False,
    )


def label(path: Path) -> str:
    """`100k` (or `10k` in a quick run): how many entries the database holds."""
    conn = sqlite3.connect(path)
    count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    conn.close()
    return f"{count // 1000}k"


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Both figures (`quick`: 100 blogs of 100 entries instead of 1,000)."""
    path = scratch / "views.db"
    _build(path, 100 if quick else 1000)
    return [_search_figure(path), _pane_figure(path)]
