"""The place you left and the theme you chose: plain `liveread` opens the live blog you were
reading at the entry you left, and the theme chosen in the palette is there at the next start
(both kept in the database's app_state table) until the config's `theme` changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from liveread.storage import Store
from liveread.storage.app_state import THEME
from liveread.tui.app import LivereadApp
from liveread.tui.kept_theme import KeptTheme, decode, theme_to_use
from liveread.tui.listings import open_view
from tests.tui.conftest import feed_of, ready, settle, wait_for


def three_blogs(store: Store) -> list[int]:
    for name in ("One", "Two", "Three"):
        store.import_feed(f"/blogs/{name.lower()}", feed_of(name, 6, prefix=name))
    return [source.id for source in store.sources()]


async def test_plain_start_opens_the_blog_and_entry_left(
    store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    ids = three_blogs(store)
    assert store.last_source() is None
    first = make_app(store)
    async with first.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        assert main.source is not None and main.source.id == ids[0]
        await pilot.press("b", "j", "j", "enter")
        await wait_for(
            pilot, lambda: main.source is not None and main.source.id == ids[2], "blog three"
        )
        await settle(pilot)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        left = main.entry
        assert left is not None and left.headline == "Three 4"
        await pilot.press("q")
        await settle(pilot)
    assert store.last_source() == ids[2]
    # The next plain start, as the app starts it and as `liveread` reads it before the app.
    again = make_app(store)
    async with again.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        assert main.source is not None and main.source.id == ids[2]
        assert main.entry is not None and main.entry.id == left.id
    view = open_view(store, store.last_source())
    assert view.source is not None and view.source.id == ids[2]
    assert view.listing is not None and view.listing.cursor == 3


def test_a_blog_kept_as_last_that_is_gone_opens_the_first(store: Store) -> None:
    ids = three_blogs(store)
    store.set_last_source(max(ids) + 10)
    view = open_view(store, store.last_source())
    assert view.source is not None and view.source.id == ids[0]


async def test_the_palettes_theme_is_kept_until_the_config_changes(
    store: Store, make_app: Callable[..., LivereadApp], tmp_path: Path
) -> None:
    three_blogs(store)
    config = tmp_path / "config.toml"
    config.write_text('theme = "textual-dark"\n', encoding="utf-8")
    first = make_app(store, config=config)
    async with first.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert first.theme == "textual-dark"
        assert store.app_state(THEME) is None, "the start's own theme is not a choice"
        first.theme = "nord"  # what the palette's "Change theme" does
        await wait_for(pilot, lambda: store.app_state(THEME) is not None, "the theme kept")
    assert decode(store.app_state(THEME)) == KeptTheme("nord", "textual-dark")
    again = make_app(store, config=config)
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert again.theme == "nord"
    # The user edits the config afterwards: the newer decision wins.
    config.write_text('theme = "gruvbox"\n', encoding="utf-8")
    edited = make_app(store, config=config)
    async with edited.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert edited.theme == "gruvbox"


def test_which_theme_to_start_with() -> None:
    assert theme_to_use("textual-dark", None) == "textual-dark"
    assert theme_to_use("textual-dark", KeptTheme("nord", "textual-dark")) == "nord"
    assert theme_to_use("gruvbox", KeptTheme("nord", "textual-dark")) == "gruvbox"
    assert decode(KeptTheme("nord", "x").encode()) == KeptTheme("nord", "x")
    for junk in (None, "", "[1]", '{"chosen": 3, "over": "x"}', "{"):
        assert decode(junk) is None


def test_app_state_is_kept_across_opening_the_database_again(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with Store.open(path) as store:
        store.set_app_state("theme", "one")
        store.set_app_state("theme", "two")
        store.set_last_source(7)
    with Store.open(path) as store:
        assert store.app_state("theme") == "two"
        assert store.last_source() == 7
        assert store.app_state("nothing") is None
