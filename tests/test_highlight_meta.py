"""Highlight tags and duplicate-free highlighting in the Store, on real database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveread.kernel.errors import InputError
from liveread.kernel.overlap import Add, Extend, Refuse, Select, Span, plan_highlight
from liveread.kernel.tags import parse_tag_input
from liveread.services import undoing
from liveread.storage import Store
from liveread.storage.highlight_meta import Placed
from tests.feedmaker import BODIES, LOCATION, storm


@pytest.fixture
def ids(store: Store) -> list[int]:
    """The storm blog imported; its entry ids in page order."""
    result = store.import_feed(LOCATION, storm())
    return [e.id for e in store.entries(result.source_id)]


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            'SELECT id, start, "end", exact, color, tags FROM highlights ORDER BY id'
        ).fetchall()
    finally:
        conn.close()


def _span(word: str, body: str = BODIES[0]) -> tuple[int, int]:
    start = body.index(word)
    return start, start + len(word)


# -- the plan -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (10, 20, Select(1)),  # the same span
        (12, 18, Select(1)),  # inside it
        (5, 15, Extend(1, 5, 20)),  # overlapping its start
        (15, 25, Extend(1, 10, 25)),  # overlapping its end
        (5, 25, Extend(1, 5, 25)),  # around it
        (20, 28, Add()),  # touching its end only
        (0, 10, Add()),  # touching its start only
        (18, 32, Refuse((1, 2))),  # across two
        (31, 33, Select(2)),
    ],
)
def test_plan_highlight(start: int, end: int, expected: object) -> None:
    existing = [Span(2, 30, 40), Span(1, 10, 20)]
    assert plan_highlight(existing, start, end) == expected


# -- no duplicates ------------------------------------------------------------------------


def test_the_same_span_twice_selects_the_first(store: Store, ids: list[int], db_path: Path) -> None:
    first = store.place_highlight(ids[0], *_span("crews will work"), "pink")
    again = store.place_highlight(ids[0], *_span("crews will work"), "blue")
    inside = store.place_highlight(ids[0], *_span("will"))
    assert first.placed is Placed.ADDED
    assert (again.placed, again.highlight.id) == (Placed.SELECTED, first.highlight.id)
    assert (inside.placed, inside.highlight.id) == (Placed.SELECTED, first.highlight.id)
    assert [(r[3], r[4]) for r in _rows(db_path)] == [("crews will work", "pink")]
    # Selecting wrote nothing, so there is one step to undo: the highlight itself.
    assert undoing.undo(store) is not None
    assert _rows(db_path) == []
    assert store.undo() is None


def test_an_overlapping_span_extends_in_one_undoable_step(
    store: Store, ids: list[int], db_path: Path
) -> None:
    made = store.place_highlight(ids[0], *_span("crews will work"), "green").highlight
    store.edit_highlight_tags(made.id, parse_tag_input("verify"))
    start, _ = _span("will work")
    _, end = _span("work through the night")
    grown = store.place_highlight(ids[0], start, end, "blue")
    assert grown.placed is Placed.EXTENDED
    assert grown.highlight.id == made.id
    assert grown.highlight.exact == "crews will work through the night"
    assert (grown.highlight.color, grown.highlight.tags) == ("green", ("verify",))
    assert len(_rows(db_path)) == 1
    said = undoing.undo(store)
    assert said == "shrank the highlight back to “crews will work”"
    row = _rows(db_path)[0]
    assert (row[1], row[2], row[3]) == (*_span("crews will work"), "crews will work")
    assert undoing.redo(store) == "extended the highlight to “crews will work through the night”"
    assert _rows(db_path)[0][3] == "crews will work through the night"


def test_a_span_across_two_highlights_is_refused_and_nothing_changes(
    store: Store, ids: list[int], db_path: Path
) -> None:
    store.place_highlight(ids[0], *_span("Harbour master"))
    store.place_highlight(ids[0], *_span("told reporters"))
    before = _rows(db_path)
    start, _ = _span("master")
    _, end = _span("told")
    with pytest.raises(InputError, match="overlaps 2 highlights"):
        store.place_highlight(ids[0], start, end)
    assert _rows(db_path) == before


def test_a_quote_already_highlighted_selects_it(store: Store, ids: list[int]) -> None:
    made = store.place_highlight_quote(ids[1], "600 metres", "orange")
    again = store.place_highlight_quote(ids[1], "600 metres")
    assert (again.placed, again.highlight.id) == (Placed.SELECTED, made.highlight.id)
    assert len(store.highlights(ids[1])) == 1


def test_an_orphaned_highlight_does_not_hold_the_words(store: Store, ids: list[int]) -> None:
    made = store.place_highlight(ids[0], *_span("rock-filled bags")).highlight
    changed = BODIES[0].replace("rock-filled bags", "sandbags")
    store.import_feed(LOCATION, storm(changed, *BODIES[1:]))
    assert store.highlight(made.id).orphaned
    # "sandbags" sits where the orphan's old offsets were: they hold nothing now.
    fresh = store.place_highlight(ids[0], *_span("sandbags", changed))
    assert fresh.placed is Placed.ADDED
    assert fresh.highlight.id != made.id


# -- highlight tags -------------------------------------------------------------------------


def test_highlight_tags_are_normalised_kept_apart_and_undoable(
    store: Store, ids: list[int], db_path: Path
) -> None:
    made = store.place_highlight(ids[0], *_span("02:40 tide")).highlight
    added, removed = store.edit_highlight_tags(made.id, parse_tag_input("Verify, Tide Times"))
    assert (added, removed) == (("verify", "tide times"), ())
    assert store.highlight(made.id).tags == ("tide times", "verify")
    assert store.entry_tags(ids[0]) == ()  # the entry is not tagged
    assert store.annotated_entry(ids[0]).highlights[0].tags == ("tide times", "verify")
    assert store.edit_highlight_tags(made.id, parse_tag_input("verify")) == ((), ())
    added, removed = store.edit_highlight_tags(made.id, parse_tag_input("-verify, later"))
    assert (added, removed) == (("later",), ("verify",))
    assert _rows(db_path)[0][5] == '["later", "tide times"]'
    assert undoing.undo(store) == "untagged the highlight “02:40 tide” 'later'; tagged the" \
        " highlight “02:40 tide” 'verify'"
    assert store.highlight(made.id).tags == ("tide times", "verify")
    undoing.undo(store)
    assert store.highlight(made.id).tags == ()


def test_a_deleted_highlight_takes_its_tags_and_undo_brings_them_back(
    store: Store, ids: list[int]
) -> None:
    made = store.place_highlight(ids[1], *_span("modular flood barrier", BODIES[1])).highlight
    store.add_highlight_tags(made.id, ("kit",))
    store.delete_highlight(made.id)
    assert store.highlights(ids[1]) == []
    undoing.undo(store)
    assert store.highlight(made.id).tags == ("kit",)


# -- the notebook ---------------------------------------------------------------------------


def test_the_notebook_carries_highlight_tags_and_tag_filter_matches_them(store: Store) -> None:
    from liveread.kernel.notebook import filter_items, parse_notebook_filter
    from tests.notebook_data import fill_notebook

    filled = fill_notebook(store)
    store.edit_highlight_tags(filled["plain"], parse_tag_input("prices, Check"))
    items = {(i.kind, i.id): i for i in store.notebook()}
    plain = items[("highlight", filled["plain"])]
    assert (plain.highlight_tags, plain.tags) == (("check", "prices"), ("food",))
    assert items[("highlight", filled["changed"])].highlight_tags == ()
    assert items[("note", filled["market_note"])].highlight_tags == ()
    kept = filter_items(store.notebook(), parse_notebook_filter("tag:prices"))
    assert [(i.kind, i.id) for i in kept] == [("highlight", filled["plain"])]
    # Every tag must hold: one from the highlight, one from its entry.
    both = filter_items(store.notebook(), parse_notebook_filter("tag:prices tag:food"))
    assert [(i.kind, i.id) for i in both] == [("highlight", filled["plain"])]
    assert filter_items(store.notebook(), parse_notebook_filter("tag:prices tag:boats")) == []


def test_the_notebook_read_is_bounded_to_the_newest_items(store: Store) -> None:
    from tests.notebook_data import fill_notebook

    fill_notebook(store)
    everything = store.notebook()
    assert store.notebook_count() == len(everything) == 5
    newest = store.notebook(limit=2)
    assert newest == everything[:2]
    assert store.notebook(limit=0) == []


def test_highlight_tags_travel_through_the_json_export_and_import(
    store: Store, ids: list[int], tmp_path: Path
) -> None:
    from liveread.services import exporting
    from liveread.services.transfer import import_annotations

    made = store.place_highlight(ids[0], *_span("crews will work")).highlight
    store.edit_highlight_tags(made.id, parse_tag_input("verify, night shift"))
    store.place_highlight(ids[1], *_span("600 metres", BODIES[1]))
    exported = tmp_path / "notes.json"
    (text,) = exporting.render(exporting.select_groups(store, None), "json")
    exported.write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "other.db") as other:
        other.import_feed(LOCATION, storm())
        report = import_annotations(other, exported)
        assert (report.imported, report.skipped) == (2, ())
        got = {
            h.exact: (h.tags, h.note)
            for e in other.entries()
            for h in other.highlights(e.id)
        }
    assert got == {"crews will work": (("night shift", "verify"), None), "600 metres": ((), None)}


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=40))
def test_planned_highlights_never_overlap_and_every_span_is_covered(
    spans: list[tuple[int, int]],
) -> None:
    existing: dict[int, tuple[int, int]] = {}
    for number, (start, length) in enumerate(spans):
        end = start + length
        plan = plan_highlight((Span(i, s, e) for i, (s, e) in existing.items()), start, end)
        if isinstance(plan, Add):
            existing[number] = (start, end)
        elif isinstance(plan, Extend):
            existing[plan.id] = (plan.start, plan.end)
        elif isinstance(plan, Select):
            s, e = existing[plan.id]
            assert s <= start and end <= e
        else:
            assert len(plan.ids) >= 2
            continue
        # Whatever was not refused is now inside exactly one highlight.
        assert sum(s <= start and end <= e for s, e in existing.values()) == 1
        ordered = sorted(existing.values())
        assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))
