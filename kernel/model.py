"""The data every layer speaks: frozen dataclasses, no I/O.

Parser output (`ParsedFeed`, `ParsedEntry`) is kept apart from what the store returns
(`Source`, `Entry`, ...): a parser knows nothing of ids, read state or revisions, and the
store never hands out a half-built object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Format(StrEnum):
    """The shapes of live blog liveread reads; stored on the source."""

    TEXT = "text"
    MARKDOWN = "markdown"
    RSS = "rss"
    ATOM = "atom"
    JSONFEED = "jsonfeed"
    JSONLD = "jsonld"


class HighlightStatus(StrEnum):
    """Where a highlight stands against its entry's current text."""

    ANCHORED = "anchored"
    """Its quote is where its offsets say."""
    ORPHANED = "orphaned"
    """An edit removed the quoted words: kept, shown apart, its offsets those of an old text."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside a post's body, as the reader numbers it."""

    text: str
    """The linked words as shown on the page; empty for a bare URL or an image link."""
    url: str
    """Absolute http(s) address."""


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One post as a parser read it, before storage gives it an id."""

    key: str
    """Identity inside its source: the feed's id/guid, else its link, else a fingerprint."""
    headline: str | None
    """The entry's headline, or None for an entry that has none."""
    body: str
    """Plain text; paragraphs separated by a blank line, list items by a newline."""
    published: datetime | None = None
    """When it was first posted, timezone-aware UTC, if known."""
    updated: datetime | None = None
    """When it was last changed, timezone-aware UTC, if known."""
    author: str | None = None
    """The byline, if the source gives one."""
    url: str | None = None
    """A link to the entry itself (http/https only), if any."""
    time_label: str | None = None
    """The time as the page wrote it (`14:32`, `2h ago`), kept for display."""
    time_assumed_utc: bool = False
    """True when a date carried no time zone and was taken as UTC."""
    links: tuple[Link, ...] = ()
    """Links found in the entry's body, in order, each address once."""
    key_event: bool = False
    """The page marks it a key event (or pins it, or calls it a summary): stored pinned when
    first imported, never re-pinned after the user unpins it."""
    categories: tuple[str, ...] = ()
    """The feed's own labels for the post (RSS/Atom categories, JSON Feed tags), in order,
    each once: the newsroom's words, kept apart from the user's tags."""
    utc_offset: int | None = None
    """The UTC offset in minutes the page wrote `published` with (`+01:00` is 60), if any."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A whole live blog as a parser read it: metadata and entries, newest first."""

    format: Format
    """Which parser read it."""
    title: str
    """The live blog's title."""
    entries: tuple[ParsedEntry, ...]
    """Entries in page order: newest first, as the page shows them."""
    standfirst: str | None = None
    """The summary line under the title, if any."""
    blog_date: str | None = None
    """The blog's date as an ISO date (YYYY-MM-DD), if known."""
    url: str | None = None
    """The blog's own web address, if the content names one."""
    coverage_start: datetime | None = None
    """When coverage began (schema.org coverageStartTime), UTC."""
    coverage_end: datetime | None = None
    """When coverage ended (schema.org coverageEndTime), UTC."""
    warnings: tuple[str, ...] = ()
    """One-line notes on what was skipped or repaired while reading."""
    older_pages: tuple[str, ...] = ()
    """Absolute links on this page to pages of older posts (`rel=next`, an outlet's "older
    posts" or `?page=with:block-…` links), in page order; empty for a single page."""
    profile: str | None = None
    """For an HTML page, the markup profile that read its posts (`guardian`, `microdata`,
    `generic`, `jsonld`, ...); None for other formats."""


@dataclass(frozen=True, slots=True)
class Source:
    """One live blog the user follows: a file or a URL, and what was last read from it."""

    id: int
    """The database id."""
    location: str
    """Absolute file path or URL it is read from; unique."""
    format: Format
    """The shape it was last read as."""
    title: str
    """The live blog's title."""
    standfirst: str | None
    """Summary line under the title."""
    blog_date: str | None
    """The blog's date (YYYY-MM-DD), if known."""
    url: str | None
    """The blog's web address, if known."""
    added_at: datetime
    """When it was first imported."""
    checked_at: datetime | None
    """When it was last read or polled."""
    etag: str | None = None
    """HTTP ETag of the last fetched copy (URL sources)."""
    last_modified: str | None = None
    """HTTP Last-Modified of the last fetched copy (URL sources)."""
    coverage_start: datetime | None = None
    """When coverage began, if the blog says."""
    coverage_end: datetime | None = None
    """When coverage ended, if the blog says."""
    entry_count: int = 0
    """How many entries it has (present or not)."""
    unread_count: int = 0
    """How many of them are unread."""
    notice: str | None = None
    """What the last import warned about how the page was read (the generic reader took over
    from a profile, every post sharing one headline and time), if anything."""

    @property
    def is_url(self) -> bool:
        """True for sources fetched over http(s)."""
        return self.location.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored post with its reading state."""

    id: int
    """The database id."""
    source_id: int
    """The source it belongs to."""
    key: str
    """Identity inside the source."""
    position: int
    """Index on the page where it was last seen; 0 is the top (newest)."""
    headline: str | None
    """Headline, or None."""
    body: str
    """Plain text body; paragraphs separated by a blank line."""
    published: datetime | None
    """First posted, UTC."""
    updated: datetime | None
    """Last changed according to the source, UTC."""
    author: str | None
    """Byline."""
    url: str | None
    """Link to the entry itself."""
    time_label: str | None
    """Time as written on the page."""
    time_assumed_utc: bool
    """The date had no zone and was taken as UTC."""
    content_hash: str
    """Hash of headline and body; a change makes a revision."""
    present: bool
    """False once a later import no longer finds it on the page."""
    read: bool
    """The user has seen it."""
    starred: bool = False
    """Starred by the user."""
    pinned: bool = False
    """Marked as a key event."""
    revisions: int = 0
    """How many earlier versions are kept."""
    links: tuple[Link, ...] = ()
    """The links inside the body, in order, as the reader numbers them."""
    categories: tuple[str, ...] = ()
    """The feed's own labels for the post (never the user's tags; never exported as them)."""
    utc_offset: int | None = None
    """The UTC offset in minutes the page wrote `published` with, if it named one."""
    seen_revision: int | None = None
    """How many revisions it had when the user last read or annotated it; None: never."""

    @property
    def changed_since_read(self) -> bool:
        """True when the newsroom edited it after the user last read or annotated it."""
        return self.seen_revision is not None and self.revisions > self.seen_revision

    @property
    def title(self) -> str:
        """Headline, or the first words of the body for an entry with none."""
        if self.headline:
            return self.headline
        words = self.body.split()
        snippet = " ".join(words[:12])
        return snippet + ("…" if len(words) > 12 else "")


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier text of an entry, kept when a re-import found it changed."""

    id: int
    """The database id."""
    entry_id: int
    """The entry it is an earlier version of."""
    headline: str | None
    """Headline as it was."""
    body: str
    """Body as it was."""
    replaced_at: datetime
    """When a newer text replaced it."""


@dataclass(frozen=True, slots=True)
class Tag:
    """A free-form label; tag names are normalised so one tag never appears twice."""

    id: int
    """The database id."""
    name: str
    """Normalised name."""
    count: int = 0
    """How many entries carry it, where the store counted them (`Store.all_tags`)."""


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of an entry's body, anchored by offsets and by its quote with context."""

    id: int
    """The database id."""
    entry_id: int
    """The entry it marks."""
    start: int
    """Start offset in the body (characters)."""
    end: int
    """End offset in the body, exclusive."""
    exact: str
    """The quoted text."""
    prefix: str
    """A little text before the quote, to find it again after an edit."""
    suffix: str
    """A little text after the quote."""
    color: str
    """Colour name."""
    note: str | None
    """The user's note on it, Markdown."""
    status: HighlightStatus
    """Anchored, or orphaned when an edit removed the quoted words."""
    original: str | None = None
    """The words as first highlighted, once an edit has changed them; None while unchanged."""
    created_at: datetime | None = None
    """When it was made."""
    updated_at: datetime | None = None
    """When its colour, note or place last changed."""
    tags: tuple[str, ...] = ()
    """The highlight's own tags (normalised names, sorted), apart from its entry's."""

    @property
    def orphaned(self) -> bool:
        """True when an edit removed the quoted words: offsets are then those of an old text."""
        return self.status == HighlightStatus.ORPHANED


@dataclass(frozen=True, slots=True)
class Note:
    """A Markdown note on an entry."""

    id: int
    """The database id."""
    entry_id: int
    """The entry it is about."""
    text: str
    """Markdown text."""
    created_at: datetime
    """When it was written."""
    updated_at: datetime
    """When it was last changed."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What one import did to one source."""

    source_id: int
    """The source imported into."""
    location: str
    """Its file path or URL."""
    new: int = 0
    """Entries added."""
    updated: int = 0
    """Entries whose text changed (old text kept as a revision)."""
    unchanged: int = 0
    """Entries found as they were."""
    gone: int = 0
    """Entries no longer in the source (kept, marked not present)."""
    older: int = 0
    """Entries below the oldest post the copy still shows: scrolled off the page, not gone
    (kept as they were)."""
    warnings: tuple[str, ...] = field(default=())
    """What the parser skipped or repaired."""
    stamp: str | None = None
    """The time this import wrote as `first_seen` of the entries it added and `changed_at` of
    those it changed (how the auto-tag rules find them)."""
    autotagged: tuple[tuple[str, int], ...] = field(default=())
    """What the auto-tag rules did in this import: (tag, entries tagged) pairs."""
    autotagged_entries: int = 0
    """How many entries the auto-tag rules tagged in this import (each once)."""

    def summary(self) -> str:
        """The one line the CLI prints for it."""
        line = f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if self.gone:
            line += f", {self.gone} no longer present"
        return line


@dataclass(frozen=True, slots=True)
class AnnotatedEntry:
    """An entry with everything the user attached to it: what exports and the reader show."""

    entry: Entry
    """The entry itself, with its star and pin state."""
    tags: tuple[str, ...] = ()
    """Tag names, sorted."""
    highlights: tuple[Highlight, ...] = ()
    """Highlights in body order; orphaned ones last."""
    notes: tuple[Note, ...] = ()
    """Notes on the entry, oldest first."""
    rule_tags: tuple[str, ...] = ()
    """Those of `tags` an auto-tag rule added (`[[autotag]]`), sorted."""

    @property
    def annotated(self) -> bool:
        """True when the user marked it in any way."""
        return bool(
            self.tags or self.highlights or self.notes or self.entry.starred or self.entry.pinned
        )


@dataclass(frozen=True, slots=True)
class HealthReport:
    """What `liveread check` found in a database."""

    integrity: str
    """SQLite's `PRAGMA integrity_check` verdict: `ok` or the problems it lists."""
    foreign_key_problems: int
    """Rows whose foreign key points nowhere (`PRAGMA foreign_key_check`)."""
    schema_version: int
    """How many migrations have been applied."""
    sources: int
    """How many live blogs."""
    entries: int
    """How many entries."""
    gone_entries: int
    """Entries no longer present in their source (kept)."""
    revisions: int
    """Earlier texts kept."""
    orphaned_highlights: int
    """Highlights whose quote an edit removed (kept, shown as orphaned)."""
    fts_ok: bool
    """The full-text indexes agree with the tables they index."""
    newer_schema: str | None = None
    """Set when a newer liveread migrated the file: the one line saying it is only read."""

    @property
    def ok(self) -> bool:
        """True when nothing is damaged (orphans and gone entries are normal) and this
        liveread knows the file's schema."""
        return (
            self.integrity == "ok"
            and self.foreign_key_problems == 0
            and self.fts_ok
            and self.newer_schema is None
        )
