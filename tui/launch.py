"""Starting the app from the command line: open the store, run Textual, report how it ended."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel.errors import LivereadError
from liveread.kernel.text import strip_controls
from liveread.services.locations import is_url, sample_name

if TYPE_CHECKING:
    from liveread.storage.upgrade import OnUpgrade


def _startup_done() -> None:
    """Collect garbage again, leaving the objects made at start-up out of it for good."""
    gc.freeze()
    gc.enable()


def _problem(line: str) -> None:
    """`liveread: <line>` on stderr, cleaned like content (the CLI passes its own)."""
    sys.stderr.write(strip_controls(f"liveread: {line}").replace("\n", " ") + "\n")


def launch(
    db_path: Path,
    source: str | None,
    *,
    problem: Callable[[str], None] = _problem,
    on_upgrade: OnUpgrade | None = None,
) -> int:
    """Run the reader on `db_path`, importing and showing `source` first if given.

    Returns the exit code: 0, or the code of the error that stopped it (2 for a source that
    cannot be read, 3 for a database that cannot be opened), after one line on stderr
    (through `problem`). An upgrade that rebuilds the search index runs before the
    terminal is taken over, told to `on_upgrade` (the CLI's bar); the app then says so.
    """
    # Start-up makes tens of thousands of objects that live as long as the app (modules,
    # classes, styles); the cyclic collector would walk them again and again before the
    # first frame (a tenth of the start-up time). Paused until the first frame is drawn.
    gc.disable()
    try:
        return _run(db_path, source, problem, on_upgrade)
    finally:
        gc.enable()


def _run(
    db_path: Path,
    source: str | None,
    problem: Callable[[str], None],
    on_upgrade: OnUpgrade | None,
) -> int:
    if (
        source is not None
        and not is_url(source)
        and sample_name(source) is None
        and not Path(source).expanduser().exists()
    ):
        # A mistyped path is reported before the terminal is taken over (and no database
        # is made for it); everything else about the source is checked by its import.
        problem(f"{source}: no such file")
        return 2
    from liveread.storage import Store
    from liveread.tui.app import LivereadApp
    from liveread.tui.listings import View, open_view

    try:
        store = Store.open(db_path, on_upgrade=on_upgrade)
    except LivereadError as exc:
        problem(str(exc))
        return exc.exit_code
    with store:
        initial: View | None = None
        try:
            if source is None and not store.is_empty():
                # Read before the terminal is taken over, so the first frame shows the list;
                # imports (a first run, `liveread PATH`) run in a worker once the app is up.
                # Plain `liveread`: the blog the user was reading when they left, at the
                # entry they left (its remembered place). Only that blog's entries are
                # counted before the first frame; the screen counts the others after it.
                initial = open_view(store, store.last_source(), counted=False)
        except LivereadError as exc:
            problem(str(exc))
            return exc.exit_code
        app = LivereadApp(store, source, initial=initial, on_shown=_startup_done)
        app.run()
    if app.failure is not None:
        problem(str(app.failure))
        return app.failure.exit_code
    return app.return_code or 0
