"""Annotation speed: a durable tag toggle, FTS search over 100,000 entries, re-anchoring 1,000
highlights on a 200 KB entry, reading 10,000 annotations on 5,000 entries back; each beside the
same work done the bare way in the same run.

The targets are absolute (the issue's numbers): median toggle <= 5 ms, search <= 50 ms,
re-anchoring <= 1 s, reading back for an export <= 1 s. The baselines (a bare sqlite3
INSERT/DELETE commit with the same pragmas, a bare FTS5 MATCH ranking the same set, 1,000
`str.find` calls, four bare SELECTs) show how much of that is liveread's own work.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Sequence
from functools import partial
from itertools import accumulate
from pathlib import Path

from bench.core import Figure, best_of
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.kernel.query import search_terms
from liveread.storage import Store
from liveread.storage.search import RANK_CAP, entries_expression, fts_expression

_SYLLABLES = [
    "har", "bour", "tal", "lis", "ven", "mor", "ca", "dri", "wen", "low", "ost", "ra", "quay",
    "fen", "del", "mar", "bro", "ka", "ti", "sel", "gan", "por", "nu", "vi", "lo", "ter",
]  # fmt: skip


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


class _Text:
    """Words drawn with a Zipf-like spread, as in real prose: few common, many rare."""

    def __init__(self, seed: int, size: int = 20_000) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng, size)
        self.rng.shuffle(self.words)
        # Accumulated once: `choices` with plain weights adds them all up again on every call
        # (a sum over 20,000 words for each sentence of a million entries).
        self.cum_weights = list(accumulate(1 / (rank + 1) for rank in range(size)))

    def sentence(self, count: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum_weights, k=count)
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence(self.rng.randint(6, 18)) for _ in range(2))


def _feed(entries: Sequence[tuple[str, str | None, str]]) -> ParsedFeed:
    return ParsedFeed(
        format=Format.TEXT,
        title="Synthetic annotation benchmark",
        entries=tuple(ParsedEntry(key=k, headline=h, body=b) for k, h, b in entries),
    )


# -- tag toggle -----------------------------------------------------------------------------------


def _toggle_figure(scratch: Path, samples: int) -> Figure:
    text = _Text(seed=11)
    with Store.open(scratch / "toggle.db") as store:
        store.import_feed("toggle", _feed([(f"k{i}", None, text.paragraph()) for i in range(50)]))
        entry_id = next(store.entries()).id
        times = []
        for _ in range(samples):
            start = time.perf_counter()
            store.toggle_tag(entry_id, "verify")
            times.append(time.perf_counter() - start)
    conn = sqlite3.connect(scratch / "bare-toggle.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE entry_tags (entry_id INTEGER, tag_id INTEGER,"
        " PRIMARY KEY (entry_id, tag_id)) WITHOUT ROWID"
    )
    bare = []
    for i in range(samples):
        sql = "INSERT INTO entry_tags VALUES (1, 1)" if i % 2 == 0 else "DELETE FROM entry_tags"
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql)
        conn.execute("COMMIT")
        bare.append(time.perf_counter() - start)
    conn.close()
    return Figure(
        "tag_toggle_durable_median",
        statistics.median(times) * 1000,
        "ms",
        statistics.median(bare) * 1000,
        "value<=5",
        5.0,
        by_ratio=False,
    )


# -- search ---------------------------------------------------------------------------------------


def _search_figures(scratch: Path, count: int) -> list[Figure]:
    text = _Text(seed=5)
    rows = [
        (f"k{i}", text.sentence(text.rng.randint(5, 10))[:-1], text.paragraph())
        for i in range(count)
    ]
    with Store.open(scratch / "search.db") as store:
        store.import_feed("search", _feed(rows))
        # Queries as a reader types them: a common word, a rarer one, two words, a phrase
        # and a prefix, drawn from the text itself.
        by_rank = text.words
        probe = rows[count // 2][2].split()
        queries = [
            by_rank[3],
            by_rank[400],
            by_rank[2000],
            f"{by_rank[10]} {by_rank[60]}",
            f'"{probe[1]} {probe[2]}"'.lower(),
            by_rank[30][:3] + "*",
        ]
        store.search(queries[0])  # warm the page cache, as an open app would have
        per_query = [best_of(3, partial(store.search, q)) for q in queries]
    # The floor reads the same set in the same file: the same FTS5 expression, the same
    # cap on the most recently added matches, the rows joined, 200 of them in page order
    # (liveread ranks that set itself, `storage.ranking`: FTS5's bm25 would first scan
    # each word's whole list, which is not a floor).
    conn = sqlite3.connect(scratch / "search.db")

    def bare_search(query: str) -> list[tuple[object, ...]]:
        expression = fts_expression(search_terms(query).words)
        assert expression is not None
        score = "0"
        return list(
            conn.execute(
                f"SELECT e.* FROM (SELECT rowid AS id, {score} AS score FROM entries_fts"
                f" WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT {RANK_CAP}) m"
                " JOIN entries e ON e.id = m.id ORDER BY m.score, e.position LIMIT 200",
                (entries_expression(expression),),
            ).fetchall()
        )

    bare = [best_of(3, partial(bare_search, q)) for q in queries]
    conn.close()
    label = f"{count // 1000}k"
    return [
        Figure(
            f"search_{label}_median_ms",
            statistics.median(per_query) * 1000,
            "ms",
            statistics.median(bare) * 1000,
            "value<=50",
            50.0,
            by_ratio=False,
        ),
        Figure(
            f"search_{label}_slowest_ms",
            max(per_query) * 1000,
            "ms",
            max(bare) * 1000,
            "value<=50",
            50.0,
            by_ratio=False,
        ),
    ]


# -- re-anchoring ---------------------------------------------------------------------------------


def _reanchor_figures(scratch: Path, highlights: int, body_kb: int) -> list[Figure]:
    text = _Text(seed=23)
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < body_kb * 1000:
        paragraphs.append(text.paragraph())
    body = "\n\n".join(paragraphs)
    rng = random.Random(3)
    with Store.open(scratch / "anchor.db") as store:
        result = store.import_feed("anchor", _feed([("big", "One long entry", body)]))
        entry_id = next(store.entries(result.source_id)).id
        word_starts = [i for i in range(1, len(body)) if body[i - 1] == " " and body[i] != " "]
        spans = []
        for _ in range(highlights):
            first = rng.randrange(len(word_starts) - 30)
            start = word_starts[first]
            end = word_starts[first + rng.randint(3, 25)] - 1
            spans.append((start, end))
            store.add_highlight(entry_id, start, end, "yellow")
        # The newsroom's edit: a new paragraph on top, a word changed in one paragraph in
        # ten, one paragraph in fifty deleted.
        edited = ["Update: " + text.paragraph()]
        for i, paragraph in enumerate(paragraphs):
            if i % 50 == 49:
                continue
            if i % 10 == 3:
                words = paragraph.split(" ")
                words[len(words) // 2] = "rewritten"
                paragraph = " ".join(words)
            edited.append(paragraph)
        new_body = "\n\n".join(edited)
        elapsed = _timed_import(store, new_body)
        placed = store.highlights(entry_id)
        orphans = sum(h.orphaned for h in placed)
        moved_words = sum(h.original is not None for h in placed)
        assert 0 < orphans < highlights // 10 and moved_words > 0, (orphans, moved_words)
        # A heavy copy-edit next: every seventh word of every paragraph changed, so nearly
        # every highlight needs the fuzzy search.
        heavy = "\n\n".join(
            " ".join("revised" if i % 7 == 3 else w for i, w in enumerate(p.split(" ")))
            for p in edited
        )
        heavy_elapsed = _timed_import(store, heavy)
        assert len(store.highlights(entry_id)) == highlights
    quotes = [body[s:e] for s, e in spans]
    baseline = best_of(3, lambda: [new_body.find(q) for q in quotes])
    return [
        Figure(
            f"reanchor_{highlights}_on_{body_kb}kb_edit",
            elapsed,
            "s",
            baseline,
            "value<=1",
            1.0,
            by_ratio=False,
        ),
        Figure(
            f"reanchor_{highlights}_on_{body_kb}kb_heavy_edit",
            heavy_elapsed,
            "s",
            baseline,
            "value<=1",
            1.0,
            by_ratio=False,
        ),
    ]


def _timed_import(store: Store, body: str) -> float:
    """Seconds to import the big entry with a new body (revision, re-anchoring, commit); checks
    that every highlight is still anchored exactly or orphaned."""
    start = time.perf_counter()
    store.import_feed("anchor", _feed([("big", "One long entry", body)]))
    elapsed = time.perf_counter() - start
    entry = next(store.entries())
    for h in store.highlights(entry.id):
        assert h.orphaned or entry.body[h.start : h.end] == h.exact
    return elapsed


# -- reading annotations back ---------------------------------------------------------------------


def _annotated_figure(scratch: Path, entries: int, annotations: int) -> Figure:
    """`annotated_entries` (what an export reads) against the same four bare SELECTs."""
    text = _Text(seed=31)
    path = scratch / "annotated.db"
    with Store.open(path) as store:
        store.import_feed(
            "read", _feed([(f"k{i}", None, text.paragraph()) for i in range(entries)])
        )
        ids = [e.id for e in store.entries()]
        for n in range(annotations):
            entry_id = ids[n % entries]
            kind = n % 3
            if kind == 0:
                store.add_highlight(entry_id, 0, 5, "yellow")
            elif kind == 1:
                store.add_note(entry_id, f"note {n}")
            else:
                store.add_tags(entry_id, [f"tag{n % 40}"])
        elapsed = best_of(3, lambda: store.annotated_entries(annotated_only=True))
        assert len(store.annotated_entries(annotated_only=True)) == entries
    conn = sqlite3.connect(path)
    tables = ("entries", "entry_tags", "highlights", "notes")
    baseline = best_of(3, lambda: [conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables])
    conn.close()
    return Figure(
        f"annotated_entries_{entries // 1000}k_{annotations // 1000}k",
        elapsed,
        "s",
        baseline,
        "value<=1",
        1.0,
        by_ratio=False,
    )


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Toggle, search and re-anchoring figures (`quick`: fewer samples, 10k entries)."""
    return [
        _toggle_figure(scratch, 60 if quick else 300),
        *_search_figures(scratch, 10_000 if quick else 100_000),
        *_reanchor_figures(scratch, 1000, 200),
        _annotated_figure(scratch, 5000, 10_000),
    ]
