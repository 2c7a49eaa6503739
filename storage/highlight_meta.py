"""Highlights that carry their own tags, and highlighting without duplicates.

`place_highlight` is what the reader's and the CLI's highlight keys call: it plans with
`kernel.overlap` (select the highlight that already holds the words, grow the one they
overlap, or add a new one) and then writes, in one transaction and one undoable step. A
highlight's tags live on its row (migration 0011), so each tag edit is an ordinary row change
for the journal, and deleting or restoring a highlight takes its tags along.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from liveread.kernel.anchor import anchor_span, find_quote
from liveread.kernel.colors import normalise_color
from liveread.kernel.errors import InputError, NotFoundError
from liveread.kernel.model import Highlight
from liveread.kernel.overlap import Add, Extend, Refuse, Select, Span, plan_highlight
from liveread.kernel.tags import TagEdit, normalise_tags
from liveread.kernel.text import short_quote, strip_controls
from liveread.storage.annotations import AnnotationsMixin, _insert_highlight, checked_span
from liveread.storage.core import entry_body
from liveread.storage.journal import Edit, EditKind, RowChange, UndoStep, read_row
from liveread.storage.rows import highlight_tags_column, highlight_tags_from_column, now_iso


class Placed(StrEnum):
    """What `place_highlight` did."""

    ADDED = "added"
    """A new highlight."""
    SELECTED = "selected"
    """The words were already highlighted: nothing written."""
    EXTENDED = "extended"
    """An overlapping highlight grew to cover them."""


@dataclass(frozen=True, slots=True)
class Placement:
    """The highlight that now holds the words, and how it came to."""

    highlight: Highlight
    """The new, selected or grown highlight."""
    placed: Placed
    """What was done."""


def _anchored_spans(conn: sqlite3.Connection, entry_id: int) -> list[Span]:
    rows = conn.execute(
        "SELECT id, start, \"end\" FROM highlights WHERE entry_id = ? AND status = 'anchored'",
        (entry_id,),
    )
    return [Span(int(r[0]), int(r[1]), int(r[2])) for r in rows]


def _extend(
    conn: sqlite3.Connection, entry_id: int, body: str, highlight_id: int, start: int, end: int
) -> UndoStep:
    old = read_row(conn, "highlights", highlight_id)
    if old is None:
        raise NotFoundError(f"no highlight with id {highlight_id}")
    anchor = anchor_span(body, start, end)
    after: dict[str, object] = {
        "start": start,
        "end": end,
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "updated_at": now_iso(),
    }
    conn.execute(
        'UPDATE highlights SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?,'
        " updated_at = ? WHERE id = ?",
        (*after.values(), highlight_id),
    )
    before = {column: old[column] for column in after}
    change = RowChange("highlights", highlight_id, before, after)
    edit = Edit(EditKind.HIGHLIGHT_EXTENDED, quote=anchor.exact, was=str(old["exact"]))
    return UndoStep(entry_id, (edit,), (change,))


def _retag(
    conn: sqlite3.Connection, highlight_id: int, edit: TagEdit
) -> tuple[tuple[str, ...], tuple[str, ...], UndoStep | None]:
    """Apply a tag edit to a highlight's own tags inside the caller's transaction: the names
    (added, removed) that changed and the step that undoes it (None when nothing did)."""
    row = read_row(conn, "highlights", highlight_id)
    if row is None:
        raise NotFoundError(f"no highlight with id {highlight_id}")
    had = highlight_tags_from_column(row["tags"])
    removed = tuple(name for name in edit.remove if name in had)
    kept = tuple(name for name in had if name not in removed)
    added = tuple(dict.fromkeys(n for n in edit.add if n not in kept))
    if not (added or removed):
        return (), (), None
    column = highlight_tags_column(kept + added)
    now = now_iso()
    conn.execute(
        "UPDATE highlights SET tags = ?, updated_at = ? WHERE id = ?", (column, now, highlight_id)
    )
    change = RowChange(
        "highlights",
        highlight_id,
        {"tags": row["tags"], "updated_at": row["updated_at"]},
        {"tags": column, "updated_at": now},
    )
    quote = strip_controls(str(row["exact"]))
    edits = []
    if removed:
        edits.append(Edit(EditKind.UNTAGGED, tags=removed, quote=quote))
    if added:
        edits.append(Edit(EditKind.TAGGED, tags=added, quote=quote))
    step = UndoStep(int(str(row["entry_id"])), tuple(edits), (change,))
    return added, removed, step


def _note_if_none(conn: sqlite3.Connection, highlight_id: int, note: str) -> list[UndoStep]:
    """Give a highlight `note` if it has none; the step that undoes it, if one was made."""
    row = read_row(conn, "highlights", highlight_id)
    if row is None or row["note"]:
        return []
    now = now_iso()
    conn.execute(
        "UPDATE highlights SET note = ?, updated_at = ? WHERE id = ?", (note, now, highlight_id)
    )
    change = RowChange(
        "highlights",
        highlight_id,
        {"note": None, "updated_at": row["updated_at"]},
        {"note": note, "updated_at": now},
    )
    edit = Edit(EditKind.HIGHLIGHT_NOTED, quote=str(row["exact"]))
    return [UndoStep(int(str(row["entry_id"])), (edit,), (change,))]


class HighlightMetaMixin(AnnotationsMixin):
    """Highlight tags and duplicate-free highlighting for `storage.Store`."""

    def place_highlight(
        self, entry_id: int, start: int, end: int, color: str | None = None
    ) -> Placement:
        """Highlight `body[start:end]` (white space at the ends left out) unless it is
        highlighted already: the words inside a highlight select it, words overlapping one
        grow it. InputError for a span outside the body, blank, or across two highlights."""
        color = normalise_color(color)
        with self._acting() as (conn, actions):
            body = entry_body(conn, entry_id)
            start, end = checked_span(entry_id, body, start, end)
            placement = self._place(conn, actions, entry_id, body, start, end, color)
        return Placement(self.highlight(placement[0]), placement[1])

    def place_highlight_quote(
        self,
        entry_id: int,
        exact: str,
        color: str | None = None,
        note: str | None = None,
        tags: tuple[str, ...] = (),
    ) -> Placement:
        """`place_highlight` for the first occurrence of a quote in the entry's body (as
        `add_highlight_quote` finds it), with a note and tags of its own, in one transaction.
        A highlight already there gets the tags, and the note if it has none (a note it has
        is kept). InputError if the quote is not there."""
        color = normalise_color(color)
        cleaned = strip_controls(note).strip() if note else ""
        names = normalise_tags(list(tags))
        with self._acting() as (conn, actions):
            body = entry_body(conn, entry_id)
            span = find_quote(body, exact)
            if span is None:
                raise InputError(
                    f"entry {entry_id}", f"the quote {short_quote(exact)} is not in its body"
                )
            highlight_id, placed = self._place(
                conn, actions, entry_id, body, *span, color, cleaned or None, names
            )
            if placed is not Placed.ADDED:
                if names:
                    step = _retag(conn, highlight_id, TagEdit(add=names))[2]
                    actions.extend([step] if step else [])
                if cleaned and read_row(conn, "highlights", highlight_id) is not None:
                    actions.extend(_note_if_none(conn, highlight_id, cleaned))
        return Placement(self.highlight(highlight_id), placed)

    def _place(
        self,
        conn: sqlite3.Connection,
        actions: list[UndoStep],
        entry_id: int,
        body: str,
        start: int,
        end: int,
        color: str,
        note: str | None = None,
        tags: tuple[str, ...] = (),
    ) -> tuple[int, Placed]:
        plan = plan_highlight(_anchored_spans(conn, entry_id), start, end)
        if isinstance(plan, Select):
            return plan.id, Placed.SELECTED
        if isinstance(plan, Refuse):
            raise InputError(
                f"entry {entry_id}",
                f"the selection overlaps {len(plan.ids)} highlights; select inside one of them,"
                " or delete one first",
            )
        if isinstance(plan, Extend):
            actions.append(_extend(conn, entry_id, body, plan.id, plan.start, plan.end))
            return plan.id, Placed.EXTENDED
        assert isinstance(plan, Add)
        highlight_id, action = _insert_highlight(
            conn, entry_id, body, start, end, color, note, highlight_tags_column(tags)
        )
        actions.append(action)
        return highlight_id, Placed.ADDED

    def edit_highlight_tags(
        self, highlight_id: int, edit: TagEdit
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Change a highlight's own tags as a tag prompt asked (one undoable step); returns
        the names (added, removed) that actually changed."""
        with self._acting() as (conn, actions):
            added, removed, step = _retag(conn, highlight_id, edit)
            if step is not None:
                actions.append(step)
        return added, removed

    def add_highlight_tags(self, highlight_id: int, names: tuple[str, ...]) -> tuple[str, ...]:
        """Tag a highlight; returns the normalised names it did not have before."""
        added, _ = self.edit_highlight_tags(highlight_id, TagEdit(add=normalise_tags(list(names))))
        return added
