"""The main screen keeps the keys and the user's words: a key typed straight after the sources
pane opens goes to the pane, and a full disk is a notification, never a traceback, with the
note being typed kept in its editor until it is saved."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import TextArea

from liveread.kernel.settings import DEFAULT_QUICK_TAGS
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.note_editor import NoteEditor
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.entry_list import EntryList
from liveread.tui.widgets.sources import SourceList
from tests.tui.conftest import Recorder, feed_of, ready, settle, wait_for

FULL = "the disk is full"
"""What the notification says when SQLite answers SQLITE_FULL."""


def fill_the_disk(store: Store, ballast: int) -> None:
    """Make the database as full as a full disk would: no page may be added any more
    (`max_page_count` at the current size), and the room left in the pages the tag and note
    tables use filled with ballast on entry `ballast`. SQLite itself then refuses writes
    with SQLITE_FULL ("database or disk is full")."""
    conn = store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    fills: tuple[Callable[[int], object], ...] = (
        lambda i: store.toggle_tag(ballast, f"ballast-{i}"),
        lambda i: store.add_note(ballast, f"ballast {i}"),
    )
    for fill in fills:
        for i in itertools.count():
            try:
                fill(i)
            except sqlite3.OperationalError as exc:
                assert "full" in str(exc)
                break
            assert i < 5_000, "the database never filled up"


def free_the_disk(store: Store) -> None:
    """Room again (as after the user deleted files)."""
    store.conn.execute("PRAGMA max_page_count = 1073741823")


def errors(recorder: Recorder) -> list[str]:
    """The error notifications so far."""
    return [n.notification.message for n in recorder.notes if n.notification.severity == "error"]


async def post_keys(pilot: Pilot[None], *keys: str) -> None:
    """Queue keys back to back, as a terminal delivers keys typed fast: no pause between."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_key_typed_straight_after_b_goes_to_the_sources_pane(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    for name in ("One", "Two", "Three"):
        store.import_feed(f"/blogs/{name.lower()}", feed_of(name, 5, prefix=name))
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        entries = main.query_one(EntryList)
        assert entries.cursor == 0
        # First opening (the pane is made then), and a second one (it is there, hidden).
        for _ in range(2):
            await post_keys(pilot, "b", "j")
            await wait_for(
                pilot,
                lambda: (
                    bool(main.query(SourceList)) and main.query_one(SourceList).highlighted == 1
                ),
                "the pane's highlight to move to the second blog",
            )
            await settle(pilot)
            assert main.focused is main.query_one(SourceList)
            assert entries.cursor == 0, "the j went to the entry list"
            await pilot.press("escape")
            await settle(pilot)
            assert main.focused is entries


async def test_a_key_typed_straight_after_tab_goes_where_the_focus_went(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    for name in ("One", "Two"):
        store.import_feed(f"/blogs/{name.lower()}", feed_of(name, 5, prefix=name))
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        entries = main.query_one(EntryList)
        await pilot.press("b")
        await settle(pilot)
        pane = main.query_one(SourceList)
        assert main.focused is pane and pane.highlighted == 0
        await post_keys(pilot, "tab", "j")
        await wait_for(pilot, lambda: entries.cursor == 1, "the entry list to take the j")
        await settle(pilot)
        assert main.focused is entries and pane.highlighted == 0
        await post_keys(pilot, "shift+tab", "j")
        await wait_for(pilot, lambda: pane.highlighted == 1, "the pane to take the j")
        await settle(pilot)
        assert main.focused is pane and entries.cursor == 1


async def test_a_full_disk_is_a_notification_and_changes_nothing(
    store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    source_id = store.import_feed("/blogs/five", feed_of("Five", 5)).source_id
    first, *_, last = store.entry_page(source_id, 0, 5)
    fill_the_disk(store, last.id)
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.entry is not None and main.entry.id == first.id
        # A quick tag (1) and the tag prompt (t): each is refused by SQLite, said once.
        await pilot.press("1")
        await wait_for(pilot, lambda: any(FULL in m for m in errors(recorder)), "the quick tag")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the tag prompt")
        await pilot.press(*"urgent", "enter")
        await wait_for(pilot, lambda: len(errors(recorder)) >= 2, "the tag prompt's write")
        await settle(pilot)
        assert app.is_running and app.screen is main
        assert store.entry_tags(first.id) == ()
        assert DEFAULT_QUICK_TAGS[0] not in {t.name for t in store.all_tags()}
        assert all(not n.notification.markup for n in recorder.notes)
        assert all("Traceback" not in m for m in recorder.messages())


async def test_the_note_editor_keeps_its_text_until_it_is_saved(
    store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    source_id = store.import_feed("/blogs/five", feed_of("Five", 5)).source_id
    first, *_, last = store.entry_page(source_id, 0, 5)
    fill_the_disk(store, last.id)
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor")
        await pilot.press(*"Words I must not lose")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(FULL in m for m in errors(recorder)), "the refusal")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor), "the editor closed on a failed save"
        assert editor.query_one(TextArea).text == "Words I must not lose"
        assert store.annotated_entry(first.id).notes == ()
        # Room again: the same ctrl+s saves, and only then the editor closes.
        free_the_disk(store)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor), "the save")
        await settle(pilot)
        notes = store.annotated_entry(first.id).notes
        assert [n.text for n in notes] == ["Words I must not lose"]
        assert "Saved the note." in recorder.messages()


async def test_a_database_from_a_newer_liveread_is_read_only_in_the_app(
    db_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    with Store.open(db_path) as store:
        source_id = store.import_feed("/blogs/five", feed_of("Five", 5)).source_id
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('liveread', '0999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with Store.open(db_path) as store:
        app = make_app(store)
        async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
            main = await ready(pilot)
            await wait_for(
                pilot,
                lambda: any("newer than this liveread" in m for m in recorder.messages()),
                "the read-only notice",
            )
            first = main.entry
            assert first is not None
            await pilot.press("s")  # star: refused by the store, said, nothing written
            await wait_for(
                pilot,
                lambda: sum("newer than this liveread" in m for m in recorder.messages()) >= 2,
                "the refused star",
            )
            await settle(pilot)
            assert app.is_running
            assert all("Traceback" not in m for m in recorder.messages())
        assert not store.entry(first.id).starred
        assert [e.id for e in store.entry_page(source_id, 0, 5)][0] == first.id
