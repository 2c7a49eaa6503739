"""Bulk actions on marked entries: the pure plan, and the Store applying it in one transaction
as one undo step, on a real database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveread.kernel.bulk import EditTags, EntryState, SetFlag, plan_bulk, toggled
from liveread.kernel.errors import NotFoundError
from liveread.services import undoing
from liveread.storage import Store
from tests.feedmaker import LOCATION, storm


@pytest.fixture
def ids(store: Store) -> list[int]:
    """The storm blog imported; its entry ids in page order."""
    result = store.import_feed(LOCATION, storm())
    return [e.id for e in store.entries(result.source_id)]


def _state(entry_id: int, *tags: str, starred: bool = False, read: bool = False) -> EntryState:
    return EntryState(entry_id, starred, False, read, frozenset(tags))


def _tag_rows(path: Path) -> set[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
        ).fetchall()
        return {(int(r[0]), str(r[1])) for r in rows}
    finally:
        conn.close()


def _flags(path: Path, column: str) -> dict[int, int]:
    conn = sqlite3.connect(path)
    try:
        return {int(r[0]): int(r[1]) for r in conn.execute(f"SELECT id, {column} FROM entries")}
    finally:
        conn.close()


# -- the plan -----------------------------------------------------------------------------------


def test_plan_tags_only_the_entries_lacking_the_tag() -> None:
    states = [_state(1, "drones"), _state(2), _state(3, "other")]
    made = plan_bulk(states, EditTags(add=("drones",)))
    assert [(p.entry_id, p.names, p.added) for p in made.additions] == [
        (2, ("drones",), True),
        (3, ("drones",), True),
    ]
    assert made.removals == () and made.flags == ()
    assert made.entry_ids == (2, 3)


def test_plan_untags_only_the_entries_that_have_it_and_can_do_both() -> None:
    states = [_state(1, "a", "b"), _state(2, "b"), _state(3)]
    made = plan_bulk(states, EditTags(add=("c",), remove=("a",)))
    assert [(p.entry_id, p.names) for p in made.removals] == [(1, ("a",))]
    assert [p.entry_id for p in made.additions] == [1, 2, 3]
    assert made.entry_ids == (1, 2, 3)


def test_plan_of_a_flag_skips_entries_already_so() -> None:
    states = [_state(1, starred=True), _state(2), _state(3)]
    made = plan_bulk(states, SetFlag("starred", True))
    assert [(p.entry_id, p.value) for p in made.flags] == [(2, True), (3, True)]
    assert not plan_bulk(states[:1], SetFlag("starred", True))


def test_a_toggle_sets_when_any_lacks_it_and_clears_when_all_have_it() -> None:
    assert toggled("read", [_state(1, read=True), _state(2)]) == SetFlag("read", True)
    assert toggled("read", [_state(1, read=True), _state(2, read=True)]) == SetFlag("read", False)


# -- the Store ---------------------------------------------------------------------------------


def test_bulk_tag_is_one_transaction_and_one_undo_step(
    store: Store, ids: list[int], db_path: Path
) -> None:
    store.add_tags(ids[0], ["drones"])
    before = _tag_rows(db_path)
    made = store.bulk_edit(ids[:3], EditTags(add=("drones",)))
    assert made.entry_ids == (ids[1], ids[2])
    assert _tag_rows(db_path) == before | {(ids[1], "drones"), (ids[2], "drones")}
    assert undoing.done_text(store.undo_step or pytest.fail("no step")) == (
        "tagged 2 entries 'drones'"
    )
    assert undoing.undo(store) == "untagged 2 entries 'drones'"
    assert _tag_rows(db_path) == before  # the entry tagged before keeps its tag
    assert undoing.undo(store) == "untagged 'drones'"  # then the single tag, a step of its own
    assert undoing.undo(store) is None
    assert undoing.redo(store) == "tagged 'drones'"
    assert undoing.redo(store) == "tagged 2 entries 'drones'"
    assert _tag_rows(db_path) == {(i, "drones") for i in ids[:3]}


def test_bulk_untag_and_its_undo(store: Store, ids: list[int], db_path: Path) -> None:
    for entry_id in ids[:3]:
        store.add_tags(entry_id, ["drones", "keep"])
    store.bulk_edit(ids[:3], EditTags(remove=("drones",)))
    assert _tag_rows(db_path) == {(i, "keep") for i in ids[:3]}
    assert undoing.undo(store) == "tagged 3 entries 'drones'"
    assert _tag_rows(db_path) == {(i, t) for i in ids[:3] for t in ("drones", "keep")}


@pytest.mark.parametrize(
    ("flag", "column", "done", "undone"),
    [
        ("starred", "starred", "starred 3 entries", "unstarred 3 entries"),
        ("pinned", "pinned", "pinned 3 entries", "unpinned 3 entries"),
        ("read", "read", "marked 3 entries read", "marked 3 entries unread"),
    ],
)
def test_bulk_toggles_set_then_clear_and_undo_as_one_step(
    store: Store, ids: list[int], db_path: Path, flag: str, column: str, done: str, undone: str
) -> None:
    marked = ids[:3]
    assert flag in ("starred", "pinned", "read")
    made = store.bulk_toggle(marked, flag)
    assert made.entry_ids == tuple(marked)
    values = _flags(db_path, column)
    assert all(values[i] == 1 for i in marked)
    assert all(values[i] == 0 for i in ids[3:])
    step = store.undo_step
    assert step is not None and set(step.touched) == set(marked)
    assert undoing.done_text(step) == done
    assert undoing.undo(store) == undone
    assert all(_flags(db_path, column)[i] == 0 for i in marked)
    undoing.redo(store)
    store.bulk_toggle(marked, flag)  # all set: clears them all
    assert all(_flags(db_path, column)[i] == 0 for i in marked)


def test_entries_removed_meanwhile_are_left_out(
    store: Store, ids: list[int], db_path: Path
) -> None:
    made = store.bulk_edit([ids[0], 999_999], EditTags(add=("drones",)))
    assert made.entry_ids == (ids[0],)
    assert _tag_rows(db_path) == {(ids[0], "drones")}


def test_bulk_when_every_marked_entry_is_gone_changes_nothing(
    store: Store, ids: list[int], db_path: Path
) -> None:
    with pytest.raises(NotFoundError):
        store.bulk_toggle([999_998, 999_999], "starred")
    assert _tag_rows(db_path) == set()
    assert store.undo_step is None


def test_a_bulk_action_that_changes_nothing_records_nothing(store: Store, ids: list[int]) -> None:
    store.bulk_edit(ids[:2], EditTags(remove=("never",)))
    assert store.undo_step is None


_TAGS = st.sampled_from(["a", "b", "c"])
_STATES = st.lists(
    st.builds(
        EntryState,
        entry_id=st.integers(1, 50),
        starred=st.booleans(),
        pinned=st.booleans(),
        read=st.booleans(),
        tags=st.frozensets(_TAGS),
    ),
    max_size=12,
    unique_by=lambda s: s.entry_id,
)


@given(_STATES, st.lists(_TAGS, max_size=3), st.lists(_TAGS, max_size=3))
def test_a_tag_plan_leaves_every_entry_as_asked_and_touches_only_what_changes(
    states: list[EntryState], add: list[str], remove: list[str]
) -> None:
    made = plan_bulk(states, EditTags(add=tuple(add), remove=tuple(remove)))
    after = {s.entry_id: set(s.tags) for s in states}
    for p in made.removals:
        assert set(p.names) <= after[p.entry_id]
        after[p.entry_id] -= set(p.names)
    for p in made.additions:
        assert not set(p.names) & after[p.entry_id]
        after[p.entry_id] |= set(p.names)
    for state in states:
        assert set(add) <= after[state.entry_id]
        assert not (set(remove) - set(add)) & after[state.entry_id]
        # A tag both removed and added again (`-a, a`) is a change too, as one entry's prompt.
        readded = state.tags & set(remove) & set(add)
        changed = after[state.entry_id] != state.tags or bool(readded)
        assert (state.entry_id in made.entry_ids) == changed


@given(_STATES, st.sampled_from(["starred", "pinned", "read"]))
def test_a_toggle_plan_sets_all_alike(states: list[EntryState], flag: str) -> None:
    action = toggled(flag, states)
    made = plan_bulk(states, action)
    planned = {p.entry_id for p in made.flags}
    for state in states:
        assert (state.entry_id in planned) == (state.flag(action.flag) != action.value)
