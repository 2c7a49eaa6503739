"""Keys that do what the panel says: `y` copies a link (by number, as `o` offers them), `b`
in the reader moves back a word, `j`/`k`/`g`/`G` move in the views and the sources pane, the
quick tags legend (`L`, and in the `t` prompt), and each dialog's footer shows its own keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import OptionList

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.keys import KeysScreen
from liveread.tui.screens.links import LinksScreen
from liveread.tui.screens.note_editor import NoteEditor
from liveread.tui.screens.pick import PickScreen
from liveread.tui.screens.quick_tags import QuickTagsScreen, quick_legend
from liveread.tui.screens.tag_prompt import TagPrompt
from liveread.tui.widgets.reader import Reader
from liveread.tui.widgets.sources import SourceList
from tests.tui.conftest import Recorder, feed_of, ready, screen_text, settle, wait_for
from tests.tui.test_links import PHOTO, REPORT, linked_feed

OWN = "https://example.invalid/live#post-9"


def permalink_only_feed() -> ParsedFeed:
    """One post whose only link is its own."""
    when = datetime(2026, 3, 1, 11, 5, tzinfo=UTC)
    return ParsedFeed(
        format=Format.RSS,
        title="Ferry news",
        entries=(
            ParsedEntry(key="own", headline="Ferry back", body="It sails.", published=when,
                        url=OWN),
        ),
    )


async def test_y_copies_the_chosen_link_and_only_when_asked(
    store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    store.import_feed("/blogs/harbour-storm.rss", linked_feed())
    app = make_app(store)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        # Showing a post with links copies nothing: only the key does.
        assert app.clipboard == ""
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links")
        assert "Copy which link?" in screen_text(pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: app.clipboard == REPORT, "the link to be copied")
        assert app.screen is main
        await wait_for(
            pilot, lambda: f"Copied the link: {REPORT}" in recorder.messages(), "the word"
        )
        # Enter copies the highlighted row; escape copies nothing.
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links again")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.clipboard == PHOTO, "the photo link to be copied")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links again")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main, "the chooser to close")
        await settle(pilot)
        assert app.clipboard == PHOTO
        # A post with no link at all: said so, nothing copied.
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is main
        assert "This entry has no links." in recorder.messages()
        assert app.clipboard == PHOTO
        assert all(not n.notification.markup for n in recorder.notes)


async def test_y_copies_a_posts_own_link_at_once(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/ferry.rss", permalink_only_feed())
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.clipboard == OWN, "the post's link to be copied")
        assert app.screen is main


async def test_b_in_the_reader_moves_back_a_word(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("tab")
        reader = main.query_one(Reader)
        assert main.focused is reader
        await pilot.press("left_curly_bracket", "right_curly_bracket")
        start = reader.caret
        await pilot.press("w", "w")
        assert reader.caret > start
        await pilot.press("b", "b")
        await settle(pilot)
        assert reader.caret == start
        assert not main.sources_shown and main.focused is reader
        # The palette's "Sources" (the same action, run without the key) still opens it.
        await main.run_action("toggle_sources")
        await settle(pilot)
        assert main.sources_shown


async def test_jkgG_move_in_the_sources_pane(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    for name in ("One", "Two", "Three", "Four"):
        store.import_feed(f"/blogs/{name.lower()}", feed_of(name, 3, prefix=name))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("b")
        await settle(pilot)
        pane = main.query_one(SourceList)
        assert main.focused is pane and pane.highlighted == 0
        await pilot.press("G")
        assert pane.highlighted == 3
        await pilot.press("k")
        assert pane.highlighted == 2
        await pilot.press("g")
        assert pane.highlighted == 0
        await pilot.press("j")
        assert pane.highlighted == 1
        # The entry list stayed where it was.
        assert main.position == 0


async def test_jkgG_move_in_the_timeline(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/pins", feed_of("Pins", 4))
    source = store.sources()[0]
    for entry in store.entries(source.id):
        store.set_pinned(entry.id, True)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the timeline")
        rows = app.screen.query_one(OptionList)
        assert rows.highlighted == 0
        await pilot.press("G")
        assert rows.highlighted == 3
        await pilot.press("k", "k")
        assert rows.highlighted == 1
        await pilot.press("g", "j")
        assert rows.highlighted == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main, "the timeline to close")


async def test_the_quick_tags_legend_is_one_key_away_and_in_the_tag_prompt(
    samples: Store, make_app: Callable[..., LivereadApp], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'quick_tags = ["key", "[bold]verify[/]", "quote"]\n'
        '[keymap]\n"tags.quick_2" = "ctrl+v"\n',
        encoding="utf-8",
    )
    app = make_app(samples, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, QuickTagsScreen), "the legend")
        text = screen_text(pilot)
        for row in ("1 #key", "ctrl+v #[bold]verify[/]", "3 #quote"):
            assert row in text
        assert "4 #" not in text
        assert "esc close" in text.splitlines()[-1], "the legend's footer names its keys"
        await pilot.press("L")
        await wait_for(pilot, lambda: app.screen is main, "the legend to close")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagPrompt), "the tag prompt")
        # (Not `settle`: the prompt's worker waits for its answer.)
        await wait_for(pilot, lambda: "Has: no tags" in screen_text(pilot), "the entry's tags")
        text = screen_text(pilot)
        assert "Quick keys: 1 #key  ctrl+v #[bold]verify[/]  3 #quote" in text
        assert "Has: no tags" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main, "the prompt to close")


def test_a_legend_without_quick_tags_says_where_to_name_them() -> None:
    assert quick_legend(()).plain == "No quick tags: name them in quick_tags in the config file."
    assert quick_legend(("a", "b", "c"), columns=2).plain == "1 #a  2 #b\n3 #c"


async def test_each_dialog_footer_shows_that_dialogs_keys(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/ferry.rss", permalink_only_feed())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        main_footer = screen_text(pilot).splitlines()[-1]
        assert "sources" in main_footer
        for key, dialog, shown in (
            ("o", ConfirmScreen, ("y yes", "n no")),
            ("a", NoteEditor, ("^s save", "esc close")),
            ("T", PickScreen, ("esc close", "jk move")),
            ("question_mark", KeysScreen, ("esc close",)),
        ):
            await pilot.press(key)
            await wait_for(pilot, lambda d=dialog: isinstance(app.screen, d), f"the {key} dialog")
            await pilot.pause()
            footer = screen_text(pilot).splitlines()[-1]
            for words in shown:
                assert words in footer, (key, footer)
            assert "sources" not in footer, "the main screen's keys under a dialog"
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is main, "the dialog to close")
