"""Read state: marked read after a moment on an entry, committed before it is shown; `m`."""

from __future__ import annotations

from collections.abc import Callable

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import ManualClock, feed_of, ready, settle, wait_for


async def test_an_entry_becomes_read_after_a_moment(
    db_path, store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    source_id = store.import_feed("/blogs/five", feed_of("Five", 5)).source_id
    clock = ManualClock()
    app = make_app(store, read_delay=0.3, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        first = main.entry
        assert first is not None and not first.read
        # Passing over entries quickly leaves them unread: no time passes on the clock,
        # however long the machine takes between the keys.
        await pilot.press("j", "j")
        await settle(pilot)
        assert main.entry is not None and main.entry.headline == "Entry 3"
        clock.advance(0.3)
        await wait_for(
            pilot, lambda: main.entry is not None and main.entry.read, "entry 3 to be read"
        )
        # Whenever the screen shows it read, a second connection already sees it read.
        with Store.open(db_path) as other:
            assert other.entry(main.entry.id).read
            unread = {e.headline for e in other.entries(source_id) if not e.read}
        assert unread == {"Entry 1", "Entry 2", "Entry 4", "Entry 5"}
        row = entry_list.entry_at(2)
        assert row is not None and row.read
        assert main.source is not None and main.source.unread_count == 4
        assert store.selected_entry(source_id) == main.entry.id


async def test_m_toggles_read_and_unread(
    db_path, store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/five", feed_of("Five", 5))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None and not entry.read
        await pilot.press("m")
        await wait_for(pilot, lambda: main.entry is not None and main.entry.read, "read")
        with Store.open(db_path) as other:
            assert other.entry(entry.id).read
        assert main.source is not None and main.source.unread_count == 4
        await pilot.press("m")
        await wait_for(pilot, lambda: main.entry is not None and not main.entry.read, "unread")
        with Store.open(db_path) as other:
            assert not other.entry(entry.id).read
        assert main.source is not None and main.source.unread_count == 5


async def test_marking_unread_is_not_undone_by_the_timer(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/two", feed_of("Two", 2))
    clock = ManualClock()
    app = make_app(store, read_delay=0.2, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        clock.advance(0.2)
        await wait_for(pilot, lambda: main.entry is not None and main.entry.read, "auto read")
        await pilot.press("m")
        await wait_for(pilot, lambda: main.entry is not None and not main.entry.read, "unread")
        # Long past the delay now; a read timer still pending would mark it read once it
        # fires. Only once none is pending can nothing mark it again (`_dwell` is the
        # screen's one read timer).
        clock.advance(60)
        await wait_for(pilot, lambda: main._dwell is None, "no read timer to be pending")
        await settle(pilot)
        assert main.entry is not None and not main.entry.read
        assert not store.entry(main.entry.id).read
