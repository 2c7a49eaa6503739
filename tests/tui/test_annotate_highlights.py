"""Highlights from the keyboard (every colour, every kind of move) and the mouse; notes in the
editor; deleting with x; undo and redo chains."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import TextArea

from liveread.kernel.colors import HIGHLIGHT_COLORS
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.main import MainScreen
from liveread.tui.screens.note_editor import NoteEditor
from liveread.tui.widgets.entry_list import EntryList
from liveread.tui.widgets.reader import Reader
from tests.tui.conftest import Recorder, ready, settle, wait_for

BODY = (
    "Harbour wall breached at dawn. Crews moved sandbags all night! Residents left by bus.\n\n"
    "The second paragraph says the mayor spoke at noon. She asked for calm.\n\n"
    "A third paragraph closes the entry."
)


def storm_feed() -> ParsedFeed:
    """One entry with a body of three paragraphs and several sentences, and a second one."""
    return ParsedFeed(
        format=Format.TEXT,
        title="Storm",
        entries=(
            ParsedEntry(key="one", headline="Wall breached", body=BODY),
            ParsedEntry(key="two", headline="Quiet night", body="Nothing else happened."),
        ),
    )


@pytest.fixture
def storm(store: Store) -> Store:
    """The store with the storm blog."""
    store.import_feed("/blogs/storm", storm_feed())
    return store


def committed(db_path: Path, entry_id: int) -> list[tuple[str, str]]:
    """(quote, colour) of every highlight on an entry, read by another connection."""
    with Store.open(db_path) as other:
        return [(h.exact, h.color) for h in other.highlights(entry_id)]


async def _count(recorder: Recorder, pilot, text: str, count: int) -> None:  # type: ignore[no-untyped-def]
    await wait_for(
        pilot,
        lambda: sum(text in m for m in recorder.messages()) >= count,
        f"{count}× {text!r}",
    )


@pytest.mark.parametrize("number", range(1, len(HIGHLIGHT_COLORS) + 1))
async def test_keyboard_highlight_in_each_colour(
    db_path: Path,
    storm: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
    number: int,
) -> None:
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        await pilot.press("v", "w", "w")
        reader = main.reader
        assert reader.has_focus and reader.selecting
        assert "2 green 3 blue" in str(reader.border_subtitle)
        await pilot.press(str(number))
        color = HIGHLIGHT_COLORS[number - 1]
        await _count(recorder, pilot, f"Highlighted in {color}", 1)
        assert committed(db_path, entry.id) == [("Harbour wall", color)]
        assert not reader.selecting
        # Shown as a background in the body, and marked in the list.
        start = reader.document.body_start
        styles = {span.style for span in reader.text.spans if span.start == start}
        assert any(getattr(s, "bgcolor", None) is not None for s in styles)
        assert "¶" in main.query_one(EntryList).render_line(0).text


def _selected(main: MainScreen) -> str:
    """The words the reader's selection holds."""
    span = main.reader.selection
    assert span is not None
    return main.reader.document.text.plain[span[0] : span[1]]


async def test_moves_by_sentence_paragraph_line_and_character(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        # A sentence: from the start to the start of the next one.
        await pilot.press("v", "right_parenthesis", "h")
        await _count(recorder, pilot, "Highlighted", 1)
        # The next paragraph's first sentence, by paragraph then sentence moves.
        await pilot.press("right_curly_bracket", "v", "right_parenthesis", "enter")
        await _count(recorder, pilot, "Highlighted", 2)
        # Back a paragraph to the top, then characters: "Harb".
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        # (Words inside a highlight are not highlighted again: the selection is checked.)
        await pilot.press("v", "right", "right", "right", "right", "left", "right")
        assert _selected(main) == "Harb"
        await pilot.press("escape")
        # Down a line then back up: the caret stays in the first paragraph; ( goes back.
        await pilot.press("down", "up", "right_parenthesis", "right_parenthesis")
        await pilot.press("v", "left_parenthesis", "4")
        await _count(recorder, pilot, "Highlighted", 3)
        # ctrl+right and b move by words too.
        await pilot.press("left_curly_bracket", "ctrl+right", "v", "ctrl+right", "w", "b")
        assert _selected(main).strip() == "wall"
        await pilot.press("escape")
        found = committed(db_path, entry.id)
        assert sorted(found) == sorted(
            [
                ("Harbour wall breached at dawn.", "yellow"),
                ("The second paragraph says the mayor spoke at noon.", "yellow"),
                ("Crews moved sandbags all night!", "pink"),
            ]
        )


async def test_escape_cancels_a_selection_and_h_needs_one(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(storm)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("v", "w", "escape")
        assert not main.reader.selecting
        await pilot.press("h")
        await settle(pilot)
        assert main.entry is not None and committed(db_path, main.entry.id) == []


async def test_mouse_selection_then_h_highlights_it(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        reader = main.reader
        await settle(pilot)
        # Find the screen cells of "sandbags" in the wrapped body.
        plain = reader.text.plain
        start = plain.index("sandbags")
        lines = reader._lines
        row = next(i for i, (a, b) in enumerate(lines) if a <= start < b)
        column = start - lines[row][0]
        region = reader.content_region
        y = region.y + row - int(reader.scroll_y)
        await pilot.mouse_down(None, offset=(region.x + column, y))
        await pilot.hover(None, offset=(region.x + column + len("sandbags") - 1, y))
        await pilot.mouse_up(None, offset=(region.x + column + len("sandbags") - 1, y))
        assert reader.has_focus and reader.selecting
        await pilot.press("h")
        await _count(recorder, pilot, "Highlighted", 1)
        assert main.entry is not None
        assert committed(db_path, main.entry.id) == [("sandbags", "yellow")]


async def test_note_editor_saves_and_asks_before_discarding(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entry = main.entry
        assert entry is not None
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor")
        await pilot.press(*"Ring the **harbour office**")
        await pilot.press("ctrl+s")
        await _count(recorder, pilot, "Saved the note.", 1)
        with Store.open(db_path) as other:
            assert [n.text for n in other.notes(entry.id)] == ["Ring the **harbour office**"]
        # The note's Markdown is shown with emphasis: its words bold, no asterisks.
        shown = main.reader.text
        bold = shown.plain.index("Ring the harbour office") + len("Ring the ")
        assert any(
            (span.start, span.end, span.style) == (bold, bold + len("harbour office"), "bold")
            for span in shown.spans
        )
        # A changed note: escape asks; "no" keeps the editor open, "yes" throws it away.
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor again")
        await pilot.press(*"Unsaved words")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "back in the editor")
        assert "Unsaved words" in app.screen.query_one(TextArea).text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor), "closed")
        await settle(pilot)
        with Store.open(db_path) as other:
            assert len(other.notes(entry.id)) == 1
        # An unchanged editor closes at once.
        await pilot.press("a", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, (NoteEditor, ConfirmScreen))


async def _cursor_on(pilot, reader: Reader, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put the reader's cursor on the first occurrence of `text` (as a click would)."""
    reader.focus()
    await pilot.pause()
    reader._move_to(reader.text.plain.index(text))
    await pilot.pause()


async def test_note_on_a_highlight_delete_and_undo_redo_chain(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    entry_id = storm.entries().__next__().id
    storm.add_highlight_quote(entry_id, "sandbags", "green")
    storm.add_note(entry_id, "Call the port authority")
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.annotated is not None and main.annotated.notes, "notes")
        reader = main.reader
        assert "Call the port authority" in reader.text.plain
        # a on a highlight edits its note.
        await _cursor_on(pilot, reader, "sandbags")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor")
        await pilot.press(*"count them", "ctrl+s")
        await _count(recorder, pilot, "Saved the note.", 1)
        with Store.open(db_path) as other:
            assert [h.note for h in other.highlights(entry_id)] == ["count them"]
        # x on the highlight deletes it; x on the note deletes the note.
        await _cursor_on(pilot, reader, "sandbags")
        await pilot.press("x")
        await _count(recorder, pilot, "Deleted the highlight “sandbags” (u undoes).", 1)
        with Store.open(db_path) as other:
            assert other.highlights(entry_id) == []
        await _cursor_on(pilot, reader, "Call the port")
        await pilot.press("x")
        await _count(recorder, pilot, "(u undoes)", 2)
        with Store.open(db_path) as other:
            assert other.notes(entry_id) == []
        # x where there is nothing says so.
        await _cursor_on(pilot, reader, "Residents")
        await pilot.press("x")
        await _count(recorder, pilot, "Nothing to delete here", 1)
        # u, u, u: the note, the highlight, the highlight's note come back in turn.
        await pilot.press("u")
        await _count(recorder, pilot, "Undone: restored the note.", 1)
        await pilot.press("u")
        await _count(recorder, pilot, "Undone: restored the highlight", 1)
        with Store.open(db_path) as other:
            assert [n.text for n in other.notes(entry_id)] == ["Call the port authority"]
            assert [h.note for h in other.highlights(entry_id)] == ["count them"]
        await pilot.press("u")
        await _count(recorder, pilot, "Undone", 3)
        with Store.open(db_path) as other:
            assert [h.note for h in other.highlights(entry_id)] == [None]
        assert "sandbags" in reader.text.plain
        # ctrl+r twice: the note again, then the delete again.
        await pilot.press("ctrl+r")
        await _count(recorder, pilot, "Redone", 1)
        await pilot.press("ctrl+r")
        await _count(recorder, pilot, "Redone", 2)
        with Store.open(db_path) as other:
            assert other.highlights(entry_id) == []
        # Undo everything this session did (the store's history includes the two
        # annotations made before the app started), then once more: nothing left to undo.
        for _ in range(5):
            await pilot.press("u")
        await _count(recorder, pilot, "Nothing to undo.", 1)
        with Store.open(db_path) as other:
            assert other.highlights(entry_id) == []
            assert other.notes(entry_id) == []


async def test_cursor_stays_on_the_body_when_tags_arrive(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    # The tags line above the body appears once the annotations are read: the cursor,
    # placed at the body's start before that, must still be there.
    entry_id = next(storm.entries()).id
    storm.add_tags(entry_id, ["verify", "a-rather-long-tag-name"])
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.annotated is not None and main.annotated.tags, "tags")
        await pilot.press("tab", "right_curly_bracket", "v", "w", "1")
        await _count(recorder, pilot, "Highlighted", 1)
        assert committed(db_path, entry_id) == [("The", "yellow")]


async def test_highlight_keeps_its_words_when_tags_arrive_mid_selection(
    db_path: Path, storm: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    # Typed fast, `v w w 1` can straddle the moment the entry's annotations arrive: the tags
    # line they add above the body moves the selection, and the colour key must highlight
    # the words selected, not the offsets they had before.
    entry_id = next(storm.entries()).id
    app = make_app(storm)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("v", "w", "w")
        assert _selected(main) == "Harbour wall "
        before = main.reader.document.body_start
        storm.add_tags(entry_id, ["verify", "a-rather-long-tag-name"])
        # The read lands and the colour key follows before any frame is drawn (a frame
        # would rebuild the document, and so hide the fault): the key's action, at once.
        main.annotated = storm.annotated_entry(entry_id)
        assert main.reader.annotated is main.annotated
        main.reader.action_highlight(None)
        await _count(recorder, pilot, "Highlighted in yellow", 1)
        assert main.reader.document.body_start > before  # the tags line did move the body
        assert committed(db_path, entry_id) == [("Harbour wall", "yellow")]
