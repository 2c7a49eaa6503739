"""`python -m bench --scale [--million]`: liveread at 10,000 and 100,000 entries over 200 live
blogs (and 1,000,000 with `--million`), every figure beside its floor in the same run.

Each database is built once with liveread's own import (200 blogs of invented posts, then
2,000 annotations written in bulk: the data, not what is measured) and kept under the
bench's scratch dir by a hash of what it is made from (this module's generator, the scale,
the schema's migrations), so a later run reuses it and a change to any of them builds anew.

At each scale:
- search: `Store.search` for a common and a rare word, scoped to one blog and across all,
  ranked (the best LIMIT among the newest RANK_CAP matches); the floor is the bare FTS5
  query of the same result set (the same expression, its newest RANK_CAP matches, the rows
  joined, the first LIMIT made into Entries as the search returns them). Targets: each
  <= 2x its floor, the slowest <= 50 ms.
- import: a dump of a tenth as many entries into a fresh database, parse, store and whole
  beside `import_dump`'s floors (a 20-line parse, a bare bulk store into the same schema).
- export: the Markdown of every blog's annotated entries (the `E` key, the CLI's export of
  every blog) read and rendered; the floor reads the same rows by their indexes with bare
  SQL and renders them the same way. Target: <= 3x.
- upgrade (100k and 1M): migration 0013 rebuilding the search index, its progress reported,
  beside the same statements run bare (`bench.upgrade`). Target: <= 1.2x.
- first paint: plain `liveread` on the database (the blog it opens drawn in a terminal)
  beside the bare Textual app started the same way (`bench.tui`). Target: <= 1.3x.
Figures are medians of RUNS runs after one that warms the page cache.
"""

from __future__ import annotations

import gc
import hashlib
import inspect
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import accumulate
from pathlib import Path

from bench.core import Figure
from bench.generate import WORDS as NEWS
from bench.import_dump import import_figures
from bench.tui import first_paint_figures
from bench.upgrade import upgrade_figure
from liveread import __version__
from liveread.export.markdown import render_markdown
from liveread.kernel.model import (
    AnnotatedEntry,
    Format,
    Highlight,
    Note,
    ParsedEntry,
    ParsedFeed,
)
from liveread.services.exporting import select_groups
from liveread.storage import Store
from liveread.storage.rows import (
    ENTRY_COLUMNS,
    HIGHLIGHT_COLUMNS,
    NOTE_COLUMNS,
    entry_from_row,
    highlight_from_row,
    note_from_row,
)
from liveread.storage.schema import MIGRATIONS
from liveread.storage.search import ANNOTATED_IDS, RANK_CAP, entries_expression, fts_expression

BLOGS = 200
"""Live blogs in every scale's database."""

ANNOTATIONS = 2_000
"""Annotations in every scale's database: 700 tags, 700 highlights, 400 notes, 200 stars."""

RUNS = 5
"""Runs of each measured step; the figures are medians."""

SEARCH_RUNS = 15
"""Runs of each search and of its floor (a few milliseconds each: more runs steady them)."""

LIMIT = 200
"""Rows a search returns, as the CLI asks."""

NOW = datetime(2026, 5, 8, 12, 0, tzinfo=UTC)
"""The invented blogs' clock."""


VOCABULARY = [*NEWS, *(f"{a}{b}" for a in NEWS for b in NEWS)]
"""The news words first (the common ones), then ~1,000 rarer compounds."""

CUM_WEIGHTS = list(accumulate(1 / (rank + 1) for rank in range(len(VOCABULARY))))
"""A Zipf-like spread, accumulated once for `random.choices`."""

QUERIES = {"common": "council", "rare": "stormferry"}
"""A word on most posts, and a compound on a few hundredths of them."""


def paired_medians(
    runs: int, ours: Callable[[], object], floor: Callable[[], object]
) -> tuple[float, float]:
    """The medians of `runs` runs of each, taken in turns (ours, floor, ours, ...): on a
    shared machine, load that comes and goes then weighs on both sides alike. The garbage
    collector is held off meanwhile, as `timeit` does: a collection of what earlier figures
    left behind would otherwise land on whichever side happened to be running."""
    mine: list[float] = []
    bare: list[float] = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            for fn, times in ((ours, mine), (floor, bare)):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return statistics.median(mine), statistics.median(bare)


def _blog(rng: random.Random, number: int, size: int) -> ParsedFeed:
    """Blog `number`: `size` invented posts, newest first, a post every few minutes."""
    entries = []
    for i in range(size):
        words = rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=rng.randint(20, 60))
        headline = rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=6)
        entries.append(
            ParsedEntry(
                key=f"b{number}-{i}",
                headline=" ".join(headline).capitalize(),
                body=" ".join(words).capitalize() + ".",
                published=NOW - timedelta(minutes=3 * i + 7 * number),
            )
        )
    return ParsedFeed(Format.TEXT, f"Invented live blog {number}", tuple(entries))


def _annotate(path: Path) -> None:
    """ANNOTATIONS marks on entries drawn across every blog, written straight in SQL."""
    rng = random.Random(17)
    conn = sqlite3.connect(path, isolation_level=None)
    stamp = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    top = conn.execute("SELECT max(id) FROM entries").fetchone()[0]
    ids = rng.sample(range(1, top + 1), ANNOTATIONS)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO tags (name, created_at) VALUES ('verify', ?)", (stamp,))
    conn.executemany(
        "INSERT INTO entry_tags (entry_id, tag_id, created_at)"
        " VALUES (?, (SELECT id FROM tags WHERE name = 'verify'), ?)",
        [(i, stamp) for i in ids[:700]],
    )
    conn.executemany(
        'INSERT INTO highlights (entry_id, start, "end", exact, color, created_at, updated_at)'
        " SELECT id, 0, 12, substr(body, 1, 12), 'yellow', ?, ? FROM entries WHERE id = ?",
        [(stamp, stamp, i) for i in ids[700:1400]],
    )
    conn.executemany(
        "INSERT INTO notes (entry_id, text, created_at, updated_at)"
        " VALUES (?, 'Ask the desk which quay this was.', ?, ?)",
        [(i, stamp, stamp) for i in ids[1400:1800]],
    )
    conn.executemany("UPDATE entries SET starred = 1 WHERE id = ?", [(i,) for i in ids[1800:]])
    conn.execute("COMMIT")
    conn.close()


def _fingerprint(entries: int) -> str:
    """What the database of `entries` is made from: a change to any of it builds anew."""
    made_of = [
        str(entries),
        str(BLOGS),
        str(ANNOTATIONS),
        inspect.getsource(_blog),
        inspect.getsource(_annotate),
        repr(VOCABULARY),
        *MIGRATIONS.names(),
    ]
    return hashlib.sha256("\n".join(made_of).encode()).hexdigest()[:16]


def database(cache: Path, entries: int) -> Path:
    """The scale's database under `cache`, built now (with liveread's import) if missing."""
    path = cache / f"scale-{entries}-{_fingerprint(entries)}.db"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    for stale in cache.glob(f"{building.name}*"):
        stale.unlink()
    rng = random.Random(13)
    with Store.open(building) as store:
        for number in range(BLOGS):
            store.import_feed(f"bench:blog-{number}", _blog(rng, number, entries // BLOGS))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _annotate(building)
    # Renamed only when whole: an interrupted build is never taken for a finished one.
    building.rename(path)
    return path


def label(entries: int) -> str:
    """`10k`, `100k`, `1M`."""
    return f"{entries // 1_000_000}M" if entries >= 1_000_000 else f"{entries // 1000}k"


def _bare_search(conn: sqlite3.Connection, query: str, source_id: int | None) -> list[int]:
    """The bare FTS5 query of the set `Store.search` ranks: the same expression, its newest
    RANK_CAP matches (newest rowid first), the rows joined; the first LIMIT of them made
    into Entries as the search returns them (what any search must hand back), unranked."""
    expression = fts_expression((query,))
    assert expression is not None
    rows = conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM (SELECT rowid AS match FROM entries_fts"
        f" WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT {RANK_CAP}) m"
        " JOIN entries ON entries.id = m.match",
        (entries_expression(expression, source_id),),
    ).fetchall()
    return [entry_from_row(r).id for r in rows[:LIMIT]] + [int(r[0]) for r in rows[LIMIT:]]


def search_figures(path: Path, name: str) -> list[Figure]:
    """The four searches (one blog / every blog, common / rare word) beside their floors."""
    figures: list[Figure] = []
    slowest = (0.0, 0.0)
    with Store.open(path) as store:
        conn = sqlite3.connect(path)
        blog = store.sources()[BLOGS // 2].id
        for scope, source_id in (("blog", blog), ("all", None)):
            for kind, word in QUERIES.items():
                ours_call = partial(store.search, word, source_id=source_id, limit=LIMIT)
                bare_call = partial(_bare_search, conn, word, source_id)
                found, bare = ours_call(), bare_call()  # and warms the page cache
                # The best LIMIT of the very set the floor reads.
                assert {e.id for e in found} <= set(bare), (word, scope)
                assert len(found) == min(LIMIT, len(bare)) > 0, (word, scope, len(found))
                ours, floor = (t * 1000 for t in paired_medians(SEARCH_RUNS, ours_call, bare_call))
                slowest = max(slowest, (ours, floor))
                figures.append(
                    Figure(f"scale_{name}_search_{scope}_{kind}", ours, "ms", floor, "ratio<=2", 2)
                )
        conn.close()
    figures.append(
        Figure(
            f"scale_{name}_search_slowest",
            slowest[0],
            "ms",
            slowest[1],
            "value<=50",
            50.0,
            by_ratio=False,
        )
    )
    return figures


def _bare_annotated(conn: sqlite3.Connection) -> list[AnnotatedEntry]:
    """Every annotated entry with its marks, read with bare SQL: the entries by id from the
    indexed sides, each annotation table whole (all of it is on annotated entries)."""
    entries = [
        entry_from_row(r)
        for r in conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id IN ({ANNOTATED_IDS})"
            " ORDER BY source_id, position, id"
        )
    ]
    tags: dict[int, list[str]] = {}
    for entry_id, name in conn.execute(
        "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
        " ORDER BY t.name"
    ):
        tags.setdefault(entry_id, []).append(name)
    marks: dict[int, list[Highlight]] = {}
    for row in conn.execute(
        f"SELECT {HIGHLIGHT_COLUMNS} FROM highlights ORDER BY status = 'orphaned', start, id"
    ):
        marks.setdefault(int(row[1]), []).append(highlight_from_row(row))
    notes: dict[int, list[Note]] = {}
    for row in conn.execute(f"SELECT {NOTE_COLUMNS} FROM notes ORDER BY id"):
        notes.setdefault(int(row[1]), []).append(note_from_row(row))
    return [
        AnnotatedEntry(
            e, tuple(tags.get(e.id, ())), tuple(marks.get(e.id, ())), tuple(notes.get(e.id, ()))
        )
        for e in entries
    ]


def _render(store: Store, items: Sequence[AnnotatedEntry]) -> int:
    """The Markdown of `items`, blog by blog; the characters written."""
    by_source: dict[int, list[AnnotatedEntry]] = {}
    for item in items:
        by_source.setdefault(item.entry.source_id, []).append(item)
    sources = {s.id: s for s in store.sources()}
    return sum(
        len(render_markdown(sources[i], group, exported_at=NOW, version=__version__))
        for i, group in by_source.items()
    )


def export_figure(path: Path, name: str) -> Figure:
    """Every blog's annotated entries exported (read + Markdown) beside the indexed floor."""
    with Store.open(path) as store:

        def ours() -> int:
            groups = select_groups(store, None)
            return _render(store, [item for _, items in groups for item in items])

        conn = sqlite3.connect(path)

        def floor() -> int:
            return _render(store, _bare_annotated(conn))

        assert ours() == floor() > 0
        value, baseline = paired_medians(RUNS, ours, floor)
        conn.close()
    return Figure(f"scale_{name}_export_2k_annotations", value, "s", baseline, "ratio<=3", 3)


def run_scale(cache: Path, scratch: Path, million: bool) -> Iterator[Figure]:
    """Every scale's figures as they are measured: 10k, 100k (and 1M with `million`)."""
    for entries in (10_000, 100_000, *((1_000_000,) if million else ())):
        start = time.perf_counter()
        path = database(cache, entries)
        built = time.perf_counter() - start
        name = label(entries)
        yield Figure(f"scale_{name}_database_ready", built, "s", None, "-", float("inf"), False)
        yield from search_figures(path, name)
        yield export_figure(path, name)
        if entries >= 100_000:
            yield upgrade_figure(path, scratch, name)
        yield from first_paint_figures(path, scratch, f"scale_{name}_first_paint")
        yield from import_figures(scratch, entries // 10, f"{name}_tenth")
