"""Undo and redo for the CLI and the app, worded: storage records what a step did
(`storage.journal.Edit`), this module says it ("untagged 'verify'", "restored the note").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread.services.wording import plural, quoted_names, short_quote
from liveread.storage.journal import Edit, EditKind, UndoStep

if TYPE_CHECKING:
    from liveread.storage import Store

_FLAGS = {
    EditKind.STARRED: ("starred", "unstarred"),
    EditKind.UNSTARRED: ("unstarred", "starred"),
    EditKind.PINNED: ("pinned", "unpinned"),
    EditKind.UNPINNED: ("unpinned", "pinned"),
    EditKind.NOTE_ADDED: ("added a note", "removed the note"),
    EditKind.NOTE_CHANGED: ("changed a note", "restored the note"),
    EditKind.NOTE_DELETED: ("deleted a note", "restored the note"),
    EditKind.HIGHLIGHT_NOTED: ("noted the highlight", "restored its note"),
    EditKind.HIGHLIGHT_NOTE_CLEARED: ("cleared the highlight's note", "restored its note"),
    EditKind.READ: ("marked read", "marked unread"),
    EditKind.UNREAD: ("marked unread", "marked read"),
}
"""The edits whose words name nothing: (what doing it says, what undoing it says)."""

_MANY = {
    EditKind.STARRED: ("starred {n}", "unstarred {n}"),
    EditKind.UNSTARRED: ("unstarred {n}", "starred {n}"),
    EditKind.PINNED: ("pinned {n}", "unpinned {n}"),
    EditKind.UNPINNED: ("unpinned {n}", "pinned {n}"),
    EditKind.READ: ("marked {n} read", "marked {n} unread"),
    EditKind.UNREAD: ("marked {n} unread", "marked {n} read"),
    EditKind.TAGGED: ("tagged {n} {names}", "untagged {n} {names}"),
    EditKind.UNTAGGED: ("untagged {n} {names}", "tagged {n} {names}"),
}
"""A bulk action's words ("tagged 12 entries 'drones'"): {n} is the count of entries."""


def did(edit: Edit) -> str:
    """What doing `edit` did, e.g. "tagged 'verify'"."""
    return _words(edit)[0]


def undid(edit: Edit) -> str:
    """What undoing `edit` does, e.g. "untagged 'verify'"."""
    return _words(edit)[1]


def _words(edit: Edit) -> tuple[str, str]:
    kind = edit.kind
    if edit.count > 1 and kind in _MANY:
        n, names = plural(edit.count, "entry"), quoted_names(edit.tags)
        done, undone = _MANY[kind]
        return done.format(n=n, names=names), undone.format(n=n, names=names)
    if kind in _FLAGS:
        return _FLAGS[kind]
    if kind in (EditKind.TAGGED, EditKind.UNTAGGED):
        names = quoted_names(edit.tags)
        if edit.quote is not None:  # the highlight's own tags
            names = f"the highlight {short_quote(edit.quote)} {names}"
        tagged, untagged = f"tagged {names}", f"untagged {names}"
        return (tagged, untagged) if kind is EditKind.TAGGED else (untagged, tagged)
    quote = short_quote(edit.quote or "")
    if kind is EditKind.HIGHLIGHTED:
        return f"highlighted {quote}", f"removed the highlight {quote}"
    if kind is EditKind.HIGHLIGHT_EXTENDED:
        was = short_quote(edit.was or "")
        return f"extended the highlight to {quote}", f"shrank the highlight back to {was}"
    if kind is EditKind.HIGHLIGHT_DELETED:
        return f"deleted the highlight {quote}", f"restored the highlight {quote}"
    if kind is EditKind.HIGHLIGHT_ACCEPTED:
        first = short_quote(edit.original or "")
        return (
            f"accepted the new words {quote}",
            f"marked the highlight's words changed again (first highlighted as {first})",
        )
    return f"coloured the highlight {edit.color}", f"coloured the highlight {edit.was}"


def done_text(step: UndoStep) -> str:
    """What a step did (what redoing it says)."""
    return "; ".join(did(edit) for edit in step.edits)


def undone_text(step: UndoStep) -> str:
    """What undoing a step does (last edit first)."""
    return "; ".join(undid(edit) for edit in reversed(step.edits))


def undo(store: Store) -> str | None:
    """Undo the last annotation action; what that did, or None if there was none."""
    step = store.undo()
    return None if step is None else undone_text(step)


def redo(store: Store) -> str | None:
    """Redo the last undone action; what it did, or None if there was none."""
    step = store.redo()
    return None if step is None else done_text(step)
