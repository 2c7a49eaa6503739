"""The "annotated" set: built once from the indexed sides (tags, highlights, notes, starred,
pinned), the same entries the five-way OR picked, and read by id rather than by a scan."""

from __future__ import annotations

import random
from pathlib import Path

from liveread.services.exporting import select_groups
from liveread.storage import Store
from liveread.storage.search import ANNOTATED
from tests.feedmaker import entry, feed


def _marked_blogs(store: Store) -> set[int]:
    """Three blogs of 20 entries, each entry marked in one of the five ways or not at all
    (seeded), and the ids of the marked ones."""
    rng = random.Random(5)
    marked: set[int] = set()
    for blog in range(3):
        result = store.import_feed(
            f"/blogs/b{blog}.txt",
            feed(*(entry(f"k{i}", f"Harbour update {i}.") for i in range(20)), title=f"B{blog}"),
        )
        for item in store.entries(result.source_id):
            way = rng.randrange(7)
            if way == 0:
                store.add_tags(item.id, ["verify"])
            elif way == 1:
                store.add_highlight(item.id, 0, 7, "yellow")
            elif way == 2:
                store.add_note(item.id, "Ask the harbour office.")
            elif way == 3:
                store.set_starred(item.id)
            elif way == 4:
                store.set_pinned(item.id)
            else:
                continue
            marked.add(item.id)
    return marked


def test_the_annotated_set_is_every_marked_entry_once(store: Store) -> None:
    marked = _marked_blogs(store)
    found = [a.entry.id for a in store.annotated_entries(annotated_only=True)]
    assert sorted(found) == sorted(marked) and len(found) == len(set(found))
    assert {e.id for e in store.filter_entries(None, "annotated", 0, 500)} == marked
    every = {e.id for e in store.entries()}
    assert {e.id for e in store.filter_entries(None, "-annotated", 0, 500)} == every - marked
    for source in store.sources():
        own = {a.entry.id for a in store.annotated_entries(source.id, annotated_only=True)}
        assert own == {e.id for e in store.entries(source.id)} & marked


def test_exporting_every_blog_groups_one_read_by_blog(store: Store) -> None:
    marked = _marked_blogs(store)
    groups = select_groups(store, None)
    assert [s.id for s, _ in groups] == [s.id for s in store.sources()]
    for source, items in groups:
        assert items == store.annotated_entries(source.id, annotated_only=True)
    assert sum(len(items) for _, items in groups) == len(marked)


def test_the_annotated_entries_are_looked_up_by_id(db_path: Path, store: Store) -> None:
    _marked_blogs(store)
    plan = [
        str(row[-1])
        for row in store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT e.id FROM entries e WHERE {ANNOTATED}"
            " ORDER BY e.source_id, e.position, e.id"
        )
    ]
    # Never a scan of the entries: each marked one is found by its id.
    assert any("SEARCH e USING INTEGER PRIMARY KEY" in step for step in plan), plan
    assert not any(step.split()[:2] == ["SCAN", "e"] for step in plan), plan
