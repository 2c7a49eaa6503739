"""The notebook in the app (`H`, the palette's "Notebook"): every highlight and note of every
blog newest first, the filter line, `enter` going to the entry in its own blog, content shown
as text, and the snapshot."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from liveread.kernel.notebook import NotebookItem
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.keys import KeysScreen
from liveread.tui.screens.notebook import PAGE, NotebookScreen
from tests.notebook_data import fill_notebook, stamp
from tests.tui.conftest import (
    HOSTILE_BODY,
    feed_of,
    main_screen,
    ready,
    screen_text,
    settle,
    wait_for,
)

NEWEST_FIRST = ["plain", "entry_note", "changed", "market_note", "doomed"]
"""The fixture's items as the notebook lists them."""


@pytest.fixture
def filled(store: Store) -> dict[str, int]:
    """The two blogs of `tests.notebook_data`, annotated."""
    return fill_notebook(store)


async def _open(pilot: Pilot[None]) -> NotebookScreen:
    await ready(pilot)
    await pilot.press("H")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, NotebookScreen), "the notebook")
    screen = pilot.app.screen
    assert isinstance(screen, NotebookScreen)
    await wait_for(pilot, lambda: screen.query_one(OptionList).option_count > 0, "its rows")
    return screen


def _shown(screen: NotebookScreen, ids: dict[str, int]) -> list[str]:
    names = {(("note" if k.endswith("note") else "highlight"), v): k for k, v in ids.items()}
    return [names[(i.kind, i.id)] for i in screen.shown]


async def test_the_notebook_lists_everything_newest_first_and_enter_goes_to_the_entry(
    store: Store, filled: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        assert _shown(screen, filled) == NEWEST_FIRST
        text = screen_text(pilot)
        assert "Notebook (5)" in text
        for shown in (
            "Island news · Market",
            "yellow “sold out of crab”",
            "#food",
            "Ask the council when the road opens",
            "pink “sails at nine with fifty cars aboard”  words changed",
            "(first: “sails at nine with forty cars aboard”)",
            "Check the car count",
            "#boats #verify",
            "blue “the harbour office says”  orphaned",
            "Wed 1 Apr 2026, 10:09 UTC",
        ):
            assert shown in text, shown
        assert text.index("sold out of crab") < text.index("Ask the council")
        assert text.index("Ask the council") < text.index("the harbour office says")
        # j twice: the changed pink highlight, on the ferry entry of the other blog.
        await pilot.press("j", "j", "enter")
        main = main_screen(pilot)
        await wait_for(
            pilot,
            lambda: main.entry is not None and main.entry.id == filled["ferry"],
            "the ferry entry",
        )
        await settle(pilot)
        assert not isinstance(app.screen, NotebookScreen)
        assert main.source is not None and main.source.title == "Quay live"
        assert "fifty cars" in main.reader.text.plain


async def test_the_filter_line_narrows_the_list_as_you_type(
    store: Store, filled: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: screen.query_one(Input).has_focus, "the filter line")
        await pilot.press(*"color:pink")
        await wait_for(pilot, lambda: _shown(screen, filled) == ["changed"], "the pink one")
        assert "Notebook (1 of 5)" in screen_text(pilot)
        await pilot.press("ctrl+u", *"status:orphaned blog:quay")
        await wait_for(pilot, lambda: _shown(screen, filled) == ["doomed"], "the orphan")
        await pilot.press("ctrl+u", *"tag:food")
        await wait_for(
            pilot, lambda: _shown(screen, filled) == ["plain", "market_note"], "tagged food"
        )
        # A bad term says why on its own line and keeps the last good list.
        await pilot.press(*" color:purple")
        await wait_for(
            pilot, lambda: "colour is one of yellow" in screen_text(pilot), "the error line"
        )
        assert _shown(screen, filled) == ["plain", "market_note"]
        await pilot.press("ctrl+u", *"council")
        await wait_for(pilot, lambda: _shown(screen, filled) == ["entry_note"], "a note's words")
        assert "colour is one of" not in screen_text(pilot)
        # Escape leaves the filter line for the list; q there (not typed in the line) closes.
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen.query_one(OptionList).has_focus, "the list")
        assert isinstance(app.screen, NotebookScreen)
        await pilot.press("q")
        await wait_for(pilot, lambda: not isinstance(app.screen, NotebookScreen), "closed")


async def test_the_palette_opens_the_notebook_and_an_empty_one_says_what_to_do(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/calm", feed_of("Calm", 2))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"Notebook")
        await wait_for(pilot, lambda: "Notebook" in screen_text(pilot), "the Notebook hit")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen), "the notebook")
        await wait_for(
            pilot, lambda: "No highlights or notes yet" in screen_text(pilot), "the empty text"
        )
        assert "Notebook (0)" in screen_text(pilot)


async def test_hostile_quotes_and_notes_show_as_text(
    hostile: Store, make_app: Callable[..., LivereadApp]
) -> None:
    entry = next(e for e in hostile.entries() if e.key == "hostile-1")
    assert "[red]paragraph[/red]" in HOSTILE_BODY
    hostile.add_highlight_quote(entry.id, "[red]paragraph[/red]", "green", "[@click=app.quit]x[/]")
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        text = screen_text(pilot)
        assert "“[red]paragraph[/red]”" in text
        assert "[@click=app.quit]x[/]" in text
        assert "[bold]Blog[/]" in text  # the blog's name, markup and all
        assert "\x1b" not in text
        assert app.is_running


async def test_a_long_notebook_builds_its_rows_a_page_at_a_time(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/calm", feed_of("Calm", 1))
    entry = next(iter(store.entries()))
    for n in range(PAGE + 50):
        made = store.add_highlight(entry.id, 0, 4, None, f"note {n}")
        stamp(store, "highlights", made.id, n % 60)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        options = screen.query_one(OptionList)
        # It opens on the newest page; the title counts everything once the rest is read.
        await wait_for(
            pilot, lambda: f"Notebook ({PAGE + 50})" in screen_text(pilot), "the rest read"
        )
        assert options.option_count == PAGE
        await pilot.press("G")  # the last row built: the next page is added
        await wait_for(pilot, lambda: options.option_count == PAGE + 50, "the next page")
        await pilot.press("G")
        await wait_for(pilot, lambda: options.highlighted == PAGE + 49, "the last row")
        assert options.option_count == PAGE + 50


async def test_colours_show_their_meanings_and_color_takes_one(
    store: Store, filled: dict[str, int], make_app: Callable[..., LivereadApp], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[colors]\npink = "disputed"\nblue = "context"\n', encoding="utf-8")
    app = make_app(store, config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        text = screen_text(pilot)
        assert "pink (disputed) “sails at nine with fifty cars aboard”" in text
        assert "blue (context) “the harbour office says”" in text
        assert "yellow “sold out of crab”" in text
        await pilot.press("slash", *"color:disputed")
        await wait_for(pilot, lambda: _shown(screen, filled) == ["changed"], "the disputed one")


async def test_the_readers_border_names_each_colours_meaning_as_text(
    store: Store, filled: dict[str, int], make_app: Callable[..., LivereadApp], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[colors]\npink = "[b]disputed[/b]"\n', encoding="utf-8")
    app = make_app(store, config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("v", "w")
        await wait_for(pilot, lambda: main.reader.selecting, "a selection")
        await wait_for(
            pilot, lambda: "4 pink ([b]disputed[/b])" in screen_text(pilot), "the meaning"
        )
        assert "2 green 3 blue" in screen_text(pilot)


async def test_the_keys_panel_names_each_colour_keys_meaning(
    store: Store, filled: dict[str, int], make_app: Callable[..., LivereadApp], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[colors]\npink = "disputed"\n', encoding="utf-8")
    app = make_app(store, config=config)
    async with app.run_test(size=(160, 60)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys panel")
        await wait_for(pilot, lambda: "highlight.color_4" in screen_text(pilot), "the colour rows")
        text = screen_text(pilot)
        pink = next(ln for ln in text.splitlines() if "highlight.color_4" in ln)
        blue = next(ln for ln in text.splitlines() if "highlight.color_3" in ln)
        assert "Highlight pink (disputed)" in pink
        assert "Highlight blue" in blue and "Highlight blue (" not in blue


async def test_it_opens_on_the_newest_page_and_takes_the_rest_behind_it(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/calm", feed_of("Calm", 1))
    entry = next(iter(store.entries()))
    assert PAGE < 124, "the filter below needs note 124 outside the first page"
    for n in range(250):
        made = store.add_highlight(entry.id, 0, 4, None, f"note {n}")
        # Note n is n seconds older than note 0: the first page is notes 0 to PAGE - 1.
        with store.conn:
            store.conn.execute(
                "UPDATE highlights SET created_at = ? WHERE id = ?",
                (f"2026-04-01T10:{(250 - n) // 60:02d}:{(250 - n) % 60:02d}Z", made.id),
            )
    first, total = store.notebook(limit=PAGE), store.notebook_count()
    release = threading.Event()

    def rest() -> Sequence[NotebookItem]:
        # Held until the test has typed its filter: the rest arrives after it, as it may.
        assert release.wait(30), "the test never let the rest be read"
        return store.notebook()

    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        from liveread.tui.display import TimeDisplay

        screen = NotebookScreen(first, TimeDisplay(), total=total, rest=rest)
        app.push_screen(screen)
        def rows() -> int:
            found = screen.query(OptionList) if app.screen is screen else None
            return found.first().option_count if found else 0

        await wait_for(pilot, lambda: rows() == PAGE, "the first page")
        assert f"the newest {PAGE} of 250; reading the rest" in screen_text(pilot)
        await pilot.press("G")  # the cursor on the first page's last row
        await wait_for(
            pilot, lambda: screen.query_one(OptionList).highlighted == PAGE - 1, "the last row"
        )
        # Note 24 on the first page; 124, 224 and 240 to 249 in the rest.
        await pilot.press("slash", *"note 24")
        await wait_for(pilot, lambda: screen.wanted.words == ("note", "24"), "the filter")
        assert [item.note for item in screen.shown] == ["note 24"]
        release.set()
        await wait_for(pilot, lambda: screen.rest is None, "the rest read")
        await wait_for(pilot, lambda: "Notebook (13 of 250)" in screen_text(pilot), "the title")
        assert [item.note for item in screen.shown][:3] == ["note 24", "note 124", "note 224"]
        assert all("24" in item.note for item in screen.shown)
