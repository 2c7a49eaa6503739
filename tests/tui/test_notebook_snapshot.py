"""SVG snapshots of the notebook: highlights and notes on the sample blogs, newest first, then
the same list filtered to one colour. Deterministic as `test_snapshots.py` (the samples, UTC,
no read marking), with fixed creation times."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.notebook import NotebookScreen
from tests.notebook_data import stamp
from tests.tui.conftest import ready, wait_for

COLORS = ("pink", "yellow", "blue", "green")
"""The colours of the four highlights, on the first four sample entries."""


def _annotate(samples: Store) -> None:
    """A highlight on the first words of each of four entries, a note on one, fixed times."""
    entries = list(samples.entries())
    samples.add_tags(entries[1].id, ["verify"])
    for minute, (entry, color) in enumerate(zip(entries, COLORS, strict=False)):
        words = entry.body.split()[:6]
        end = len(" ".join(words))
        made = samples.add_highlight(entry.id, 0, end, color, "Check this" if minute == 1 else None)
        stamp(samples, "highlights", made.id, minute)
    note = samples.add_note(entries[5].id, "Ask the press office about **this**")
    stamp(samples, "notes", note.id, 2)


SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


async def _notebook(pilot: Pilot[None], *filter_keys: str) -> None:
    await ready(pilot)
    await pilot.press("H")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, NotebookScreen), "the notebook")
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.query_one(OptionList).option_count > 0, "its rows")
    if filter_keys:
        await pilot.press("slash", *filter_keys, "enter")
        await wait_for(pilot, lambda: screen.query_one(OptionList).has_focus, "the list")
    # Not `settle`: the flow that opened the notebook runs until it closes.
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_the_notebook(
    snap_compare: Callable[..., bool],
    samples: Store,
    make_app: Callable[..., LivereadApp],
    size: tuple[int, int],
) -> None:
    _annotate(samples)
    assert snap_compare(make_app(samples), terminal_size=size, run_before=_notebook)


def test_the_notebook_filtered_to_pink(
    snap_compare: Callable[..., bool], samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    _annotate(samples)

    async def pink(pilot: Pilot[None]) -> None:
        await _notebook(pilot, *"color:pink")

    assert snap_compare(make_app(samples), terminal_size=(120, 40), run_before=pink)
