"""Accepting a highlight's changed words (`Store.accept_highlight_words`): the current words
become its quote, the first ones are let go, in one undoable step; on a real database file."""

from __future__ import annotations

import pytest

from liveread.kernel.errors import InputError, NotFoundError
from liveread.services import undoing
from liveread.storage import Store
from tests.feedmaker import LOCATION, entry, feed

BEFORE = "Air defence units shot down 17 out of 43 drones overnight, the governor said."
AFTER = "Air defence units shot down 19 out of 43 drones overnight, the governor said."


def _changed_highlight(store: Store) -> tuple[int, int]:
    """An entry highlighted on `17 out of 43 drones`, then edited to 19: (entry, highlight)."""
    source_id = store.import_feed(LOCATION, feed(entry("e0", BEFORE, minutes=0))).source_id
    entry_id = next(iter(store.entries(source_id))).id
    made = store.add_highlight_quote(entry_id, "17 out of 43 drones", "pink", note="check")
    store.import_feed(LOCATION, feed(entry("e0", AFTER, minutes=0)))
    return entry_id, made.id


def test_an_edit_leaves_the_first_words_in_original(store: Store) -> None:
    _, highlight_id = _changed_highlight(store)
    highlight = store.highlight(highlight_id)
    assert highlight.exact == "19 out of 43 drones"
    assert highlight.original == "17 out of 43 drones"


def test_accepting_takes_the_current_words_and_undo_brings_the_first_back(store: Store) -> None:
    entry_id, highlight_id = _changed_highlight(store)
    accepted = store.accept_highlight_words(highlight_id)
    assert (accepted.exact, accepted.original) == ("19 out of 43 drones", None)
    assert (accepted.color, accepted.note, accepted.status) == ("pink", "check", "anchored")
    # Committed: another connection sees it.
    with Store.open(store.path) as other:
        assert other.highlight(highlight_id).original is None
    assert store.undo_step is not None and store.undo_step.entry_id == entry_id
    assert undoing.undo(store) == (
        "marked the highlight's words changed again (first highlighted as “17 out of 43 drones”)"
    )
    back = store.highlight(highlight_id)
    assert (back.exact, back.original) == ("19 out of 43 drones", "17 out of 43 drones")
    assert undoing.redo(store) == "accepted the new words “19 out of 43 drones”"
    assert store.highlight(highlight_id).original is None


def test_accepting_unchanged_words_records_nothing(store: Store) -> None:
    source_id = store.import_feed(LOCATION, feed(entry("e0", BEFORE, minutes=0))).source_id
    entry_id = next(iter(store.entries(source_id))).id
    made = store.add_highlight_quote(entry_id, "43 drones")
    steps = len(store.journal.undo_stack)
    assert store.accept_highlight_words(made.id) == made
    assert len(store.journal.undo_stack) == steps


def test_an_orphan_or_a_missing_highlight_is_refused(store: Store) -> None:
    source_id = store.import_feed(LOCATION, feed(entry("e0", BEFORE, minutes=0))).source_id
    entry_id = next(iter(store.entries(source_id))).id
    made = store.add_highlight_quote(entry_id, "the governor said")
    store.import_feed(LOCATION, feed(entry("e0", "Nothing left of that sentence here.", minutes=0)))
    assert store.highlight(made.id).orphaned
    with pytest.raises(InputError, match="nothing to accept"):
        store.accept_highlight_words(made.id)
    with pytest.raises(NotFoundError):
        store.accept_highlight_words(made.id + 100)


def test_the_notebook_shows_it_changed_until_it_is_accepted(store: Store) -> None:
    from liveread.kernel.notebook import (
        ItemStatus,
        NotebookItem,
        filter_items,
        parse_notebook_filter,
    )

    _, highlight_id = _changed_highlight(store)

    def item() -> NotebookItem:
        return next(i for i in store.notebook() if i.kind == "highlight" and i.id == highlight_id)

    changed = parse_notebook_filter("status:changed")
    assert (item().status, item().original) == (ItemStatus.CHANGED, "17 out of 43 drones")
    assert [i.id for i in filter_items(store.notebook(), changed)] == [highlight_id]
    store.accept_highlight_words(highlight_id)
    assert (item().status, item().original, item().quote) == (
        ItemStatus.ANCHORED,
        None,
        "19 out of 43 drones",
    )
    assert filter_items(store.notebook(), changed) == []
    store.undo()
    assert item().status is ItemStatus.CHANGED
