"""`liveread sources` and `liveread entries`: what is in the database, as text or JSON lines."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from liveread.commands.common import open_store, print_json_line
from liveread.model import Entry, Source
from liveread.text import clean_line


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `sources` and `entries` verbs."""
    p = sub.add_parser("sources", parents=[common], help="list the live blogs in the database")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=run_sources)
    p = sub.add_parser("entries", parents=[common], help="list entries, newest first")
    p.add_argument("--source", type=int, metavar="ID", help="only this source's entries")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=run_entries)


def _iso(value: Any) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


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
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    """The JSON shape of an entry (the annotations issue adds its fields)."""
    return {
        "id": entry.id,
        "source": entry.source_id,
        "key": entry.key,
        "position": entry.position,
        "headline": entry.headline,
        "body": entry.body,
        "published": _iso(entry.published),
        "updated": _iso(entry.updated),
        "time_label": entry.time_label,
        "time_assumed_utc": entry.time_assumed_utc,
        "author": entry.author,
        "url": entry.url,
        "revisions": entry.revisions,
        "present": entry.present,
        "read": entry.read,
    }


def run_sources(args: argparse.Namespace) -> int:
    """Print the sources."""
    with open_store(args) as store:
        for source in store.sources():
            if args.json:
                print_json_line(source_json(source))
            else:
                sys.stdout.write(
                    f"{source.id:>4}  {source.entry_count:>6} entries  "
                    f"{clean_line(source.title)}  ({clean_line(source.location)})\n"
                )
    return 0


def run_entries(args: argparse.Namespace) -> int:
    """Print entries, one per line (text) or one JSON object per line."""
    with open_store(args) as store:
        if args.source is not None:
            store.source(args.source)  # NotFoundError -> exit 2 with a clear line
        for entry in store.entries(args.source):
            if args.json:
                print_json_line(entry_json(entry))
            else:
                marks = ("" if entry.present else "gone ") + (
                    f"edited {entry.revisions}x " if entry.revisions else ""
                )
                sys.stdout.write(
                    f"{entry.id:>6}  {entry.source_id:>3}  {marks}{clean_line(entry.title)}\n"
                )
    return 0
