"""Adding to an edited Markdown export of 1,000 highlights (read from the store, what is new
found, liveread's section written, the file replaced atomically), beside a bare atomic write
of the same bytes in the same run. Medians of five runs, each from the same edited file.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.core import Figure
from bench.generate import dump_text
from liveread.export.files import write_atomic
from liveread.export.managed import END
from liveread.ingest import read_file
from liveread.kernel.colors import HIGHLIGHT_COLORS
from liveread.services.exporting import write_markdown
from liveread.storage import Store

RUNS = 5
"""Timed runs per figure; the median is reported."""
NEW = 50
"""Highlights added after the export, which the timed runs add to the section."""


def _median(setup: Callable[[], None], work: Callable[[], object]) -> float:
    times: list[float] = []
    for _ in range(RUNS):
        setup()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _highlight_every_entry(store: Store, source_id: int) -> int:
    entries = list(store.entries(source_id))
    with store.writer.transaction():
        for i, entry in enumerate(entries):
            end = min(len(entry.body), 20 + i % 40)
            note = f"Checked against the **council** statement, item {i}." if i % 3 == 0 else None
            store.add_highlight(entry.id, 0, end, HIGHLIGHT_COLORS[i % 5], note=note)
    return len(entries)


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Export, edit the file as a user would, add highlights, then time adding to it."""
    count = 200 if quick else 1_000
    dump = scratch / "blog.txt"
    dump.write_text(dump_text(count), encoding="utf-8")
    target = scratch / "export.md"
    with Store.open(scratch / "liveread.db") as store:
        source_id = store.import_feed(str(dump), read_file(dump)).source_id
        highlights = _highlight_every_entry(store, source_id)
        source = store.source(source_id)
        write_markdown(target, source, store.annotated_entries(source_id, annotated_only=True))
        exported = target.read_text(encoding="utf-8")
        head, _, body = exported.partition("\n# ")
        edited = f"{head}\n# {body}".replace("\n## ", "\nMy own line.\n\n## ", 10)
        edited += "\nMy conclusions, written after the export.\n"
        entries = list(store.entries(source_id))
        for i, entry in enumerate(entries[:NEW]):
            store.add_highlight(entry.id, 0, min(len(entry.body), 12), "blue", note=f"later {i}")

        def restore() -> None:
            target.write_text(edited, encoding="utf-8")

        def add() -> None:
            items = store.annotated_entries(source_id, annotated_only=True)
            done = write_markdown(target, source, items)
            assert done.added and not done.unchanged

        elapsed = _median(restore, add)
        final = target.read_text(encoding="utf-8")
    assert final.startswith(edited) and final.count(END) == 1
    baseline = _median(restore, lambda: write_atomic(target, final))
    label = f"{highlights // 1000}k" if highlights >= 1000 else str(highlights)
    return [
        Figure(
            f"export_add_{label}_highlights_md",
            elapsed,
            "s",
            baseline,
            "value<=0.5",
            0.5,
            by_ratio=False,
        )
    ]
