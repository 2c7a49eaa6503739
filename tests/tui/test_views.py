"""Across live blogs in the app: the search prompt's switch to every blog (`tab`, or `g`
then `/`), results grouped by blog with the searched words highlighted in the list and the
reader, and the saved views of the config in the sources pane with their counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.segment import Segment
from textual.pilot import Pilot

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.main import MainScreen
from liveread.tui.screens.search_prompt import EVERY_BLOG, THIS_BLOG, SearchPrompt
from liveread.tui.widgets.entry_list import EntryList
from liveread.tui.widgets.reader import Reader
from liveread.tui.widgets.reader_document import MATCH_STYLE
from liveread.tui.widgets.sources import SourceList
from tests.tui.conftest import ManualClock, Recorder, ready, screen_text, settle, wait_for

START = datetime(2025, 3, 2, 8, 0, tzinfo=UTC)


def _blog(title: str, posts: list[tuple[str, str, int]]) -> ParsedFeed:
    return ParsedFeed(
        Format.TEXT,
        title,
        tuple(
            ParsedEntry(
                key=key,
                headline=headline,
                body=f"{headline}. More words about it.",
                published=START + timedelta(minutes=minutes),
            )
            for key, headline, minutes in posts
        ),
    )


async def open_view(pilot: Pilot[None], main: MainScreen, name: str, *, ups: int) -> None:
    """Open the sources pane and choose the saved view `ups` rows above the shown blog."""
    await pilot.press("b")
    await settle(pilot)
    await pilot.press(*["up"] * ups, "enter")
    await wait_for(pilot, lambda: main.view == name, "the saved view")


@pytest.fixture
def two_blogs(store: Store) -> dict[str, int]:
    """Quay live (shown first) and Island live, both with ferry news; key -> entry id."""
    store.import_feed(
        "/blogs/quay",
        _blog(
            "Quay live",
            [
                ("q3", "Ferry back on the quay schedule", 50),
                ("q2", "Wind easing at the quay", 30),
                ("q1", "No ferry this morning", 10),
            ],
        ),
    )
    store.import_feed(
        "/blogs/island",
        _blog(
            "Island live",
            [("i2", "Ferry passengers queue", 40), ("i1", "School closed, ferry too", 20)],
        ),
    )
    ids = {e.key: e.id for e in store.entries()}
    store.add_tags(ids["q1"], ["verify"])
    store.add_tags(ids["i2"], ["verify"])
    store.add_tags(ids["i1"], ["verify", "done"])
    store.set_read(ids["i2"])
    return ids


def headlines(entry_list: EntryList) -> list[str]:
    rows = [entry_list.entry_at(i) for i in range(entry_list.count)]
    return [r.headline or "" for r in rows if r is not None]


async def _search_prompt(pilot, app: LivereadApp, *keys: str) -> SearchPrompt:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await wait_for(pilot, lambda: isinstance(app.screen, SearchPrompt), "the search prompt")
    prompt = app.screen
    assert isinstance(prompt, SearchPrompt)
    return prompt


async def test_tab_in_the_search_prompt_searches_every_blog_grouped_by_blog(
    store: Store, two_blogs: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        prompt = await _search_prompt(pilot, app, "slash")
        box = prompt.query_one("#prompt-box")
        assert not prompt.everywhere and box.border_title == THIS_BLOG
        await pilot.press("tab")
        assert prompt.everywhere and box.border_title == EVERY_BLOG
        assert "Tab: this blog" in str(box.border_subtitle)
        prompt.input.value = "ferry"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.everywhere, "the search of every blog")
        await settle(pilot)
        entry_list = main.query_one(EntryList)
        # The blog with the newest match first, each blog's matches newest first.
        assert headlines(entry_list) == [
            "Ferry back on the quay schedule",
            "No ferry this morning",
            "Ferry passengers queue",
            "School closed, ferry too",
        ]
        assert "Every blog: ferry (4)" in str(entry_list.border_title)
        text = screen_text(pilot)
        assert "Quay live" in text and "Island live" in text
        # The shown blog is still the one the screen shows; escape goes back to it in full.
        assert main.source is not None and main.source.title == "Quay live"
        await pilot.press("escape")
        await wait_for(pilot, lambda: not main.everywhere and main.search is None, "cleared")
        await wait_for(pilot, lambda: entry_list.count == 3, "the shown blog again")
        assert main.marked == ()


async def test_the_reader_names_each_results_own_blog_and_marks_the_words(
    store: Store, two_blogs: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        prompt = await _search_prompt(pilot, app, "slash")
        await pilot.press("tab")
        prompt.input.value = "ferry"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.everywhere, "the search of every blog")
        await pilot.press("j", "j")  # Ferry passengers queue, of Island live
        await wait_for(
            pilot, lambda: main.entry is not None and main.entry.key == "i2", "the third result"
        )
        reader = main.query_one(Reader)
        assert "Island live" in reader.text.plain
        marked = [
            reader.text.plain[s.start : s.end]
            for s in reader.text.spans
            if s.style == MATCH_STYLE
        ]
        assert marked == ["Ferry", "Ferry"]  # in the headline and in the body


async def test_the_list_highlights_the_searched_words(
    store: Store, two_blogs: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        prompt = await _search_prompt(pilot, app, "slash")
        prompt.input.value = "quay"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.search == "quay", "the search")
        await settle(pilot)
        entry_list = main.query_one(EntryList)
        assert sorted(headlines(entry_list)) == [
            "Ferry back on the quay schedule",
            "Wind easing at the quay",
        ]
        match = entry_list.get_component_rich_style("entry-list--match", partial=True)
        for row in range(2):
            strip = entry_list.render_line(row)
            styled = [
                s.text
                for s in strip
                if isinstance(s, Segment)
                and s.style is not None
                and s.style.bgcolor == match.bgcolor
                and s.style.bold
            ]
            assert styled == ["quay"], row


async def test_g_then_slash_searches_every_blog_only_straight_after(
    store: Store, two_blogs: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    clock = ManualClock()
    app = make_app(store, clock=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        prompt = await _search_prompt(pilot, app, "g", "slash")
        assert prompt.everywhere
        await pilot.press("escape")
        await pilot.press("g")
        clock.advance(5)
        prompt = await _search_prompt(pilot, app, "slash")
        assert not prompt.everywhere
        await pilot.press("escape")
        prompt = await _search_prompt(pilot, app, "slash")
        assert not prompt.everywhere


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        '[views]\nverify = "tag:verify -tag:done"\n"to read" = "unread"\n', encoding="utf-8"
    )
    return config


async def test_saved_views_are_listed_above_the_blogs_with_their_counts(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("b")
        pane = main.query_one(SourceList)
        await wait_for(
            pilot, lambda: all(v.counts is not None for v in pane.views), "the view counts"
        )
        await settle(pilot)
        assert [(v.name, v.counts) for v in pane.views] == [("verify", (2, 1)), ("to read", (4, 4))]
        text = screen_text(pilot)
        assert text.index("▸ verify") < text.index("▸ to read") < text.index("Island live")
        assert "2 entries · 1 unread" in text and "4 entries · 4 unread" in text
        # The pane opens on the shown blog, below the views.
        assert pane.highlighted == 2


async def test_choosing_a_saved_view_lists_its_entries_of_every_blog(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await open_view(pilot, main, "verify", ups=2)
        await settle(pilot)
        entry_list = main.query_one(EntryList)
        assert headlines(entry_list) == ["No ferry this morning", "Ferry passengers queue"]
        assert entry_list.border_title == "View: verify"
        assert main.focused is entry_list
        text = screen_text(pilot)
        assert "Quay live" in text and "Island live" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.view is None and not main.filter_query, "cleared")
        await wait_for(pilot, lambda: entry_list.count == 3, "the shown blog again")


async def test_a_saved_view_stays_shown_when_the_list_is_read_again(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await open_view(pilot, main, "to read", ups=1)
        main.finding.reload_listing()
        await settle(pilot)
        assert main.view == "to read" and main.filter_query == "unread"
        assert main.query_one(EntryList).count == 4


async def test_a_saved_view_stays_when_another_process_writes(
    db_path: Path,
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await open_view(pilot, main, "verify", ups=2)
        await wait_for(
            pilot,
            lambda: main.database_watch is not None and main.database_watch.version is not None,
            "the screen's first look at the database's version",
        )
        with Store.open(db_path) as other:
            other.add_tags(two_blogs["q2"], ["verify"])
        entry_list = main.query_one(EntryList)
        await wait_for(pilot, lambda: entry_list.count == 3, "the other process's tag")
        assert main.view == "verify" and entry_list.border_title == "View: verify"
        assert "Wind easing at the quay" in headlines(entry_list)


@pytest.mark.parametrize("key", ["n", "N"])
async def test_next_and_previous_unread_in_a_list_of_several_blogs_say_why_not(
    key: str,
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
    recorder: Recorder,
) -> None:
    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await open_view(pilot, main, "to read", ups=1)
        await settle(pilot)
        cursor = main.query_one(EntryList).cursor
        await pilot.press(key)
        await wait_for(
            pilot,
            lambda: any("one live blog at a time" in m for m in recorder.messages()),
            "the notification",
        )
        assert main.query_one(EntryList).cursor == cursor


async def test_choosing_the_shown_blog_leaves_a_saved_view(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await open_view(pilot, main, "verify", ups=2)
        pane = main.query_one(SourceList)
        pane.focus()
        await pilot.press("down", "down", "enter")  # Quay live, the blog shown
        await wait_for(pilot, lambda: main.view is None, "the view left")
        await wait_for(pilot, lambda: main.query_one(EntryList).count == 3, "Quay live in full")


async def test_a_filters_words_are_highlighted_too(
    store: Store, two_blogs: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    from liveread.tui.screens.prompt import PromptScreen

    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the filter prompt")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.input.value = "unread Ferry -wind"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.filter_query == "unread Ferry -wind", "the filter")
        assert main.marked == ("ferry",)
        await wait_for(
            pilot, lambda: main.entry is not None and main.entry.key == "q3", "the first match"
        )
        reader = main.query_one(Reader)
        marked = [
            reader.text.plain[s.start : s.end] for s in reader.text.spans if s.style == MATCH_STYLE
        ]
        assert marked == ["Ferry", "Ferry"]


async def test_export_asks_for_one_blog_while_a_saved_view_is_shown(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
    recorder: Recorder,
) -> None:
    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await open_view(pilot, main, "verify", ups=2)
        await pilot.press("e")
        await wait_for(
            pilot,
            lambda: any("Export writes one live blog" in m for m in recorder.messages()),
            "the notification",
        )
        assert app.screen is main  # no export dialog


async def test_the_palette_offers_saved_views_and_the_search_of_every_blog(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    from textual.command import CommandPalette

    app = make_app(store, config=_config(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"saved view verify")
        await wait_for(pilot, lambda: "Saved view: verify" in screen_text(pilot), "the view hit")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.view == "verify", "the saved view")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"search every live blog")
        await wait_for(
            pilot, lambda: "Search every live blog" in screen_text(pilot), "the search hit"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchPrompt), "the search prompt")
        prompt = app.screen
        assert isinstance(prompt, SearchPrompt) and prompt.everywhere


async def test_view_names_and_blog_names_are_shown_as_plain_text(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    from tests.tui.conftest import hostile_feed

    store.import_feed("https://example.invalid/hostile", hostile_feed())
    config = tmp_path / "config.toml"
    config.write_text('[views]\n"[bold]x[/] \\u001b[2J" = "unread"\n', encoding="utf-8")
    app = make_app(store, config=config)
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("b")
        pane = main.query_one(SourceList)
        await wait_for(pilot, lambda: all(v.counts is not None for v in pane.views), "counts")
        await settle(pilot)
        text = screen_text(pilot)
        assert "▸ [bold]x[/]" in text and "\x1b" not in text
        await pilot.press("home", "enter")
        await wait_for(pilot, lambda: main.view is not None, "the saved view")
        await settle(pilot)
        text = screen_text(pilot)
        assert "View: [bold]x[/]" in text  # the list's title: the name as written
        # The hostile blog's rows start with its title, markup and all, escapes removed.
        assert "[bold]Blog[" in text and "\x1b" not in text


async def test_an_entry_read_in_a_saved_view_is_read_in_its_own_blog(
    store: Store,
    two_blogs: dict[str, int],
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
) -> None:
    clock = ManualClock()
    app = make_app(store, config=_config(tmp_path), read_delay=0.2, clock=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("up", "enter")  # "to read": every unread entry, blog by blog
        await wait_for(pilot, lambda: main.view == "to read", "the saved view")
        await pilot.press("G")  # the last row: School closed, of Island live
        await wait_for(
            pilot, lambda: main.entry is not None and main.entry.key == "i1", "the island entry"
        )
        clock.advance(1)
        await wait_for(pilot, lambda: store.entry(two_blogs["i1"]).read, "the entry read")
        island = store.entry(two_blogs["i1"]).source_id
        assert store.selected_entry(island) == two_blogs["i1"]
        quay = next(s for s in store.sources() if s.title == "Quay live")
        assert store.selected_entry(quay.id) != two_blogs["i1"]
