"""The typed Store: sources, entries and their revisions, and the import that fills them.

Annotations (tags, highlights, notes, undo, search) come from `storage.annotations`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from liveread.kernel.autotag import AutotagRule
from liveread.kernel.errors import NotFoundError, StorageError
from liveread.kernel.model import Entry, ImportResult, ParsedFeed, Revision, Source
from liveread.kernel.tags import normalise_tag
from liveread.kernel.text import normalise_for_key
from liveread.storage import autotag
from liveread.storage.app_state import AppStateMixin
from liveread.storage.connection import Writer, open_connection
from liveread.storage.highlight_meta import HighlightMetaMixin
from liveread.storage.journal import Edit, EditKind, TagChange, UndoStep
from liveread.storage.merging import merge_feed
from liveread.storage.notebook import NotebookMixin
from liveread.storage.rows import (
    ENTRY_COLUMNS,
    SOURCE_COLUMNS,
    entry_from_row,
    now_iso,
    revision_from_row,
    source_from_row,
)
from liveread.storage.schema import MIGRATIONS
from liveread.storage.source_admin import SourceAdminMixin
from liveread.storage.upgrade import OnUpgrade, rebuilds_index, reporting

if TYPE_CHECKING:
    import sqlite_utils

_SOURCE_SELECT = f"""
    SELECT {SOURCE_COLUMNS},
        (SELECT count(*) FROM entries e WHERE e.source_id = s.id),
        (SELECT count(*) FROM entries e WHERE e.source_id = s.id AND e.read = 0)
    FROM sources s
"""


def blog_identity(feed: ParsedFeed) -> str | None:
    """What makes two copies of a blog the same blog, wherever they were read from.

    A later snapshot saved as a new file is the same live blog: matched by the blog's own
    URL when the content names one, else by its title and date; always within one format.
    Titles are compared with case, spacing and Unicode compatibility forms folded, but the
    punctuation and emoji they hold, in order, count too: two blogs on one date whose titles
    differ only in an emoji or punctuation ("Storm" and "Storm 🌊") are two blogs. (A title
    of letters, digits and spaces keeps the identity it had before those counted.)
    """
    import unicodedata

    if feed.url:
        return f"{feed.format.value}|url|{feed.url}"
    if feed.blog_date:
        # What normalise_for_key drops (punctuation, emoji), kept in order beside it.
        marks = "".join(
            c
            for c in unicodedata.normalize("NFKC", feed.title)
            if not (c.isalnum() or c.isspace() or unicodedata.category(c) == "Cf")
        )
        title = normalise_for_key(feed.title) + (f"|{marks}" if marks else "")
        return f"{feed.format.value}|title|{title}|{feed.blog_date}"
    return None


class Store(HighlightMetaMixin, SourceAdminMixin, AppStateMixin, NotebookMixin):
    """A liveread database. Open with `Store.open(path)`; use as a context manager to close.

    One connection per Store, shared by this process's threads under a lock: SQLite
    connections are not safe to use from two threads at once.
    """

    def __init__(self, conn: sqlite3.Connection | sqlite_utils.Database, path: Path) -> None:
        self.conn = conn if isinstance(conn, sqlite3.Connection) else conn.conn
        """The SQLite connection (for storage modules only)."""
        self.path = path
        """Where the database file is."""
        self.writer = Writer(self.conn)
        """Wraps each write in a BEGIN IMMEDIATE transaction."""
        self.autotag_rules: tuple[AutotagRule, ...] = ()
        """The config's `[[autotag]]` rules, applied by every import to what it adds or
        changes (set by whoever read the settings: `services.autotagging.use_rules`)."""
        self.reindexed: int | None = None
        """Entries whose search index the opening upgrade rebuilt (None: it rebuilt none),
        for the app to say so once it is up."""

    @classmethod
    def open(cls, path: Path, *, on_upgrade: OnUpgrade | None = None) -> Store:
        """Open the database at `path`, creating it and applying pending migrations.

        `on_upgrade` is told how far an upgrade that rebuilds the search index has got
        (`storage.upgrade`); it is not called when no pending migration does."""
        conn = open_connection(path)
        store = cls(conn, path)
        try:
            store._migrate(on_upgrade)
        except BaseException:
            conn.close()
            raise
        return store

    def _migrate(self, on_upgrade: OnUpgrade | None = None) -> None:
        try:
            with self.writer.lock:
                if MIGRATIONS.refuse_if_newer(self.conn, self.writer, self.path):
                    return
                if MIGRATIONS.is_current(self.conn):
                    return
            pending = [m.name for m in MIGRATIONS.pending(self.db)]
            if not pending:
                return
            # A new file, or one without entries, has no index worth telling about.
            total = self._entry_count() if rebuilds_index(pending) else 0
            if total == 0:
                self._apply_migrations()
                return
            if on_upgrade is None:
                self._apply_migrations()
            else:
                with reporting(self.conn, total, on_upgrade):
                    self._apply_migrations()
            self.reindexed = total
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path}: cannot prepare the database ({exc})") from None

    def _apply_migrations(self) -> None:
        # All pending migrations in one transaction: a failure leaves the file as it was.
        with self.writer.transaction():
            MIGRATIONS.apply(self.db)

    def _entry_count(self) -> int:
        """Entries in the database before its upgrade (none in a new file)."""
        with self.writer.lock:
            exists = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entries'"
            ).fetchone()
            if exists is None:
                return 0
            return int(self.conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self.writer.lock:
            return list(self.conn.execute(sql, params).fetchall())

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        """How many migrations have been applied."""
        with self.writer.lock:
            return len(MIGRATIONS.applied_names(self.conn))

    def is_empty(self) -> bool:
        """True when no source has been imported yet."""
        return not self._rows("SELECT 1 FROM sources LIMIT 1")

    # -- sources --------------------------------------------------------------------------

    def sources(self, *, counts: bool = True) -> list[Source]:
        """Every source, in the order they were added; with `counts` False their entry and
        unread counts are left at 0 (counting walks every entry: a tenth of a second at a
        million, which the app's first frame does not wait for)."""
        if not counts:
            query = f"SELECT {SOURCE_COLUMNS}, 0, 0 FROM sources s ORDER BY s.id"
            return [source_from_row(r) for r in self._rows(query)]
        return [source_from_row(r) for r in self._rows(_SOURCE_SELECT + " ORDER BY s.id")]

    def source(self, source_id: int) -> Source:
        """One source by id; NotFoundError if there is none."""
        rows = self._rows(_SOURCE_SELECT + " WHERE s.id = ?", (source_id,))
        if not rows:
            raise NotFoundError(f"no source with id {source_id}")
        return source_from_row(rows[0])

    def source_by_location(self, location: str) -> Source | None:
        """The source read from `location` (a path or URL), if imported."""
        rows = self._rows(_SOURCE_SELECT + " WHERE s.location = ?", (location,))
        return source_from_row(rows[0]) if rows else None

    def mark_checked(
        self, source_id: int, *, etag: str | None = None, last_modified: str | None = None
    ) -> None:
        """Record a poll that found nothing new (HTTP 304): only the checked-at time moves."""
        with self.writer.transaction() as conn:
            conn.execute(
                "UPDATE sources SET checked_at = ?, etag = coalesce(?, etag),"
                " last_modified = coalesce(?, last_modified) WHERE id = ?",
                (now_iso(), etag, last_modified, source_id),
            )

    def selected_entry(self, source_id: int) -> int | None:
        """The entry the user last had selected in this source, if any."""
        rows = self._rows("SELECT selected_entry_id FROM sources WHERE id = ?", (source_id,))
        value = rows[0][0] if rows else None
        return value if isinstance(value, int) else None

    def set_selected_entry(self, source_id: int, entry_id: int | None) -> None:
        """Remember which entry the user has selected in this source."""
        with self.writer.transaction() as conn:
            conn.execute(
                "UPDATE sources SET selected_entry_id = ? WHERE id = ?", (entry_id, source_id)
            )

    # -- entries --------------------------------------------------------------------------

    def entries(self, source_id: int | None = None) -> Iterator[Entry]:
        """Entries in page order (newest first), of one source or of all in source order."""
        if source_id is None:
            sql = f"SELECT {ENTRY_COLUMNS} FROM entries ORDER BY source_id, position, id"
            params: tuple[object, ...] = ()
        else:
            sql = f"SELECT {ENTRY_COLUMNS} FROM entries WHERE source_id = ? ORDER BY position, id"
            params = (source_id,)
        for row in self._rows(sql, params):
            yield entry_from_row(row)

    def entry_page(self, source_id: int, offset: int, limit: int) -> list[Entry]:
        """`limit` entries of a source starting at row `offset` of its page order."""
        rows = self._rows(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE source_id = ?"
            " ORDER BY position, id LIMIT ? OFFSET ?",
            (source_id, limit, offset),
        )
        return [entry_from_row(r) for r in rows]

    def count_entries(self, source_id: int) -> int:
        """How many entries a source has."""
        rows = self._rows("SELECT count(*) FROM entries WHERE source_id = ?", (source_id,))
        value = rows[0][0]
        return value if isinstance(value, int) else 0

    def entry(self, entry_id: int) -> Entry:
        """One entry by id; NotFoundError if there is none."""
        rows = self._rows(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,))
        if not rows:
            raise NotFoundError(f"no entry with id {entry_id}")
        return entry_from_row(rows[0])

    def revisions(self, entry_id: int) -> list[Revision]:
        """Earlier texts of an entry, oldest first."""
        rows = self._rows(
            "SELECT id, entry_id, headline, body, replaced_at FROM entry_revisions"
            " WHERE entry_id = ? ORDER BY id",
            (entry_id,),
        )
        return [revision_from_row(r) for r in rows]

    def entry_index(self, entry_id: int) -> int | None:
        """Where an entry is in its source's page order (the row `entry_page` would put it at).

        None when there is no such entry. Counts along the (source_id, position, id) index, so
        it stays quick on a source with 100,000 entries.
        """
        rows = self._rows(
            "SELECT (SELECT count(*) FROM entries e WHERE e.source_id = t.source_id"
            " AND (e.position, e.id) < (t.position, t.id))"
            " FROM entries t WHERE t.id = ?",
            (entry_id,),
        )
        if not rows:
            return None
        value = rows[0][0]
        return value if isinstance(value, int) else None

    def next_unread(self, source_id: int, after_entry_id: int | None = None) -> Entry | None:
        """The first unread entry of a source after the given one in page order.

        With `after_entry_id` None (or naming no entry), the search starts at the top.
        """
        after = None
        if after_entry_id is not None:
            found = self._rows("SELECT position, id FROM entries WHERE id = ?", (after_entry_id,))
            after = found[0] if found else None
        if after is None:
            sql = (
                f"SELECT {ENTRY_COLUMNS} FROM entries WHERE source_id = ? AND read = 0"
                " ORDER BY position, id LIMIT 1"
            )
            params: tuple[object, ...] = (source_id,)
        else:
            sql = (
                f"SELECT {ENTRY_COLUMNS} FROM entries WHERE source_id = ? AND read = 0"
                " AND (position, id) > (?, ?) ORDER BY position, id LIMIT 1"
            )
            params = (source_id, after[0], after[1])
        rows = self._rows(sql, params)
        return entry_from_row(rows[0]) if rows else None

    def set_read(self, entry_id: int, read: bool = True) -> None:
        """Mark an entry read (at the revision it has now: the `entries_seen_read` trigger
        of migration 0010) or unread."""
        with self.writer.transaction() as conn:
            cur = conn.execute("UPDATE entries SET read = ? WHERE id = ?", (int(read), entry_id))
            if cur.rowcount == 0:
                raise NotFoundError(f"no entry with id {entry_id}")

    # -- import ---------------------------------------------------------------------------

    def import_feed(
        self,
        location: str,
        feed: ParsedFeed,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        polled: bool = False,
    ) -> ImportResult:
        """Merge a parsed feed into the source read from `location`, in one transaction.

        Planned by `storage.merge_plan.plan_merge`: new posts are inserted; a known post with
        other text (matched by key, or by its text where a fingerprint key changed) keeps its
        old text as a revision; one missing from inside the span the feed covers is marked
        not present, one below it (scrolled off) stays as it was. Nothing is deleted, and a
        re-import of the same content writes nothing at all (unless `polled`, which records
        the check time and HTTP validators).

        The auto-tag rules (`autotag_rules`) tag what it added or changed in the same
        transaction, as one undo step (`storage.autotag`).
        """
        with self._acting() as (conn, actions):
            result = merge_feed(
                conn, location, feed, blog_identity(feed), etag, last_modified, polled
            )
            if self.autotag_rules and result.stamp and (result.new or result.updated):
                counts, step = autotag.apply_rules(
                    conn, self.autotag_rules, result.source_id, result.stamp
                )
                if step is not None:
                    actions.append(step)
                    result = replace(
                        result, autotagged=counts, autotagged_entries=len(step.touched)
                    )
        return result

    def untag_rule(self, tag: str) -> int:
        """Take back every `tag` an auto-tag rule added, in one transaction and one undo step
        (each is remembered as removed: the rule does not add it again); how many entries."""
        name = normalise_tag(tag)
        with self._acting() as (conn, actions):
            ids = autotag.remove_rule_tags(conn, name)
            if ids:
                changes = tuple(TagChange(i, (name,), False, rule=name) for i in ids)
                edit = Edit(EditKind.UNTAGGED, tags=(name,), count=len(ids))
                actions.append(UndoStep(ids[0], (edit,), changes, others=tuple(ids[1:])))
        return len(ids)

    def rule_tags(self, entry_id: int) -> tuple[str, ...]:
        """The entry's tags an auto-tag rule added (the others the user added), sorted."""
        with self.writer.lock:
            return autotag.rule_tags(self.conn, entry_id)
