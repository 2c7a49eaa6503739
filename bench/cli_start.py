"""What a CLI command costs to start: CPU seconds of the real `liveread` binary above
`python -c pass`, measured in turns in the same run (medians).

The commands: `liveread --version`, `liveread --help`, `liveread entries` and `liveread
search` on a small database (one sample blog). `cli_start_cpu_s` is the slowest command's
median above the floor (target: at most 0.08 CPU-s above it); one figure per command follows
for the profile. The floor is the bare interpreter of the same environment, with the same
bytecode cache.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from bench.child_cpu import bytecode_env, child_cpu
from bench.core import Figure
from liveread.ingest import read_file
from liveread.storage import Store

TARGET_ABOVE_FLOOR = 0.08
"""CPU seconds a command may cost above `python -c pass`."""

SAMPLE = Path(__file__).resolve().parent.parent / "sample_feeds" / "harbour-storm.txt"
"""A small blog of the shipped samples, imported into the database the commands read."""


def _liveread() -> str:
    return str(Path(sys.executable).parent / "liveread")


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Measure the floor and each command in turns; return the figures."""
    repeats = 5 if quick else 9
    db = scratch / "small.db"
    with Store.open(db) as store:
        store.import_feed(str(SAMPLE), read_file(SAMPLE))
    env = bytecode_env(scratch, {"LIVEREAD_DB": str(db), "NO_COLOR": "1"})
    commands: dict[str, list[str]] = {
        "floor": [sys.executable, "-c", "pass"],
        "version": [_liveread(), "--version"],
        "help": [_liveread(), "--help"],
        "entries": [_liveread(), "entries"],
        "search": [_liveread(), "search", "harbour"],
    }
    for command in commands.values():
        child_cpu(command, env)  # fills the bytecode cache
    runs: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        # In turns, so a slow spell of the machine weighs on the floor as on the commands.
        for name, command in commands.items():
            runs[name].append(child_cpu(command, env))
    floor = statistics.median(runs.pop("floor"))
    above = {name: statistics.median(times) - floor for name, times in runs.items()}
    slowest = max(above, key=above.__getitem__)
    figures = [
        Figure(
            "cli_start_cpu_s",
            above[slowest],
            "s",
            floor,
            f"value<={TARGET_ABOVE_FLOOR}",
            TARGET_ABOVE_FLOOR,
            by_ratio=False,
        )
    ]
    figures += [
        Figure(
            f"cli_start_cpu_s_{name}",
            value,
            "s",
            floor,
            f"value<={TARGET_ABOVE_FLOOR}",
            TARGET_ABOVE_FLOOR,
            by_ratio=False,
        )
        for name, value in above.items()
    ]
    return figures
