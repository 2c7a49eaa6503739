"""Whole live blogs: samples stored by name (and the migration that moves old ones), reload
of one blog, rename, mark all read, previous unread, and removing with the export first."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from liveread.ingest import read_file
from liveread.kernel.errors import LivereadError, NotFoundError
from liveread.services import managing, sources
from liveread.services.locations import location_of
from liveread.storage import Store
from tests.conftest import SAMPLES


def _import(store: Store, name: str) -> int:
    outcome = sources.import_source(store, str(SAMPLES / name))
    assert outcome.result is not None
    return outcome.result.source_id


def test_samples_are_stored_by_name_and_reload_from_the_package(store: Store) -> None:
    results = sources.import_samples(store)
    locations = [store.source(r.source_id).location for r in results]
    assert locations[0] == "sample:harbour-storm.txt"
    assert all(loc.startswith("sample:") and "/" not in loc for loc in locations)
    report = sources.reload_all(store)
    assert report.problems == ()
    assert report.checked == len(locations)
    assert location_of("sample:rail-strike.txt") == "sample:rail-strike.txt"


def test_a_sample_that_is_not_shipped_is_one_line(store: Store) -> None:
    with pytest.raises(LivereadError, match="^sample:nothing.txt: liveread ships no such"):
        sources.import_source(store, "sample:nothing.txt")
    assert store.is_empty()


def test_migration_moves_site_packages_samples_to_names(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        feed = read_file(SAMPLES / "harbour-storm.txt")
        site = "/venv/lib/python3.11/site-packages/liveread/sample_feeds/harbour-storm.txt"
        store.import_feed(site, feed)
        mine = str(tmp_path / "sample_feeds" / "mine.txt")
        store.import_feed(mine, read_file(SAMPLES / "rail-strike.txt"))
        windows = r"C:\py\liveread\sample_feeds\count-night.txt"
        store.import_feed(windows, read_file(SAMPLES / "count-night.txt"))
    # Take the database back to the schema before 0006, as an older liveread left it.
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE sources DROP COLUMN name")
    conn.execute(
        "DELETE FROM _sqlite_migrations WHERE name = ?", ("0006_source_names_and_samples",)
    )
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        assert [s.location for s in store.sources()] == [
            "sample:harbour-storm.txt",
            str(tmp_path / "sample_feeds" / "mine.txt"),
            "sample:count-night.txt",
        ]
        assert sources.reload_sources(store, [store.sources()[0].id]).problems == ()


def test_reload_sources_reads_only_the_ones_named(store: Store) -> None:
    storm = _import(store, "harbour-storm.txt")
    _import(store, "count-night.txt")
    report = sources.reload_sources(store, [storm])
    assert report.checked == 1
    assert [r.source_id for r in report.results] == [storm]


def test_rename_keeps_the_name_over_reimports_and_blank_restores(store: Store) -> None:
    storm = _import(store, "harbour-storm.txt")
    title = store.source(storm).title
    renamed = managing.rename(store, storm, "  Storm\x1b[2J  desk ")
    assert renamed.title == "Storm desk"
    _import(store, "harbour-storm.txt")
    assert store.source(storm).title == "Storm desk"
    assert managing.find_source(store, "storm DESK").id == storm
    assert managing.rename(store, storm, "   ").title == title


def test_find_source_by_id_path_and_errors(store: Store) -> None:
    storm = _import(store, "harbour-storm.txt")
    assert managing.find_source(store, str(storm)).id == storm
    assert managing.find_source(store, str(SAMPLES / "harbour-storm.txt")).id == storm
    with pytest.raises(NotFoundError, match="^nope: no such live blog"):
        managing.find_source(store, "nope")


def test_mark_read_and_previous_unread(store: Store) -> None:
    storm = _import(store, "harbour-storm.txt")
    entries = list(store.entries(storm))
    assert store.previous_unread(storm, entries[5].id) == entries[4]
    assert store.previous_unread(storm, None) == entries[-1]
    assert store.previous_unread(storm, entries[0].id) is None
    assert managing.mark_read(store, storm) == len(entries)
    assert store.source(storm).unread_count == 0
    assert store.previous_unread(storm, None) is None
    assert managing.mark_read(store, storm) == 0


def test_removing_a_blog_without_annotations_asks_nothing(store: Store) -> None:
    storm = _import(store, "harbour-storm.txt")
    night = _import(store, "count-night.txt")
    removal = managing.plan_removal(store, storm)
    assert not removal.must_ask and removal.export_path is None
    removed = managing.remove(store, removal)
    assert removed.entries == 34 and removed.exported is None
    assert [s.id for s in store.sources()] == [night]
    assert list(store.entries(storm)) == []
    assert store.search("storm", source_id=storm) == []  # the FTS index forgot them


def test_removing_exports_annotations_before_the_delete(store: Store, tmp_path: Path) -> None:
    storm = _import(store, "harbour-storm.txt")
    first = next(store.entries(storm))
    store.add_tags(first.id, ["verify"])
    store.add_note(first.id, "Check the quote")
    removal = managing.plan_removal(store, storm)
    assert removal.must_ask
    assert removal.export_path is not None and removal.export_path.parent == tmp_path
    question = removal.question()
    assert "1 note, 1 tagged entry" in question and str(removal.export_path) in question
    removed = managing.remove(store, removal)
    assert removed.exported == removal.export_path
    exported = json.loads(removal.export_path.read_text(encoding="utf-8"))
    text = json.dumps(exported)
    assert "Check the quote" in text and "verify" in text
    assert store.is_empty()
    assert not store.can_undo  # the journal forgot the removed entries' steps
    with pytest.raises(NotFoundError):
        store.holdings(storm)


def test_a_failed_export_deletes_nothing(store: Store, tmp_path: Path) -> None:
    storm = _import(store, "harbour-storm.txt")
    store.set_starred(next(store.entries(storm)).id, True)
    removal = managing.plan_removal(store, storm)
    blocked = tmp_path / "no-such-dir" / "x.json"
    (tmp_path / "no-such-dir").write_text("a file where a directory should be")
    with pytest.raises(LivereadError):
        managing.remove(store, managing.Removal(removal.source, removal.holdings, blocked))
    assert store.source(storm).entry_count == 34


def test_a_poll_in_flight_does_not_bring_a_removed_blog_back(store: Store) -> None:
    from liveread.ingest.fetch import FetchResult
    from liveread.services.sync import Fetched, store_fetched

    storm = _import(store, "harbour-storm.txt")
    location = store.source(storm).location
    feed = read_file(SAMPLES / "harbour-storm-later.txt")
    fetched = Fetched(location, storm, FetchResult(location, feed, None, None))
    managing.remove(store, managing.plan_removal(store, storm))
    assert store_fetched(store, fetched).result is None
    assert store.is_empty()


def test_a_note_added_by_another_process_during_removal_stops_the_delete(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liveread.services import exporting

    storm = _import(store, "harbour-storm.txt")
    first = next(store.entries(storm))
    store.add_note(first.id, "First note")
    written = exporting.write

    def write_then_annotate(path: Path, text: str, force: bool) -> None:
        written(path, text, force)
        with Store.open(db_path) as other:  # another liveread, between export and delete
            other.add_note(first.id, "Second note, not in the export")

    monkeypatch.setattr(exporting, "write", write_then_annotate)
    with pytest.raises(LivereadError, match="annotated by another liveread"):
        managing.remove(store, managing.plan_removal(store, storm))
    assert store.source(storm).entry_count == 34
    assert len(store.annotated_entry(first.id).notes) == 2
