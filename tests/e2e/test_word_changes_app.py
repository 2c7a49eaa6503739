"""The installed `liveread` in a real terminal: an entry changed since it was read is marked
in the list, a highlight whose words changed says so in the reader until `c` accepts it, and
`d` shows the changed paragraph as it was and as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread.storage import Store
from tests.e2e.conftest import Terminal
from tests.feedmaker import LOCATION, entry, feed

pytestmark = pytest.mark.e2e

BEFORE = "Air defence units shot down 17 out of 43 drones overnight, the governor said."
AFTER = "Air defence units shot down 19 out of 43 drones overnight, the governor said."
OTHER = "The sports hall on Quay Street opens as a shelter at six."


@pytest.fixture
def edited(app_env: dict[str, str]) -> tuple[Path, int]:
    """A blog whose top entry was highlighted and the one below it read, both then edited:
    (database, highlight). The read one is not the entry selected at the start, so nothing
    reads it again while the test looks at its mark."""
    db = Path(app_env["LIVEREAD_DB"])
    with Store.open(db) as store:
        blog = feed(entry("e0", BEFORE, "Drones overnight", 0), entry("e1", OTHER, "Shelter", 5))
        source_id = store.import_feed(LOCATION, blog).source_id
        top, below = (e.id for e in store.entries(source_id))
        made = store.add_highlight_quote(top, "17 out of 43 drones", "pink")
        store.set_read(below)
        later = feed(
            entry("e0", AFTER, "Drones overnight", 0),
            entry("e1", OTHER.replace("six", "seven"), "Shelter", 5),
        )
        store.import_feed(LOCATION, later)
    return db, made.id


def test_changed_words_are_shown_and_accepted(terminal: Terminal, edited: tuple[Path, int]) -> None:
    db, highlight_id = edited
    terminal.start()
    terminal.wait_for("Highlights whose words changed")
    terminal.wait_for("words changed: first highlighted as")  # the reader wraps the rest
    terminal.wait_for("‘17 out of 43 drones’")
    # The list's mark, after the edit count, on the row of the entry read before the edit.
    terminal.wait_until(
        lambda s: any("Shelter" in line and "✎1 changed" in line for line in s.splitlines()),
        "the list's 'changed' mark on the entry read before its edit",
    )
    terminal.send("d")
    terminal.wait_for("- Air defence units shot down 17 out of 43 drones")
    terminal.wait_for("+ Air defence units shot down 19 out of 43 drones")
    terminal.send("Escape")
    terminal.wait_gone("+ Air defence units")
    terminal.send("c")
    terminal.wait_for("Accepted the new words")
    terminal.wait_gone("Highlights whose words changed")
    with Store.open(db) as store:
        accepted = store.highlight(highlight_id)
    assert (accepted.exact, accepted.original) == ("19 out of 43 drones", None)
    terminal.send("q")
    assert terminal.wait_exit() == 0
