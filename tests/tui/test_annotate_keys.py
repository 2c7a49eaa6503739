"""The annotation keys: tags (prompt with completion, removal, quick tags), star, pin; each
committed before the screen says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import Recorder, feed_of, ready, settle, wait_for


async def test_star_and_pin_are_committed_before_they_are_shown(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    store.import_feed("/blogs/five", feed_of("Five", 5))
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        await pilot.press("s")
        await wait_for(pilot, lambda: "Starred." in recorder.messages(), "the star notice")
        # Whenever the screen says so, another connection already sees it.
        with Store.open(db_path) as other:
            assert other.entry(entry.id).starred
        assert main.entry is not None and main.entry.starred
        assert "★" in main.query_one(EntryList).render_line(0).text
        await pilot.press("p")
        await wait_for(pilot, lambda: "Marked a key event." in recorder.messages(), "pin")
        with Store.open(db_path) as other:
            assert other.entry(entry.id).pinned
        assert "◆" in main.query_one(EntryList).render_line(0).text
        assert "◆ key event" in main.reader.text.plain
        await pilot.press("s")
        await wait_for(pilot, lambda: "Unstarred." in recorder.messages(), "unstar")
        with Store.open(db_path) as other:
            assert not other.entry(entry.id).starred


async def test_tag_prompt_completes_adds_and_removes(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    source = store.import_feed("/blogs/five", feed_of("Five", 5)).source_id
    other_entry = store.entry_page(source, 4, 1)[0]
    store.add_tags(other_entry.id, ["verify", "disputed"])
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the tag prompt")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        await pilot.press(*"key, ver")
        await wait_for(pilot, lambda: prompt.input._suggestion == "key, verify", "completion")
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: any("Tagged" in m for m in recorder.messages()), "tagged")
        with Store.open(db_path) as other:
            assert other.entry_tags(entry.id) == ("key", "verify")
        assert "#key #verify" in main.query_one(EntryList).render_line(0).text
        assert "#key" in main.reader.text.plain
        # One prompt both removes and adds; one undo reverses both.
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt again")
        await pilot.press(*"-KEY, Quote", "enter")
        await wait_for(
            pilot,
            lambda: "Tagged 'quote'; untagged 'key'." in recorder.messages(),
            "the second tag edit",
        )
        with Store.open(db_path) as other:
            assert other.entry_tags(entry.id) == ("quote", "verify")
        await pilot.press("u")
        await wait_for(pilot, lambda: any(m.startswith("Undone") for m in recorder.messages()), "u")
        with Store.open(db_path) as other:
            assert other.entry_tags(entry.id) == ("key", "verify")


async def test_escape_closes_the_tag_prompt_without_a_change(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/two", feed_of("Two", 2))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the tag prompt")
        await pilot.press(*"never", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, PromptScreen)
        assert main.entry is not None and store.entry_tags(main.entry.id) == ()


async def test_quick_tags_toggle_from_the_config(
    tmp_path: Path,
    db_path: Path,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
) -> None:
    store.import_feed("/blogs/five", feed_of("Five", 5))
    config = tmp_path / "config.toml"
    config.write_text('quick_tags = ["Key", "check this"]\n', encoding="utf-8")
    app = make_app(store, config=config)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        await pilot.press("2")
        await wait_for(pilot, lambda: "Tagged 'check this'." in recorder.messages(), "2")
        await pilot.press("1")
        await wait_for(pilot, lambda: "Tagged 'Key'." in recorder.messages(), "1")
        with Store.open(db_path) as other:
            assert other.entry_tags(entry.id) == ("check this", "key")
        await pilot.press("2")
        await wait_for(pilot, lambda: "Untagged 'check this'." in recorder.messages(), "2 again")
        with Store.open(db_path) as other:
            assert other.entry_tags(entry.id) == ("key",)
        await pilot.press("3")
        await wait_for(
            pilot, lambda: any("No quick tag 3" in m for m in recorder.messages()), "no tag 3"
        )


async def test_tags_typed_before_the_known_tags_arrive_are_kept(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    # A fast typist answers the prompt before the worker reading the tags in use returns.
    store.import_feed("/blogs/two", feed_of("Two", 2))
    app = make_app(store)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        await pilot.press("t", *"fast", "enter")
        await wait_for(pilot, lambda: "Tagged 'fast'." in recorder.messages(), "the tag")
        await settle(pilot)
        assert app.is_running
        with Store.open(db_path) as other:
            assert other.entry_tags(entry.id) == ("fast",)
