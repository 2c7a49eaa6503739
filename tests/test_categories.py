"""Feed categories (RSS/Atom `<category>`, JSON Feed `tags`): read bounded, stored on the
entry, updated by a re-import, shown in the reader and `entries --json`, never the user's tags."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC
from pathlib import Path

import pytest
from rich.style import Style

from liveread.cli.main import main
from liveread.ingest import read_file
from liveread.ingest.limits import MAX_CATEGORIES, MAX_CATEGORY_CHARS
from liveread.ingest.reader import parse_bytes
from liveread.services.exporting import render_one
from liveread.storage import Store
from liveread.tui.display import TimeDisplay
from liveread.tui.widgets.reader_document import build_document
from tests.conftest import SAMPLES

STYLES = {name: Style() for name in ("headline", "meta", "link", "heading")}


def _rss(categories: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Quay blog</title>'
        "<item><title>Ferry back</title><guid>q-1</guid>"
        "<pubDate>Sun, 06 Jul 2025 16:45:00 +0100</pubDate>"
        f"{categories}<description>The ferry sails again.</description></item>"
        "</channel></rss>"
    ).encode()


def test_rss_categories_are_cleaned_deduplicated_and_bounded() -> None:
    many = "".join(f"<category>c{n}</category>" for n in range(MAX_CATEGORIES * 10))
    feed = parse_bytes(_rss(many), "quay.xml")
    assert feed.entries[0].categories == tuple(f"c{n}" for n in range(MAX_CATEGORIES))
    messy = (
        "<category>Ferries</category><category>  ferries </category><category> </category>"
        "<category>Quay&#x1b;[2J Street</category>"
        f"<category>{'x' * (MAX_CATEGORY_CHARS * 3)}</category>"
    )
    (entry,) = parse_bytes(_rss(messy), "quay.xml").entries
    assert entry.categories[:2] == ("Ferries", "Quay Street")
    assert len(entry.categories) == 3
    assert len(entry.categories[2]) == MAX_CATEGORY_CHARS and entry.categories[2][-1] == "…"


def test_json_feed_tags_keep_only_strings() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Quay blog",
        "items": [{"id": "1", "content_text": "Open.", "tags": ["Quay", 7, None, {"a": 1}]}],
    }
    feed = parse_bytes(json.dumps(doc).encode(), "quay.json")
    assert feed.entries[0].categories == ("Quay",)


def test_categories_are_stored_and_follow_a_re_import(tmp_path: Path) -> None:
    blog = tmp_path / "quay.xml"
    blog.write_bytes(_rss("<category>Ferries</category>"))
    with Store.open(tmp_path / "a.db") as store:
        store.import_feed(str(blog), read_file(blog))
        (entry,) = store.entries()
        assert entry.categories == ("Ferries",)
        # Same text, other categories: the stored entry follows without a revision.
        blog.write_bytes(_rss("<category>Transport</category><category>Ferries</category>"))
        store.import_feed(str(blog), read_file(blog))
        (again,) = store.entries()
        assert again.id == entry.id and again.revisions == 0
        assert again.categories == ("Transport", "Ferries")
        blog.write_bytes(_rss(""))
        store.import_feed(str(blog), read_file(blog))
        assert next(store.entries()).categories == ()


def test_a_malformed_stored_value_reads_as_none(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Store.open(db) as store:
        store.import_feed("q", read_file(SAMPLES / "glenmoor-wildfire.xml"))
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE entries SET categories = '{not json'")
    conn.close()
    with Store.open(db) as store:
        assert all(e.categories == () for e in store.entries())


@pytest.fixture
def glenmoor(db_path: Path) -> Path:
    """The RSS sample, whose top post the newsroom filed under two categories."""
    assert main(["import", str(SAMPLES / "glenmoor-wildfire.xml"), "--db", str(db_path)]) == 0
    return db_path


def test_entries_json_gives_categories_apart_from_tags(
    glenmoor: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(glenmoor) as store:
        top = next(store.entries())
    assert main(["tag", str(top.id), "verify", "--db", str(glenmoor)]) == 0
    capsys.readouterr()
    assert main(["entries", "--json", "--db", str(glenmoor)]) == 0
    records = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert records[top.id]["categories"] == ["Evacuations", "Tarn Valley"]
    assert records[top.id]["tags"] == ["verify"]
    assert all(r["categories"] == [] for i, r in records.items() if i != top.id)


def test_the_reader_shows_them_and_exports_never_make_them_tags(glenmoor: Path) -> None:
    with Store.open(glenmoor) as store:
        top = next(store.entries())
        store.add_tags(top.id, ["verify"])
        annotated = store.annotated_entry(top.id)
        source = store.source(top.source_id)
        exported = render_one(source, [annotated])
    document = build_document(top, source, annotated, TimeDisplay(UTC), STYLES)
    assert "Filed under: Evacuations · Tarn Valley" in document.text.plain.splitlines()
    assert "#verify" in exported
    # The headline says "Evacuation zone"; the category's own word appears nowhere.
    assert "Evacuations" not in exported and "tarn-valley" not in exported.lower()


def test_a_re_import_fills_what_an_older_import_did_not_store(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    sample = SAMPLES / "glenmoor-wildfire.xml"
    with Store.open(db) as store:
        store.import_feed(str(sample), read_file(sample))
    conn = sqlite3.connect(db)
    with conn:  # as a database written before migration 0005 holds them
        conn.execute("UPDATE entries SET categories = NULL, utc_offset = NULL")
    conn.close()
    with Store.open(db) as store:
        result = store.import_feed(str(sample), read_file(sample))
        assert result.new == 0 and result.updated == 0
        top = next(store.entries())
        assert top.categories == ("Evacuations", "Tarn Valley")
        assert top.utc_offset == 60 and top.revisions == 0
