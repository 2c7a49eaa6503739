"""Marking entries (`space`, `*`, `U`, `escape`) and the bulk actions on the marked ones: each
committed in one transaction before the screen says so, and undone by one `u`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import Recorder, feed_of, ready, screen_text, settle, wait_for


def _column(path: Path, column: str) -> dict[str, int]:
    """Headline -> the column's value, read through a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return {str(h): int(v) for h, v in conn.execute(f"SELECT headline, {column} FROM entries")}
    finally:
        conn.close()


def _tags(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT e.headline, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
            " JOIN entries e ON e.id = et.entry_id"
        ).fetchall()
        return {(str(h), str(n)) for h, n in rows}
    finally:
        conn.close()


async def test_space_marks_and_moves_and_the_count_shows(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/five", feed_of("Five", 5))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        entries = main.query_one(EntryList)
        await pilot.press("space", "space")
        await wait_for(pilot, lambda: main.position == 2, "the cursor two rows down")
        assert main.marking.count == 2
        assert str(entries.border_subtitle).startswith("2 marked · 3/5")
        assert entries.render_line(0).text.startswith("●✓")
        assert entries.render_line(1).text.startswith("●✓")
        assert entries.render_line(2).text.startswith("● ")
        await pilot.press("k", "space")  # row 1 again: unmarked
        await wait_for(pilot, lambda: main.marking.count == 1, "one mark left")
        assert entries.render_line(1).text.startswith("● ")
        await pilot.press("U")
        await wait_for(pilot, lambda: main.marking.count == 0, "the marks cleared")
        # No marks: the rows look as they always did.
        assert entries.render_line(0).text.startswith("● ")
        assert "marked" not in str(entries.border_subtitle)


async def test_star_marks_all_shown_and_escape_clears_marks_before_the_filter(
    store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    source = store.import_feed("/blogs/five", feed_of("Five", 5)).source_id
    for entry in store.entry_page(source, 0, 2):
        store.add_tags(entry.id, ["drones"])
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the filter prompt")
        await pilot.press(*"tag:drones", "enter")
        await wait_for(pilot, lambda: main.filter_query == "tag:drones", "the filter shown")
        await settle(pilot)
        await pilot.press("asterisk")
        await wait_for(pilot, lambda: main.marking.count == 2, "the two shown entries marked")
        assert "2 entries marked." in recorder.messages()
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.marking.count == 0, "escape clearing the marks")
        assert main.filter_query == "tag:drones"  # the filter is still there
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.filter_query == "", "the second escape: no filter")


async def test_marks_survive_a_change_of_filter(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/five", feed_of("Five", 5))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: main.marking.count == 1, "one mark")
        marked = main.marking.ids
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the filter prompt")
        await pilot.press(*"Entry", "enter")
        await wait_for(pilot, lambda: main.filter_query == "Entry", "the filter shown")
        await settle(pilot)
        assert main.marking.ids == marked
        assert main.query_one(EntryList).render_line(0).text.startswith("●✓")


async def test_bulk_tag_prompt_tags_every_marked_entry_and_one_undo_takes_it_back(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    source = store.import_feed("/blogs/five", feed_of("Five", 5)).source_id
    first_three = store.entry_page(source, 0, 3)
    for entry in first_three:
        store.add_tags(entry.id, ["keep"])
    store.add_tags(first_three[0].id, ["only-one"])
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("space", "space", "space")
        await wait_for(pilot, lambda: main.marking.count == 3, "three marks")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the tag prompt")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.title_text.startswith("Tags of 3 marked entries")
        await wait_for(pilot, lambda: "Has: #keep" in screen_text(pilot), "the shared tags")
        (has,) = [line for line in screen_text(pilot).splitlines() if "Has:" in line]
        assert "only-one" not in has  # one marked entry's own tag is not shared
        await pilot.press(*"Drones", "enter")
        await wait_for(
            pilot, lambda: "Tagged 3 entries 'drones'." in recorder.messages(), "the notice"
        )
        # Committed before the screen said so.
        assert {t for t in _tags(db_path) if t[1] == "drones"} == {
            (f"Entry {i}", "drones") for i in (1, 2, 3)
        }
        await wait_for(
            pilot,
            lambda: "#drones" in main.query_one(EntryList).render_line(2).text,
            "the third row's chip",
        )
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt again")
        await pilot.press(*"-drones", "enter")
        await wait_for(
            pilot, lambda: "Untagged 3 entries 'drones'." in recorder.messages(), "untagged"
        )
        assert {t for t in _tags(db_path) if t[1] == "drones"} == set()
        await pilot.press("u")
        await wait_for(
            pilot,
            lambda: "Undone: tagged 3 entries 'drones'." in recorder.messages(),
            "the undo of the untag",
        )
        assert {t for t in _tags(db_path) if t[1] == "drones"} == {
            (f"Entry {i}", "drones") for i in (1, 2, 3)
        }
        await pilot.press("u")
        await wait_for(
            pilot,
            lambda: "Undone: untagged 3 entries 'drones'." in recorder.messages(),
            "one undo for all three tags",
        )
        assert {t for t in _tags(db_path) if t[1] == "drones"} == set()
        assert len(_tags(db_path)) == 4  # the tags they had before are untouched
        await wait_for(
            pilot,
            lambda: "#drones" not in main.query_one(EntryList).render_line(2).text,
            "the chip gone from the third row",
        )


@pytest.mark.parametrize(
    ("key", "column", "done", "undone"),
    [
        ("s", "starred", "Starred 2 entries.", "Undone: unstarred 2 entries."),
        ("p", "pinned", "Pinned 2 entries.", "Undone: unpinned 2 entries."),
        ("m", "read", "Marked 2 entries read.", "Undone: marked 2 entries unread."),
    ],
)
async def test_bulk_flags_and_their_one_step_undo(
    db_path: Path,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
    key: str,
    column: str,
    done: str,
    undone: str,
) -> None:
    store.import_feed("/blogs/five", feed_of("Five", 5))
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("j", "space", "space")
        await wait_for(pilot, lambda: main.marking.count == 2, "two marks")
        await pilot.press(key)
        await wait_for(pilot, lambda: done in recorder.messages(), f"the notice {done!r}")
        values = _column(db_path, column)
        assert {h for h, v in values.items() if v} == {"Entry 2", "Entry 3"}
        await pilot.press("u")
        await wait_for(pilot, lambda: undone in recorder.messages(), f"the notice {undone!r}")
        assert not any(_column(db_path, column).values())


async def test_bulk_quick_tag_adds_then_removes(
    db_path: Path,
    tmp_path: Path,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('quick_tags = ["drones"]\n', encoding="utf-8")
    store.import_feed("/blogs/five", feed_of("Five", 5))
    app = make_app(store, config=config)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("space", "space")
        await wait_for(pilot, lambda: main.marking.count == 2, "two marks")
        await pilot.press("1")
        await wait_for(pilot, lambda: "Tagged 2 entries 'drones'." in recorder.messages(), "1")
        assert _tags(db_path) == {("Entry 1", "drones"), ("Entry 2", "drones")}
        await pilot.press("1")
        await wait_for(pilot, lambda: "Untagged 2 entries 'drones'." in recorder.messages(), "1")
        assert _tags(db_path) == set()


async def test_the_palette_marks_everything_shown_and_stars_it(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    from textual.command import CommandPalette

    store.import_feed("/blogs/five", feed_of("Five", 5))
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"mark all shown")
        await wait_for(pilot, lambda: "Mark all shown" in screen_text(pilot), "the command")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.marking.count == 5, "every entry marked")
        await pilot.press("s")
        await wait_for(pilot, lambda: "Starred 5 entries." in recorder.messages(), "the star")
        assert all(_column(db_path, "starred").values())
