"""`e` and `E` in the app: the export dialog, annotated-only by default, all entries, what the
filter shows, asking before replacing a file the user changed, and an unwritable directory
reported in one notification. Real files on disk, the real store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from liveread.export.files import safe_filename
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.export import ExportScreen
from tests.tui.conftest import Recorder, main_screen, ready, settle, wait_for


def config_for(tmp_path: Path, export_dir: Path) -> Path:
    """A config file naming the export directory."""
    config = tmp_path / "config.toml"
    config.write_text(f"export_dir = {str(export_dir)!r}\n", encoding="utf-8")
    return config


async def open_dialog(pilot: Pilot[None]) -> ExportScreen:
    """Press e and wait for the export dialog."""
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen), "the dialog")
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def headings(path: Path) -> list[str]:
    """The entry headings of an exported note."""
    return [line[3:] for line in path.read_text(encoding="utf-8").splitlines() if line[:3] == "## "]


def notes_titled(recorder: Recorder, title: str) -> list[str]:
    return [n.notification.message for n in recorder.notes if n.notification.title == title]


async def test_e_exports_the_annotated_entries_by_default(
    samples: Store, tmp_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    exports = tmp_path / "exports"
    app = make_app(samples, config=config_for(tmp_path, exports))
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None
        source = main.source
        entries = list(samples.entries(source.id))
        samples.add_tags(entries[2].id, ["fact check"])
        samples.set_starred(entries[5].id)
        dialog = await open_dialog(pilot)
        expected = safe_filename(source.title, exports, owner=source.location)
        assert dialog.query_one(Input).value == str(expected)
        assert dialog.annotated_only
        await pilot.press("enter")
        await wait_for(pilot, lambda: expected.exists(), "the file")
        await settle(pilot)
        assert headings(expected) == [entries[2].title, entries[5].title]
        assert "#fact-check" in expected.read_text(encoding="utf-8")
        assert notes_titled(recorder, "Export") == [f"Exported 2 entries to {expected}"]
        assert not isinstance(app.screen, ExportScreen)


async def test_all_entries_and_what_the_filter_shows(
    samples: Store, tmp_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    exports = tmp_path / "exports"
    app = make_app(samples, config=config_for(tmp_path, exports))
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None
        count = main.source.entry_count
        await open_dialog(pilot)
        await pilot.click("#export-everything")
        await pilot.click("#export-go")
        path = safe_filename(main.source.title, exports, owner=main.source.location)
        await wait_for(pilot, lambda: path.exists(), "the file")
        assert len(headings(path)) == count
        # With a filter on, what it shows (and nothing else) goes out, to a file of its own.
        main.filter_query = "vote"
        kept = samples.filter_entries(main.source.id, "vote", 0, 1000)
        assert 0 < len(kept) < count
        dialog = await open_dialog(pilot)
        assert f"{len(kept)} entries" in str(dialog.what) and "vote" in str(dialog.what)
        filtered = tmp_path / "filtered.md"
        dialog.query_one(Input).value = str(filtered)
        await pilot.click("#export-everything")
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: filtered.exists(), "the filtered file")
        assert headings(filtered) == [e.title for e in kept]
        # Nothing annotated among them: said so, no file.
        dialog = await open_dialog(pilot)
        empty = tmp_path / "empty.md"
        dialog.query_one(Input).value = str(empty)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Nothing" in m for m in recorder.messages()), "a word")
        assert not empty.exists()


async def test_an_edited_file_is_added_to_and_a_foreign_one_asked_about(
    samples: Store, tmp_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    exports = tmp_path / "exports"
    app = make_app(samples, config=config_for(tmp_path, exports))
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None
        first = next(iter(samples.entries(main.source.id)))
        samples.set_pinned(first.id)
        await open_dialog(pilot)
        await pilot.press("enter")
        path = safe_filename(main.source.title, exports, owner=main.source.location)
        await wait_for(pilot, lambda: path.exists(), "the first export")
        edited = path.read_text(encoding="utf-8") + "\nMy own conclusion.\n"
        path.write_text(edited, encoding="utf-8")

        # Nothing new: the user's file is left exactly as it is, and no question is asked.
        await open_dialog(pilot)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any("Nothing new" in m for m in recorder.messages()), "the word"
        )
        assert path.read_text(encoding="utf-8") == edited

        # A new note goes into liveread's section at the end; the user's text stays.
        samples.add_note(first.id, "A note written after the export.")
        await open_dialog(pilot)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "liveread:added:end" in path.read_text(encoding="utf-8"), "added"
        )
        text = path.read_text(encoding="utf-8")
        assert text.startswith(edited)
        assert text.count("A note written after the export.") == 1

        # A file liveread did not write, typed in by the user: asked about too.
        foreign = tmp_path / "mine.md"
        foreign.write_text("# My notes\n", encoding="utf-8")
        dialog = await open_dialog(pilot)
        dialog.query_one(Input).value = str(foreign)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "not written by liveread" in str(app.screen.question)
        await pilot.press("escape")
        await settle(pilot)
        assert foreign.read_text(encoding="utf-8") == "# My notes\n"
        assert main_screen(pilot) is app.screen


async def test_an_unwritable_directory_is_one_notification(
    samples: Store, tmp_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the export directory should be", encoding="utf-8")
    exports = blocker / "exports"
    app = make_app(samples, config=config_for(tmp_path, exports))
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None
        samples.set_starred(next(iter(samples.entries(main.source.id))).id)
        await open_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: notes_titled(recorder, "Could not export"), "the error")
        (message,) = notes_titled(recorder, "Could not export")
        assert message.startswith(str(exports)) and "\n" not in message
        await pilot.press("E")
        await wait_for(pilot, lambda: len(notes_titled(recorder, "Could not export")) == 2, "E")
        assert notes_titled(recorder, "Could not export")[1].startswith(str(exports))
        assert app.is_running and not blocker.is_dir()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


async def test_E_exports_every_annotated_live_blog(
    samples: Store, tmp_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    exports = tmp_path / "exports"
    sources = samples.sources()
    for source in sources[:2]:
        samples.add_tags(next(iter(samples.entries(source.id))).id, ["key"])
    app = make_app(samples, config=config_for(tmp_path, exports))
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.press("E")
        await wait_for(pilot, lambda: notes_titled(recorder, "Export"), "the summary")
        assert notes_titled(recorder, "Export") == [f"Exported 2 live blogs to {exports}"]
        files = sorted(exports.iterdir())
        assert files == sorted(
            safe_filename(s.title, exports, owner=s.location) for s in sources[:2]
        )
        # One of them edited by the user: E adds to it (nothing new here) and asks nothing.
        path = safe_filename(sources[0].title, exports, owner=sources[0].location)
        edited = path.read_text(encoding="utf-8") + "\nedited\n"
        path.write_text(edited, encoding="utf-8")
        await pilot.press("E")
        await wait_for(pilot, lambda: len(notes_titled(recorder, "Export")) == 2, "the summary")
        assert notes_titled(recorder, "Export")[1] == f"Exported 2 live blogs to {exports}"
        assert not isinstance(app.screen, ConfirmScreen)
        assert path.read_text(encoding="utf-8") == edited


async def test_the_dialog_works_from_the_keyboard(
    samples: Store, tmp_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    exports = tmp_path / "exports"
    app = make_app(samples, config=config_for(tmp_path, exports))
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None
        # Nothing annotated anywhere: E says so, and which key exports every entry.
        await pilot.press("E")
        await wait_for(pilot, lambda: notes_titled(recorder, "Export"), "the word")
        assert "no live blog has annotated entries (e exports" in recorder.messages()[-1]
        assert not exports.exists() or not list(exports.iterdir())
        # tab to the choice, down to "All entries", enter chooses it, enter exports.
        dialog = await open_dialog(pilot)
        await pilot.press("tab", "down", "enter")
        assert not dialog.annotated_only
        await pilot.press("enter")
        path = safe_filename(main.source.title, exports, owner=main.source.location)
        await wait_for(pilot, lambda: path.exists(), "the file")
        assert len(headings(path)) == main.source.entry_count
        # escape closes the dialog and writes nothing.
        dialog = await open_dialog(pilot)
        dialog.query_one(Input).value = str(tmp_path / "never.md")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert not (tmp_path / "never.md").exists()
