"""Conversions between SQLite rows and `liveread.kernel.model` objects (and back for timestamps)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from liveread.kernel.model import (
    Entry,
    Format,
    Highlight,
    HighlightStatus,
    Link,
    Note,
    Revision,
    Source,
)

ENTRY_COLUMNS = (
    "id, source_id, key, position, headline, body, published, updated, author, url, "
    "time_label, time_assumed_utc, content_hash, present, read, starred, pinned, revision_count, "
    "links, categories, utc_offset, seen_revision"
)
"""The SELECT list `entry_from_row` expects, in order."""

SOURCE_COLUMNS = (
    # The user's name for a blog (rename) stands in for the page's title wherever it shows.
    "s.id, s.location, s.format, coalesce(s.name, s.title), s.standfirst, s.blog_date, s.url, "
    "s.added_at, s.checked_at, s.etag, s.last_modified, s.coverage_start, s.coverage_end, s.notice"
)
"""The SELECT list (table alias `s`) `source_from_row` expects, then two counts."""


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | str | float) else 0


def _status(value: object) -> HighlightStatus:
    """A stored status; anything this version does not know is shown as orphaned (its
    offsets cannot be trusted)."""
    try:
        return HighlightStatus(str(value))
    except ValueError:
        return HighlightStatus.ORPHANED


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def to_iso(value: datetime | None) -> str | None:
    """UTC ISO 8601 with a `T` and a `Z`, to the second; None stays None."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(value: str | None) -> datetime | None:
    """The inverse of `to_iso`; None (unknown) for a value that is not a date.

    Read defensively: another version or another tool may have written the file. A time
    written without a zone is taken as UTC, as `to_iso` writes every time.
    """
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (ValueError, TypeError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def now_iso() -> str:
    """The current time as `to_iso` writes it."""
    return to_iso(datetime.now(UTC)) or ""


def links_to_json(links: tuple[Link, ...]) -> str | None:
    """The `links` column for an entry's links: a JSON array of [text, url]; None for none."""
    if not links:
        return None
    return json.dumps([[link.text, link.url] for link in links], ensure_ascii=False)


def _json_list(value: object) -> list[object]:
    """A stored JSON array column's items; anything malformed reads as none, never a crash."""
    if not isinstance(value, str) or not value:
        return []
    try:
        items = json.loads(value)
    except ValueError:
        return []
    return items if isinstance(items, list) else []


def links_from_json(value: object) -> tuple[Link, ...]:
    """The inverse of `links_to_json`; anything malformed reads as no links, never a crash."""
    items = _json_list(value)
    return tuple(
        Link(item[0], item[1])
        for item in items
        if isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], str)
    )


def categories_to_json(categories: tuple[str, ...]) -> str | None:
    """The `categories` column: a JSON array of strings; None for none."""
    return json.dumps(list(categories), ensure_ascii=False) if categories else None


def categories_from_json(value: object) -> tuple[str, ...]:
    """The inverse of `categories_to_json`; anything malformed reads as none, never a crash."""
    return tuple(item for item in _json_list(value) if isinstance(item, str))


def entry_from_row(row: sqlite3.Row | tuple[object, ...]) -> Entry:
    """Build an Entry from a row selected with ENTRY_COLUMNS."""
    (
        eid,
        source_id,
        key,
        position,
        headline,
        body,
        published,
        updated,
        author,
        url,
        time_label,
        assumed,
        chash,
        present,
        read,
        starred,
        pinned,
        revisions,
        links,
        categories,
        utc_offset,
        seen_revision,
    ) = row
    return Entry(
        id=_int(eid),
        source_id=_int(source_id),
        key=str(key),
        position=_int(position),
        headline=_opt(headline),
        body=str(body),
        published=from_iso(_opt(published)),
        updated=from_iso(_opt(updated)),
        author=_opt(author),
        url=_opt(url),
        time_label=_opt(time_label),
        time_assumed_utc=bool(assumed),
        content_hash=str(chash),
        present=bool(present),
        read=bool(read),
        starred=bool(starred),
        pinned=bool(pinned),
        revisions=_int(revisions),
        links=links_from_json(links),
        categories=categories_from_json(categories),
        utc_offset=utc_offset if isinstance(utc_offset, int) else None,
        seen_revision=seen_revision if isinstance(seen_revision, int) else None,
    )


def source_from_row(row: tuple[object, ...]) -> Source:
    """Build a Source from a row selected with SOURCE_COLUMNS plus entry and unread counts."""
    (
        sid,
        location,
        fmt,
        title,
        standfirst,
        blog_date,
        url,
        added_at,
        checked_at,
        etag,
        last_modified,
        cov_start,
        cov_end,
        notice,
        count,
        unread,
    ) = row
    return Source(
        id=_int(sid),
        location=str(location),
        format=Format(str(fmt)),
        title=str(title),
        standfirst=_opt(standfirst),
        blog_date=_opt(blog_date),
        url=_opt(url),
        added_at=from_iso(str(added_at)) or datetime.now(UTC),
        checked_at=from_iso(_opt(checked_at)),
        etag=_opt(etag),
        last_modified=_opt(last_modified),
        coverage_start=from_iso(_opt(cov_start)),
        coverage_end=from_iso(_opt(cov_end)),
        notice=_opt(notice),
        entry_count=_int(count),
        unread_count=_int(unread),
    )


def revision_from_row(row: tuple[object, ...]) -> Revision:
    """Build a Revision from (id, entry_id, headline, body, replaced_at)."""
    rid, entry_id, headline, body, replaced_at = row
    return Revision(
        id=_int(rid),
        entry_id=_int(entry_id),
        headline=_opt(headline),
        body=str(body),
        replaced_at=from_iso(str(replaced_at)) or datetime.now(UTC),
    )


HIGHLIGHT_COLUMNS = (
    'id, entry_id, start, "end", exact, prefix, suffix, color, note, status, original,'
    " created_at, updated_at, tags"
)
"""The SELECT list `highlight_from_row` expects, in order."""

NOTE_COLUMNS = "id, entry_id, text, created_at, updated_at"
"""The SELECT list `note_from_row` expects, in order."""


def highlight_from_row(row: tuple[object, ...]) -> Highlight:
    """Build a Highlight from a row selected with HIGHLIGHT_COLUMNS."""
    (
        hid,
        entry_id,
        start,
        end,
        exact,
        prefix,
        suffix,
        color,
        note,
        status,
        original,
        created_at,
        updated_at,
        tags,
    ) = row
    return Highlight(
        id=_int(hid),
        entry_id=_int(entry_id),
        start=_int(start),
        end=_int(end),
        exact=str(exact),
        prefix=str(prefix),
        suffix=str(suffix),
        color=str(color),
        note=_opt(note),
        status=_status(status),
        original=_opt(original),
        created_at=from_iso(_opt(created_at)),
        updated_at=from_iso(_opt(updated_at)),
        tags=highlight_tags_from_column(tags),
    )


def highlight_tags_from_column(value: object) -> tuple[str, ...]:
    """A highlight's `tags` column (a JSON array of names, NULL for none) as sorted names;
    read defensively, as another version or tool may have written it."""
    if not isinstance(value, str) or not value:
        return ()
    try:
        names = json.loads(value)
    except ValueError:
        return ()
    if not isinstance(names, list):
        return ()
    return tuple(sorted({n for n in names if isinstance(n, str) and n}))


def highlight_tags_column(names: tuple[str, ...]) -> str | None:
    """Names as the `tags` column holds them: a sorted JSON array, NULL for none."""
    return json.dumps(sorted(set(names)), ensure_ascii=False) if names else None


def note_from_row(row: tuple[object, ...]) -> Note:
    """Build a Note from a row selected with NOTE_COLUMNS."""
    nid, entry_id, text, created_at, updated_at = row
    return Note(
        id=_int(nid),
        entry_id=_int(entry_id),
        text=str(text),
        created_at=from_iso(str(created_at)) or datetime.now(UTC),
        updated_at=from_iso(str(updated_at)) or datetime.now(UTC),
    )
