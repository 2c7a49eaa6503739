"""Undo and redo of every annotation action, on a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread.services.undoing import redo, undo
from liveread.storage import Store
from tests.feedmaker import BODIES, LOCATION, storm


@pytest.fixture
def ids(store: Store) -> list[int]:
    """The storm blog imported; its entry ids in page order."""
    result = store.import_feed(LOCATION, storm())
    return [e.id for e in store.entries(result.source_id)]


def test_nothing_to_undo_or_redo(store: Store, ids: list[int]) -> None:
    assert not store.can_undo and not store.can_redo
    assert undo(store) is None and redo(store) is None
    assert store.undo_step is None and store.redo_step is None


def test_tag_actions_undo_and_redo(store: Store, ids: list[int]) -> None:
    store.add_tags(ids[0], ["key", "verify"])
    store.remove_tags(ids[0], ["key"])
    store.toggle_tag(ids[0], "disputed")
    assert store.undo_step is not None and store.undo_step.entry_id == ids[0]
    assert undo(store) == "untagged 'disputed'"
    assert undo(store) == "tagged 'key'"
    assert store.entry_tags(ids[0]) == ("key", "verify")
    assert undo(store) == "untagged 'key', 'verify'"
    assert store.entry_tags(ids[0]) == ()
    assert store.all_tags() == []
    assert redo(store) == "tagged 'key', 'verify'"
    assert redo(store) == "untagged 'key'"
    assert redo(store) == "tagged 'disputed'"
    assert redo(store) is None
    assert store.entry_tags(ids[0]) == ("disputed", "verify")


def test_no_op_actions_are_not_journalled(store: Store, ids: list[int]) -> None:
    store.add_tags(ids[0], ["key"])
    assert store.add_tags(ids[0], ["KEY"]) == ()
    assert store.remove_tags(ids[0], ["absent"]) == ()
    assert store.set_starred(ids[0], False) is False
    assert len(store.journal.undo_stack) == 1


def test_star_and_pin_undo(store: Store, ids: list[int]) -> None:
    store.set_starred(ids[1])
    store.set_pinned(ids[1])
    assert undo(store) == "unpinned"
    assert undo(store) == "unstarred"
    entry = store.entry(ids[1])
    assert not entry.starred and not entry.pinned
    assert redo(store) == "starred"
    assert store.entry(ids[1]).starred and not store.entry(ids[1]).pinned


def test_note_actions_undo_with_the_same_id(store: Store, ids: list[int]) -> None:
    note = store.add_note(ids[0], "first draft")
    store.update_note(note.id, "second draft")
    store.delete_note(note.id)
    assert store.notes(ids[0]) == []
    assert undo(store) == "restored the note"
    assert store.notes(ids[0])[0].id == note.id
    assert store.notes(ids[0])[0].text == "second draft"
    assert undo(store) == "restored the note"
    assert store.note(note.id).text == "first draft"
    assert undo(store) == "removed the note"
    assert store.notes(ids[0]) == []
    assert [e.id for e in store.search("draft")] == []
    assert redo(store) == "added a note"
    assert redo(store) == "changed a note"
    assert store.note(note.id).text == "second draft"
    assert [e.id for e in store.search("second draft")] == [ids[0]]


def test_highlight_actions_undo_with_the_same_id(store: Store, ids: list[int]) -> None:
    highlight = store.add_highlight_quote(ids[1], "600 metres", "yellow")
    store.set_highlight_color(highlight.id, "blue")
    store.set_highlight_note(highlight.id, "barrier length")
    store.delete_highlight(highlight.id)
    assert undo(store) == "restored the highlight “600 metres”"
    assert store.highlight(highlight.id).note == "barrier length"
    assert undo(store) == "restored its note"
    assert store.highlight(highlight.id).note is None
    assert undo(store) == "coloured the highlight yellow"
    assert store.highlight(highlight.id).color == "yellow"
    assert undo(store) == "removed the highlight “600 metres”"
    assert store.highlights(ids[1]) == []
    assert redo(store) == "highlighted “600 metres”"
    assert store.highlight(highlight.id).exact == "600 metres"


def test_a_new_action_clears_redo(store: Store, ids: list[int]) -> None:
    store.add_tags(ids[0], ["a"])
    undo(store)
    assert store.can_redo
    store.add_tags(ids[0], ["b"])
    assert not store.can_redo
    assert redo(store) is None


def test_undoing_a_colour_after_an_edit_keeps_the_new_offsets(store: Store, ids: list[int]) -> None:
    highlight = store.add_highlight_quote(ids[0], "02:40 tide", "yellow")
    store.set_highlight_color(highlight.id, "pink")
    store.import_feed(LOCATION, storm("Breaking: more rain.\n\n" + BODIES[0], *BODIES[1:]))
    moved = store.highlight(highlight.id)
    assert moved.start == highlight.start + len("Breaking: more rain.\n\n")
    undo(store)
    after = store.highlight(highlight.id)
    assert after.color == "yellow"
    assert (after.start, after.end, after.exact) == (moved.start, moved.end, moved.exact)


def test_a_highlight_deleted_before_an_edit_comes_back_fitted_to_the_new_body(
    store: Store, ids: list[int]
) -> None:
    highlight = store.add_highlight_quote(ids[0], "crews will work through the night")
    store.delete_highlight(highlight.id)
    store.import_feed(LOCATION, storm("Breaking: more rain.\n\n" + BODIES[0], *BODIES[1:]))
    undo(store)
    back = store.highlight(highlight.id)
    body = store.entry(ids[0]).body
    assert back.status == "anchored"
    assert body[back.start : back.end] == back.exact == highlight.exact
    assert back.start == highlight.start + len("Breaking: more rain.\n\n")


def test_redo_of_an_add_brings_back_the_latest_state(store: Store, ids: list[int]) -> None:
    highlight = store.add_highlight_quote(ids[0], "crews will work through the night")
    undo(store)
    store.import_feed(LOCATION, storm("Top line.\n\n" + BODIES[0], *BODIES[1:]))
    redo(store)
    back = store.highlight(highlight.id)
    assert store.entry(ids[0]).body[back.start : back.end] == back.exact


def test_undo_is_durable_and_visible_to_another_store(
    store: Store, ids: list[int], db_path: Path
) -> None:
    store.add_tags(ids[0], ["key"])
    with Store.open(db_path) as other:
        assert other.entry_tags(ids[0]) == ("key",)
        undo(store)
        assert other.entry_tags(ids[0]) == ()
        # The other process's journal is its own: it has nothing to undo.
        assert other.undo() is None


def test_undo_after_another_process_deleted_the_row_does_not_fail(
    store: Store, ids: list[int], db_path: Path
) -> None:
    highlight = store.add_highlight_quote(ids[0], "02:40 tide")
    store.set_highlight_color(highlight.id, "green")
    with Store.open(db_path) as other:
        other.delete_highlight(highlight.id)
    assert undo(store) == "coloured the highlight yellow"
    assert store.highlights(ids[0]) == []
    # Undoing the add finds nothing left to remove; redo brings it back, fitted to the body.
    assert undo(store) is not None
    assert redo(store) is not None
    assert store.highlight(highlight.id).exact == "02:40 tide"


def test_the_journal_is_bounded(store: Store, ids: list[int]) -> None:
    from liveread.storage.journal import JOURNAL_LIMIT

    for _ in range(JOURNAL_LIMIT // 2 + 5):
        store.toggle_tag(ids[0], "x")
        store.toggle_tag(ids[0], "x")
    assert len(store.journal.undo_stack) == JOURNAL_LIMIT


def test_a_tag_prompt_edit_is_one_action(store: Store, ids: list[int]) -> None:
    from liveread.kernel.tags import parse_tag_input

    store.add_tags(ids[0], ["disputed"])
    added, removed = store.edit_tags(ids[0], parse_tag_input("Key, verify, -disputed, -absent"))
    assert (added, removed) == (("key", "verify"), ("disputed",))
    assert store.entry_tags(ids[0]) == ("key", "verify")
    assert undo(store) == "untagged 'key', 'verify'; tagged 'disputed'"
    assert store.entry_tags(ids[0]) == ("disputed",)
    assert redo(store) == "untagged 'disputed'; tagged 'key', 'verify'"
    assert store.entry_tags(ids[0]) == ("key", "verify")
    assert store.edit_tags(ids[0], parse_tag_input("key")) == ((), ())
    assert len(store.journal.undo_stack) == 2
