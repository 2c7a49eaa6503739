"""A burst of keys: the reader draws the entry the cursor rests on and builds the document of
no entry it never draws; a new entry's line count moves the scrollbar without a wait."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.main import MainScreen
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import feed_of, ready, screen_text, settle, wait_for

KEYS = 50
"""`j` presses in one burst, as a terminal hands over keys typed ahead (or held down)."""


def reader_lines(pilot: Pilot[None], main: MainScreen) -> list[str]:
    """The text drawn inside the reader pane (the list beside it left out)."""
    region = main.reader.content_region
    lines = screen_text(pilot).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right].rstrip() for line in lines]


def reader_headline(pilot: Pilot[None], main: MainScreen) -> str:
    """The first line the reader draws (the entry's headline)."""
    lines = reader_lines(pilot, main)
    return lines[0].strip() if lines else ""


async def test_a_burst_of_keys_draws_the_entry_the_cursor_rests_on(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("burst.txt", feed_of("Burst", 300))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: reader_headline(pilot, main) == "Entry 1", "entry 1 drawn")
        built = main.reader.documents_built
        for _ in range(KEYS):
            app.post_message(events.Key("j", "j"))
        await wait_for(
            pilot, lambda: reader_headline(pilot, main) == f"Entry {KEYS + 1}", "entry 51 drawn"
        )
        await settle(pilot)
        assert main.position == KEYS and main.entry_list.cursor == KEYS
        # One document for the entry drawn, and at most one more for a frame drawn while
        # the keys were still arriving: never one per entry passed.
        assert main.reader.documents_built - built <= 2
        assert reader_headline(pilot, main) == f"Entry {KEYS + 1}"


async def test_entries_announced_between_two_frames_build_one_document(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("burst.txt", feed_of("Burst", 120))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: reader_headline(pilot, main) == "Entry 1", "entry 1 drawn")
        entries = main.entry_list
        listing = entries.listing
        assert listing is not None
        built = main.reader.documents_built
        # The list announcing one entry after another faster than frames are drawn (as a
        # key held down on a loaded machine does): each one reaches the screen.
        for row in range(1, KEYS + 1):
            entry = entries.entry_at(row)
            assert entry is not None
            main.post_message(EntryList.EntryHighlighted(entries, listing, row, entry))
        await wait_for(
            pilot, lambda: reader_headline(pilot, main) == f"Entry {KEYS + 1}", "entry 51 drawn"
        )
        await settle(pilot)
        assert main.entry is not None and main.entry.title == f"Entry {KEYS + 1}"
        # Only the entries a frame drew were built (not the fifty the screen was handed).
        assert main.reader.documents_built - built <= 3


def long_and_short() -> ParsedFeed:
    """A blog whose first entry is far longer than the reader is tall, the second short."""
    long_body = "\n\n".join(f"Paragraph {i} of the long post." for i in range(1, 61))
    return ParsedFeed(
        format=Format.TEXT,
        title="Heights",
        entries=(
            ParsedEntry(key="long", headline="The long post", body=long_body),
            ParsedEntry(key="short", headline="The short post", body="Two lines only."),
            ParsedEntry(key="short2", headline="Another short post", body="Also short."),
        ),
    )


async def test_the_scrollbar_follows_the_entry_shown(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("heights.txt", long_and_short())
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        reader = main.reader
        await wait_for(pilot, lambda: reader_headline(pilot, main) == "The long post", "long")
        await wait_for(pilot, lambda: reader.show_vertical_scrollbar, "the scrollbar shown")
        assert reader.max_scroll_y > 0
        await pilot.press("pagedown")  # the reader scrolls a page from the list
        await wait_for(pilot, lambda: reader.scroll_y > 0, "the long post scrolled")
        await pilot.press("j")
        await wait_for(pilot, lambda: reader_headline(pilot, main) == "The short post", "short")
        await wait_for(pilot, lambda: not reader.show_vertical_scrollbar, "the scrollbar gone")
        assert reader.scroll_y == 0 and reader.max_scroll_y == 0
        await pilot.press("j")
        await wait_for(pilot, lambda: reader_headline(pilot, main) == "Another short post", "2")
        assert not reader.show_vertical_scrollbar
        assert "Also short." in "\n".join(reader_lines(pilot, main))
        await pilot.press("k", "k")
        await wait_for(pilot, lambda: reader_headline(pilot, main) == "The long post", "back")
        await wait_for(pilot, lambda: reader.show_vertical_scrollbar, "the scrollbar again")
        assert "Paragraph 1 of the long post." in "\n".join(reader_lines(pilot, main))
