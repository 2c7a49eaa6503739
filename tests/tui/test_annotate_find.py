"""Search (`/`), the filter (`f`, every kind of term), the key-event timeline (`T`), the
orphans view, the changes view (`d`), and changes made by another process appearing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.diff import DiffScreen
from liveread.tui.screens.pick import PickScreen
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import Recorder, ready, screen_text, settle, wait_for


def _entry(n: int, body: str, day: int) -> ParsedEntry:
    return ParsedEntry(
        key=f"k{n}",
        headline=f"Update {n}",
        body=body,
        published=datetime(2024, 11, day, 12, 0, tzinfo=UTC),
    )


BODIES = {
    1: "The ferry to Lisk Island is cancelled until the wind drops.",
    2: "Sandbags were handed out at the harbour office overnight.",
    3: "The mayor said the sea wall held; engineers will inspect it.",
    4: "Buses replace trains on the coast line this morning.",
    5: "A second ferry was seen leaving the harbour at noon.",
}


def town_feed(changed: dict[int, str] | None = None) -> ParsedFeed:
    """Five updates, newest first, one per day from 1 to 5 November 2024."""
    bodies = {**BODIES, **(changed or {})}
    return ParsedFeed(
        format=Format.TEXT,
        title="Town live",
        entries=tuple(_entry(n, bodies[n], 6 - n) for n in range(1, 6)),
    )


@pytest.fixture
def town(store: Store) -> dict[int, int]:
    """The town blog imported, with annotations: update number -> entry id."""
    source = store.import_feed("/blogs/town", town_feed()).source_id
    ids = {int(e.headline.split()[1]): e.id for e in store.entries(source) if e.headline}
    store.add_tags(ids[1], ["verify"])
    store.add_tags(ids[2], ["verify", "disputed"])
    store.set_starred(ids[3])
    store.set_pinned(ids[4])
    store.set_pinned(ids[2])
    store.add_note(ids[5], "Which ferry? Check the operator")
    store.set_read(ids[1])
    return ids


def shown(main_list: EntryList) -> list[str]:
    """Headlines of the rows the list shows."""
    rows = [main_list.entry_at(i) for i in range(main_list.count)]
    return [r.headline or "" for r in rows if r is not None]


async def _prompt(pilot, app: LivereadApp, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), f"the {key} prompt")
    prompt = app.screen
    assert isinstance(prompt, PromptScreen)
    prompt.input.value = text
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag:verify", [1, 2]),
        ("tag:verify -tag:disputed", [1]),
        ("starred", [3]),
        ("pinned", [2, 4]),
        ("annotated", [1, 2, 3, 4, 5]),
        ("unread -annotated", []),
        ("read", [1]),
        ("since:2024-11-03", [1, 2, 3]),
        ("ferry", [1, 5]),
        ("ferry -tag:verify", [5]),
        ("operator", [5]),
    ],
)
async def test_filter_terms(
    store: Store,
    town: dict[int, int],
    make_app: Callable[..., LivereadApp],
    query: str,
    expected: list[int],
) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await _prompt(pilot, app, "f", query)
        await wait_for(pilot, lambda: main.filter_query == query, "the filter")
        entry_list = main.query_one(EntryList)
        assert shown(entry_list) == [f"Update {n}" for n in expected]
        assert query in str(entry_list.border_title)
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.filter_query == "", "the filter cleared")
        await wait_for(pilot, lambda: entry_list.count == 5, "every entry again")


async def test_filter_keeps_the_selection_and_escape_returns(
    store: Store, town: dict[int, int], make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("j", "j", "j", "j")  # Update 5
        await settle(pilot)
        assert main.entry is not None and main.entry.id == town[5]
        await _prompt(pilot, app, "f", "annotated")
        await wait_for(pilot, lambda: main.filter_query == "annotated", "the filter")
        assert main.entry is not None and main.entry.id == town[5]
        assert main.query_one(EntryList).cursor == 4
        # A malformed filter is refused in the prompt, kept open with its text; the list is
        # unchanged, and escape leaves the filter that was shown.
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the filter prompt")
        assert isinstance(app.screen, PromptScreen)
        app.screen.input.value = "since:soon"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "since:soon is not a date" in screen_text(pilot), "the mistake shown"
        )
        assert isinstance(app.screen, PromptScreen) and app.screen.input.value == "since:soon"
        assert main.filter_query == "annotated"
        await pilot.press("escape")
        await settle(pilot)
        assert main.filter_query == "annotated"
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.filter_query == "", "cleared")
        assert main.entry is not None and main.entry.id == town[5]


async def test_edited_and_orphaned_filters_and_the_orphans_view(
    db_path: Path, store: Store, town: dict[int, int], make_app: Callable[..., LivereadApp]
) -> None:
    store.add_highlight_quote(town[4], "coast line", "blue")
    store.add_highlight_quote(town[3], "sea wall", "green")
    # The newsroom rewrites update 4: "coast line" is gone, so its highlight is orphaned.
    store.import_feed(
        "/blogs/town", town_feed({4: "Trains run again.", 3: BODIES[3] + " Later: it held."})
    )
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        await _prompt(pilot, app, "f", "edited")
        await wait_for(pilot, lambda: main.filter_query == "edited", "edited")
        assert shown(entry_list) == ["Update 3", "Update 4"]
        await _prompt(pilot, app, "f", "orphaned")
        await wait_for(pilot, lambda: main.filter_query == "orphaned", "orphaned")
        assert shown(entry_list) == ["Update 4"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.filter_query == "", "cleared")
        await pilot.press("O")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the orphans view")
        text = screen_text(pilot)
        assert "Orphaned highlights (1)" in text
        assert "“coast line”" in text and "Update 4" in text
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: main.entry is not None and main.entry.id == town[4], "update 4"
        )
        await settle(pilot)
        assert "coast line" in main.reader.text.plain  # listed under the body as an orphan
        assert "Orphaned highlights" in main.reader.text.plain


async def test_search_lists_matches_and_escape_returns(
    store: Store, town: dict[int, int], make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        await _prompt(pilot, app, "slash", "harbour")
        await wait_for(pilot, lambda: "Search: harbour" in str(entry_list.border_title), "results")
        assert sorted(shown(entry_list)) == ["Update 2", "Update 5"]
        assert "2 entries found (escape: every entry)." in recorder.messages()
        # Notes are searched too.
        await _prompt(pilot, app, "slash", "operator")
        await wait_for(pilot, lambda: shown(entry_list) == ["Update 5"], "a note's words")
        await pilot.press("escape")
        await wait_for(pilot, lambda: entry_list.count == 5, "every entry again")
        assert main.entry is not None and main.entry.id == town[5]
        assert entry_list.border_title == "Entries"


async def test_timeline_of_key_events(
    store: Store, town: dict[int, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the timeline")
        text = screen_text(pilot)
        assert "Key events (2)" in text
        # Oldest first: update 4 (2 November) before update 2 (4 November).
        assert text.index("Update 4") < text.index("Update 2")
        assert "Sat 2 Nov 2024, 12:00 UTC" in text
        await pilot.press("down", "enter")
        await wait_for(
            pilot, lambda: main.entry is not None and main.entry.id == town[2], "update 2"
        )
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the timeline again")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PickScreen)


async def test_diff_shows_what_changed(
    store: Store, town: dict[int, int], make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    store.import_feed("/blogs/town", town_feed({1: "The ferry to Lisk Island runs again."}))
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.entry is not None and main.entry.id == town[1]
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DiffScreen), "the changes view")
        text = screen_text(pilot)
        assert "- The ferry to Lisk Island is cancelled until the wind drops." in text
        assert "+ The ferry to Lisk Island runs again." in text
        assert "edited 1×" in text
        await pilot.press("q")
        await settle(pilot)
        assert not isinstance(app.screen, DiffScreen)
        await pilot.press("j", "d")
        await wait_for(
            pilot, lambda: "This entry has not been edited." in recorder.messages(), "no edits"
        )


async def test_another_process_change_appears_without_moving_the_selection(
    db_path: Path, store: Store, town: dict[int, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert main.entry is not None and main.entry.id == town[3]
        # The screen asks the database's version every two seconds; a change is one only
        # after the first answer.
        await wait_for(
            pilot,
            lambda: main.database_watch is not None and main.database_watch.version is not None,
            "the screen's first look at the database's version",
        )
        with Store.open(db_path) as other:
            other.add_tags(town[3], ["from-elsewhere"])
            other.add_note(town[3], "Written by a script")
            other.set_starred(town[4])
        entry_list = main.query_one(EntryList)
        await wait_for(
            pilot,
            lambda: "Written by a script" in main.reader.text.plain,
            "the other process's note",
        )
        assert "#from-elsewhere" in main.reader.text.plain
        assert main.entry is not None and main.entry.id == town[3]
        assert entry_list.cursor == 2
        row = entry_list.entry_at(3)
        assert row is not None and row.starred
