"""While the app imports the file it was started with, the reader counts what was read."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.generate import dump_text
from liveread.kernel.progress import Phase, Progress
from liveread.services.sync import FetchLimits
from liveread.storage import Store
from liveread.tui import importing
from liveread.tui.app import LivereadApp
from tests.tui.conftest import WAIT, ready, screen_text, wait_for


async def test_the_reader_counts_entries_while_the_file_is_read(
    tmp_path: Path,
    store: Store,
    make_app: Callable[..., LivereadApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(dump_text(1_500), encoding="utf-8")
    shown = threading.Event()
    real = importing.import_source

    def held(
        store: Store,
        source: str,
        *,
        max_pages: int,
        limits: FetchLimits | None = None,
        progress: Progress | None = None,
    ) -> int:
        # The real import, held at its first count until the screen has shown it: a count
        # that is drawn must be seen however fast the machine reads.
        assert progress is not None

        def relay(phase: Phase, done: int, total: int | None) -> None:
            progress(phase, done, total)
            if phase is Phase.READING and total is None:
                shown.wait(WAIT)

        return real(store, source, max_pages=max_pages, limits=limits, progress=relay)

    monkeypatch.setattr(importing, "import_source", held)
    app = make_app(store, str(path))
    try:
        async with app.run_test(size=(160, 40)) as pilot:
            await wait_for(
                pilot,
                lambda: "Reading" in screen_text(pilot) and "1,000 entries" in screen_text(pilot),
                "the count of entries read so far",
            )
            shown.set()
            screen = await ready(pilot)
            assert screen.source is not None and screen.source.entry_count == 1_500
    finally:
        shown.set()
