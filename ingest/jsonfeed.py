"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read.

Every field is checked for its type: a field of the wrong type is treated as missing, an
item that is not an object is skipped with a warning. `content_html` is preferred to
`content_text`, then `summary`; items without a title are fine.
"""

from __future__ import annotations

from liveread.ingest.dates import parse_date
from liveread.ingest.entries import (
    EntryDraft,
    bounded_line,
    earliest_date,
    finish_entries,
    raw_body,
)
from liveread.ingest.html_text import html_to_text, plain_to_text
from liveread.ingest.jsonsafe import load_json
from liveread.ingest.limits import MAX_CATEGORIES, MAX_ENTRIES
from liveread.ingest.urls import safe_link
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedFeed

VERSION_PREFIX = "https://jsonfeed.org/version/"
"""How a JSON Feed's `version` starts."""


def is_json_feed(value: object) -> bool:
    """True for a parsed JSON document that declares itself a JSON Feed."""
    if not isinstance(value, dict):
        return False
    version = value.get("version")
    return isinstance(version, str) and version.strip().lower().startswith(VERSION_PREFIX)


def parse_json_feed(data: bytes, where: str) -> ParsedFeed:
    """Parse a JSON Feed document; `InputError` naming `where` if it is not one."""
    value = load_json(data, where)
    if not is_json_feed(value):
        raise InputError(where, f'not a JSON Feed (no "version": "{VERSION_PREFIX}1.1")')
    return json_feed_from(value, where)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _author(item: dict[str, object]) -> str | None:
    names: list[str] = []
    authors = item.get("authors")
    candidates = authors if isinstance(authors, list) else [item.get("author")]
    for author in candidates:
        if isinstance(author, dict):
            name = _str(author.get("name"))
            if name:
                names.append(name)
    return ", ".join(names) or None


def json_feed_from(value: object, where: str) -> ParsedFeed:
    """Build the feed from an already loaded (and bounded) JSON Feed document."""
    if not isinstance(value, dict):
        raise InputError(where, "a JSON Feed must be a JSON object")
    items = value.get("items", [])
    if not isinstance(items, list):
        raise InputError(where, 'the JSON Feed\'s "items" is not a list')
    if len(items) > MAX_ENTRIES:
        raise InputError(where, f"too many items ({len(items):,}; the limit is {MAX_ENTRIES:,})")
    warnings: list[str] = []
    drafts: list[EntryDraft] = []
    not_objects = 0
    for item in items:
        if not isinstance(item, dict):
            not_objects += 1
            continue
        drafts.append(_draft(item))
    if not_objects:
        warnings.append(f"skipped {not_objects:,} item(s) that are not JSON objects")
    entries = finish_entries(drafts, warnings, where)
    title = bounded_line(_str(value.get("title"))) or "Untitled JSON Feed"
    description = _str(value.get("description"))
    return ParsedFeed(
        format=Format.JSONFEED,
        title=title,
        entries=entries,
        standfirst=bounded_line(plain_to_text(description)) if description else None,
        blog_date=earliest_date(entries),
        url=safe_link(_str(value.get("home_page_url"))),
        warnings=tuple(warnings),
    )


def _tags(item: dict[str, object]) -> tuple[str, ...]:
    """JSON Feed `tags`: the strings of the list (anything else in it is ignored)."""
    tags = item.get("tags")
    if not isinstance(tags, list):
        return ()
    return tuple(tag for tag in tags[: MAX_CATEGORIES * 4] if isinstance(tag, str))


def _draft(item: dict[str, object]) -> EntryDraft:
    raw_id = item.get("id")
    # JSON Feed 1.0 allowed numeric ids; 1.1 says strings. Both identify the item.
    own_id = str(raw_id) if isinstance(raw_id, int | float | str) and str(raw_id) else None
    html = _str(item.get("content_html"))
    links: tuple[str, ...] = ()
    if html is not None:
        converted = html_to_text(raw_body(html))
        body, links = converted.text, converted.links
    else:
        text = _str(item.get("content_text")) or _str(item.get("summary")) or ""
        body = plain_to_text(raw_body(text))
    return EntryDraft(
        headline=_str(item.get("title")),
        body=body,
        own_id=own_id,
        url=_str(item.get("url")) or _str(item.get("external_url")),
        published=parse_date(_str(item.get("date_published"))),
        updated=parse_date(_str(item.get("date_modified"))),
        author=_author(item),
        links=links,
        categories=_tags(item),
    )
