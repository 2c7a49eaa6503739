"""Adding and removing live blogs in the installed binary, in a real terminal: the removal of
a blog holding annotations asks, and its JSON export is on disk before the blog is gone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from liveread.storage import Store
from liveread.tui import importing
from tests.conftest import SAMPLES
from tests.e2e.conftest import Terminal

pytestmark = pytest.mark.e2e

NOTE = "Turnout figure confirmed by the returning officer"
"""A note on the first count-night entry (invented, like the story)."""


@pytest.fixture
def annotated(app_env: dict[str, str]) -> Path:
    """The test database: count night (23 entries, a note on the first) and rail strike."""
    db = Path(app_env["LIVEREAD_DB"])
    with Store.open(db) as store:
        for name in ("count-night.txt", "rail-strike.txt"):
            importing.import_source(store, str(SAMPLES / name))
        first = next(store.entries(store.sources()[0].id))
        store.add_note(first.id, NOTE)
    return db


def test_remove_asks_exports_then_removes_and_add_reads_a_file(
    terminal: Terminal, annotated: Path, tmp_path: Path
) -> None:
    terminal.start()
    terminal.wait_for(" 1/23 ")
    terminal.send("D")
    terminal.wait_for("Remove this live blog")
    assert list(annotated.parent.glob("removed-*.json")) == []
    terminal.send("y")
    terminal.wait_for(" 1/12 ")  # the rail strike blog, all that is left
    (exported,) = annotated.parent.glob("removed-*.json")
    assert NOTE in json.dumps(json.loads(exported.read_text(encoding="utf-8")))
    with Store.open(annotated) as store:
        assert [s.entry_count for s in store.sources()] == [12]

    blog = tmp_path / "marathon.json"
    shutil.copy(SAMPLES / "tidewater-marathon.json", blog)
    terminal.send("+")
    terminal.wait_for("Add a live blog")
    terminal.send(str(blog), "Enter")
    terminal.wait_for("Added ")
    with Store.open(annotated) as store:
        assert [s.location for s in store.sources()][-1] == str(blog)
    terminal.send("q")
    assert terminal.wait_exit() == 0


def test_cli_remove_asks_on_the_terminal(terminal: Terminal, annotated: Path) -> None:
    terminal.start("remove", "1")
    terminal.wait_for("[y/N]")
    terminal.send("n", "Enter")
    assert terminal.wait_exit() == 2
    assert list(annotated.parent.glob("removed-*.json")) == []
    terminal.start("remove", "1")
    screen = terminal.wait_for("[y/N]")
    assert "1 note" in screen
    terminal.send("y", "Enter")
    assert terminal.wait_exit() == 0
    (exported,) = annotated.parent.glob("removed-*.json")
    assert NOTE in exported.read_text(encoding="utf-8")
    with Store.open(annotated) as store:
        assert [s.entry_count for s in store.sources()] == [12]


def test_liveread_sample_name_opens_the_bundled_sample(
    terminal: Terminal, app_env: dict[str, str]
) -> None:
    terminal.start("sample:rail-strike.txt")
    terminal.wait_for(" 1/12 ")
    with Store.open(Path(app_env["LIVEREAD_DB"])) as store:
        assert [s.location for s in store.sources()] == ["sample:rail-strike.txt"]
    terminal.send("r")
    terminal.wait_for("Reloaded 1 live blog")
    terminal.send("q")
    assert terminal.wait_exit() == 0
