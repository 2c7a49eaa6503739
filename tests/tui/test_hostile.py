"""Content is data: markup, action links and escape sequences in a live blog are shown as the
characters they are, clicking them does nothing, and no notification reads them as markup."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import CommandPalette

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.main import MainScreen
from tests.tui.conftest import HOSTILE_HEADLINE, Recorder, ready, screen_text, settle, wait_for


def find(text: str, needle: str) -> tuple[int, int]:
    """(x, y) of the first place `needle` is on the screen."""
    for y, line in enumerate(text.splitlines()):
        x = line.find(needle)
        if x >= 0:
            return x, y
    raise AssertionError(f"{needle!r} is not on the screen:\n{text}")


async def test_markup_and_escapes_are_shown_literally(
    hostile: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        text = screen_text(pilot)
        header = text.splitlines()[0]
        assert "[bold]Blog[/] [@click=app.quit]quit[/] title" in header
        # The headline in the list row and in the reader.
        assert text.count(HOSTILE_HEADLINE) == 2
        assert "[link=https://evil.invalid]Mallory[/link]" in text
        assert "First [red]paragraph[/red]" in text
        assert "Second [@click=app.quit]click me[/] paragraph" in text
        # Escape sequences are gone, payload and all.
        assert "pwned" not in text
        assert "cHduZWQ" not in text
        assert "\x1b" not in text and "\x9b" not in text
        # The entry with no headline shows its first words, literally.
        assert "[b]No headline[/b] here at all" in text


async def test_clicking_hostile_text_does_nothing(
    hostile: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        for needle in ("[@click=app.quit]y[/]", "[@click=app.quit]click me[/]", "quit[/]"):
            text = screen_text(pilot)
            x, y = find(text, needle)
            target = x + len("[@click=app.quit]")
            assert "@click" not in app.screen.get_style_at(target, y).meta
            await pilot.click(offset=(target, y))
            await settle(pilot)
            assert app.is_running
            assert isinstance(app.screen, MainScreen) and app.screen is main
            assert app.return_code is None


async def test_palette_shows_a_hostile_title_literally(
    hostile: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"go to source")
        await wait_for(pilot, lambda: "Go to source:" in screen_text(pilot), "the source hit")
        line = next(ln for ln in screen_text(pilot).splitlines() if "Go to source:" in ln)
        assert "Go to source: [bold]Blog[/] [@click=app.quit]quit[/] title" in line
        assert "pwned" not in line
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main, "the palette to close")


async def test_links_are_shown_before_opening_and_only_http(
    hostile: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        # Entry 1: an https link, shown in a dialog first; "n" keeps it closed.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the dialog")
        assert "https://example.invalid/entry/1" in screen_text(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is main, "the dialog to close")
        await settle(pilot)
        assert recorder.opened == []
        # "y" opens it.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the dialog")
        await pilot.press("y")
        await wait_for(pilot, lambda: recorder.opened, "the browser to be asked")
        assert recorder.opened == ["https://example.invalid/entry/1"]
        # Entry 2: a javascript: link is refused with a notification; no dialog.
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.screen is main
        assert any("javascript:alert(1)" in m for m in recorder.messages())
        # Entry 3: no link at all.
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert "This entry has no links." in recorder.messages()
        assert recorder.opened == ["https://example.invalid/entry/1"]
        # No notification was ever read as markup.
        assert recorder.notes and all(not n.notification.markup for n in recorder.notes)


async def test_a_source_that_cannot_be_read_ends_the_app_with_its_error(
    tmp_path, store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    bad = tmp_path / "not-a-blog.txt"
    bad.write_text("just some words\n", encoding="utf-8")
    app = make_app(store, str(bad))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.failure is not None, "the import to fail")
    assert app.failure is not None and str(bad) in str(app.failure)
    assert app.return_code == 2
    assert store.is_empty()
