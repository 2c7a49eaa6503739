"""Imports into a real database: identity that survives edits, scrolled off is not gone,
key events pinned once, links and the source's notice stored."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC
from pathlib import Path

import pytest

from liveread.cli.listing import entry_json, source_json
from liveread.ingest import read_file
from liveread.kernel.model import Entry, Format, Link, ParsedEntry, ParsedFeed
from liveread.kernel.text import fingerprint
from liveread.storage import Store
from liveread.tui.display import TimeDisplay
from liveread.tui.screens.diff import diff_text
from tests.conftest import SAMPLES
from tests.test_cli_import import run


def post(headline: str | None, body: str, key: str | None = None, **extra: object) -> ParsedEntry:
    """A post keyed as a source with no ids keys it, unless `key` is given."""
    if key is None:
        key = (
            "h:" + fingerprint(headline) if headline else "p:" + fingerprint(body.split("\n\n")[0])
        )
    return ParsedEntry(key=key, headline=headline, body=body, **extra)  # type: ignore[arg-type]


def feed(*entries: ParsedEntry, **extra: object) -> ParsedFeed:
    """A live page holding these posts, newest first."""
    return ParsedFeed(Format.JSONLD, "Storm live", tuple(entries), **extra)  # type: ignore[arg-type]


POSTS = [
    post(
        f"Update number {n}: crews at work on section {n}",
        f"Section {n} of the wall is being shored up by crews.",
    )
    for n in range(10, 0, -1)
]
"""Ten posts of a page, newest (10) first."""


def _by_id(store: Store, source_id: int) -> dict[int, Entry]:
    return {e.id: e for e in store.entries(source_id)}


def test_a_reworded_headline_is_a_revision_with_every_annotation_kept(store: Store) -> None:
    old = post("Kremlin denies future talks", "A spokesman said no meeting was planned this week.")
    sid = store.import_feed("page", feed(POSTS[0], old, POSTS[1])).source_id
    (entry,) = [e for e in store.entries(sid) if e.key == old.key]
    store.add_tags(entry.id, ["diplomacy"])
    highlight = store.add_highlight_quote(entry.id, "no meeting was planned")
    note = store.add_note(entry.id, "Check against the agency wire.")
    store.set_starred(entry.id)
    store.set_pinned(entry.id)

    new = post("Kremlin denies any future talks", old.body)
    result = store.import_feed("page", feed(POSTS[0], new, POSTS[1]))
    assert (result.new, result.updated, result.unchanged, result.gone) == (0, 1, 2, 0)
    after = store.entry(entry.id)
    assert (after.key, after.headline, after.revisions, after.present) == (
        old.key,
        "Kremlin denies any future talks",
        1,
        True,
    )
    assert after.starred and after.pinned
    assert store.entry_tags(entry.id) == ("diplomacy",)
    assert [h.id for h in store.highlights(entry.id)] == [highlight.id]
    assert store.highlights(entry.id)[0].status == "anchored"
    assert [n.id for n in store.notes(entry.id)] == [note.id]
    (revision,) = store.revisions(entry.id)
    assert (revision.headline, revision.body) == ("Kremlin denies future talks", old.body)
    # `d` shows the edit.
    diff = diff_text(after, [revision], TimeDisplay(UTC)).plain
    assert "- Kremlin denies future talks" in diff and "+ Kremlin denies any future talks" in diff
    assert store.count_entries(sid) == 3
    # The next poll finds the reworded post as stored: nothing to write.
    again = store.import_feed("page", feed(POSTS[0], new, POSTS[1]))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)


def test_an_edited_body_is_a_revision(store: Store) -> None:
    sid = store.import_feed("page", feed(*POSTS[:3])).source_id
    edited = post(POSTS[1].headline, POSTS[1].body + " About 40 people are helping.")
    result = store.import_feed("page", feed(POSTS[0], edited, POSTS[2]))
    assert (result.new, result.updated, result.unchanged) == (0, 1, 2)
    (changed,) = [e for e in store.entries(sid) if e.revisions]
    assert changed.key == POSTS[1].key and changed.body == edited.body
    assert store.revisions(changed.id)[0].body == POSTS[1].body


def test_a_post_that_scrolled_off_the_first_page_stays_present(store: Store) -> None:
    sid = store.import_feed("page", feed(*POSTS[:6])).source_id
    before = _by_id(store, sid)
    newest = post("Bag wall finished ahead of high tide", "Crews finished the wall at dusk.")
    result = store.import_feed("page", feed(newest, *POSTS[:4]))
    assert (result.new, result.unchanged, result.gone, result.older) == (1, 4, 0, 2)
    entries = sorted(store.entries(sid), key=lambda e: e.position)
    assert all(e.present for e in entries)
    assert [e.key for e in entries] == [newest.key, *(p.key for p in POSTS[:6])]
    assert [e.position for e in entries] == list(range(7))
    assert {e.id for e in entries} >= set(before)


def test_a_post_removed_from_inside_the_span_is_marked_gone(store: Store) -> None:
    sid = store.import_feed("page", feed(*POSTS[:5])).source_id
    result = store.import_feed("page", feed(POSTS[0], POSTS[1], POSTS[3], POSTS[4]))
    assert (result.gone, result.older, result.unchanged) == (1, 0, 4)
    entries = {e.key: e for e in store.entries(sid)}
    assert not entries[POSTS[2].key].present
    assert entries[POSTS[2].key].position == 2  # kept where it was
    assert sum(e.present for e in entries.values()) == 4


def test_the_dump_top_post_keeps_its_identity_over_three_snapshots(store: Store) -> None:
    storm, later = SAMPLES / "harbour-storm.txt", SAMPLES / "harbour-storm-later.txt"
    sid = store.import_feed(str(storm), read_file(storm)).source_id
    top = next(iter(store.entries(sid)))
    store.add_tags(top.id, ["summary"])
    store.import_feed(str(later), read_file(later))
    again = store.import_feed(str(later), read_file(later))
    assert (again.new, again.updated, again.gone) == (0, 0, 0)
    kept = store.entry(top.id)
    assert (kept.key, kept.headline, kept.body, kept.present) == (
        top.key,
        top.headline,
        top.body,
        True,
    )
    assert kept.position == 5 and store.entry_tags(top.id) == ("summary",)
    joined = "\n\n".join(e.body for e in store.entries(sid) if e.present)
    # Every paragraph of the later file is stored once.
    paragraphs = [p for e in read_file(later).entries for p in e.body.split("\n\n")]
    assert sorted(joined.split("\n\n")) == sorted(paragraphs)


def test_a_key_event_is_pinned_when_first_seen_only(store: Store) -> None:
    key_event = post("Evacuation order for the old town", "Leave by 19:00.", key_event=True)
    sid = store.import_feed("page", feed(key_event, POSTS[0])).source_id
    entries = {e.key: e for e in store.entries(sid)}
    assert entries[key_event.key].pinned and not entries[POSTS[0].key].pinned
    store.set_pinned(entries[key_event.key].id, False)
    edited = post(key_event.headline, "Leave by 19:30.", key_event=True)
    result = store.import_feed("page", feed(edited, POSTS[0]))
    assert result.updated == 1
    assert not store.entry(entries[key_event.key].id).pinned


def test_links_round_trip_and_follow_the_page(store: Store, db_path: Path) -> None:
    links = (
        Link("the council", "https://example.org/council"),
        Link("", "https://example.org/p.jpg"),
    )
    linked = post("Shelters open", "The council opened three shelters.", links=links)
    sid = store.import_feed("page", feed(linked, POSTS[0])).source_id
    entries = {e.key: e for e in store.entries(sid)}
    assert entries[linked.key].links == links and entries[POSTS[0].key].links == ()
    assert entry_json(entries[linked.key])["links"] == [
        {"text": "the council", "url": "https://example.org/council"},
        {"text": "", "url": "https://example.org/p.jpg"},
    ]
    # Other links under the same words: stored, and no revision.
    relinked = post(linked.headline, linked.body, links=links[:1])
    result = store.import_feed("page", feed(relinked, POSTS[0]))
    assert (result.updated, result.unchanged) == (0, 2)
    entry = store.entry(entries[linked.key].id)
    assert entry.links == links[:1] and entry.revisions == 0
    # Malformed stored links read as none, never a crash.
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE entries SET links = '{not json' WHERE id = ?", (entry.id,))
    conn.commit()
    conn.close()
    assert store.entry(entry.id).links == ()


def test_the_source_notice_is_set_and_cleared(store: Store) -> None:
    warned = feed(
        *POSTS[:2], warnings=("every post shares one headline and time",), profile="generic"
    )
    sid = store.import_feed("page", warned).source_id
    notice = store.source(sid).notice
    assert notice == "every post shares one headline and time (read by the generic reader)"
    assert source_json(store.source(sid))["notice"] == notice
    assert store.import_feed("page", feed(*POSTS[:2])).unchanged == 2
    assert store.source(sid).notice is None


def test_entries_json_lists_links(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("import", str(SAMPLES / "glenmoor-wildfire.xml"), db=db).returncode == 0
    proc = run("entries", "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows[0]["links"] == [{"text": "", "url": "https://council.example.org/glenmoor-fire"}]
    assert all(row["links"] == [] for row in rows[1:])


PAGES = Path(__file__).resolve().parent / "pages"
LATER = sorted(PAGES.glob("*-later.html"))


def test_every_family_has_a_later_snapshot() -> None:
    assert {p.name.removesuffix("-later.html") for p in LATER} >= {
        "guardian",
        "reach",
        "independent",
        "repubblica",
        "wp-liveblog",
        "amp-live-list",
        "microdata",
        "generic",
        "ticker",
    }


@pytest.mark.parametrize("later", LATER, ids=lambda p: p.name.removesuffix("-later.html"))
def test_a_later_page_revises_its_posts_and_keeps_what_scrolled_off(
    store: Store, later: Path
) -> None:
    """Each family's later copy: one new post on top, edits as revisions, nothing gone."""
    first = read_file(later.with_name(later.name.replace("-later", "")))
    source_id = store.import_feed("https://news.example/live", first).source_id
    before = _by_id(store, source_id)
    result = store.import_feed("https://news.example/live", read_file(later))
    assert (result.new, result.gone) == (1, 0)
    assert result.updated >= 1 and result.older >= 1
    after = _by_id(store, source_id)
    assert set(before) <= set(after)
    assert all(entry.present for entry in after.values())
    revised = [e for e in after.values() if e.revisions]
    assert len(revised) == result.updated
