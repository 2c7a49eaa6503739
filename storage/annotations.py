"""What the user attaches to entries: tags, star and pin, notes, highlights; and undo/redo.

Every action is one short write transaction, committed before the method returns, and is
recorded in the Store's journal so it can be undone and redone. An action that changes
nothing (tagging with a tag the entry has, starring a starred entry) records nothing.
Annotations disappear only when the user deletes them; imports re-anchor highlights
(`storage.reanchor`) and never remove one.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property

from liveread.kernel.anchor import anchor_span, find_quote, trim_span
from liveread.kernel.bulk import BulkAction, BulkPlan, Flag
from liveread.kernel.colors import normalise_color
from liveread.kernel.errors import InputError, NotFoundError
from liveread.kernel.model import AnnotatedEntry, Highlight, Note, Tag
from liveread.kernel.tags import TagEdit, normalise_tag, normalise_tags
from liveread.kernel.text import short_quote, strip_controls
from liveread.storage import bulk
from liveread.storage.core import ENTRY_COLUMNS_E, entry_body
from liveread.storage.journal import (
    Edit,
    EditKind,
    Journal,
    RowChange,
    TagChange,
    UndoStep,
    apply,
    read_row,
)
from liveread.storage.rows import (
    HIGHLIGHT_COLUMNS,
    NOTE_COLUMNS,
    entry_from_row,
    highlight_from_row,
    note_from_row,
    now_iso,
)
from liveread.storage.search import ANNOTATED, TAGGED, SearchMixin
from liveread.storage.tagging import delete_tags, insert_tags


def _note_text(text: str, where: str) -> str:
    cleaned = strip_controls(text).strip()
    if not cleaned:
        raise InputError(where, "a note needs some text")
    return cleaned


def checked_span(entry_id: int, body: str, start: int, end: int) -> tuple[int, int]:
    """`body[start:end]` of entry `entry_id` with the white space at its ends left out;
    InputError for a span outside the body or one of white space only."""
    if not 0 <= start < end <= len(body):
        raise InputError(
            f"entry {entry_id}",
            f"characters {start}-{end} are not inside its body (0-{len(body)})",
        )
    start, end = trim_span(body, start, end)
    if start >= end:
        raise InputError(f"entry {entry_id}", "the selection is only white space")
    return start, end


def _insert_highlight(
    conn: sqlite3.Connection,
    entry_id: int,
    body: str,
    start: int,
    end: int,
    color: str,
    note: str | None,
    tags: str | None = None,
) -> tuple[int, UndoStep]:
    anchor = anchor_span(body, start, end)
    now = now_iso()
    cur = conn.execute(
        'INSERT INTO highlights (entry_id, start, "end", exact, prefix, suffix, color, note,'
        " status, created_at, updated_at, tags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'anchored', ?, ?, ?)",
        (
            *(entry_id, start, end, anchor.exact, anchor.prefix, anchor.suffix, color, note),
            *(now, now, tags),
        ),
    )
    highlight_id = int(cur.lastrowid or 0)
    change = RowChange("highlights", highlight_id, None, read_row(conn, "highlights", highlight_id))
    edit = Edit(EditKind.HIGHLIGHTED, quote=anchor.exact)
    return highlight_id, UndoStep(entry_id, (edit,), (change,))


def _optional_note(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = strip_controls(text).strip()
    return cleaned or None


class AnnotationsMixin(SearchMixin):
    """Tags, flags, notes, highlights, annotated reads and undo/redo for `storage.Store`."""

    @cached_property
    def journal(self) -> Journal:
        """This Store's undo/redo history."""
        return Journal()

    @contextmanager
    def _acting(self) -> Iterator[tuple[sqlite3.Connection, list[UndoStep]]]:
        """One user action: a write transaction, and the journal steps to record once it
        has committed (so a rolled-back action is never offered for undo)."""
        actions: list[UndoStep] = []
        with self.writer.lock:
            with self.writer.transaction() as conn:
                yield conn, actions
            for action in actions:
                self.journal.record(action)

    # -- tags -------------------------------------------------------------------------------

    def add_tags(self, entry_id: int, names: Iterable[str]) -> tuple[str, ...]:
        """Tag an entry; returns the normalised names it did not have before."""
        wanted = normalise_tags(list(names))
        with self._acting() as (conn, actions):
            entry_body(conn, entry_id)
            added = insert_tags(conn, entry_id, wanted, now_iso())
            if added:
                change = TagChange(entry_id, added, True)
                edit = Edit(EditKind.TAGGED, tags=added)
                actions.append(UndoStep(entry_id, (edit,), (change,)))
        return added

    def remove_tags(self, entry_id: int, names: Iterable[str]) -> tuple[str, ...]:
        """Untag an entry; returns the normalised names it actually had."""
        wanted = normalise_tags(list(names))
        with self._acting() as (conn, actions):
            entry_body(conn, entry_id)
            removed = delete_tags(conn, entry_id, wanted)
            if removed:
                change = TagChange(entry_id, removed, False)
                edit = Edit(EditKind.UNTAGGED, tags=removed)
                actions.append(UndoStep(entry_id, (edit,), (change,)))
        return removed

    def edit_tags(self, entry_id: int, edit: TagEdit) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What a tag prompt asked for (`liveread.kernel.tags.parse_tag_input`), as one action that
        one undo reverses; returns the names (added, removed) that actually changed."""
        with self._acting() as (conn, actions):
            entry_body(conn, entry_id)
            removed = delete_tags(conn, entry_id, edit.remove)
            added = insert_tags(conn, entry_id, edit.add, now_iso())
            changes = []
            edits = []
            if removed:
                changes.append(TagChange(entry_id, removed, False))
                edits.append(Edit(EditKind.UNTAGGED, tags=removed))
            if added:
                changes.append(TagChange(entry_id, added, True))
                edits.append(Edit(EditKind.TAGGED, tags=added))
            if changes:
                actions.append(UndoStep(entry_id, tuple(edits), tuple(changes)))
        return added, removed

    def toggle_tag(self, entry_id: int, name: str) -> bool:
        """Add the tag if the entry lacks it, else remove it; True if it is now tagged."""
        tag = normalise_tag(name)
        with self._acting() as (conn, actions):
            entry_body(conn, entry_id)
            added = bool(insert_tags(conn, entry_id, (tag,), now_iso()))
            if not added:
                delete_tags(conn, entry_id, (tag,))
            edit = Edit(EditKind.TAGGED if added else EditKind.UNTAGGED, tags=(tag,))
            actions.append(UndoStep(entry_id, (edit,), (TagChange(entry_id, (tag,), added),)))
        return added

    def entry_tags(self, entry_id: int) -> tuple[str, ...]:
        """The entry's tag names, sorted."""
        rows = self._fetch(
            "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
            " WHERE et.entry_id = ? ORDER BY t.name",
            (entry_id,),
        )
        return tuple(str(r[0]) for r in rows)

    def all_tags(self) -> list[Tag]:
        """Every tag in use, by name, with how many entries carry it (for completion)."""
        rows = self._fetch(
            "SELECT t.id, t.name, count(et.entry_id) FROM tags t"
            " JOIN entry_tags et ON et.tag_id = t.id GROUP BY t.id ORDER BY t.name"
        )
        return [Tag(id=int(str(r[0])), name=str(r[1]), count=int(str(r[2]))) for r in rows]

    def tags_in_use(self, source_id: int | None = None) -> list[str]:
        """Names of tags on entries (of one source, or of all), sorted."""
        if source_id is None:
            return [tag.name for tag in self.all_tags()]
        rows = self._fetch(
            "SELECT DISTINCT t.name FROM tags t JOIN entry_tags et ON et.tag_id = t.id"
            " JOIN entries e ON e.id = et.entry_id WHERE e.source_id = ? ORDER BY t.name",
            (source_id,),
        )
        return [str(r[0]) for r in rows]

    # -- bulk actions on marked entries -----------------------------------------------------

    def bulk_edit(self, entry_ids: Sequence[int], action: BulkAction) -> BulkPlan:
        """Apply one action to several entries in one transaction, as ONE undo step; returns
        what changed (entries the action would not change are left out)."""
        with self._acting() as (conn, actions):
            made = bulk.plan(conn, entry_ids, action)
            step = bulk.apply_plan(conn, made)
            if step is not None:
                actions.append(step)
        return made

    def bulk_toggle(self, entry_ids: Sequence[int], flag: Flag) -> BulkPlan:
        """Star, pin or mark read several entries (or, when all have it, the reverse) in one
        transaction, as ONE undo step; returns what changed."""
        with self._acting() as (conn, actions):
            made = bulk.plan_toggle(conn, entry_ids, flag)
            step = bulk.apply_plan(conn, made)
            if step is not None:
                actions.append(step)
        return made

    # -- star and pin -----------------------------------------------------------------------

    def _set_flag(
        self, entry_id: int, column: str, value: bool, kinds: tuple[EditKind, EditKind]
    ) -> bool:
        with self._acting() as (conn, actions):
            row = conn.execute(f"SELECT {column} FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no entry with id {entry_id}")
            if bool(row[0]) == value:
                return False
            conn.execute(f"UPDATE entries SET {column} = ? WHERE id = ?", (int(value), entry_id))
            edit = Edit(kinds[0] if value else kinds[1])
            change = RowChange("entries", entry_id, {column: int(not value)}, {column: int(value)})
            actions.append(UndoStep(entry_id, (edit,), (change,)))
        return True

    def set_starred(self, entry_id: int, value: bool = True) -> bool:
        """Star or unstar an entry; True if that changed anything."""
        return self._set_flag(entry_id, "starred", value, (EditKind.STARRED, EditKind.UNSTARRED))

    def set_pinned(self, entry_id: int, value: bool = True) -> bool:
        """Mark or unmark an entry as a key event (pinned); True if that changed anything."""
        return self._set_flag(entry_id, "pinned", value, (EditKind.PINNED, EditKind.UNPINNED))

    # -- notes ------------------------------------------------------------------------------

    def add_note(self, entry_id: int, text: str) -> Note:
        """Write a new Markdown note on an entry."""
        cleaned = _note_text(text, f"entry {entry_id}")
        now = now_iso()
        with self._acting() as (conn, actions):
            entry_body(conn, entry_id)
            cur = conn.execute(
                "INSERT INTO notes (entry_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (entry_id, cleaned, now, now),
            )
            note_id = int(cur.lastrowid or 0)
            change = RowChange("notes", note_id, None, read_row(conn, "notes", note_id))
            actions.append(UndoStep(entry_id, (Edit(EditKind.NOTE_ADDED),), (change,)))
        return self.note(note_id)

    def update_note(self, note_id: int, text: str) -> Note:
        """Replace a note's text."""
        cleaned = _note_text(text, f"note {note_id}")
        with self._acting() as (conn, actions):
            old = read_row(conn, "notes", note_id)
            if old is None:
                raise NotFoundError(f"no note with id {note_id}")
            if old["text"] != cleaned:
                now = now_iso()
                conn.execute(
                    "UPDATE notes SET text = ?, updated_at = ? WHERE id = ?",
                    (cleaned, now, note_id),
                )
                before = {"text": old["text"], "updated_at": old["updated_at"]}
                change = RowChange("notes", note_id, before, {"text": cleaned, "updated_at": now})
                entry_id = int(str(old["entry_id"]))
                actions.append(UndoStep(entry_id, (Edit(EditKind.NOTE_CHANGED),), (change,)))
        return self.note(note_id)

    def delete_note(self, note_id: int) -> None:
        """Delete a note (undo brings it back with the same id)."""
        with self._acting() as (conn, actions):
            row = read_row(conn, "notes", note_id)
            if row is None:
                raise NotFoundError(f"no note with id {note_id}")
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
            change = RowChange("notes", note_id, row, None)
            entry_id = int(str(row["entry_id"]))
            actions.append(UndoStep(entry_id, (Edit(EditKind.NOTE_DELETED),), (change,)))

    def note(self, note_id: int) -> Note:
        """One note by id; NotFoundError if there is none."""
        rows = self._fetch(f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,))
        if not rows:
            raise NotFoundError(f"no note with id {note_id}")
        return note_from_row(rows[0])

    def notes(self, entry_id: int) -> list[Note]:
        """The entry's notes, oldest first."""
        rows = self._fetch(
            f"SELECT {NOTE_COLUMNS} FROM notes WHERE entry_id = ? ORDER BY id", (entry_id,)
        )
        return [note_from_row(r) for r in rows]

    # -- highlights -------------------------------------------------------------------------

    def add_highlight(
        self, entry_id: int, start: int, end: int, color: str | None = None, note: str | None = None
    ) -> Highlight:
        """Highlight `body[start:end]` (white space at the ends left out), with its quote and
        context taken from the body. InputError if the span is outside the body or blank."""
        color = normalise_color(color)
        note = _optional_note(note)
        with self._acting() as (conn, actions):
            body = entry_body(conn, entry_id)
            start, end = checked_span(entry_id, body, start, end)
            highlight_id, action = _insert_highlight(conn, entry_id, body, start, end, color, note)
            actions.append(action)
        return self.highlight(highlight_id)

    def add_highlight_quote(
        self, entry_id: int, exact: str, color: str | None = None, note: str | None = None
    ) -> Highlight:
        """Highlight the first occurrence of a quote in the entry's body (typographic quotes,
        dashes and white space may differ, then case). InputError if it is not there."""
        color = normalise_color(color)
        note = _optional_note(note)
        with self._acting() as (conn, actions):
            body = entry_body(conn, entry_id)
            span = find_quote(body, exact)
            if span is None:
                raise InputError(
                    f"entry {entry_id}", f"the quote {short_quote(exact)} is not in its body"
                )
            highlight_id, action = _insert_highlight(conn, entry_id, body, *span, color, note)
            actions.append(action)
        return self.highlight(highlight_id)

    def set_highlight_note(self, highlight_id: int, note: str | None) -> Highlight:
        """Set (or with None or blank text, clear) the note on a highlight."""
        cleaned = _optional_note(note)
        kind = EditKind.HIGHLIGHT_NOTED if cleaned else EditKind.HIGHLIGHT_NOTE_CLEARED
        return self._update_highlight(highlight_id, "note", cleaned, kind)

    def set_highlight_color(self, highlight_id: int, color: str) -> Highlight:
        """Change a highlight's colour."""
        color = normalise_color(color)
        return self._update_highlight(highlight_id, "color", color, EditKind.HIGHLIGHT_COLOURED)

    def _update_highlight(
        self, highlight_id: int, column: str, value: object, kind: EditKind
    ) -> Highlight:
        with self._acting() as (conn, actions):
            old = read_row(conn, "highlights", highlight_id)
            if old is None:
                raise NotFoundError(f"no highlight with id {highlight_id}")
            if old[column] != value:
                now = now_iso()
                conn.execute(
                    f"UPDATE highlights SET {column} = ?, updated_at = ? WHERE id = ?",
                    (value, now, highlight_id),
                )
                change = RowChange(
                    "highlights",
                    highlight_id,
                    {column: old[column], "updated_at": old["updated_at"]},
                    {column: value, "updated_at": now},
                )
                entry_id = int(str(old["entry_id"]))
                edit = Edit(kind, quote=str(old["exact"]))
                if kind is EditKind.HIGHLIGHT_COLOURED:
                    edit = Edit(kind, quote=edit.quote, color=str(value), was=str(old[column]))
                actions.append(UndoStep(entry_id, (edit,), (change,)))
        return self.highlight(highlight_id)

    def accept_highlight_words(self, highlight_id: int) -> Highlight:
        """Take the words an edit changed a highlight to as its quote: the words first
        highlighted (`original`) are let go, and the highlight is no longer shown as changed.
        One undoable action; a highlight whose words did not change is left as it is, and
        an orphan is refused (its words are not in the text to be accepted)."""
        with self._acting() as (conn, actions):
            old = read_row(conn, "highlights", highlight_id)
            if old is None:
                raise NotFoundError(f"no highlight with id {highlight_id}")
            if old["status"] == "orphaned":
                raise InputError(
                    f"highlight {highlight_id}",
                    "its words are gone from the entry: nothing to accept",
                )
            if old["original"] is not None:
                entry_id = int(str(old["entry_id"]))
                body = entry_body(conn, entry_id)
                start, end = int(str(old["start"])), int(str(old["end"]))
                # The current words are the quote; read from the body, so what is accepted
                # is exactly what the reader shows there.
                exact = body[start:end] if 0 <= start < end <= len(body) else str(old["exact"])
                now = now_iso()
                conn.execute(
                    "UPDATE highlights SET exact = ?, original = NULL, updated_at = ? WHERE id = ?",
                    (exact, now, highlight_id),
                )
                change = RowChange(
                    "highlights",
                    highlight_id,
                    {
                        "exact": old["exact"],
                        "original": old["original"],
                        "updated_at": old["updated_at"],
                    },
                    {"exact": exact, "original": None, "updated_at": now},
                )
                edit = Edit(EditKind.HIGHLIGHT_ACCEPTED, quote=exact, original=str(old["original"]))
                actions.append(UndoStep(entry_id, (edit,), (change,)))
        return self.highlight(highlight_id)

    def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight (undo brings it back with the same id)."""
        with self._acting() as (conn, actions):
            row = read_row(conn, "highlights", highlight_id)
            if row is None:
                raise NotFoundError(f"no highlight with id {highlight_id}")
            conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
            change = RowChange("highlights", highlight_id, row, None)
            entry_id = int(str(row["entry_id"]))
            edit = Edit(EditKind.HIGHLIGHT_DELETED, quote=str(row["exact"]))
            actions.append(UndoStep(entry_id, (edit,), (change,)))

    def highlight(self, highlight_id: int) -> Highlight:
        """One highlight by id; NotFoundError if there is none."""
        rows = self._fetch(
            f"SELECT {HIGHLIGHT_COLUMNS} FROM highlights WHERE id = ?", (highlight_id,)
        )
        if not rows:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        return highlight_from_row(rows[0])

    def highlights(self, entry_id: int) -> list[Highlight]:
        """The entry's highlights in body order, orphaned ones last."""
        rows = self._fetch(
            f"SELECT {HIGHLIGHT_COLUMNS} FROM highlights WHERE entry_id = ?"
            " ORDER BY status = 'orphaned', start, id",
            (entry_id,),
        )
        return [highlight_from_row(r) for r in rows]

    # -- everything on an entry, in bulk ------------------------------------------------------

    def annotated_entry(self, entry_id: int) -> AnnotatedEntry:
        """One entry with its tags, highlights and notes; NotFoundError if there is none."""
        found = self._annotated("e.id = ?", (entry_id,))
        if not found:
            raise NotFoundError(f"no entry with id {entry_id}")
        return found[0]

    def annotated_entries(
        self,
        source_id: int | None = None,
        *,
        entry_ids: Iterable[int] | None = None,
        annotated_only: bool = False,
        tag: str | None = None,
    ) -> list[AnnotatedEntry]:
        """Entries with their annotations, in page order (source by source, newest first).

        Narrowed to one source, to `entry_ids`, to entries the user marked in any way
        (`annotated_only`), and/or to those carrying `tag`. Four queries in all, however many
        entries: one for the entries, one each for their tags, highlights and notes.
        """
        clauses: list[str] = []
        params: list[object] = []
        if source_id is not None:
            clauses.append("e.source_id = ?")
            params.append(source_id)
        if entry_ids is not None:
            clauses.append("e.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps([int(i) for i in entry_ids]))
        if annotated_only:
            clauses.append(ANNOTATED)
        if tag is not None:
            clauses.append(TAGGED)
            params.append(normalise_tag(tag))
        return self._annotated(" AND ".join(clauses) or "1", tuple(params))

    def _annotated(self, where: str, params: tuple[object, ...]) -> list[AnnotatedEntry]:
        with self._snapshot() as conn:
            entries = [
                entry_from_row(r)
                for r in conn.execute(
                    f"SELECT {ENTRY_COLUMNS_E} FROM entries e WHERE {where}"
                    " ORDER BY e.source_id, e.position, e.id",
                    params,
                )
            ]
            if not entries:
                return []
            # The condition is evaluated once, above; the annotations are then read by the
            # ids it found, each through its table's index by entry.
            ids = json.dumps([entry.id for entry in entries])
            wanted = "IN (SELECT value FROM json_each(?))"
            tags: dict[int, list[str]] = defaultdict(list)
            by_rule: dict[int, list[str]] = defaultdict(list)
            for entry_id, name, rule in conn.execute(
                "SELECT et.entry_id, t.name, et.rule FROM entry_tags et"
                f" JOIN tags t ON t.id = et.tag_id WHERE et.entry_id {wanted} ORDER BY t.name",
                (ids,),
            ):
                tags[int(entry_id)].append(str(name))
                if rule is not None:
                    by_rule[int(entry_id)].append(str(name))
            highlights: dict[int, list[Highlight]] = defaultdict(list)
            for row in conn.execute(
                f"SELECT {HIGHLIGHT_COLUMNS} FROM highlights WHERE entry_id {wanted}"
                " ORDER BY status = 'orphaned', start, id",
                (ids,),
            ):
                highlight = highlight_from_row(row)
                highlights[highlight.entry_id].append(highlight)
            notes: dict[int, list[Note]] = defaultdict(list)
            for row in conn.execute(
                f"SELECT {NOTE_COLUMNS} FROM notes WHERE entry_id {wanted} ORDER BY id", (ids,)
            ):
                note = note_from_row(row)
                notes[note.entry_id].append(note)
        return [
            AnnotatedEntry(
                entry=entry,
                tags=tuple(tags.get(entry.id, ())),
                highlights=tuple(highlights.get(entry.id, ())),
                notes=tuple(notes.get(entry.id, ())),
                rule_tags=tuple(by_rule.get(entry.id, ())),
            )
            for entry in entries
        ]

    # -- undo and redo ----------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """True when there is an action to undo."""
        return bool(self.journal.undo_stack)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone action to redo."""
        return bool(self.journal.redo_stack)

    @property
    def undo_step(self) -> UndoStep | None:
        """The step `undo` would undo (its entry, what it did), if any."""
        return self.journal.undo_stack[-1] if self.journal.undo_stack else None

    @property
    def redo_step(self) -> UndoStep | None:
        """The step `redo` would redo, if any."""
        return self.journal.redo_stack[-1] if self.journal.redo_stack else None

    def undo(self) -> UndoStep | None:
        """Undo the last action in one transaction; returns the step undone (what it had
        done, for the caller to word), or None when there is nothing to undo."""
        with self.writer.lock:
            if not self.journal.undo_stack:
                return None
            action = self.journal.undo_stack[-1]
            with self.writer.transaction() as conn:
                refreshed = apply(conn, action, forward=False)
            self.journal.undo_stack.pop()
            self.journal.redo_stack.append(refreshed)
            return action

    def redo(self) -> UndoStep | None:
        """Redo the last undone action in one transaction; returns the step redone, or None."""
        with self.writer.lock:
            if not self.journal.redo_stack:
                return None
            action = self.journal.redo_stack[-1]
            with self.writer.transaction() as conn:
                refreshed = apply(conn, action, forward=True)
            self.journal.redo_stack.pop()
            self.journal.undo_stack.append(refreshed)
            return action
