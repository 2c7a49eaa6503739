"""SVG snapshots of the key screens (pytest-textual-snapshot), at two terminal sizes.

Deterministic: the bundled samples, times in UTC, no automatic read marking, no clock on
screen, and nothing that blinks. Update them with `pytest --snapshot-update` after a change
to the layout, and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.keys import KeysScreen
from tests.tui.conftest import ready, settle, wait_for

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


async def _main(pilot: Pilot[None]) -> None:
    await ready(pilot)
    await pilot.press("j", "j")
    await settle(pilot)


async def _sources(pilot: Pilot[None]) -> None:
    await ready(pilot)
    await pilot.press("b", "j")
    await settle(pilot)


async def _keys(pilot: Pilot[None]) -> None:
    await ready(pilot)
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, KeysScreen), "the keys panel")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(
    snap_compare: Callable[..., bool],
    samples: Store,
    make_app: Callable[..., LivereadApp],
    size: tuple[int, int],
) -> None:
    assert snap_compare(make_app(samples), terminal_size=size, run_before=_main)


@pytest.mark.parametrize("size", SIZES)
def test_sources_pane(
    snap_compare: Callable[..., bool],
    samples: Store,
    make_app: Callable[..., LivereadApp],
    size: tuple[int, int],
) -> None:
    assert snap_compare(make_app(samples), terminal_size=size, run_before=_sources)


@pytest.mark.parametrize("size", SIZES)
def test_keys_panel(
    snap_compare: Callable[..., bool],
    samples: Store,
    make_app: Callable[..., LivereadApp],
    size: tuple[int, int],
) -> None:
    assert snap_compare(make_app(samples), terminal_size=size, run_before=_keys)
