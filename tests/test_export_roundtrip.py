"""JSON export → import into a fresh database → export again gives the same annotations."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from liveread.export.annotations_json import parse_annotations, render_json
from liveread.export.markdown import render_markdown
from liveread.ingest import read_file
from liveread.kernel.records import EntryRef, HighlightRecord
from liveread.storage import Store
from liveread.storage.annotation_import import apply_annotations
from tests.conftest import SAMPLES
from tests.export_helpers import EXPORTED_AT
from tests.export_samples import FILES, apply_edits, build, import_samples, location


def export_json(store: Store) -> str:
    groups = [(s, store.annotated_entries(s.id, annotated_only=True)) for s in store.sources()]
    return render_json(groups, exported_at=EXPORTED_AT, version="9.9.9")


def export_markdown(store: Store) -> list[str]:
    return [
        render_markdown(s, store.annotated_entries(s.id), exported_at=EXPORTED_AT, version="9")
        for s in store.sources()
    ]


def fresh_copy(tmp_path: Path, name: str, root: Path | None = None) -> Store:
    """A new database with the same blogs imported (same text, no annotations)."""
    store = Store.open(tmp_path / name)
    apply_edits(store, import_samples(store, root), root)
    return store


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("entry_tags", "highlights", "notes", "tags")
        } | {
            "starred": conn.execute("SELECT count(*) FROM entries WHERE starred").fetchone()[0],
            "pinned": conn.execute("SELECT count(*) FROM entries WHERE pinned").fetchone()[0],
        }
    finally:
        conn.close()


def test_round_trip_and_second_import_adds_nothing(store: Store, tmp_path: Path) -> None:
    build(store)
    original = export_json(store)
    total = json.loads(original)["total"]
    assert total >= 20
    assert '"status": "orphaned"' in original  # the later snapshot orphaned one quote
    parsed = parse_annotations(original.encode(), "a.json")
    with fresh_copy(tmp_path, "b.db") as other:
        report = apply_annotations(other, parsed.records)
        assert (report.imported, report.already, report.skipped) == (total, 0, ())
        assert export_json(other) == original
        assert export_markdown(other) == export_markdown(store)
        before = counts(other.path)
        again = apply_annotations(other, parsed.records)
        assert (again.imported, again.already, again.skipped) == (0, total, ())
        assert counts(other.path) == before
        assert export_json(other) == original


def test_blogs_found_by_title_and_entries_by_headline(store: Store, tmp_path: Path) -> None:
    """Another machine: the files live elsewhere, and one entry key has changed."""
    build(store)
    document = json.loads(export_json(store))
    for annotation in document["annotations"]:
        entry = annotation["target"]["liveread"]["entry"]
        if entry["headline"] and entry["headline"].startswith("Talks to resume"):
            entry["key"] = "a key this database does not have"
    parsed = parse_annotations(json.dumps(document), "moved.json")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(SAMPLES, elsewhere, ignore=shutil.ignore_patterns("*.py", "expected"))
    with fresh_copy(tmp_path, "c.db", root=elsewhere) as other:
        report = apply_annotations(other, parsed.records)
        assert report.skipped == ()
        assert report.imported == document["total"]
        ours = json.loads(export_json(other))["annotations"]
        theirs = json.loads(export_json(store))["annotations"]
        for a in ours + theirs:
            a["target"]["liveread"]["blog"]["location"] = None
            # An entry without a web address is named by a urn of its blog's location.
            a["target"]["source"] = None
        assert ours == theirs


def test_missing_blogs_and_entries_are_skipped_with_reasons(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as full:
        build(full)
        document = json.loads(export_json(full))
    first_rail = next(
        a for a in document["annotations"]
        if a["target"]["liveread"]["blog"]["title"].startswith("Rail strike")
    )  # fmt: skip
    ghost = json.loads(json.dumps(first_rail))
    ghost["target"]["liveread"]["entry"] = {"key": "nope", "headline": "An entry never written"}
    document["annotations"].append(ghost)
    document["annotations"].append({"type": "Annotation", "motivation": "nonsense"})
    parsed = parse_annotations(json.dumps(document), "x.json")
    with Store.open(tmp_path / "partial.db") as partial:
        # Only the rail strike is in this database.
        partial.import_feed(location(FILES[2]), read_file(SAMPLES / FILES[2]))
        report = apply_annotations(partial, parsed.records, malformed=parsed.malformed)
        rail = [
            a for a in document["annotations"][:-2]
            if a["target"]["liveread"]["blog"]["title"].startswith("Rail strike")
        ]  # fmt: skip
        assert report.imported == len(rail)
        assert report.already == 0
        assert len(report.skipped) == len(document["annotations"]) - len(rail)
        reasons = {s.reason for s in report.skipped}
        assert any(r.startswith("no blog in the database matches") for r in reasons)
        assert "no entry 'An entry never written' of" in " ".join(reasons)
        assert any(r.startswith("malformed: ") for r in reasons)
        assert [s.index for s in report.skipped] == sorted(s.index for s in report.skipped)
        assert report.summary() == (
            f"{len(rail)} imported, 0 already present, {len(report.skipped)} skipped"
        )


def test_a_failure_part_way_leaves_the_database_as_it_was(store: Store, tmp_path: Path) -> None:
    build(store)
    parsed = parse_annotations(export_json(store).encode(), "a.json")
    with fresh_copy(tmp_path, "b.db") as other:
        before = counts(other.path)
        # A trigger that fails on the last note makes the import fail after most rows went in.
        last_note = [r for _, r in parsed.records if type(r).__name__ == "NoteRecord"][-1]
        quoted = "'" + last_note.text.replace("'", "''") + "'"
        other.db.conn.execute(
            f"CREATE TEMP TRIGGER boom BEFORE INSERT ON notes WHEN new.text = {quoted}"
            " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
        )
        try:
            apply_annotations(other, parsed.records)
        except sqlite3.DatabaseError as exc:
            assert "disk trouble" in str(exc)
        else:
            raise AssertionError("the import did not fail")
        assert counts(other.path) == before


def test_highlights_follow_their_quote_or_stay_orphaned(store: Store) -> None:
    """A file whose offsets no longer fit this database's text: placed by the quote."""
    (rail,) = import_samples(store)[2:]
    entry = next(e for e in store.entries(rail) if (e.headline or "").startswith("Talks"))
    quote = "back into the room"
    at = entry.body.index(quote)
    ref = EntryRef(location(FILES[2]), None, None, entry.key, entry.headline)

    def record(exact: str, start: int | None, status: str = "anchored") -> HighlightRecord:
        end = None if start is None else start + len(exact)
        return HighlightRecord(ref, start, end, exact, "", "", "green", None, status)

    records = [
        (0, record(quote, at + 7)),  # wrong offsets, quote present
        (1, record("words that were never there", 3)),  # nowhere: kept as orphaned
        (2, record("members want a settlement", None)),  # no offsets at all
        (3, record("an old quote", 0, status="orphaned")),
    ]
    report = apply_annotations(store, records)
    assert (report.imported, report.already, report.skipped) == (4, 0, ())
    found = {h.exact: h for h in store.highlights(entry.id)}
    assert (found[quote].start, found[quote].status) == (at, "anchored")
    assert entry.body[found[quote].start : found[quote].end] == quote
    assert found["words that were never there"].status == "orphaned"
    members = found["members want a settlement"]
    assert entry.body[members.start : members.end] == "members want a settlement"
    assert found["an old quote"].status == "orphaned"
    again = apply_annotations(store, records)
    assert (again.imported, again.already) == (0, 4)
    assert len(store.highlights(entry.id)) == 4
