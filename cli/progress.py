"""The bar `liveread import` draws on a terminal while a source is read and stored.

Only when stderr is a terminal: a script (stderr a pipe or a file) gets no bar and not one
byte more than before. The bar is drawn with rich on stderr and erased when its source is
done, so the terminal keeps only the usual line per source; stdout is never redirected
into it (a user who sends stdout to a file still gets every line there). Names are cleaned
like every line the CLI prints, and shown as text, never as rich markup.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from liveread.cli.output import clean
from liveread.kernel.progress import Phase, Progress

if TYPE_CHECKING:
    from rich.console import Console


def wanted() -> bool:
    """True when stderr is a terminal someone watches."""
    return sys.stderr.isatty()


def wording(source: str, phase: Phase, done: int, total: int | None) -> str:
    """What the bar says: `Reading harbour.txt: 12,000 entries`, then `Storing harbour.txt:
    100,000 entries`."""
    if phase is Phase.STORING:
        return f"Storing {clean(source)}: {total if total is not None else done:,} entries"
    return f"Reading {clean(source)}: {done:,} entries"


class ImportBar:
    """One bar per source on a stderr console; `None` of it when `wanted()` is false."""

    def __init__(self, console: Console) -> None:
        """Draw on `console` (stderr)."""
        self._console = console

    @classmethod
    def on_stderr(cls) -> ImportBar:
        """A bar on stderr (rich is imported only here: a script never pays for it)."""
        from rich.console import Console

        return cls(Console(stderr=True, highlight=False))

    @contextmanager
    def showing(self, source: str) -> Iterator[Progress]:
        """A bar for `source` while the block runs, erased at its end; yields the callback
        the import reports to."""
        from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        bar = Bar(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            TimeElapsedColumn(),
            console=self._console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        task = bar.add_task(wording(source, Phase.READING, 0, None), total=None)

        def report(phase: Phase, done: int, total: int | None) -> None:
            bar.update(task, description=wording(source, phase, done, total))

        with bar:
            yield report
