"""Focus between panes, the sources pane, switching blogs and coming back to the same place."""

from __future__ import annotations

from collections.abc import Callable

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.widgets.entry_list import EntryList
from liveread.tui.widgets.reader import Reader
from liveread.tui.widgets.sources import SourceList
from tests.tui.conftest import feed_of, ready, screen_text, settle, wait_for


async def test_tab_moves_focus_between_panes(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        assert isinstance(main.focused, EntryList)
        await pilot.press("tab")
        assert isinstance(main.focused, Reader)
        await pilot.press("tab")
        assert isinstance(main.focused, EntryList)
        await pilot.press("shift+tab")
        assert isinstance(main.focused, Reader)
        # j still moves the selection while the reader has the focus.
        await pilot.press("j")
        await settle(pilot)
        assert main.position == 1
        # In the reader, b moves back a word (as the keys panel says), never to the sources.
        await pilot.press("b")
        assert isinstance(main.focused, Reader)
        assert not main.sources_shown
        # From the list, b opens the sources pane; tab reaches it too.
        await pilot.press("tab", "b")
        assert isinstance(main.focused, SourceList)
        await pilot.press("tab")
        assert isinstance(main.focused, EntryList)
        await pilot.press("tab", "tab")
        assert isinstance(main.focused, SourceList)


async def test_b_opens_the_sources_pane_and_choosing_switches_blog(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        # The pane is only made when it is first opened.
        assert not main.query(SourceList)
        first = main.source
        assert first is not None
        await pilot.press("b")
        await settle(pilot)
        pane = main.query_one(SourceList)
        assert pane.display and main.focused is pane
        text = screen_text(pilot)
        for source in main.sources:
            assert source.title[:20] in text
        await pilot.press("j", "enter")
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.id == main.sources[1].id,
            "the second live blog to be shown",
        )
        await wait_for(pilot, lambda: main.entry is not None, "its first entry")
        assert main.entry is not None and main.entry.source_id == main.sources[1].id
        assert isinstance(main.focused, EntryList)
        assert main.sources[1].title[:30] in screen_text(pilot).splitlines()[0]
        # b again closes the pane; escape does too.
        await pilot.press("b")
        await settle(pilot)
        assert not pane.display
        await pilot.press("b")
        await settle(pilot)
        assert pane.display and main.focused is pane
        await pilot.press("escape")
        await settle(pilot)
        assert not pane.display
        assert isinstance(main.focused, EntryList)
        # Opened a second time, it takes the keys again: back to the first blog.
        await pilot.press("b")
        await settle(pilot)
        assert main.focused is pane
        await pilot.press("k", "enter")
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.id == first.id,
            "the first live blog again",
        )


async def test_each_blog_remembers_its_selected_entry(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    a = store.import_feed("/blogs/a", feed_of("Blog A", 30, prefix="Alpha")).source_id
    b = store.import_feed("/blogs/b", feed_of("Blog B", 30, prefix="Beta")).source_id
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        assert main.source is not None and main.source.id == a
        await pilot.press(*"jjjjj")
        await settle(pilot)
        assert main.entry is not None and main.entry.headline == "Alpha 6"
        main.show_source(b)
        await wait_for(pilot, lambda: main.entry is not None and main.entry.source_id == b, "B")
        await pilot.press("j", "j")
        await settle(pilot)
        assert main.entry is not None and main.entry.headline == "Beta 3"
        main.show_source(a)
        await wait_for(
            pilot,
            lambda: main.entry is not None and main.entry.headline == "Alpha 6",
            "blog A back at Alpha 6",
        )
        assert main.position == 5
        await pilot.press("q")
    assert store.selected_entry(a) == store.entry(main.entry.id).id
    # A new app on the same database starts at the remembered place.
    app2 = make_app(store)
    async with app2.run_test(size=(120, 40)) as pilot:
        main2 = await ready(pilot)
        assert main2.entry is not None and main2.entry.headline == "Alpha 6"
        main2.show_source(b)
        await wait_for(
            pilot,
            lambda: main2.entry is not None and main2.entry.headline == "Beta 3",
            "blog B back at Beta 3",
        )


async def test_reload_reads_files_again_and_keeps_the_place(
    tmp_path, store: Store, make_app: Callable[..., LivereadApp], recorder
) -> None:
    from tests.conftest import SAMPLES

    blog = tmp_path / "storm.txt"
    blog.write_bytes((SAMPLES / "harbour-storm.txt").read_bytes())
    from liveread.tui import importing

    importing.import_source(store, str(blog))
    app = make_app(store)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        kept = main.entry
        assert kept is not None and main.source is not None
        before = main.source.entry_count
        blog.write_bytes((SAMPLES / "harbour-storm-later.txt").read_bytes())
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.entry_count > before,
            "the new entries after reload",
        )
        await wait_for(pilot, lambda: main.entry is not None, "the selection after reload")
        assert main.entry is not None and main.entry.id == kept.id
        assert any(m.startswith("Reloaded 1 live blog:") for m in recorder.messages())
