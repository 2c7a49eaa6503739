"""SVG snapshots across live blogs: the sources pane with saved views and their counts, and
the results of a search of every blog with the searched words highlighted in the list and the
reader. Deterministic as `test_snapshots.py` (the samples, UTC, no read marking)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.main import MainScreen
from liveread.tui.screens.search_prompt import SearchPrompt
from liveread.tui.widgets.sources import SourceList
from tests.tui.conftest import main_screen, ready, settle, wait_for

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        '[views]\nverify = "tag:verify -tag:done"\n"to read" = "unread starred"\n',
        encoding="utf-8",
    )
    return config


async def _views(pilot: Pilot[None]) -> None:
    main = await ready(pilot)
    await pilot.press("b")
    pane = main.query_one(SourceList)
    await wait_for(pilot, lambda: all(v.counts is not None for v in pane.views), "the counts")
    await settle(pilot)


async def _every_blog(pilot: Pilot[None]) -> None:
    await ready(pilot)
    await pilot.press("g", "slash")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SearchPrompt), "the prompt")
    await pilot.press(*"harbour", "enter")
    main: MainScreen = main_screen(pilot)
    await wait_for(pilot, lambda: main.everywhere and main.entry is not None, "the results")
    await pilot.press("j")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_sources_pane_with_saved_views(
    snap_compare: Callable[..., bool],
    samples: Store,
    make_app: Callable[..., LivereadApp],
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    entries = list(samples.entries())
    samples.add_tags(entries[0].id, ["verify"])
    samples.add_tags(entries[-1].id, ["verify"])
    samples.set_starred(entries[3].id)
    app = make_app(samples, config=_config(tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=_views)


@pytest.mark.parametrize("size", SIZES)
def test_search_of_every_blog_with_the_words_highlighted(
    snap_compare: Callable[..., bool],
    samples: Store,
    make_app: Callable[..., LivereadApp],
    size: tuple[int, int],
) -> None:
    assert snap_compare(make_app(samples), terminal_size=size, run_before=_every_blog)
