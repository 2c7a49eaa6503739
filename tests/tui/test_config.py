"""The config file: a keymap that moves keys, a broken file that only costs a notification."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.keys import KeysScreen
from tests.tui.conftest import Recorder, ready, screen_text, settle, wait_for


async def test_broken_config_file_names_the_line_and_uses_defaults(
    tmp_path: Path, samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "textual-light"\n[keymap]\nentries.next = \n', encoding="utf-8")
    app = make_app(samples, config=config)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        problems = [m for m in recorder.messages() if str(config) in m]
        assert len(problems) == 1, recorder.messages()
        assert "line 3" in problems[0]
        assert app.theme == "textual-dark"
        # Default keys still work.
        await pilot.press("j")
        await settle(pilot)
        assert main.position == 1


async def test_keymap_moves_a_key_and_the_keys_panel_shows_it(
    tmp_path: Path, samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'theme = "textual-light"\n[keymap]\n"entries.next" = "J,down"\n', encoding="utf-8"
    )
    app = make_app(samples, config=config)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert app.theme == "textual-light"
        assert not [m for m in recorder.messages() if "config" in m.lower()]
        await pilot.press("J")
        await settle(pilot)
        assert main.position == 1
        await pilot.press("j")
        await settle(pilot)
        assert main.position == 1  # j is no longer bound to it
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys panel")
        await settle(pilot)
        line = next(ln for ln in screen_text(pilot).splitlines() if "Next entry" in ln)
        assert "J ↓" in line and "entries.next" in line
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main, "the keys panel to close")


async def test_unknown_binding_id_and_theme_are_reported(
    tmp_path: Path, samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "no-such-theme"\n[keymap]\n"entry.nxt" = "x"\n', encoding="utf-8")
    app = make_app(samples, config=config)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        text = "\n".join(recorder.messages())
        assert "entry.nxt" in text
        assert "no-such-theme" in text
        assert app.theme == "textual-dark"


async def test_a_keymap_clash_is_reported_once(
    tmp_path: Path, samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"entries.next" = "b"\n', encoding="utf-8")
    app = make_app(samples, config=config)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        clashes = [m for m in recorder.messages() if "one key to two actions" in m]
        assert len(clashes) == 1 and str(config) in clashes[0]
        assert "b: entries.next, panes.sources" in clashes[0]
        assert main.position in (0, 2)  # b did one of the two things, the app carried on
