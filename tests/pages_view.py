"""The comparable view of a parsed live page, shared by the page golden tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from liveread.kernel.model import ParsedEntry, ParsedFeed

PAGES = Path(__file__).parent / "pages"
"""Saved live pages: each family's markup skeleton filled with invented posts."""

FAMILIES = (
    "guardian",
    "reach",
    "independent",
    "repubblica",
    "wp-liveblog",
    "amp-live-list",
    "microdata",
    "generic",
    "ticker",
)
"""Families with a first snapshot `<name>.html`, its `<name>.json` and a `<name>-later.html`."""


def iso(value: datetime | None) -> str | None:
    """A UTC instant as `YYYY-MM-DDTHH:MM:SSZ`."""
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_view(entry: ParsedEntry) -> dict[str, Any]:
    """Every field of an entry, as the golden JSON writes it."""
    return {
        "key": entry.key,
        "headline": entry.headline,
        "published": iso(entry.published),
        "updated": iso(entry.updated),
        "time_label": entry.time_label,
        "author": entry.author,
        "url": entry.url,
        "key_event": entry.key_event,
        "paragraphs": entry.body.split("\n\n") if entry.body else [],
        "links": [[link.text, link.url] for link in entry.links],
    }


def feed_view(feed: ParsedFeed) -> dict[str, Any]:
    """The page-level fields, as the golden JSON writes them."""
    return {
        "profile": feed.profile,
        "title": feed.title,
        "url": feed.url,
        "standfirst": feed.standfirst,
        "blog_date": feed.blog_date,
        "older_pages": list(feed.older_pages),
        "warnings": list(feed.warnings),
        "count": len(feed.entries),
    }
