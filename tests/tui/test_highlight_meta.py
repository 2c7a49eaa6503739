"""Highlights in the app: `t` on a highlight tags the highlight (undoable, shown in the reader
and the notebook), highlighting the same words twice selects the first highlight and an
overlap extends it, and a note's Markdown shows with emphasis, hostile text as text."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.notebook import NotebookScreen
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.reader import Reader
from tests.tui.conftest import Recorder, ready, screen_text, wait_for

BODY = (
    "Harbour wall breached at dawn. Crews moved sandbags all night! Residents left by bus.\n\n"
    "The second paragraph says the mayor spoke at noon."
)


@pytest.fixture
def storm(store: Store) -> Store:
    """The store with one blog of one entry."""
    feed = ParsedFeed(
        format=Format.TEXT,
        title="Storm",
        entries=(ParsedEntry(key="one", headline="Wall breached", body=BODY),),
    )
    store.import_feed("/blogs/storm", feed)
    return store


def _rows(db_path: Path) -> list[tuple[object, ...]]:
    """Every highlight as another connection sees it: (id, quote, colour, tags)."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT id, exact, color, tags FROM highlights ORDER BY id").fetchall()
    finally:
        conn.close()


async def _cursor_on(pilot, reader: Reader, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put the reader's cursor on the first occurrence of `text` (as a click would)."""
    reader.focus()
    await pilot.pause()
    reader._move_to(reader.text.plain.index(text))
    await pilot.pause()


async def test_t_on_a_highlight_tags_the_highlight_undoably(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    entry_id = next(storm.entries()).id
    made = storm.add_highlight_quote(entry_id, "sandbags", "green")
    app = make_app(storm)
    async with app.run_test(size=(110, 34), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.annotated is not None, "the annotations")
        reader = main.reader
        await _cursor_on(pilot, reader, "sandbags")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the tag prompt")
        assert "Tags of the highlight “sandbags”" in screen_text(pilot)
        await pilot.press(*"Verify, supplies", "enter")
        said = "Tagged the highlight 'verify', 'supplies'."
        await wait_for(pilot, lambda: said in recorder.messages(), "the highlight tagged")
        # Committed before it was said, on the highlight and not on the entry.
        assert _rows(db_path) == [(made.id, "sandbags", "green", '["supplies", "verify"]')]
        with Store.open(db_path) as other:
            assert other.entry_tags(entry_id) == ()
        # The reader lists it under the notes with its tags.
        assert "“sandbags” #supplies #verify" in reader.text.plain
        # Off the highlight, t tags the entry as before.
        await _cursor_on(pilot, reader, "Residents")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the entry prompt")
        assert "Tags of the highlight" not in screen_text(pilot)
        await pilot.press(*"storm", "enter")
        await wait_for(pilot, lambda: "Tagged 'storm'." in recorder.messages(), "entry tagged")
        with Store.open(db_path) as other:
            assert other.entry_tags(entry_id) == ("storm",)
        # Undo the entry's tag, then the highlight's.
        await pilot.press("escape", "u")
        await wait_for(pilot, lambda: "Undone: untagged 'storm'." in recorder.messages(), "u")
        await pilot.press("u")
        undone = "Undone: untagged the highlight “sandbags” 'verify', 'supplies'."
        await wait_for(pilot, lambda: undone in recorder.messages(), "second u")
        assert _rows(db_path) == [(made.id, "sandbags", "green", None)]
        # The notebook shows the highlight's own tags, and tag: finds them.
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: _rows(db_path)[0][3] is not None, "redo")
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen), "the notebook")
        notebook = app.screen
        assert isinstance(notebook, NotebookScreen)
        await wait_for(pilot, lambda: notebook.query_one(OptionList).option_count == 1, "rows")
        assert "#supplies #verify" in screen_text(pilot)
        await pilot.press("slash", *"tag:supplies")
        await wait_for(pilot, lambda: len(notebook.shown) == 1, "tag:supplies keeps it")
        await pilot.press(*"x")
        await wait_for(pilot, lambda: not notebook.shown, "tag:suppliesx keeps nothing")


async def test_highlighting_the_same_words_twice_selects_and_an_overlap_extends(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        reader = main.reader
        await pilot.press("v", "w", "w", "4")  # "Harbour wall", pink
        await wait_for(pilot, lambda: _rows(db_path) != [], "the first highlight")
        (first,) = _rows(db_path)
        assert first[1:3] == ("Harbour wall", "pink")
        # The same words again, in another colour: nothing new, the first one selected.
        await _cursor_on(pilot, reader, "Harbour")
        await pilot.press("v", "w", "w", "2")
        said = "Already highlighted in pink: “Harbour wall”"
        await wait_for(pilot, lambda: said in recorder.messages(), "already highlighted")
        assert _rows(db_path) == [first]
        target = reader.target_at_cursor()
        assert target is not None and (target.kind, target.id) == ("highlight", first[0])
        # Words inside it: the same.
        await _cursor_on(pilot, reader, "wall")
        await pilot.press("v", "right", "right", "h")
        await wait_for(
            pilot, lambda: sum(said in m for m in recorder.messages()) == 2, "inside it"
        )
        assert _rows(db_path) == [first]
        # From inside it to past it: it grows, keeping its colour.
        await _cursor_on(pilot, reader, "wall")
        await pilot.press("v", "w", "w", "w", "3")
        grown = "Extended the highlight to “Harbour wall breached at” (u undoes)"
        await wait_for(pilot, lambda: grown in recorder.messages(), "extended")
        assert _rows(db_path) == [(first[0], "Harbour wall breached at", "pink", None)]
        # One undo gives back the highlight as it was.
        await pilot.press("u")
        await wait_for(
            pilot, lambda: _rows(db_path) == [first], "the highlight back to its words"
        )
        assert any(m.startswith("Undone: shrank the highlight") for m in recorder.messages())


HOSTILE_NOTE = (
    "**Check** the *crew* count: `600`\n\n"
    "- [b]x[/b] stays text\n"
    "- [@click=app.quit]quit[/] too\n\n"
    "See [the port notice](https://port.example/notice) \x1b[31mred\x1b[0m"
)


async def test_a_note_shows_its_markdown_with_emphasis_and_hostile_text_as_text(
    storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    entry_id = next(storm.entries()).id
    storm.add_note(entry_id, HOSTILE_NOTE)
    made = storm.add_highlight_quote(entry_id, "sandbags")
    storm.set_highlight_note(made.id, "*maybe* [b]not[/b]")
    app = make_app(storm)
    async with app.run_test(size=(110, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.annotated is not None, "the annotations")
        shown = main.reader.text
        plain = shown.plain
        for words in (
            "Check the crew count: 600",
            "• [b]x[/b] stays text",
            "• [@click=app.quit]quit[/] too",
            "See the port notice <https://port.example/notice> red",
            "“sandbags” maybe [b]not[/b]",
        ):
            assert words in plain, words
        assert "**" not in plain and "\x1b" not in plain

        def styled(words: str, style: str) -> bool:
            at = plain.index(words)
            return any(
                (s.start, s.end, s.style) == (at, at + len(words), style) for s in shown.spans
            )

        assert styled("Check", "bold")
        assert styled("crew", "italic")
        assert styled("600", "reverse")
        assert styled("the port notice", "underline")
        assert styled("maybe", "italic")
        # The screen shows the same characters (no markup ran, the app still runs).
        text = screen_text(pilot)
        assert "[b]x[/b] stays text" in text
        assert app.is_running
        # The notebook row shows the note on one line, its Markdown as emphasis.
        await pilot.press("H")
        await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen), "the notebook")
        await wait_for(pilot, lambda: "Check the crew count" in screen_text(pilot), "rows")
        assert "• [b]x[/b] stays text • [@click=app.quit]quit[/] too" in screen_text(pilot)
        assert app.is_running


async def test_the_notebook_says_how_many_more_items_its_bounded_read_left_out(
    storm: Store, make_app: Callable[..., LivereadApp]
) -> None:
    entry_id = next(storm.entries()).id
    for words in ("Harbour wall", "sandbags", "Residents"):
        storm.add_highlight_quote(entry_id, words)
    newest = storm.notebook(limit=2)
    app = make_app(storm)
    async with app.run_test(size=(110, 30)) as pilot:
        await ready(pilot)
        from liveread.tui.display import TimeDisplay

        screen = NotebookScreen(newest, TimeDisplay(), total=storm.notebook_count())
        app.push_screen(screen)

        def rows() -> int:
            found = screen.query(OptionList) if app.screen is screen else None
            return found.first().option_count if found else 0

        await wait_for(pilot, lambda: rows() == 2, "rows")
        assert "Notebook (the newest 2 of 3; 1 more not shown)" in screen_text(pilot)
        await pilot.press("slash", *"sandbags")
        await wait_for(pilot, lambda: len(screen.shown) == 1, "the filter")
        assert "Notebook (1 of the newest 2 of 3; 1 more not shown)" in screen_text(pilot)


async def test_words_across_two_highlights_are_refused_with_a_notification(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    entry_id = next(storm.entries()).id
    storm.add_highlight_quote(entry_id, "Harbour wall", "green")
    storm.add_highlight_quote(entry_id, "breached at", "blue")
    before = _rows(db_path)
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.annotated is not None, "the annotations")
        await _cursor_on(pilot, main.reader, "wall")
        await pilot.press("v", "w", "w", "h")  # "wall breached"
        await wait_for(
            pilot,
            lambda: any("overlaps 2 highlights" in m for m in recorder.messages()),
            "the refusal",
        )
        assert _rows(db_path) == before
        assert app.is_running
