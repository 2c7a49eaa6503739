"""The command palette: every action is there, and "Go to source …"."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import CommandList, CommandPalette

from liveread.storage import Store
from liveread.tui import actions
from liveread.tui.app import LivereadApp
from tests.tui.conftest import ready, screen_text, settle, wait_for


async def test_palette_lists_every_action(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 60)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        # The palette gathers its hits as its providers yield them: wait for all of them.
        expected = [
            f"Go to source: {source.title}"
            for source in app.screen_stack[-2].sources  # the main screen under the palette
        ] + [
            action.description
            for action in actions.ACTIONS
            if action.palette and action.scope in ("main", "app")
        ]

        def hits() -> str:
            listed = app.screen.query_one(CommandList)
            return "\n".join(
                str(getattr(listed.get_option_at_index(i).prompt, "plain", ""))
                for i in range(listed.option_count)
            )

        await wait_for(
            pilot,
            lambda: all(want in hits() for want in expected),
            f"every one of these in the hits: {expected}",
        )


async def test_palette_runs_an_action(samples: Store, make_app: Callable[..., LivereadApp]) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"last entry")
        await wait_for(pilot, lambda: "Last entry" in screen_text(pilot), "the Last entry hit")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is main, "the palette to close")
        count = main.source.entry_count if main.source else 0
        await wait_for(pilot, lambda: main.position == count - 1, "the last entry selected")


async def test_palette_goes_to_a_source(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        target = next(s for s in main.sources if s.title.startswith("Rail strike"))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"go rail strike")
        await wait_for(
            pilot, lambda: "Go to source: Rail strike" in screen_text(pilot), "the source hit"
        )
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: main.entry is not None and main.entry.source_id == target.id,
            "the rail strike blog to be shown",
        )
        await settle(pilot)
        assert screen_text(pilot).splitlines()[0].strip().startswith("Rail strike day two")
