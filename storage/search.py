"""Full-text search and the entry-list filter, run in SQLite.

Search uses the FTS5 indexes over headlines and bodies, entry notes and highlight notes. What
the user typed is never FTS syntax: each word or phrase becomes one quoted FTS string (a
trailing `*` makes it a prefix), and the strings are ANDed. An entry matches when its
headline and body, or one of its notes, hold every word.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from liveread.kernel.model import Entry, Highlight
from liveread.kernel.query import Filter, parse_filter, search_terms
from liveread.kernel.text import strip_controls
from liveread.storage.core import ENTRY_COLUMNS_E, StoreCore
from liveread.storage.ranking import needles, ranked_sql
from liveread.storage.rows import HIGHLIGHT_COLUMNS, entry_from_row, highlight_from_row, to_iso

_ORDER = "e.source_id, e.position, e.id"
"""Page order: source by source, newest entry first."""

NEWEST = "coalesce(e.published, e.first_seen) DESC"
"""Time order across live blogs: the newest entry first (first seen, without a time)."""


def fts_string(term: str) -> str | None:
    """One word or phrase as a quoted FTS5 string; None when it holds nothing searchable."""
    # A NUL would end the FTS string early (SQLite reads it as C text); controls go too.
    term = strip_controls(term)
    core = term.rstrip("*")
    # A one-letter prefix stands for most of the index: taken as the word itself.
    prefix = term.endswith("*") and sum(ch.isalnum() for ch in core) >= 2
    if not any(ch.isalnum() for ch in core):
        return None
    return '"' + core.replace('"', '""') + '"' + ("*" if prefix else "")


def fts_expression(terms: tuple[str, ...]) -> str | None:
    """All terms ANDed as FTS5 strings; None when none holds anything searchable."""
    strings = [s for s in (fts_string(t) for t in terms) if s is not None]
    return " ".join(strings) if strings else None


TEXT_COLUMNS = "{headline body}"
"""The FTS5 column filter of the words searched in `entries_fts`: its third column, `scope`,
holds the blog token (`scope_token`), which a word typed by the user must never match."""


def scope_token(source_id: int) -> str:
    """The token `entries_fts.scope` holds for every entry of a live blog (migration 0013)."""
    return f"s{int(source_id)}"


def entries_expression(expression: str, source_id: int | None = None) -> str:
    """An expression of `fts_expression` for `entries_fts`: the words in the headline and
    body only, and (with `source_id`) ANDed with the blog's token, so FTS5 intersects the
    lists inside the index and never reads another blog's matches."""
    text = f"{TEXT_COLUMNS} : ({expression})"
    if source_id is None:
        return text
    return f'{text} AND scope : "{scope_token(source_id)}"'


_MATCHING_ENTRIES = """
    SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?
    UNION SELECT n.entry_id FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
        WHERE notes_fts MATCH ?
    UNION SELECT h.entry_id FROM highlight_notes_fts
        JOIN highlights h ON h.id = highlight_notes_fts.rowid WHERE highlight_notes_fts MATCH ?
"""
"""Ids of entries whose text, or one of whose notes, matches an expression: parameters
`matching_params` gives."""


def matching_params(expression: str, source_id: int | None = None) -> list[object]:
    """The parameters of `_MATCHING_ENTRIES` for one `fts_expression`; with `source_id`, the
    entries' index is read for that blog only (its notes are few, and filtered after)."""
    return [entries_expression(expression, source_id), expression, expression]


RANK_CAP = 1000
"""At most this many matches per index are ranked: the most recently added ones (newest
rowid first, which FTS5 reads from the end of each word's list without scanning it). A word
on most of a million entries would otherwise cost a score for every one of them; the best
`limit` of these newest matches come back (`storage.ranking`)."""


def _newest_matches() -> str:
    """SQL: the ids of the newest RANK_CAP matches of each index for an expression, given
    as `entries_expression` (scoped or not) and then twice as is, with `via`: 0 when the
    entry's own text matched, 1 when only one of its notes or highlight notes did."""
    return f"""
    SELECT entry_id, min(via) AS via FROM (
        SELECT * FROM (
            SELECT rowid AS entry_id, 0 AS via FROM entries_fts WHERE entries_fts MATCH ?
            ORDER BY rowid DESC LIMIT {RANK_CAP}
        )
        UNION ALL SELECT * FROM (
            SELECT n.entry_id, 1 FROM notes_fts
            JOIN notes n ON n.id = notes_fts.rowid
            WHERE notes_fts MATCH ? ORDER BY notes_fts.rowid DESC LIMIT {RANK_CAP}
        )
        UNION ALL SELECT * FROM (
            SELECT h.entry_id, 1 FROM highlight_notes_fts
            JOIN highlights h ON h.id = highlight_notes_fts.rowid
            WHERE highlight_notes_fts MATCH ? ORDER BY highlight_notes_fts.rowid DESC
            LIMIT {RANK_CAP}
        )
    ) GROUP BY entry_id
    """


ANNOTATED_IDS = (
    "SELECT entry_id FROM entry_tags UNION SELECT entry_id FROM highlights"
    " UNION SELECT entry_id FROM notes UNION SELECT id FROM entries WHERE starred = 1"
    " UNION SELECT id FROM entries WHERE pinned = 1"
)
"""SQL: the ids of every entry the user marked in some way (tagged, highlighted, noted,
starred, pinned), each side read from its own index (the annotation tables by entry, the
partial indexes of starred and pinned entries): the cost follows the annotations, not the
entries, however many a database holds."""

ANNOTATED = f"e.id IN ({ANNOTATED_IDS})"
"""SQL condition on `entries e`: the user marked the entry in some way. An OR of the five
sides would be tested on every entry in scope, as no index serves an OR of them; the set is
built once and the entries are looked up by id."""

TAGGED = (
    "e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
    " WHERE t.name = ?)"
)
"""SQL condition on `entries e`: it carries the tag named by the parameter."""

_UNTIMED = (
    "coalesce("
    "(SELECT o.published FROM entries o WHERE o.source_id = e.source_id"
    " AND o.published IS NOT NULL AND o.position > e.position ORDER BY o.position LIMIT 1),"
    " (SELECT o.published FROM entries o WHERE o.source_id = e.source_id"
    " AND o.published IS NOT NULL AND o.position < e.position ORDER BY o.position DESC LIMIT 1),"
    " e.first_seen)"
)
"""SQL on `entries e` without a time of its own: its time by its place on the page. That of
the nearest timed post below it (older: it was written after that one), else of the nearest
above it (it sits at the bottom, under every timed post); only a blog with no times at all
falls back to when the entry was first seen. Each lookup is one step of the `entries_timed`
index."""

PLACED = f"coalesce(e.published, {_UNTIMED})"
"""SQL on `entries e`: the entry's time by its place on the page (its own published time, else
`_UNTIMED`), for ordering."""


def _placed_compare(operator: str) -> str:
    """A condition comparing an entry's placed time with the parameter (given twice): written
    as an OR on `published` so the time index serves the timed entries, and only the untimed
    ones are placed (`unread since:2h` reads the day's rows, not all 100,000)."""
    return f"(e.published {operator} ? OR (e.published IS NULL AND {_UNTIMED} {operator} ?))"


_FILED = (
    "EXISTS (SELECT 1 FROM json_each(coalesce(e.categories, '[]')) c"
    " WHERE lower(c.value) = lower(?))"
)
"""SQL condition on `entries e`: the feed filed it under the category named by the parameter
(`entries.categories`, a JSON list of names or NULL, added by the feed-metadata migration)."""

CHANGED_SINCE_READ = "e.revision_count > e.seen_revision"
"""SQL condition on `entries e`: edited after the user last read or annotated it (the
`seen_revision` of migration 0010, NULL for an entry never read, which makes it not true).
Written as the `entries_changed_since_read` index's own condition, so the index serves it."""

_ORPHANED = "EXISTS (SELECT 1 FROM highlights h WHERE h.entry_id = e.id AND h.status = 'orphaned')"


def filter_condition(flt: Filter, source_id: int | None) -> tuple[str, tuple[object, ...]]:
    """The filter as an SQL condition on `entries e`, with its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if source_id is not None:
        clauses.append("e.source_id = ?")
        params.append(source_id)
    for name in flt.tags:
        clauses.append(TAGGED)
        params.append(name)
    for name in flt.without_tags:
        clauses.append("NOT " + TAGGED)
        params.append(name)
    for column, value in (("starred", flt.starred), ("pinned", flt.pinned)):
        if value is not None:
            clauses.append(f"e.{column} = ?")
            params.append(int(value))
    if flt.unread is not None:
        clauses.append("e.read = ?")
        params.append(int(not flt.unread))
    if flt.edited is not None:
        clauses.append("e.revision_count > 0" if flt.edited else "e.revision_count = 0")
    if flt.changed_since_read is not None:
        # NULL (never read) is not changed since: `-changed-since-read` keeps those entries.
        changed = CHANGED_SINCE_READ
        clauses.append(changed if flt.changed_since_read else f"NOT coalesce({changed}, 0)")
    if flt.annotated is not None:
        clauses.append(ANNOTATED if flt.annotated else "NOT " + ANNOTATED)
    if flt.orphaned is not None:
        clauses.append(_ORPHANED if flt.orphaned else "NOT " + _ORPHANED)
    if flt.links is not None:
        clauses.append("e.links IS NOT NULL" if flt.links else "e.links IS NULL")
    if flt.since is not None:
        clauses.append(_placed_compare(">="))
        params += [to_iso(flt.since)] * 2
    if flt.until is not None:
        clauses.append(_placed_compare("<"))
        params += [to_iso(flt.until)] * 2
    for names, wanted in ((flt.sources, True), (flt.without_sources, False)):
        if names:
            clauses.append(("" if wanted else "NOT ") + _named_sources(len(names)))
            for name in names:
                params += [_like(name)] * 2
    for names, wanted in ((flt.authors, True), (flt.without_authors, False)):
        if names:
            held = " OR ".join(["e.author LIKE ? ESCAPE '\\'"] * len(names))
            # An entry with no author holds no name: `-author:x` keeps it.
            clauses.append(f"({held})" if wanted else f"NOT coalesce({held}, 0)")
            params += [_like(name) for name in names]
    for name in flt.categories:
        clauses.append(_FILED)
        params.append(name)
    for name in flt.without_categories:
        clauses.append("NOT " + _FILED)
        params.append(name)
    if flt.words:
        expression = fts_expression(flt.words)
        if expression is None:
            clauses.append("0")  # only punctuation was typed: nothing can match it
        else:
            clauses.append(f"e.id IN ({_MATCHING_ENTRIES})")
            params += matching_params(expression, source_id)
    for word in flt.without_words:
        expression = fts_expression((word,))
        if expression is not None:
            clauses.append(f"e.id NOT IN ({_MATCHING_ENTRIES})")
            params += matching_params(expression, source_id)
    return (" AND ".join(clauses) or "1"), tuple(params)


def _like(name: str) -> str:
    """A LIKE pattern for text holding `name` (ASCII letters in any case), `%` and `_` as
    themselves."""
    escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _named_sources(count: int) -> str:
    """SQL on `entries e`: its blog's title or location holds one of `count` names (each
    given twice)."""
    held = " OR ".join(["s.title LIKE ? ESCAPE '\\' OR s.location LIKE ? ESCAPE '\\'"] * count)
    return f"e.source_id IN (SELECT s.id FROM sources s WHERE {held})"


def as_filter(flt: Filter | str) -> Filter:
    """A Filter as is, or filter-language text parsed (InputError if it is malformed)."""
    return parse_filter(flt) if isinstance(flt, str) else flt


class SearchMixin(StoreCore):
    """Search, filtering, the pinned timeline and the orphans list."""

    def search(
        self,
        query: str,
        *,
        source_id: int | None = None,
        limit: int = 200,
        cancel: threading.Event | None = None,
    ) -> list[Entry]:
        """Entries matching every word of `query`, best match first, among the RANK_CAP
        most recently added matches of each index (bm25's weighing of how often the words
        occur, a headline match counting double: `storage.ranking`). `-word` excludes;
        `"a phrase"`; `pref*` (two letters at least) matches words starting so, and such
        a search lists in page order. Never raises for odd input: a query with nothing
        searchable finds nothing. Setting `cancel` (from another thread) stops it with
        ReadCancelled."""
        terms = search_terms(query)
        expression = fts_expression(terms.words)
        if expression is None:
            return []
        # The blog inside the index, before the cap: another blog's matches never crowd
        # this one's out, and a word on most of a million entries costs this blog's share.
        params: list[object] = [entries_expression(expression, source_id)]
        params += [expression, expression]
        clauses = []
        if source_id is not None:
            clauses.append("e.source_id = ?")
            params.append(source_id)
        for word in terms.without:
            excluded = fts_expression((word,))
            if excluded is not None:
                clauses.append(f"e.id NOT IN ({_MATCHING_ENTRIES})")
                params += matching_params(excluded)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        # A prefix stands for many words: such a search lists its matches in page order.
        found = needles(terms.words) if '"*' not in expression else []
        rows = self._fetch(
            ranked_sql(len(found), _newest_matches(), where, ENTRY_COLUMNS_E, "?"),
            (*found, *params, max(0, limit)),
            cancel=cancel,
        )
        return [entry_from_row(r) for r in rows]

    def search_everywhere(
        self, query: str, *, limit: int = 200, cancel: threading.Event | None = None
    ) -> list[Entry]:
        """Entries of every live blog matching every word of `query` (as `search`), the
        newest first: by published time, or first seen without one; among the RANK_CAP most
        recently added matches of each index, so a word on most entries costs no more than a
        rare one. Never raises for odd input; `cancel` as for `search`."""
        terms = search_terms(query)
        expression = fts_expression(terms.words)
        if expression is None:
            return []
        params: list[object] = [entries_expression(expression), expression, expression]
        clauses = []
        for word in terms.without:
            excluded = fts_expression((word,))
            if excluded is not None:
                clauses.append(f"e.id NOT IN ({_MATCHING_ENTRIES})")
                params += matching_params(excluded)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        matches = _newest_matches()
        rows = self._fetch(
            f"SELECT {ENTRY_COLUMNS_E} FROM ({matches}) m JOIN entries e ON e.id = m.entry_id"
            f" {where} ORDER BY {NEWEST}, {_ORDER} LIMIT ?",
            (*params, max(0, limit)),
            cancel=cancel,
        )
        return [entry_from_row(r) for r in rows]

    def view_counts(self, filters: Sequence[Filter | str]) -> list[tuple[int, int]]:
        """(entries kept, unread among them) of each filter over every live blog: the
        counts of the saved views in the sources pane, read in one snapshot."""
        counts: list[tuple[int, int]] = []
        with self._snapshot() as conn:
            for flt in filters:
                where, params = filter_condition(as_filter(flt), None)
                total, unread = conn.execute(
                    f"SELECT count(*), coalesce(sum(e.read = 0), 0) FROM entries e WHERE {where}",
                    params,
                ).fetchone()
                counts.append((int(total), int(unread)))
        return counts

    def filter_entries(
        self, source_id: int | None, flt: Filter | str, offset: int = 0, limit: int = 100
    ) -> list[Entry]:
        """`limit` entries the filter keeps, from row `offset` of page order (`source_id`
        None: every source, in source order)."""
        where, params = filter_condition(as_filter(flt), source_id)
        rows = self._fetch(
            f"SELECT {ENTRY_COLUMNS_E} FROM entries e WHERE {where}"
            f" ORDER BY {_ORDER} LIMIT ? OFFSET ?",
            (*params, max(0, limit), max(0, offset)),
        )
        return [entry_from_row(r) for r in rows]

    def filter_page(
        self, source_id: int | None, flt: Filter | str, limit: int = 100
    ) -> tuple[int, list[Entry]]:
        """How many entries the filter keeps, and the first `limit` of them in page order, in
        one pass over the matches (what opening a filtered list or a view needs)."""
        where, params = filter_condition(as_filter(flt), source_id)
        rows = self._fetch(
            f"SELECT {ENTRY_COLUMNS_E}, count(*) OVER () FROM entries e WHERE {where}"
            f" ORDER BY {_ORDER} LIMIT ?",
            (*params, max(1, limit)),
        )
        if not rows:
            return 0, []
        total = rows[0][-1]
        entries = [entry_from_row(r[:-1]) for r in rows[: max(0, limit)]]
        return (total if isinstance(total, int) else len(rows)), entries

    def count_filtered(self, source_id: int | None, flt: Filter | str) -> int:
        """How many entries the filter keeps."""
        where, params = filter_condition(as_filter(flt), source_id)
        value = self._fetch(f"SELECT count(*) FROM entries e WHERE {where}", params)[0][0]
        return value if isinstance(value, int) else 0

    def filtered_index(self, source_id: int | None, flt: Filter | str, entry_id: int) -> int | None:
        """The row of `entry_id` among the filtered entries (for keeping a selection when the
        filter changes); None if the filter drops it."""
        where, params = filter_condition(as_filter(flt), source_id)
        found = self._fetch(
            f"SELECT e.source_id, e.position, e.id FROM entries e WHERE e.id = ? AND {where}",
            (entry_id, *params),
        )
        if not found:
            return None
        value = self._fetch(
            f"SELECT count(*) FROM entries e WHERE {where}"
            " AND (e.source_id, e.position, e.id) < (?, ?, ?)",
            (*params, *found[0]),
        )[0][0]
        return value if isinstance(value, int) else None

    def pinned_timeline(self, source_id: int | None = None) -> list[Entry]:
        """Key events (pinned entries), oldest first: by time, an entry without one at its
        place on the page (`PLACED`); entries at the same time from the bottom of the page
        (oldest) up."""
        where = "e.pinned = 1" + ("" if source_id is None else " AND e.source_id = ?")
        params: tuple[object, ...] = () if source_id is None else (source_id,)
        rows = self._fetch(
            f"SELECT {ENTRY_COLUMNS_E} FROM entries e WHERE {where}"
            f" ORDER BY {PLACED}, e.source_id, e.position DESC, e.id",
            params,
        )
        return [entry_from_row(r) for r in rows]

    def orphaned_highlights(self, source_id: int | None = None) -> list[Highlight]:
        """Highlights whose words an edit removed, in page order of their entries."""
        columns = ", ".join(f"h.{c.strip()}" for c in HIGHLIGHT_COLUMNS.split(","))
        where = "h.status = 'orphaned'" + ("" if source_id is None else " AND e.source_id = ?")
        params: tuple[object, ...] = () if source_id is None else (source_id,)
        rows = self._fetch(
            f"SELECT {columns} FROM highlights h JOIN entries e ON e.id = h.entry_id"
            f" WHERE {where} ORDER BY {_ORDER}, h.start, h.id",
            params,
        )
        return [highlight_from_row(r) for r in rows]
