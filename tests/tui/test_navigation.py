"""Moving through a live blog from the keyboard, and the first run on an empty database."""

from __future__ import annotations

from collections.abc import Callable

from liveread.sample_feeds import first_run_files
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.widgets.entry_list import EntryList
from liveread.tui.widgets.reader import Reader
from tests.tui.conftest import Recorder, feed_of, ready, screen_text, settle, wait_for


async def test_first_run_imports_the_samples(
    store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    assert store.is_empty()
    app = make_app(store)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert len(main.sources) == len(first_run_files())
        expected = sorted(f"sample:{p.name}" for p in first_run_files())
        assert sorted(s.location for s in main.sources) == expected
        shown = main.sources[0]
        assert screen_text(pilot).splitlines()[0].strip().startswith(shown.title[:40])
        assert main.entry is not None and main.entry.position == 0
        welcome = [m for m in recorder.messages() if m.startswith("Welcome to liveread")]
        assert welcome and f"{len(first_run_files())} sample live blogs" in welcome[0]
        assert "Press b to switch" in welcome[0]


async def test_keys_move_the_selection(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        count = main.source.entry_count if main.source else 0
        await pilot.press("j", "j", "down")
        await settle(pilot)
        assert main.position == 3
        assert main.entry is not None and main.entry.position == 3
        await pilot.press("k", "up")
        await settle(pilot)
        assert main.position == 1
        await pilot.press("G")
        await settle(pilot)
        assert main.position == count - 1
        await pilot.press("g")
        await settle(pilot)
        assert main.position == 0
        await pilot.press("end")
        await settle(pilot)
        assert main.position == count - 1
        await pilot.press("home")
        await settle(pilot)
        assert main.position == 0
        # The header says where the cursor is; the reader shows the selected entry.
        await pilot.press("j")
        await settle(pilot)
        assert f"2/{count}" in screen_text(pilot)
        assert main.entry is not None and main.entry.headline
        assert main.entry.headline[:30] in screen_text(pilot)


async def test_cursor_stops_at_the_ends(store: Store, make_app: Callable[..., LivereadApp]) -> None:
    store.import_feed("/blogs/three", feed_of("Three entries", 3))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert main.position == 0
        await pilot.press("j", "j", "j", "j", "j")
        await settle(pilot)
        assert main.position == 2
        assert main.entry is not None and main.entry.headline == "Entry 3"


async def test_next_unread_skips_read_entries_and_wraps(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    result = store.import_feed("/blogs/six", feed_of("Six entries", 6))
    ids = [e.id for e in store.entries(result.source_id)]
    for entry_id in ids[1:4] + ids[5:]:
        store.set_read(entry_id, True)
    # Unread: rows 0 and 4.
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: main.position == 4, "the next unread entry (row 4)")
        await pilot.press("n")
        await wait_for(pilot, lambda: main.position == 0, "wrapping round to row 0")


async def test_page_keys_scroll_the_reader(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    long_body = "\n\n".join(f"Paragraph {i} of a very long entry." for i in range(80))
    from liveread.kernel.model import Format, ParsedEntry, ParsedFeed

    feed = ParsedFeed(
        format=Format.TEXT,
        title="Long read",
        entries=(ParsedEntry(key="long", headline="Long entry", body=long_body),),
    )
    store.import_feed("/blogs/long", feed)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.scroll_y == 0
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: reader.scroll_y > 0, "the reader to scroll down")
        first = reader.scroll_y
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: reader.scroll_y > first, "the reader to scroll further")
        await pilot.press("pageup", "pageup")
        await wait_for(pilot, lambda: reader.scroll_y == 0, "the reader back at the top")
        # The list's selection did not move while scrolling.
        assert app.screen.query_one(EntryList).cursor == 0


async def test_clicking_a_row_selects_it(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        # Row 4 of the list: border line, then rows from y=1.
        await pilot.click(EntryList, offset=(10, 5))
        await settle(pilot)
        assert main.position == 4


async def test_a_new_theme_repaints_the_rows(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        before = entry_list.render_line(1)
        app.theme = "textual-light"
        await settle(pilot)
        after = entry_list.render_line(1)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]
