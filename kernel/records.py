"""Annotations in transit: what a JSON export file carries and `import-annotations` applies.

`export.annotations_json` parses a file into these records; `storage.annotation_import`
applies them. They name their entry by what survives a move to another database (the blog's
location, web address or title; the entry's key or headline), never by a database id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from liveread.kernel.model import HighlightStatus


class Flag(StrEnum):
    """The two per-entry marks a user can set."""

    STAR = "star"
    PIN = "pin"


@dataclass(frozen=True, slots=True)
class EntryRef:
    """What identifies an entry in any database that imported the same live blog."""

    blog_location: str | None
    """The file path or URL the blog was read from."""
    blog_url: str | None
    """The blog's web address, if known."""
    blog_title: str | None
    """The blog's title: the last resort for finding the source."""
    key: str | None
    """The entry's key inside its source."""
    headline: str | None
    """The entry's headline (or first words): the fallback when the key is not found."""

    def describe(self) -> str:
        """A short human description for skip messages."""
        entry = self.headline or self.key or "?"
        blog = self.blog_title or self.blog_location or self.blog_url or "?"
        return f"entry {entry!r} of {blog!r}"


@dataclass(frozen=True, slots=True)
class TagRecord:
    """A tag on an entry."""

    target: EntryRef
    """The entry tagged."""
    name: str
    """The tag name as stored (normalised again on import)."""


@dataclass(frozen=True, slots=True)
class FlagRecord:
    """A star or a pin on an entry."""

    target: EntryRef
    """The entry marked."""
    flag: Flag
    """Which mark."""


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """A note on an entry."""

    target: EntryRef
    """The entry the note is about."""
    text: str
    """Markdown text."""
    created: datetime | None
    """When it was written, if the file says."""
    modified: datetime | None
    """When it was last changed, if the file says."""


@dataclass(frozen=True, slots=True)
class HighlightRecord:
    """A highlight with its quote, context, colour, note and anchoring status."""

    target: EntryRef
    """The entry highlighted."""
    start: int | None
    """Start offset in the body; None when the file gives only the quote."""
    end: int | None
    """End offset, exclusive; None when the file gives only the quote."""
    exact: str
    """The quoted text."""
    prefix: str
    """Text just before the quote."""
    suffix: str
    """Text just after the quote."""
    color: str
    """Colour name."""
    note: str | None
    """The note on the highlight, if any."""
    status: HighlightStatus
    """`anchored` or `orphaned`."""
    original: str | None = None
    """The words as first highlighted, when an edit has changed them since."""
    created: datetime | None = None
    """When it was made, if the file says."""
    modified: datetime | None = None
    """When its colour, note or place last changed, if the file says."""
    tags: tuple[str, ...] = ()
    """The highlight's own tags (its `tagging` bodies), normalised, sorted."""


Record = TagRecord | FlagRecord | NoteRecord | HighlightRecord
"""One annotation of an export file."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An annotation of the file that was not applied, and why."""

    index: int
    """Its position in the file's `annotations` list (0-based)."""
    reason: str
    """One line: what was wrong or missing."""


@dataclass(frozen=True, slots=True)
class AnnotationFile:
    """A parsed export file: the records that were well formed, and those that were not."""

    records: tuple[tuple[int, Record], ...]
    """(position in the file, record), in file order."""
    malformed: tuple[Skipped, ...]
    """Annotations that could not be read."""
    liveread_version: str
    """The liveread version that wrote the file."""


@dataclass(frozen=True, slots=True)
class TransferReport:
    """What one import of an annotation file did."""

    imported: int
    """Annotations added to the database."""
    already: int
    """Annotations the database already had (a second import finds them all here)."""
    skipped: tuple[Skipped, ...]
    """Annotations not applied (malformed, or their entry is not in the database)."""

    def summary(self) -> str:
        """The one line the CLI prints."""
        return (
            f"{self.imported} imported, {self.already} already present, {len(self.skipped)} skipped"
        )
