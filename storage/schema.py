"""The schema, as an ordered set of sqlite-utils migrations.

Never edit a migration that has shipped: add a new one. User data (tags, highlights, notes,
read/star/pin state) hangs off `entries`, so foreign keys to it are ON DELETE RESTRICT and
imports only ever INSERT or UPDATE entry rows, never replace them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread.storage.migrating import MigrationSet

if TYPE_CHECKING:
    import sqlite_utils

MIGRATIONS = MigrationSet("liveread")
"""Every schema change, in order; applied by `storage.store.Store.open`. Register a new one
with `@MIGRATIONS(name="000N_what")`, as with sqlite-utils' `Migrations`."""

_V1 = [
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        location TEXT NOT NULL UNIQUE,
        identity TEXT,
        format TEXT NOT NULL,
        title TEXT NOT NULL,
        standfirst TEXT,
        blog_date TEXT,
        url TEXT,
        coverage_start TEXT,
        coverage_end TEXT,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT,
        changed_at TEXT,
        added_at TEXT NOT NULL,
        selected_entry_id INTEGER
    )
    """,
    """
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
        key TEXT NOT NULL,
        position INTEGER NOT NULL,
        headline TEXT,
        body TEXT NOT NULL,
        author TEXT,
        url TEXT,
        published TEXT,
        updated TEXT,
        time_label TEXT,
        time_assumed_utc INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        present INTEGER NOT NULL DEFAULT 1,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        pinned INTEGER NOT NULL DEFAULT 0,
        revision_count INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        changed_at TEXT,
        UNIQUE (source_id, key)
    )
    """,
    "CREATE INDEX sources_by_identity ON sources (identity)",
    "CREATE INDEX entries_by_position ON entries (source_id, position, id)",
    """
    CREATE TABLE entry_revisions (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE RESTRICT,
        headline TEXT,
        body TEXT NOT NULL,
        author TEXT,
        published TEXT,
        updated TEXT,
        content_hash TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX entry_revisions_by_entry ON entry_revisions (entry_id, id)",
    """
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE entry_tags (
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE RESTRICT,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (entry_id, tag_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX entry_tags_by_tag ON entry_tags (tag_id, entry_id)",
    """
    CREATE TABLE highlights (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE RESTRICT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL,
        note TEXT,
        status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphaned')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (start >= 0 AND "end" >= start)
    )
    """,
    "CREATE INDEX highlights_by_entry ON highlights (entry_id, start)",
    """
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE RESTRICT,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX notes_by_entry ON notes (entry_id, id)",
    # Full-text search. External-content tables keep one copy of the text; triggers keep
    # them in step with every insert, update and delete, whatever code path wrote the row.
    """
    CREATE VIRTUAL TABLE entries_fts USING fts5 (
        headline, body, content='entries', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts (rowid, headline, body) VALUES (new.id, new.headline, new.body);
    END
    """,
    """
    CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
    END
    """,
    """
    CREATE TRIGGER entries_fts_update AFTER UPDATE OF headline, body ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
        INSERT INTO entries_fts (rowid, headline, body) VALUES (new.id, new.headline, new.body);
    END
    """,
    """
    CREATE VIRTUAL TABLE notes_fts USING fts5 (
        text, content='notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
        INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER notes_fts_update AFTER UPDATE OF text ON notes BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE VIRTUAL TABLE highlight_notes_fts USING fts5 (
        note, content='highlights', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER highlight_notes_fts_insert AFTER INSERT ON highlights BEGIN
        INSERT INTO highlight_notes_fts (rowid, note) VALUES (new.id, coalesce(new.note, ''));
    END
    """,
    """
    CREATE TRIGGER highlight_notes_fts_delete AFTER DELETE ON highlights BEGIN
        INSERT INTO highlight_notes_fts (highlight_notes_fts, rowid, note)
        VALUES ('delete', old.id, coalesce(old.note, ''));
    END
    """,
    """
    CREATE TRIGGER highlight_notes_fts_update AFTER UPDATE OF note ON highlights BEGIN
        INSERT INTO highlight_notes_fts (highlight_notes_fts, rowid, note)
        VALUES ('delete', old.id, coalesce(old.note, ''));
        INSERT INTO highlight_notes_fts (rowid, note) VALUES (new.id, coalesce(new.note, ''));
    END
    """,
]


@MIGRATIONS(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    # One statement at a time: executescript() would COMMIT the surrounding transaction.
    for statement in _V1:
        db.execute(statement)


# Annotations: ids of notes and highlights are never reused (AUTOINCREMENT), so undoing a
# delete can bring a row back under its old id while another process adds rows; highlights
# keep the words first highlighted (`original`) once an edit has changed them. SQLite cannot
# add AUTOINCREMENT to a table, so both are rebuilt; the external-content FTS tables keep
# their index, as the rowids do not change.
_HIGHLIGHT_NOTE_TRIGGERS = [
    """
    CREATE TRIGGER highlight_notes_fts_insert AFTER INSERT ON highlights BEGIN
        INSERT INTO highlight_notes_fts (rowid, note) VALUES (new.id, coalesce(new.note, ''));
    END
    """,
    """
    CREATE TRIGGER highlight_notes_fts_delete AFTER DELETE ON highlights BEGIN
        INSERT INTO highlight_notes_fts (highlight_notes_fts, rowid, note)
        VALUES ('delete', old.id, coalesce(old.note, ''));
    END
    """,
    """
    CREATE TRIGGER highlight_notes_fts_update AFTER UPDATE OF note ON highlights BEGIN
        INSERT INTO highlight_notes_fts (highlight_notes_fts, rowid, note)
        VALUES ('delete', old.id, coalesce(old.note, ''));
        INSERT INTO highlight_notes_fts (rowid, note) VALUES (new.id, coalesce(new.note, ''));
    END
    """,
]

_NOTE_TRIGGERS = [
    """
    CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
        INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER notes_fts_update AFTER UPDATE OF text ON notes BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
]

_V2 = [
    "DROP TRIGGER highlight_notes_fts_insert",
    "DROP TRIGGER highlight_notes_fts_delete",
    "DROP TRIGGER highlight_notes_fts_update",
    """
    CREATE TABLE highlights_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE RESTRICT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL,
        note TEXT,
        status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphaned')),
        original TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (start >= 0 AND "end" >= start)
    )
    """,
    """
    INSERT INTO highlights_v2 (id, entry_id, start, "end", exact, prefix, suffix, color, note,
        status, created_at, updated_at)
    SELECT id, entry_id, start, "end", exact, prefix, suffix, color, note, status, created_at,
        updated_at FROM highlights
    """,
    "DROP TABLE highlights",
    "ALTER TABLE highlights_v2 RENAME TO highlights",
    "CREATE INDEX highlights_by_entry ON highlights (entry_id, start)",
    "CREATE INDEX highlights_orphaned ON highlights (entry_id) WHERE status = 'orphaned'",
    *_HIGHLIGHT_NOTE_TRIGGERS,
    "DROP TRIGGER notes_fts_insert",
    "DROP TRIGGER notes_fts_delete",
    "DROP TRIGGER notes_fts_update",
    """
    CREATE TABLE notes_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE RESTRICT,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "INSERT INTO notes_v2 (id, entry_id, text, created_at, updated_at)"
    " SELECT id, entry_id, text, created_at, updated_at FROM notes",
    "DROP TABLE notes",
    "ALTER TABLE notes_v2 RENAME TO notes",
    "CREATE INDEX notes_by_entry ON notes (entry_id, id)",
    *_NOTE_TRIGGERS,
    # The star and pin filters and the pinned timeline read only the few marked entries.
    "CREATE INDEX entries_starred ON entries (source_id) WHERE starred = 1",
    "CREATE INDEX entries_pinned ON entries (source_id) WHERE pinned = 1",
]


@MIGRATIONS(name="0002_annotations")
def _annotations(db: sqlite_utils.Database) -> None:
    for statement in _V2:
        db.execute(statement)


@MIGRATIONS(name="0003_entries_unread_index")
def _unread_index(db: sqlite_utils.Database) -> None:
    # Entry and unread counts of a source come from this index alone: the header of a blog
    # with 100,000 entries is counted in milliseconds instead of a scan of every body.
    db.execute("CREATE INDEX entries_by_read ON entries (source_id, read)")


@MIGRATIONS(name="0004_links_and_notice")
def _links_and_notice(db: sqlite_utils.Database) -> None:
    # The links inside an entry's body, as a JSON array of [text, url] pairs (NULL for none):
    # read with the entry every time it is shown, so kept on its row rather than joined in.
    db.execute("ALTER TABLE entries ADD COLUMN links TEXT")
    # What the last import warned about how the page was read; NULL once one has no warning.
    db.execute("ALTER TABLE sources ADD COLUMN notice TEXT")


@MIGRATIONS(name="0005_entry_categories_and_offset")
def _entry_categories(db: sqlite_utils.Database) -> None:
    # The feed's own labels for a post (RSS/Atom categories, JSON Feed tags) as a JSON array
    # of strings, NULL for none: the newsroom's words, on the entry's row and never in the
    # user's tags tables, so no export can mistake them for the user's.
    db.execute("ALTER TABLE entries ADD COLUMN categories TEXT")
    # The UTC offset (minutes) the page wrote the post's time with, so the time can be shown
    # as the page wrote it while `published` stays the UTC instant; NULL when it named none.
    db.execute("ALTER TABLE entries ADD COLUMN utc_offset INTEGER")


# The sample files liveread shipped when migration 0006 was written: sources stored under a
# path to one of them (in site-packages, or a checkout's `sample_feeds/`) are moved to the
# stable `sample:<file>` name. Frozen here on purpose: later samples are stored by name from
# the start.
_SAMPLES_0006 = frozenset(
    {
        "aldmoor-water.html",
        "carrow-bridge.md",
        "count-night.txt",
        "glenmoor-wildfire.xml",
        "harbour-storm-later.txt",
        "harbour-storm.txt",
        "kessock-launch.atom",
        "rail-strike.txt",
        "tidewater-marathon.json",
    }
)


def _sample_name_0006(location: str) -> str | None:
    """`sample:<file>` for a path to a bundled sample, else None (URLs and the user's files)."""
    if "://" in location:
        return None
    parts = location.replace("\\", "/").rsplit("/", 2)
    if len(parts) == 3 and parts[1] == "sample_feeds" and parts[2] in _SAMPLES_0006:
        return f"sample:{parts[2]}"
    return None


@MIGRATIONS(name="0006_source_names_and_samples")
def _source_names_and_samples(db: sqlite_utils.Database) -> None:
    # The user's own name for a live blog (rename); NULL keeps the title the page gives, and
    # an import never writes it.
    db.execute("ALTER TABLE sources ADD COLUMN name TEXT")
    rows = db.execute("SELECT id, location FROM sources").fetchall()
    taken = {str(location) for _, location in rows}
    for source_id, location in rows:
        name = _sample_name_0006(str(location))
        # Two copies of one sample (a site-packages path and a checkout's) keep the second
        # under its path: locations are unique, and nothing is merged behind the user's back.
        if name is not None and name not in taken:
            db.execute("UPDATE sources SET location = ? WHERE id = ?", (name, source_id))
            taken.add(name)


@MIGRATIONS(name="0007_app_state")
def _app_state(db: sqlite_utils.Database) -> None:
    # What the app keeps between runs (the blog last read, the theme chosen in the palette):
    # one row per name, in the database because a blog's id means something only in it.
    db.execute(
        """
        CREATE TABLE app_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )


@MIGRATIONS(name="0008_entries_timed_index")
def _timed_index(db: sqlite_utils.Database) -> None:
    # An entry without a time of its own is placed by the nearest timed post on its page
    # (storage/search.py PLACED): one step of this index per untimed entry, even in a blog
    # of 100,000 posts with long runs of untimed ones.
    db.execute(
        "CREATE INDEX entries_timed ON entries (source_id, position) WHERE published IS NOT NULL"
    )


@MIGRATIONS(name="0009_saved_view_indexes")
def _saved_view_indexes(db: sqlite_utils.Database) -> None:
    # Saved views count over every blog at once whenever the sources pane opens: `edited`
    # reads only the few edited entries, and read state with times comes from a narrow index
    # instead of a scan of every body (`unread since:` at 100,000 entries).
    db.execute("CREATE INDEX entries_edited ON entries (source_id) WHERE revision_count > 0")
    db.execute("CREATE INDEX entries_by_time ON entries (published, first_seen, read)")


# When the user last read or annotated an entry, the revision it then had: an entry whose
# revision count has grown past it changed since it was read (`changed-since-read`). Kept by
# triggers, like the full-text indexes, so every way of reading or annotating (the app, the
# CLI, bulk actions, an annotation import) records it without each having to remember.
_SEEN = "UPDATE entries SET seen_revision = revision_count WHERE id = {id}"
_V10 = [
    "ALTER TABLE entries ADD COLUMN seen_revision INTEGER",
    # What the user had read or marked before this column existed counts as seen as it is
    # now: nothing is claimed to have changed behind their back that cannot be known.
    """
    UPDATE entries SET seen_revision = revision_count
    WHERE read = 1 OR starred = 1 OR pinned = 1
        OR id IN (SELECT entry_id FROM entry_tags UNION SELECT entry_id FROM highlights
                  UNION SELECT entry_id FROM notes)
    """,
    # Few entries at a time have changed since they were read: the filter reads only those.
    "CREATE INDEX entries_changed_since_read ON entries (source_id)"
    " WHERE revision_count > seen_revision",
    f"""
    CREATE TRIGGER entries_seen_read AFTER UPDATE OF read ON entries
    WHEN new.read = 1 BEGIN {_SEEN.format(id="new.id")}; END
    """,
    f"""
    CREATE TRIGGER entries_seen_marked AFTER UPDATE OF starred, pinned ON entries
    WHEN new.starred != old.starred OR new.pinned != old.pinned
    BEGIN {_SEEN.format(id="new.id")}; END
    """,
    f"""
    CREATE TRIGGER entries_seen_tagged AFTER INSERT ON entry_tags
    BEGIN {_SEEN.format(id="new.entry_id")}; END
    """,
    f"""
    CREATE TRIGGER entries_seen_highlighted AFTER INSERT ON highlights
    BEGIN {_SEEN.format(id="new.entry_id")}; END
    """,
    f"""
    CREATE TRIGGER entries_seen_highlight_changed AFTER UPDATE OF color, note ON highlights
    BEGIN {_SEEN.format(id="new.entry_id")}; END
    """,
    f"""
    CREATE TRIGGER entries_seen_noted AFTER INSERT ON notes
    BEGIN {_SEEN.format(id="new.entry_id")}; END
    """,
    f"""
    CREATE TRIGGER entries_seen_note_changed AFTER UPDATE OF text ON notes
    BEGIN {_SEEN.format(id="new.entry_id")}; END
    """,
]


@MIGRATIONS(name="0010_seen_revision")
def _seen_revision(db: sqlite_utils.Database) -> None:
    for statement in _V10:
        db.execute(statement)


@MIGRATIONS(name="0011_highlight_tags")
def _highlight_tags(db: sqlite_utils.Database) -> None:
    # A highlight's own tags, as a JSON array of normalised names on its row (NULL for none).
    # On the row rather than in a join table so they go wherever the row goes: deleting a
    # highlight takes its tags with it (no tag row can be left pointing at it), and undoing
    # the delete, which puts the whole row back, brings them back too.
    db.execute("ALTER TABLE highlights ADD COLUMN tags TEXT")
    # The notebook reads the newest items first, up to its bound: in index order, not sorted.
    db.execute("CREATE INDEX highlights_by_time ON highlights (created_at, id)")
    db.execute("CREATE INDEX notes_by_time ON notes (created_at, id)")
    # Tagging a highlight is annotating its entry, as 0010's triggers count it.
    db.execute(
        f"""
        CREATE TRIGGER entries_seen_highlight_tagged AFTER UPDATE OF tags ON highlights
        BEGIN {_SEEN.format(id="new.entry_id")}; END
        """
    )


@MIGRATIONS(name="0012_autotag")
def _autotag(db: sqlite_utils.Database) -> None:
    # Which auto-tag rule added a tag (its tag name; NULL: the user added it), so the app can
    # say "drones (rule)" and `liveread untag --rule` can take back what a rule did.
    db.execute("ALTER TABLE entry_tags ADD COLUMN rule TEXT")
    # A tag the user removed after a rule had added it: the rule never adds it back.
    db.execute(
        """
        CREATE TABLE autotag_removed (
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE RESTRICT,
            tag TEXT NOT NULL,
            removed_at TEXT NOT NULL,
            PRIMARY KEY (entry_id, tag)
        ) WITHOUT ROWID
        """
    )


# Full-text search scoped to one live blog inside the index: each entry's FTS row carries a
# token naming its blog (`scope`, `s<source id>`), so a search of one blog intersects the
# words' lists with the blog's list in FTS5 itself instead of scanning every blog's matches
# of a common word and filtering them after. The token is not stored in `entries`: the
# external content is a view that computes it, so the integrity check and `rebuild` read it
# too. The insert trigger stands aside while `entries_fts_deferred` holds a row: an import
# adds that row, inserts its entries, indexes them in one statement and deletes the row
# again, all in its one transaction (no other connection ever sees the row).
_SCOPED_FTS = [
    "DROP TRIGGER entries_fts_insert",
    "DROP TRIGGER entries_fts_delete",
    "DROP TRIGGER entries_fts_update",
    "DROP TABLE entries_fts",
    """
    CREATE VIEW entries_fts_content AS
    SELECT id, headline, body, 's' || source_id AS scope FROM entries
    """,
    """
    CREATE VIRTUAL TABLE entries_fts USING fts5 (
        headline, body, scope, content='entries_fts_content', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    "CREATE TABLE entries_fts_deferred (id INTEGER PRIMARY KEY CHECK (id = 1))",
    """
    CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
    WHEN NOT EXISTS (SELECT 1 FROM entries_fts_deferred) BEGIN
        INSERT INTO entries_fts (rowid, headline, body, scope)
        VALUES (new.id, new.headline, new.body, 's' || new.source_id);
    END
    """,
    """
    CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, headline, body, scope)
        VALUES ('delete', old.id, old.headline, old.body, 's' || old.source_id);
    END
    """,
    """
    CREATE TRIGGER entries_fts_update AFTER UPDATE OF headline, body, source_id ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, headline, body, scope)
        VALUES ('delete', old.id, old.headline, old.body, 's' || old.source_id);
        INSERT INTO entries_fts (rowid, headline, body, scope)
        VALUES (new.id, new.headline, new.body, 's' || new.source_id);
    END
    """,
    "INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')",
]


@MIGRATIONS(name="0013_scoped_search_index")
def _scoped_search_index(db: sqlite_utils.Database) -> None:
    for statement in _SCOPED_FTS:
        db.execute(statement)
