"""Toasts never cover a dialog that waits for an answer: on a modal screen they take their
rows from the space the dialog is centred in (80x24, several toasts at once)."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Region
from textual.widgets._toast import Toast

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.prompt import PromptScreen
from tests.tui.conftest import ready, wait_for
from tests.tui.test_app_keys import permalink_only_feed


def visible_toasts(app: LivereadApp) -> list[Region]:
    """Where the toasts of the current screen are drawn (clipped to the screen)."""
    screen = app.screen.region
    return [
        toast.region.intersection(screen)
        for toast in app.screen.query(Toast)
        if toast.region.intersection(screen).area
    ]


async def test_toasts_keep_clear_of_a_waiting_dialog(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/ferry.rss", permalink_only_feed())
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        main = await ready(pilot)
        for key, dialog, box in (("o", ConfirmScreen, "#confirm-box"), ("t", PromptScreen,
                                                                         "#prompt-box")):
            await pilot.press(key)
            await wait_for(pilot, lambda d=dialog: isinstance(app.screen, d), f"the {key} dialog")
            for n in range(3):
                app.notify(f"Poll {n}: three new entries in a live blog with a long name",
                           timeout=60, markup=False)
            await wait_for(pilot, lambda: len(visible_toasts(app)) >= 2, "the toasts")
            shown = app.screen.query_one(box).region
            assert shown.height >= 5
            for toast in visible_toasts(app):
                assert not toast.overlaps(shown), (key, toast, shown)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is main, "the dialog to close")
            app.clear_notifications()
