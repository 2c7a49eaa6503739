"""`liveread sources` and `liveread entries`: what is in the database, as text or JSON lines."""

from __future__ import annotations

import argparse
from datetime import timedelta, timezone
from typing import Any

from liveread.cli.common import open_store, row_id
from liveread.cli.output import json_line, say
from liveread.kernel.labels import position_label
from liveread.kernel.model import AnnotatedEntry, Entry, Source
from liveread.kernel.text import clean_line

FLAGS = (("U", "unread"), ("*", "starred"), ("P", "pinned"), ("E", "edited"), ("G", "gone"))
"""The flag letters of `entries`, in column order, with what each one says."""


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `sources` and `entries` verbs."""
    p = sub.add_parser("sources", parents=[common], help="list the live blogs in the database")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=run_sources)
    p = sub.add_parser(
        "entries",
        parents=[common],
        help="list entries, newest first",
        description="One line per entry: id, source, label (#1 is the blog's oldest post),"
        " time (UTC, else as the page wrote it), flags, title, tags. Flags: U unread,"
        " * starred, P pinned (key event), E edited, G gone from the page.",
    )
    p.add_argument("--source", type=row_id, metavar="ID", help="only this source's entries")
    p.add_argument(
        "--filter",
        metavar="QUERY",
        help="only entries the filter keeps, e.g. 'tag:verify starred since:2024-11-01'",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=run_entries)


def _iso(value: Any) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def as_written(entry: Entry) -> str | None:
    """`published` in the page's own UTC offset (`2025-07-06T16:45:00+01:00`), when the page
    named one; `published` itself stays the UTC instant."""
    if entry.published is None or entry.utc_offset is None:
        return None
    zone = timezone(timedelta(minutes=entry.utc_offset))
    return entry.published.astimezone(zone).isoformat(timespec="seconds")


def source_json(source: Source) -> dict[str, Any]:
    """The JSON shape of a source."""
    return {
        "id": source.id,
        "title": source.title,
        "location": source.location,
        "format": source.format.value,
        "standfirst": source.standfirst,
        "date": source.blog_date,
        "url": source.url,
        "entries": source.entry_count,
        "unread": source.unread_count,
        "added": _iso(source.added_at),
        "checked": _iso(source.checked_at),
        "notice": source.notice,
    }


def entry_json(item: Entry | AnnotatedEntry, total: int | None = None) -> dict[str, Any]:
    """The JSON shape of an entry, with what the user attached to it when given an
    AnnotatedEntry (a bare Entry gets empty lists). `total`, the source's entry count, gives
    the stable label (`#n` from the oldest post); without it the label is null."""
    annotated = item if isinstance(item, AnnotatedEntry) else AnnotatedEntry(entry=item)
    entry = annotated.entry
    return {
        "id": entry.id,
        "source": entry.source_id,
        "key": entry.key,
        "position": entry.position,
        "label": None if total is None else position_label(entry.position, total),
        "headline": entry.headline,
        "body": entry.body,
        "published": _iso(entry.published),
        "updated": _iso(entry.updated),
        "time_label": entry.time_label,
        "published_as_written": as_written(entry),
        "time_assumed_utc": entry.time_assumed_utc,
        "author": entry.author,
        "url": entry.url,
        "links": [{"text": link.text, "url": link.url} for link in entry.links],
        "revisions": entry.revisions,
        "changed_since_read": entry.changed_since_read,
        "present": entry.present,
        "read": entry.read,
        "tags": list(annotated.tags),
        "categories": list(entry.categories),
        "starred": entry.starred,
        "pinned": entry.pinned,
        "notes": [{"id": note.id, "text": note.text} for note in annotated.notes],
        "highlights": [
            {
                "id": h.id,
                "start": h.start,
                "end": h.end,
                "exact": h.exact,
                "color": h.color,
                "note": h.note,
                "status": h.status,
                "tags": list(h.tags),
            }
            for h in annotated.highlights
        ],
    }


def run_sources(args: argparse.Namespace) -> int:
    """Print the sources."""
    with open_store(args) as store:
        for source in store.sources():
            if args.json:
                json_line(source_json(source))
            else:
                say(
                    f"{source.id:>4}  {source.entry_count:>6} entries  "
                    f"{clean_line(source.title)}  ({clean_line(source.location)})"
                )
    return 0


def run_entries(args: argparse.Namespace) -> int:
    """Print entries, one per line (text) or one JSON object per line with annotations."""
    with open_store(args) as store:
        if args.source is not None:
            store.source(args.source)  # NotFoundError -> exit 2 with a clear line
        if args.filter is not None:
            from liveread.kernel.query import parse_filter

            flt = parse_filter(args.filter)
            count = store.count_filtered(args.source, flt)
            ids = [e.id for e in store.filter_entries(args.source, flt, 0, count)]
            items = store.annotated_entries(args.source, entry_ids=ids)
        else:
            items = store.annotated_entries(args.source)
        totals = {source.id: source.entry_count for source in store.sources()}
        for item in items:
            total = totals.get(item.entry.source_id, 0)
            if args.json:
                json_line(entry_json(item, total))
            else:
                say(entry_line(item, total))
    return 0


def flags(entry: Entry) -> str:
    """The flag column: one slot per `FLAGS` letter, `.` where it does not apply."""
    states = (not entry.read, entry.starred, entry.pinned, entry.revisions > 0, not entry.present)
    return "".join(letter if on else "." for (letter, _), on in zip(FLAGS, states, strict=True))


def when(entry: Entry) -> str:
    """The time column: the UTC instant, else the time as the page wrote it, else `-`."""
    if entry.published is not None:
        return entry.published.strftime("%Y-%m-%d %H:%MZ")
    return clean_line(entry.time_label) if entry.time_label else "-"


def entry_line(item: AnnotatedEntry, total: int) -> str:
    """One entry as `entries` prints it without --json."""
    entry = item.entry
    label = position_label(entry.position, total)
    tags = "".join(f"  #{clean_line(tag)}" for tag in item.tags)
    return (
        f"{entry.id:>6}  {entry.source_id:>3}  {label:>6}  {when(entry):<17}  {flags(entry)}"
        f"  {clean_line(entry.title)}{tags}"
    )
