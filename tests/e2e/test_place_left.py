"""The installed `liveread` in a real terminal: plain `liveread` opens the live blog you were
reading when you left, at the entry you left."""

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
    """The test database with two sample blogs: count night (23 entries), rail strike (12)."""
    db = Path(app_env["LIVEREAD_DB"])
    with Store.open(db) as store:
        for name in ("count-night.txt", "rail-strike.txt"):
            importing.import_source(store, str(SAMPLES / name))
    return db


def test_the_next_start_opens_the_blog_and_entry_left(
    terminal: Terminal, two_blogs: Path
) -> None:
    terminal.start()
    terminal.wait_for(" 1/23 ")
    terminal.send("b")
    terminal.wait_until(sources_have_keys, "the sources pane to take the keys")
    terminal.send("j", "Enter")
    terminal.wait_for(" 1/12 ")
    terminal.send("j", "j", "j")
    terminal.wait_for(" 4/12 ")
    terminal.send("q")
    assert terminal.wait_exit() == 0
    terminal.start()
    screen = terminal.wait_for(" 4/12 ")
    assert screen.splitlines()[0].strip().startswith("Rail strike day two")
