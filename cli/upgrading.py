"""The progress bar of an upgrade that rebuilds the search index, on a terminal only.

Opening a database an older liveread wrote may rebuild its search index (minutes at a
million entries). On a terminal the CLI shows a rich bar on stderr meanwhile; for a script
(stderr not a terminal) it stays quiet, as every other verb does. rich is imported only when
an upgrade reports, so no other start pays for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from liveread.cli.output import clean

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from liveread.storage.upgrade import OnUpgrade, UpgradeProgress


class UpgradeBar:
    """A rich progress bar fed by `Store.open(..., on_upgrade=bar)`."""

    def __init__(self, path: Path, stream: TextIO) -> None:
        self.label = clean(f"Upgrading {path}: rebuilding the search index")
        """What the bar says it is doing (cleaned like every line the CLI prints)."""
        self.stream = stream
        """Where the bar is drawn (a terminal)."""
        self._bar: tuple[Progress, TaskID] | None = None

    def __call__(self, progress: UpgradeProgress) -> None:
        """Move the bar to `progress` (drawing it on the first call)."""
        if self._bar is None:
            self._bar = self._start(progress.total)
        bar, task = self._bar
        bar.update(task, completed=progress.done, total=progress.total)
        if progress.finished:
            self.close()

    def _start(self, total: int) -> tuple[Progress, TaskID]:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        bar = Progress(
            # The path is the user's data: shown as text, never read as rich markup.
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("entries"),
            TimeElapsedColumn(),
            console=Console(file=self.stream, width=_width(self.stream)),
            transient=False,
        )
        task = bar.add_task(self.label, total=total)
        bar.start()
        return bar, task

    def close(self) -> None:
        """Take the bar off the live display (leaving its last state on screen)."""
        if self._bar is not None:
            self._bar[0].stop()
            self._bar = None


def _width(stream: TextIO) -> int | None:
    """The columns of the terminal `stream` writes to (rich asks the standard streams,
    which may not be that terminal); None to let rich decide."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (OSError, ValueError):
        return None


@contextmanager
def upgrade_bar(path: Path, stream: TextIO | None = None) -> Iterator[OnUpgrade | None]:
    """A bar for an upgrade of the database at `path`, drawn on `stream` (stderr) when it
    is a terminal; None (quiet) when it is not. Closed when the block ends, however."""
    out = sys.stderr if stream is None else stream
    if not out.isatty():
        yield None
        return
    bar = UpgradeBar(path, out)
    try:
        yield bar
    finally:
        bar.close()
