"""Tags, star and pin, notes and highlights in the Store, on real database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from liveread.kernel.colors import DEFAULT_COLOR, HIGHLIGHT_COLORS
from liveread.kernel.errors import InputError, NotFoundError
from liveread.storage import Store
from tests.feedmaker import BODIES, LOCATION, entry, feed, storm


@pytest.fixture
def ids(store: Store) -> list[int]:
    """The storm blog imported; its entry ids in page order."""
    result = store.import_feed(LOCATION, storm())
    return [e.id for e in store.entries(result.source_id)]


def _table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("tags", "entry_tags", "notes", "highlights")
        }
    finally:
        conn.close()


# -- tags -----------------------------------------------------------------------------------------


def test_tags_are_normalised_so_one_tag_never_appears_twice(store: Store, ids: list[int]) -> None:
    added = store.add_tags(ids[0], ["Verify", " verify ", "VE\u200bRIFY", "Follow  Up"])
    assert added == ("verify", "follow up")
    assert store.add_tags(ids[0], ["ＶＥＲＩＦＹ"]) == ()  # full-width letters, NFKC
    assert store.entry_tags(ids[0]) == ("follow up", "verify")


def test_all_tags_counts_entries_and_unused_tags_go(store: Store, ids: list[int]) -> None:
    store.add_tags(ids[0], ["key", "verify"])
    store.add_tags(ids[1], ["key"])
    assert [(t.name, t.count) for t in store.all_tags()] == [("key", 2), ("verify", 1)]
    assert store.remove_tags(ids[0], ["verify", "never-there"]) == ("verify",)
    assert [t.name for t in store.all_tags()] == ["key"]


def test_tags_in_use_by_source(store: Store, ids: list[int]) -> None:
    other = store.import_feed("/blogs/count-night.txt", feed(entry("c0", "The count begins.")))
    other_id = next(store.entries(other.source_id)).id
    store.add_tags(ids[2], ["ferry"])
    store.add_tags(other_id, ["ballot"])
    assert store.tags_in_use(store.entry(ids[0]).source_id) == ["ferry"]
    assert store.tags_in_use(other.source_id) == ["ballot"]
    assert store.tags_in_use() == ["ballot", "ferry"]


def test_toggle_tag_flips(store: Store, ids: list[int]) -> None:
    assert store.toggle_tag(ids[0], "Key") is True
    assert store.entry_tags(ids[0]) == ("key",)
    assert store.toggle_tag(ids[0], "key") is False
    assert store.entry_tags(ids[0]) == ()


def test_bad_tags_and_unknown_entries_change_nothing(
    store: Store, ids: list[int], db_path: Path
) -> None:
    before = _table_counts(db_path)
    with pytest.raises(InputError, match="empty"):
        store.add_tags(ids[0], ["ok", "\u200b \t"])
    with pytest.raises(NotFoundError, match="no entry with id 999"):
        store.add_tags(999, ["ok"])
    assert _table_counts(db_path) == before
    assert not store.can_undo


# -- star and pin ---------------------------------------------------------------------------------


def test_star_and_pin(store: Store, ids: list[int]) -> None:
    assert store.set_starred(ids[1], True) is True
    assert store.set_starred(ids[1], True) is False
    assert store.set_pinned(ids[2]) is True
    assert store.entry(ids[1]).starred and not store.entry(ids[1]).pinned
    assert store.entry(ids[2]).pinned
    assert store.set_starred(ids[1], False) is True
    assert not store.entry(ids[1]).starred
    with pytest.raises(NotFoundError):
        store.set_pinned(12345)


# -- notes ----------------------------------------------------------------------------------------


def test_notes_add_update_delete(store: Store, ids: list[int]) -> None:
    first = store.add_note(ids[0], "  Call the **harbour office**\n")
    second = store.add_note(ids[0], "Second\x1b[31m note")
    assert first.text == "Call the **harbour office**"
    assert second.text == "Second note"  # terminal escapes never stored
    assert [n.id for n in store.notes(ids[0])] == [first.id, second.id]
    changed = store.update_note(first.id, "Called: no answer")
    assert changed.id == first.id and changed.text == "Called: no answer"
    store.delete_note(second.id)
    assert [n.text for n in store.notes(ids[0])] == ["Called: no answer"]
    with pytest.raises(NotFoundError):
        store.delete_note(second.id)
    with pytest.raises(InputError, match="needs some text"):
        store.add_note(ids[0], "  \n ")
    with pytest.raises(InputError):
        store.update_note(first.id, "")


# -- highlights -----------------------------------------------------------------------------------


def test_highlight_by_offsets_takes_quote_and_context(store: Store, ids: list[int]) -> None:
    body = BODIES[0]
    start = body.index("crews")
    end = start + len("crews will work through the night")
    highlight = store.add_highlight(ids[0], start - 1, end + 1, "Green", note=" check ")
    assert (highlight.start, highlight.end) == (start, end)  # white space trimmed
    assert highlight.exact == "crews will work through the night"
    assert highlight.prefix == body[start - 32 : start]
    assert highlight.suffix == body[end : end + 32]
    assert highlight.color == "green" and highlight.note == "check"
    assert highlight.status == "anchored" and highlight.original is None


def test_highlight_by_quote(store: Store, ids: list[int]) -> None:
    highlight = store.add_highlight_quote(ids[0], '"If it holds', None)
    assert highlight.exact == "“If it holds"
    assert highlight.color == DEFAULT_COLOR
    assert BODIES[0][highlight.start : highlight.end] == highlight.exact


def test_bad_highlights_change_nothing(store: Store, ids: list[int], db_path: Path) -> None:
    before = _table_counts(db_path)
    with pytest.raises(InputError, match="not in its body"):
        store.add_highlight_quote(ids[0], "the harbour was calm", "yellow")
    with pytest.raises(InputError, match="not inside its body"):
        store.add_highlight(ids[0], 5, 100_000, "yellow")
    with pytest.raises(InputError, match="white space"):
        store.add_highlight(ids[0], BODIES[0].index("\n\n"), BODIES[0].index("\n\n") + 2)
    with pytest.raises(InputError, match="colour"):
        store.add_highlight(ids[0], 0, 5, "mauve")
    with pytest.raises(NotFoundError):
        store.add_highlight(424242, 0, 5)
    assert _table_counts(db_path) == before


def test_highlight_note_colour_and_delete(store: Store, ids: list[int]) -> None:
    highlight = store.add_highlight_quote(ids[1], "600 metres", "yellow")
    for color in HIGHLIGHT_COLORS:
        assert store.set_highlight_color(highlight.id, color.upper()).color == color
    assert store.set_highlight_note(highlight.id, "Regiment says 500").note == "Regiment says 500"
    assert store.set_highlight_note(highlight.id, "   ").note is None
    store.delete_highlight(highlight.id)
    assert store.highlights(ids[1]) == []
    with pytest.raises(NotFoundError):
        store.set_highlight_color(highlight.id, "blue")


def test_highlights_come_in_body_order_orphans_last(store: Store, ids: list[int]) -> None:
    late = store.add_highlight_quote(ids[0], "02:40 tide")
    doomed = store.add_highlight_quote(ids[0], "If it holds through the small hours")
    early = store.add_highlight_quote(ids[0], "Harbour master")
    paragraphs = BODIES[0].split("\n\n")
    store.import_feed(LOCATION, storm(paragraphs[0], *BODIES[1:]))
    assert [h.id for h in store.highlights(ids[0])] == [early.id, late.id, doomed.id]
    assert store.highlight(doomed.id).status == "orphaned"


# -- re-anchoring on import -----------------------------------------------------------------------


def test_reimport_with_edits_moves_keeps_and_orphans(store: Store, ids: list[int]) -> None:
    kept = store.add_highlight_quote(ids[0], "crews will work through the night", "green")
    changed = store.add_highlight_quote(ids[0], "to plug the breach with rock-filled bags")
    gone = store.add_highlight_quote(ids[0], "If it holds through the small hours")
    new_body = "Update: the coastguard has closed the outer harbour.\n\n" + BODIES[0].replace(
        "with rock-filled bags", "with sand-filled bags"
    ).replace(BODIES[0].split("\n\n")[1], "She declined to say more.")
    result = store.import_feed(LOCATION, storm(new_body, *BODIES[1:]))
    assert result.updated == 1
    by_id = {h.id: h for h in store.highlights(ids[0])}
    assert set(by_id) == {kept.id, changed.id, gone.id}
    body = store.entry(ids[0]).body
    for h in by_id.values():
        if h.status == "anchored":
            assert body[h.start : h.end] == h.exact
    assert by_id[kept.id].exact == kept.exact and by_id[kept.id].start > kept.start
    assert by_id[changed.id].exact == "to plug the breach with sand-filled bags"
    assert by_id[changed.id].original == "to plug the breach with rock-filled bags"
    assert by_id[gone.id].status == "orphaned"
    assert (by_id[gone.id].start, by_id[gone.id].exact) == (gone.start, gone.exact)
    assert [h.id for h in store.orphaned_highlights()] == [gone.id]
    assert store.entry(ids[0]).revisions == 1


def test_an_orphan_comes_back_when_the_text_does(store: Store, ids: list[int]) -> None:
    gone = store.add_highlight_quote(ids[0], "If it holds through the small hours")
    store.import_feed(LOCATION, storm(BODIES[0].split("\n\n")[0], *BODIES[1:]))
    assert store.highlight(gone.id).status == "orphaned"
    store.import_feed(LOCATION, storm(*BODIES))
    back = store.highlight(gone.id)
    assert back.status == "anchored"
    assert store.entry(ids[0]).body[back.start : back.end] == back.exact == gone.exact


def test_the_same_import_twice_touches_no_highlight(store: Store, ids: list[int]) -> None:
    highlight = store.add_highlight_quote(ids[2], "Thursday")
    store.import_feed(LOCATION, storm())
    assert store.highlight(highlight.id) == highlight


# -- reading it all back --------------------------------------------------------------------------


def test_annotated_entries_in_page_order_with_everything(store: Store, ids: list[int]) -> None:
    store.add_tags(ids[2], ["ferry", "check"])
    store.set_starred(ids[1])
    note = store.add_note(ids[2], "Refund rules?")
    highlight = store.add_highlight_quote(ids[2], "Thursday", "pink")
    everything = store.annotated_entries()
    assert [a.entry.id for a in everything] == ids
    third = everything[2]
    assert third.tags == ("check", "ferry")
    assert third.notes == (store.note(note.id),)
    assert third.highlights == (store.highlight(highlight.id),)
    assert not everything[0].annotated and everything[1].annotated
    marked = store.annotated_entries(annotated_only=True)
    assert [a.entry.id for a in marked] == [ids[1], ids[2]]
    assert [a.entry.id for a in store.annotated_entries(tag="FERRY")] == [ids[2]]
    assert [a.entry.id for a in store.annotated_entries(entry_ids=[ids[2], ids[0]])] == [
        ids[0],
        ids[2],
    ]
    assert store.annotated_entry(ids[2]) == third
    with pytest.raises(NotFoundError):
        store.annotated_entry(9999)


def test_annotated_entries_runs_a_fixed_number_of_queries(store: Store) -> None:
    bodies = [f"Entry number {i} about the storm and the harbour wall." for i in range(300)]
    result = store.import_feed(LOCATION, storm(*bodies))
    entry_ids = [e.id for e in store.entries(result.source_id)]
    for i, entry_id in enumerate(entry_ids):
        store.add_tags(entry_id, [f"t{i % 7}"])
        store.add_highlight_quote(entry_id, "the storm")
        store.add_note(entry_id, f"note {i}")
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        everything = store.annotated_entries(result.source_id)
    finally:
        store.db.conn.set_trace_callback(None)
    assert len(everything) == 300
    assert all(a.tags and a.highlights and a.notes for a in everything)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4


# -- a second process -----------------------------------------------------------------------------


def test_a_second_store_on_the_same_file_sees_every_action(
    store: Store, ids: list[int], db_path: Path
) -> None:
    with Store.open(db_path) as other:
        store.add_tags(ids[0], ["key"])
        store.set_pinned(ids[0])
        store.add_note(ids[0], "seen?")
        assert other.entry_tags(ids[0]) == ("key",)
        assert other.entry(ids[0]).pinned
        assert [n.text for n in other.notes(ids[0])] == ["seen?"]
        other.add_highlight_quote(ids[0], "02:40 tide")
        assert [h.exact for h in store.highlights(ids[0])] == ["02:40 tide"]


def test_the_annotations_migration_keeps_rows_and_ids(db_path: Path) -> None:
    import sqlite_utils

    from liveread.storage.schema import MIGRATIONS

    # A database as the first release left it: only 0001 applied, with annotations in it.
    conn = sqlite3.connect(db_path, isolation_level=None)
    MIGRATIONS.apply(sqlite_utils.Database(conn), stop_before="0002_annotations")
    conn.execute(
        "INSERT INTO sources (id, location, format, title, added_at)"
        " VALUES (1, '/blogs/a.txt', 'text', 'A blog', '2025-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO entries (id, source_id, key, position, headline, body, content_hash,"
        " first_seen) VALUES (1, 1, 'k', 0, 'Harbour', 'Harbour master speaks', 'h',"
        " '2025-01-01T00:00:00Z')"
    )
    conn.execute(
        'INSERT INTO highlights (id, entry_id, start, "end", exact, prefix, suffix, color, note,'
        " status, created_at, updated_at) VALUES (7, 1, 0, 7, 'Harbour', '', ' master', 'blue',"
        " 'old remark', 'anchored', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO notes (id, entry_id, text, created_at, updated_at)"
        " VALUES (5, 1, 'an old ferry note', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    conn.close()
    with Store.open(db_path) as store:
        assert store.schema_version() == len(MIGRATIONS.names())
        assert store.highlight(7).note == "old remark"
        assert store.note(5).text == "an old ferry note"
        assert [e.id for e in store.search("remark")] == [1]
        assert [e.id for e in store.search("ferry note")] == [1]
        store.delete_note(5)
        assert store.add_note(1, "new").id == 6  # ids are never handed out twice
        store.delete_highlight(7)
        assert store.add_highlight(1, 0, 7).id == 8
        assert store.search("remark") == []


def test_data_version_tells_of_another_process_committing(
    store: Store, ids: list[int], db_path: Path
) -> None:
    before = store.data_version()
    store.add_tags(ids[0], ["mine"])  # this connection's own commits do not count
    assert store.data_version() == before
    with Store.open(db_path) as other:
        other.add_tags(ids[0], ["theirs"])
    assert store.data_version() != before
