"""The reader in a pseudo-terminal, with 1,000 and 100,000 entries in one blog, beside a bare
Textual app (one Static, one binding) started the same way in the same run.

- first paint: from starting the process until the first entry's row is written;
- 50 keys: from writing 50 `j` at once until the list shows the 51st entry selected (its
  position on the list's border), the median of several such bursts;
- peak RSS of the reader at 100,000 entries (VmHWM of the child).

A paint counts when its text appears in the bytes the program writes to the terminal.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

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
    first: bytes,
    after_burst: Callable[[int], bytes],
    bursts: int,
) -> tuple[float, float, float]:
    """One process: (first paint s, median time of a burst of keys s, peak RSS MB).

    With no bursts (a warm-up run) the keys figure is 0.
    """
    times: list[float] = [0.0]
    with PtyProcess(argv, env) as proc:
        painted = proc.read_until(first, timeout=60)
        first_paint = painted - proc.started
        if bursts:
            times = []
            proc.drain(SETTLE)
        for burst in range(1, bursts + 1):
            mark = len(proc.output)
            sent = proc.write_timed(b"j" * KEYS)
            times.append(proc.read_until(after_burst(burst), timeout=60, start=mark) - sent)
            proc.drain(SETTLE)  # past the read delay, so its write is not in the next burst
        rss = proc.peak_rss_mb()
        proc.write(b"\x11")  # ctrl+q: quits the bare app and the reader alike
        proc.wait(timeout=15)
    return first_paint, statistics.median(times), rss


def _repeat(
    runs: int, bursts: int, once: Callable[[int], tuple[float, float, float]]
) -> tuple[float, ...]:
    """Medians of first paint and keys over `runs` processes, and the largest peak RSS.

    A start that is not counted comes first: it leaves the bytecode and the file cache as
    every later start finds them.
    """
    once(0)
    results = [once(bursts) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


def _blog(scratch: Path, entries: int) -> tuple[Path, str]:
    """A database with one blog of `entries` entries; the first entry's title."""
    dump = scratch / f"blog-{entries}.txt"
    dump.write_text(dump_text(entries), encoding="utf-8")
    db = scratch / f"reader-{entries}.db"
    with Store.open(db) as store:
        result = store.import_feed(str(dump), read_file(dump))
        first = next(iter(store.entry_page(result.source_id, 0, 1)))
    dump.unlink()
    return db, clean_line(first.title)


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Measure the bare app, then the reader at each size (1k only with `quick`)."""
    runs = 2 if quick else 3
    bursts = 2 if quick else 5
    env = _env(scratch)
    bare_script = scratch / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    bare_first, bare_keys, _ = _repeat(
        runs,
        bursts,
        lambda count: _measure(
            [sys.executable, str(bare_script)],
            env,
            b"bare app ready",
            lambda burst: f"bare count {KEYS * burst} done".encode(),
            count,
        ),
    )
    figures: list[Figure] = []
    keys_at: dict[int, float] = {}
    for entries in [1_000] if quick else [1_000, 100_000]:
        db, title = _blog(scratch, entries)
        label = f"{entries // 1000}k"

        def once(
            count: int, db: Path = db, title: str = title, entries: int = entries
        ) -> tuple[float, float, float]:
            # A fresh copy each run: the reader remembers its place and marks entries read.
            for old in scratch.glob("run.db*"):
                old.unlink()
            copy = scratch / "run.db"
            shutil.copyfile(db, copy)
            return _measure(
                [_liveread(), "--db", str(copy)],
                env,
                title[:20].encode(),
                # The list's position, on its border: " 51/1,000 " after the first burst.
                lambda burst: f" {KEYS * burst + 1:,}/{entries:,} ".encode(),
                count,
            )

        first, keys, rss = _repeat(runs, bursts, once)
        keys_at[entries] = keys
        figures.append(
            Figure(
                f"tui_first_paint_{label}", first * 1000, "ms", bare_first * 1000, "ratio<=1.5", 1.5
            )
        )
        figures.append(
            Figure(f"tui_{KEYS}_keys_{label}", keys * 1000, "ms", bare_keys * 1000, "ratio<=3", 3.0)
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
