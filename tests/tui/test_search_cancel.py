"""A search in flight is cancelled by the next search and by quitting: its query stops and
lets go of the database connection, so the app never waits for it.

The slow query is a real one on the real connection (a recursive count that would run for
minutes), run through the store's cancellable read path; the test waits on conditions (the
query reports that it stopped, the app's return code), never on a clock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from liveread.kernel.errors import ReadCancelled
from liveread.kernel.model import Entry
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import feed_of, ready, wait_for

SLOW_WORD = "slowword"
"""The search the slow store answers with its endless query."""

ENDLESS = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000)"
    " SELECT count(*) FROM c"
)
"""A query that keeps SQLite busy far longer than any test runs."""


class SlowStore(Store):
    """A store whose search for SLOW_WORD runs ENDLESS through the cancellable read."""

    started: threading.Event
    """Set once the slow query has begun."""
    stopped: threading.Event
    """Set once the slow query has stopped on its cancel flag."""
    flags: list[threading.Event]
    """Every cancel flag the slow query was given (set at teardown, whatever happened)."""

    def search(
        self,
        query: str,
        *,
        source_id: int | None = None,
        limit: int = 200,
        cancel: threading.Event | None = None,
    ) -> list[Entry]:
        if query != SLOW_WORD:
            return super().search(query, source_id=source_id, limit=limit, cancel=cancel)
        assert cancel is not None, "the app's search must be cancellable"
        self.flags.append(cancel)
        self.started.set()
        try:
            self._fetch(ENDLESS, cancel=cancel)
        except ReadCancelled:
            self.stopped.set()
            raise
        return []


@pytest.fixture
def slow(db_path: Path) -> Iterator[SlowStore]:
    """A slow store on a real file, with one small blog."""
    with SlowStore.open(db_path) as store:
        store.started, store.stopped, store.flags = threading.Event(), threading.Event(), []
        store.import_feed("/blogs/slow.txt", feed_of("Slow blog", 3))
        yield store
        for flag in store.flags:
            flag.set()  # never leave a query running past the test


async def _search(pilot, app: LivereadApp, words: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the search prompt")
    prompt = app.screen
    assert isinstance(prompt, PromptScreen)
    prompt.input.value = words
    await pilot.press("enter")


async def test_the_next_search_stops_the_one_in_flight(
    slow: SlowStore, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(slow)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await _search(pilot, app, SLOW_WORD)
        await wait_for(pilot, slow.started.is_set, "the slow search to start")
        await _search(pilot, app, "entry")
        await wait_for(pilot, slow.stopped.is_set, "the slow search to stop")
        entry_list = main.query_one(EntryList)
        await wait_for(
            pilot, lambda: "Search: entry" in str(entry_list.border_title), "the next results"
        )


async def test_quitting_mid_search_stops_it_and_exits(
    slow: SlowStore, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(slow)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        await _search(pilot, app, SLOW_WORD)
        await wait_for(pilot, slow.started.is_set, "the slow search to start")
        await pilot.press("ctrl+q")
        await wait_for(pilot, slow.stopped.is_set, "the slow search to stop")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to exit")
    # The place was saved after the search let go of the connection.
    assert slow.selected_entry(entry.source_id) == entry.id
