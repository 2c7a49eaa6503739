"""Edits you can see: the diff's word marks (`d`), a highlight whose words changed shown in the
reader until `c` (or the palette) accepts it, and the list's mark and filter for entries
changed since they were read. Pilot tests on a real database file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual.command import CommandPalette

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.diff import DELETED_WORDS, INSERTED_WORDS, DiffScreen
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.entry_list import EntryList, row_markers
from tests.feedmaker import LOCATION, entry, feed
from tests.tui.conftest import ManualClock, Recorder, ready, screen_text, settle, wait_for

DRONES = "Air defence units shot down 17 out of 43 drones overnight, the governor said."
DRONES_LATER = "Air defence units shot down 19 out of 43 drones overnight, the governor said."
PORT = "Debris fell on a warehouse in the port district; nobody was hurt."
PORT_LATER = "Debris fell on two warehouses in the port district; nobody was hurt."
SHELTER = "The sports hall on Quay Street opens as a shelter at six."


def _blog(*bodies: str) -> list[int]:
    return [entry(f"e{i}", body, f"Update {i}", minutes=i) for i, body in enumerate(bodies)]


def _import(store: Store, *bodies: str) -> list[int]:
    """The blog with these bodies (newest first); the entry ids in page order."""
    source_id = store.import_feed(LOCATION, feed(*_blog(*bodies))).source_id
    return [e.id for e in store.entries(source_id)]


def _styled(text: Text, words: Style) -> list[str]:
    """The pieces of `text` in a word style (on its own or over a line's style)."""
    plain = text.plain
    return [
        plain[span.start : span.end]
        for span in text.spans
        if isinstance(span.style, Style) and span.style.bgcolor == words.bgcolor
    ]


async def test_the_diff_marks_the_changed_words_inside_a_paragraph(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    _import(store, f"{DRONES}\n\n{PORT}", SHELTER)
    _import(store, f"{DRONES_LATER}\n\n{PORT}", SHELTER)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DiffScreen), "the changes view")
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        shown = screen.text
        # Only the changed paragraph, as it was and as it is; the number alone is marked.
        assert f"- {DRONES}" in shown.plain and f"+ {DRONES_LATER}" in shown.plain
        assert PORT not in shown.plain
        assert _styled(shown, DELETED_WORDS) == ["17"]
        assert _styled(shown, INSERTED_WORDS) == ["19"]
        text = screen_text(pilot)
        assert "- Air defence units shot down 17 out of 43 drones" in text
        assert "+ Air defence units shot down 19 out of 43 drones" in text


async def test_the_reader_shows_changed_words_until_c_accepts_them(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    ids = _import(store, DRONES, SHELTER)
    made = store.add_highlight_quote(ids[0], "17 out of 43 drones", "pink")
    _import(store, DRONES_LATER, SHELTER)
    app = make_app(store)
    line = "words changed: first highlighted as ‘17 out of 43 drones’"
    async with app.run_test(size=(120, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        reader = main.reader
        await wait_for(pilot, lambda: line in reader.text.plain, "the changed-words line")
        assert "“19 out of 43 drones” — " + line in reader.text.plain
        # The cursor on the highlight in the body, then c.
        reader.focus()
        await pilot.pause()
        reader._move_to(reader.text.plain.index("19 out of"))
        await pilot.pause()
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: (
                "Accepted the new words “19 out of 43 drones” (u undoes)." in recorder.messages()
            ),
            "the accept notification",
        )
        # Committed before it was confirmed: another connection sees it.
        with Store.open(db_path) as other:
            accepted = other.highlight(made.id)
        assert (accepted.exact, accepted.original) == ("19 out of 43 drones", None)
        await wait_for(pilot, lambda: line not in reader.text.plain, "the line gone")
        # u brings the first words back, and the line with them.
        await pilot.press("u")
        await wait_for(pilot, lambda: line in reader.text.plain, "the line back")
        with Store.open(db_path) as other:
            assert other.highlight(made.id).original == "17 out of 43 drones"
        # The palette's "Accept changed words" does it too (the entry's only changed one).
        main.entry_list.focus()
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"accept changed")
        await wait_for(
            pilot, lambda: "Accept changed words" in screen_text(pilot), "the palette's hit"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: line not in reader.text.plain, "accepted from the palette")
        with Store.open(db_path) as other:
            assert other.highlight(made.id).original is None


async def test_c_with_two_changed_highlights_asks_for_the_cursor(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    ids = _import(store, f"{DRONES}\n\n{PORT}")
    first = store.add_highlight_quote(ids[0], "17 out of 43 drones")
    second = store.add_highlight_quote(ids[0], "on a warehouse in the port")
    _import(store, f"{DRONES_LATER}\n\n{PORT_LATER}")
    assert store.highlight(second.id).original is not None
    app = make_app(store)
    async with app.run_test(size=(120, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        reader = main.reader
        await wait_for(
            pilot, lambda: "Highlights whose words changed" in reader.text.plain, "the section"
        )
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: any("put the reader's cursor on the one" in m for m in recorder.messages()),
            "the question of which",
        )
        with Store.open(db_path) as other:
            assert other.highlight(first.id).original is not None
        # The cursor on the second one's line under the body.
        reader.focus()
        await pilot.pause()
        section = reader.text.plain.index("Highlights whose words changed")
        reader._move_to(reader.text.plain.index("first highlighted as ‘on a", section))
        await pilot.pause()
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: any(m.startswith("Accepted the new words") for m in recorder.messages()),
            "the accept notification",
        )
        with Store.open(db_path) as other:
            assert other.highlight(second.id).original is None
            assert other.highlight(first.id).original == "17 out of 43 drones"


async def test_the_list_marks_entries_changed_since_read_and_the_filter_keeps_them(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    ids = _import(store, DRONES, PORT, SHELTER)
    store.set_read(ids[0])
    store.set_read(ids[1])
    _import(store, DRONES_LATER, PORT, SHELTER.replace("six", "seven"))
    clock = ManualClock()
    app = make_app(store, read_delay=0.3, clock=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        rows = [entry_list.entry_at(i) for i in range(3)]
        assert [r is not None and r.changed_since_read for r in rows] == [True, False, False]
        first = rows[0]
        assert first is not None
        assert ("changed", "entry-list--changed") in row_markers(first)
        assert "changed" in screen_text(pilot).splitlines()[2]
        # The filter keeps only it.
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the filter prompt")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.input.value = "changed-since-read"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.filter_query == "changed-since-read", "the filter")
        await wait_for(pilot, lambda: entry_list.count == 1, "one entry kept")
        kept = entry_list.entry_at(0)
        assert kept is not None and kept.id == ids[0]
        # Reading it again (the read delay on the selected entry) takes the mark away.
        clock.advance(0.3)
        await wait_for(
            pilot,
            lambda: main.entry is not None and not main.entry.changed_since_read,
            "the entry read again",
        )
        with Store.open(db_path) as other:
            assert not other.entry(ids[0]).changed_since_read
        row = entry_list.entry_at(0)
        assert row is not None and ("changed", "entry-list--changed") not in row_markers(row)
        await settle(pilot)


HOSTILE_OLD = (
    "Police said [bold red]17[/] people\x1b[31m were moved [link=https://x.invalid]out[/link]."
)
HOSTILE_NEW = "Police said [bold red]19[/] people\x1b]8;;https://x.invalid\x07 were moved out."


async def test_hostile_words_in_the_diff_and_the_changed_line_stay_text(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    ids = _import(store, HOSTILE_OLD)
    made = store.add_highlight_quote(ids[0], "[bold red]17[/] people")
    _import(store, HOSTILE_NEW)
    assert store.highlight(made.id).original is not None
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        reader = main.reader
        line = "words changed: first highlighted as ‘[bold red]17[/] people’"
        await wait_for(pilot, lambda: line in reader.text.plain, "the changed-words line")
        assert "\x1b" not in reader.text.plain and "\x07" not in reader.text.plain
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DiffScreen), "the changes view")
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        shown = screen.text.plain
        assert "[bold red]17[/]" in shown and "[bold red]19[/]" in shown
        assert "[link=https://x.invalid]out[/link]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "[bold red]17[/]" in screen_text(pilot)
