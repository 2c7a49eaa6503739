"""The reader in a pseudo-terminal, with 1,000 and 100,000 entries in one blog, beside a bare
Textual app (one Static, one binding) started the same way in the same run.

- first paint: from starting the process until the first entry's row is written;
- 50 keys: from writing 50 `j` at once until the list shows the 51st entry selected (its
  position on the list's border), the median of several such bursts;
- 50 keys to the reader: from the same write until the reader pane draws the 51st entry's
  headline (drawn right of the list, where only the reader draws), in the same bursts;
- peak RSS of the reader at 100,000 entries (VmHWM of the child).

A paint counts when its text appears in the bytes the program writes to the terminal.
`first_paint_figures` measures the first paint on a database given by its path (the scale
bench's 200-blog databases), beside the bare app in the same run.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from rich.cells import cell_len

from bench.core import Figure
from bench.generate import dump_text
from bench.terminal import PtyProcess
from liveread.ingest import read_file
from liveread.kernel.text import clean_line
from liveread.storage import Store

KEYS = 50
"""How many `j` presses are queued at once."""

SETTLE = 0.8
"""Seconds to let a program finish its start-up work before the keys are sent."""

COLUMNS = 120
"""The pseudo-terminal's width (`PtyProcess`'s default size)."""

READER_COLUMN = int(COLUMNS * 0.45) + 2
"""The first column (1-based) right of the entry list (45% of the width, `tui/app.tcss`) and
of the reader's left border: text drawn from here on is the reader's."""

HEADLINE_MARK = 30
"""Characters of a headline that mark it: fewer than a reader line holds (so the reader never
wraps them), enough that no neighbouring entry's headline starts the same way."""

Seen = Callable[[bytearray, int], bool]
"""A test of the output from a byte offset on: has the awaited paint been written?"""

_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")
_CSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]")


def shows(marker: bytes) -> Seen:
    """The output holds `marker`."""
    return lambda output, start: output.find(marker, start) >= 0


def column_at(output: bytearray, at: int) -> int:
    """The 1-based column where byte `at` of the output is drawn: the last cursor move
    before it plus the cells written since (0 when no move precedes it)."""
    window = bytes(output[max(0, at - 16384) : at])
    moves = list(_MOVE.finditer(window))
    if not moves:
        return 0
    last = moves[-1]
    written = _CSI.sub(b"", window[last.end() :]).decode("utf-8", "replace")
    return int(last.group(2)) + cell_len(written)


def drawn_from(marker: bytes, column: int) -> Seen:
    """The output draws `marker` at `column` or further right."""

    def seen(output: bytearray, start: int) -> bool:
        at = output.find(marker, start)
        while at >= 0:
            if column_at(output, at) >= column:
                return True
            at = output.find(marker, at + 1)
        return False

    return seen


def _until_all(proc: PtyProcess, waits: Sequence[Seen], start: int) -> list[float]:
    """The perf_counter time at which each of `waits` was first seen after byte `start`."""
    when: dict[int, float] = {}

    def every(output: bytearray, offset: int) -> bool:
        now = time.perf_counter()
        for index, seen in enumerate(waits):
            if index not in when and seen(output, offset):
                when[index] = now
        return len(when) == len(waits)

    proc.read_until_seen(every, timeout=60, start=start)
    return [when[index] for index in range(len(waits))]

BARE_APP = """
from textual.app import App
from textual.widgets import Static


class Bare(App[None]):
    BINDINGS = [("j", "bump", "Bump")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self):
        yield Static("bare app ready")

    def action_bump(self) -> None:
        self.count += 1
        self.query_one(Static).update(f"bare count {self.count} done")


Bare().run()
"""


def _liveread() -> str:
    beside = Path(sys.executable).parent / "liveread"
    return str(beside) if beside.exists() else "liveread"


def _env(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TERM="xterm-256color",
        LIVEREAD_CONFIG=str(scratch / "no-config.toml"),
        TZ="UTC",
    )
    env.pop("NO_COLOR", None)
    # Measure the program as an installed copy runs: with compiled bytecode (pip writes it at
    # install time; an environment that forbids writing it would time the compiler instead).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _measure(
    argv: list[str],
    env: dict[str, str],
    first: Seen,
    after_burst: Callable[[int], Sequence[Seen]],
    bursts: int,
) -> tuple[float, list[float], float]:
    """One process: (first paint s, the median time of a burst of keys to each of
    `after_burst`'s paints s, peak RSS MB).

    With no bursts (a warm-up run) the keys figures are empty.
    """
    times: list[list[float]] = []
    with PtyProcess(argv, env, (COLUMNS, 40)) as proc:
        painted = proc.read_until_seen(first, timeout=60)
        first_paint = painted - proc.started
        if bursts:
            proc.drain(SETTLE)
        for burst in range(1, bursts + 1):
            mark = len(proc.output)
            sent = proc.write_timed(b"j" * KEYS)
            times.append([seen - sent for seen in _until_all(proc, after_burst(burst), mark)])
            proc.drain(SETTLE)  # past the read delay, so its write is not in the next burst
        rss = proc.peak_rss_mb()
        proc.write(b"\x11")  # ctrl+q: quits the bare app and the reader alike
        proc.wait(timeout=15)
    medians = [statistics.median(column) for column in zip(*times, strict=True)]
    return first_paint, medians, rss


Run = tuple[float, list[float], float]
"""What one process measured: first paint, the keys figures, peak RSS."""


def _repeat(runs: int, bursts: int, once: Callable[[int], Run]) -> Run:
    """Medians of first paint and of each keys figure over `runs` processes, and the largest
    peak RSS.

    A start that is not counted comes first: it leaves the bytecode and the file cache as
    every later start finds them.
    """
    once(0)
    results = [once(bursts) for _ in range(runs)]
    keys = [statistics.median(column) for column in zip(*(r[1] for r in results), strict=True)]
    return (
        statistics.median(r[0] for r in results),
        keys,
        max(r[2] for r in results),
    )


def _blog(scratch: Path, entries: int, shown: int) -> tuple[Path, list[str]]:
    """A database with one blog of `entries` entries; the headlines of its first `shown`."""
    dump = scratch / f"blog-{entries}.txt"
    dump.write_text(dump_text(entries), encoding="utf-8")
    db = scratch / f"reader-{entries}.db"
    with Store.open(db) as store:
        result = store.import_feed(str(dump), read_file(dump))
        top = store.entry_page(result.source_id, 0, shown)
    dump.unlink()
    return db, [clean_line(entry.title) for entry in top]


def reader_shows(headlines: Sequence[str], row: int) -> Seen:
    """The reader draws the headline of the entry at `row` (the list draws it too, left of
    `READER_COLUMN`; only the reader draws from there on)."""
    mark = headlines[row][:HEADLINE_MARK]
    # The burst's other entries must not draw the same mark, or an earlier one would count.
    assert all(not h.startswith(mark) for i, h in enumerate(headlines[: row + 1]) if i != row)
    return drawn_from(mark.encode(), READER_COLUMN)


def _bare(scratch: Path, env: dict[str, str], runs: int, bursts: int) -> Run:
    """The bare app's first paint and 50 keys (its counter drawn), medians."""
    bare_script = scratch / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    return _repeat(
        runs,
        bursts,
        lambda count: _measure(
            [sys.executable, str(bare_script)],
            env,
            shows(b"bare app ready"),
            lambda burst: [shows(f"bare count {KEYS * burst} done".encode())],
            count,
        ),
    )


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Measure the bare app, then the reader at each size (1k only with `quick`)."""
    runs = 2 if quick else 3
    bursts = 2 if quick else 5
    env = _env(scratch)
    bare_first, (bare_keys,), _ = _bare(scratch, env, runs, bursts)
    figures: list[Figure] = []
    keys_at: dict[int, float] = {}
    for entries in [1_000] if quick else [1_000, 100_000]:
        db, headlines = _blog(scratch, entries, KEYS * bursts + 1)
        label = f"{entries // 1000}k"

        def once(
            count: int, db: Path = db, headlines: list[str] = headlines, entries: int = entries
        ) -> Run:
            # A fresh copy each run: the reader remembers its place and marks entries read.
            for old in scratch.glob("run.db*"):
                old.unlink()
            copy = scratch / "run.db"
            shutil.copyfile(db, copy)
            return _measure(
                [_liveread(), "--db", str(copy)],
                env,
                shows(headlines[0][:20].encode()),
                lambda burst: [
                    # The list's position, on its border: " 51/1,000 " after the first burst.
                    shows(f" {KEYS * burst + 1:,}/{entries:,} ".encode()),
                    # The reader's headline of that entry.
                    reader_shows(headlines, KEYS * burst),
                ],
                count,
            )

        first, (keys, reader_keys), rss = _repeat(runs, bursts, once)
        keys_at[entries] = keys
        figures.append(
            Figure(
                f"tui_first_paint_{label}", first * 1000, "ms", bare_first * 1000, "ratio<=1.3", 1.3
            )
        )
        figures.append(
            Figure(f"tui_{KEYS}_keys_{label}", keys * 1000, "ms", bare_keys * 1000, "ratio<=3", 3.0)
        )
        figures.append(
            Figure(
                f"tui_{KEYS}_keys_reader_{label}",
                reader_keys * 1000,
                "ms",
                bare_keys * 1000,
                "ratio<=3",
                3.0,
            )
        )
        if entries == 100_000:
            figures.append(
                Figure(
                    f"tui_{KEYS}_keys_100k_vs_1k",
                    keys * 1000,
                    "ms",
                    keys_at[1_000] * 1000,
                    "ratio<=1.3",
                    1.3,
                )
            )
            figures.append(
                Figure("tui_peak_rss_100k", rss, "MB", None, "value<=150", 150.0, by_ratio=False)
            )
    return figures


def _shown_title(db: Path) -> str:
    """The title of the entry plain `liveread` opens `db` at (its list draws it first)."""
    from liveread.tui.listings import open_view
    from liveread.tui.widgets.entry_list import PAGE_SIZE

    with Store.open(db) as store:
        view = open_view(store, store.last_source())
    listing = view.listing
    assert listing is not None and listing.count, f"{db} has no entries to show"
    page = listing.pages[listing.cursor // PAGE_SIZE]
    return clean_line(page[listing.cursor % PAGE_SIZE].title)


def _first_paint(argv: list[str], env: dict[str, str], first: Seen) -> float:
    """Start `argv`, time its first paint, then stop it at once (SIGTERM, well before the
    read delay would mark the entry read: a kept database stays as it was built)."""
    with PtyProcess(argv, env, (COLUMNS, 40)) as proc:
        return proc.read_until_seen(first, timeout=120) - proc.started


def first_paint_figures(db: Path, scratch: Path, name: str, runs: int = 3) -> list[Figure]:
    """`liveread --db DB`'s first paint beside the bare app's, as figure `name`: medians of
    `runs` (taken in turns, after one uncounted start of each); DB is opened in place."""
    env = _env(scratch)
    bare_script = scratch / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    title = _shown_title(db)
    ours = partial(_first_paint, [_liveread(), "--db", str(db)], env, shows(title[:20].encode()))
    bare = partial(_first_paint, [sys.executable, str(bare_script)], env, shows(b"bare app ready"))
    ours(), bare()
    mine: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        mine.append(ours())
        floor.append(bare())
    return [
        Figure(
            name,
            statistics.median(mine) * 1000,
            "ms",
            statistics.median(floor) * 1000,
            "ratio<=1.3",
            1.3,
        )
    ]
