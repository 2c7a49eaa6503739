"""The installed `liveread` in a real terminal: saved views in the sources pane, and the
search of every live blog (`g` then `/`, and `tab` in the prompt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread.storage import Store
from liveread.tui import importing
from tests.conftest import SAMPLES
from tests.e2e.conftest import Terminal, sources_have_keys

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_blogs(app_env: dict[str, str]) -> Path:
    """Count night (23 entries, shown first) and rail strike (12), with a saved view."""
    db = Path(app_env["LIVEREAD_DB"])
    with Store.open(db) as store:
        for name in ("count-night.txt", "rail-strike.txt"):
            importing.import_source(store, str(SAMPLES / name))
        both = [e.id for e in store.search_everywhere("minister")]
        store.add_tags(both[0], ["verify"])
        store.add_tags(both[1], ["verify"])
        store.set_read(both[1])
    Path(app_env["LIVEREAD_CONFIG"]).write_text(
        '[views]\nverify = "tag:verify -tag:done"\n', encoding="utf-8"
    )
    return db


def test_a_saved_view_lists_entries_of_both_blogs(terminal: Terminal, two_blogs: Path) -> None:
    terminal.start()
    terminal.wait_for(" 1/23 ")
    terminal.send("b")
    terminal.wait_until(sources_have_keys, "the sources pane to take the keys")
    terminal.wait_for("▸ verify")
    terminal.wait_for("2 entries · 1 unread")
    terminal.send("Up", "Enter")
    terminal.wait_for("View: verify")
    # Each row starts with its blog's name (the list is narrow beside the pane: cut short).
    terminal.wait_until(
        lambda s: "Velmark Asse" in s and "Finance minist" in s
        and "Rail strike" in s and "Transport minist" in s,
        "both blogs' tagged entries",
    )
    terminal.wait_for(" 1/2 ")
    terminal.send("Escape")
    terminal.wait_gone("View: verify")
    # Back in the shown blog in full, on the entry that was selected in the view.
    terminal.wait_for(" 8/23 ")
    terminal.send("q")
    assert terminal.wait_exit() == 0


def test_g_slash_and_tab_search_every_blog(terminal: Terminal, two_blogs: Path) -> None:
    terminal.start()
    terminal.wait_for(" 1/23 ")
    terminal.send("g", "/")
    terminal.wait_for("Search every live blog")
    terminal.send("minister", "Enter")
    terminal.wait_for("Every blog: minister (2)")
    terminal.wait_until(
        lambda s: "Velmark Asse" in s and "Finance minist" in s
        and "Rail strike" in s and "Transport minist" in s,
        "a match from each blog",
    )
    # `/` again opens on every blog; tab goes back to the shown blog only.
    terminal.send("/")
    terminal.wait_for("Search every live blog")
    terminal.send("Tab")
    terminal.wait_for("Search this live blog")
    terminal.send("Enter")
    terminal.wait_for("Search: minister (1)")
    terminal.send("q")
    assert terminal.wait_exit() == 0
