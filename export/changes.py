"""What changed since a moment: the highlights and notes an export adds, or `--since-last` keeps.

A highlight or note counts as changed when it was created or updated at or after `since`:
new highlights and notes, edited notes, recoloured highlights, and quotes the re-anchoring
changed (it stamps the highlight). One with no time at all (written by another tool) counts as
changed: showing it twice is better than losing it. Entries left with nothing are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from liveread.kernel.model import AnnotatedEntry, Highlight, Note


def _stamp(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _changed(created: datetime | None, updated: datetime | None, since: datetime) -> bool:
    stamp = _stamp(updated) or _stamp(created)
    return stamp is None or stamp >= since


def changed_highlights(highlights: Iterable[Highlight], since: datetime) -> tuple[Highlight, ...]:
    """The highlights created or changed at or after `since`."""
    return tuple(h for h in highlights if _changed(h.created_at, h.updated_at, since))


def changed_notes(notes: Iterable[Note], since: datetime) -> tuple[Note, ...]:
    """The notes written or edited at or after `since`."""
    return tuple(n for n in notes if _changed(n.created_at, n.updated_at, since))


def changed_since(entries: Sequence[AnnotatedEntry], since: datetime) -> list[AnnotatedEntry]:
    """Each entry with only its highlights and notes changed since `since`, in the order given;
    entries with none are left out."""
    since = _stamp(since) or since
    kept: list[AnnotatedEntry] = []
    for item in entries:
        highlights = changed_highlights(item.highlights, since)
        notes = changed_notes(item.notes, since)
        if highlights or notes:
            kept.append(replace(item, highlights=highlights, notes=notes))
    return kept
