"""RSS 0.9x/1.0/2.0 and Atom, through feedparser.

The document is first decoded to UTF-8 with feedparser's own encoding rules and checked for
entity declarations (`ingest.xmlguard`); feedparser then parses exactly the bytes that were
checked. HTML in titles and bodies becomes clean text (`ingest.html_text`).

A malformed feed (feedparser's "bozo" flag) is imported as far as it could be read, with a
one-line warning; an entry whose closing tag never came (a truncated download) is dropped
rather than stored half-written. A document with no feed in it is refused.
"""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8

from liveread.ingest.dates import parse_date
from liveread.ingest.entries import (
    EntryDraft,
    bounded_line,
    earliest_date,
    finish_entries,
    raw_body,
)
from liveread.ingest.html_text import HtmlText, html_to_line, html_to_text, plain_to_text
from liveread.ingest.limits import MAX_BODY_CHARS, MAX_CATEGORIES, MAX_ENTRIES, MAX_ENTRY_SOURCE
from liveread.ingest.urls import safe_link
from liveread.ingest.xmlguard import refuse_entities
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedFeed

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Not-well-formedness feedparser reports that costs nothing: the text was still read whole.
_HARMLESS = ("CharacterEncodingOverride", "NonXMLContentType")
_ENTRY_END = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>", re.IGNORECASE)
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]", re.IGNORECASE)


def parse_feed(
    data: bytes, where: str, *, content_type: str | None = None, base_url: str | None = None
) -> ParsedFeed:
    """Parse RSS or Atom bytes; `InputError` naming `where` if they hold no feed.

    `content_type` (an HTTP Content-Type) helps pick the character encoding; `base_url`
    (where the bytes were fetched from) resolves relative links.
    """
    headers = {"content-type": content_type} if content_type else {}
    decoding: dict[str, Any] = {}
    try:
        utf8 = convert_to_utf8(headers, data, decoding)
    except (LookupError, ValueError, TypeError):
        utf8 = data
    if not isinstance(utf8, bytes):
        utf8 = data
    refuse_entities(utf8, where)
    _refuse_too_many(utf8, where)
    parse_headers = {"content-type": "application/xml; charset=utf-8"}
    if base_url:
        parse_headers["content-location"] = base_url
    try:
        # No sanitizing: every body becomes plain text here (`ingest.html_text` drops scripts,
        # styles and frames and keeps no markup), so feedparser's own pass over the HTML of
        # every entry (a fifth of its time on a 10k-item feed) would be work thrown away.
        parsed = feedparser.parse(
            io.BytesIO(utf8), response_headers=parse_headers, sanitize_html=False
        )
    except Exception as exc:  # noqa: BLE001 - a large third-party parser; contain any failure
        raise InputError(where, f"cannot be read as RSS or Atom ({type(exc).__name__})") from None
    return _to_feed(parsed, utf8, where, decoding)


def _refuse_too_many(utf8: bytes, where: str) -> None:
    """Count `<item>` / `<entry>` start tags, and measure the space between them, before
    feedparser reads anything: it would build every entry of a million-item feed before its
    count could be checked, and spend a minute sanitising one 60 MB entry. The count can only
    be too high (a tag inside CDATA), never too low."""
    previous: int | None = None
    count = 0
    for count, match in enumerate(_ENTRY_START.finditer(utf8), 1):
        if count > MAX_ENTRIES:
            raise InputError(
                where, f"too many entries (more than the limit of {MAX_ENTRIES:,} <item>/<entry>)"
            )
        _refuse_huge_entry(utf8, previous, match.start(), where)
        previous = match.start()
    if count:
        _refuse_huge_entry(utf8, previous, len(utf8), where)


def _refuse_huge_entry(utf8: bytes, start: int | None, end: int, where: str) -> None:
    if start is not None and end - start > MAX_ENTRY_SOURCE:
        line = utf8.count(b"\n", 0, start) + 1
        raise InputError(
            where,
            f"an entry larger than {MAX_ENTRY_SOURCE:,} bytes (line {line});"
            f" no entry keeps more than {MAX_BODY_CHARS:,} characters",
        )


def _to_feed(parsed: Any, utf8: bytes, where: str, decoding: dict[str, Any]) -> ParsedFeed:
    version = str(_raw(parsed, "version") or "")
    raw_entries = list(_raw(parsed, "entries") or [])
    meta = _raw(parsed, "feed") or {}
    warnings: list[str] = []
    problem = _raw(parsed, "bozo_exception") if _raw(parsed, "bozo") else None
    if problem is None and decoding.get("bozo"):
        problem = decoding.get("bozo_exception")
    broken = problem is not None and type(problem).__name__ not in _HARMLESS
    if not version and not raw_entries and not _get_str(meta, "title"):
        raise InputError(where, "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> found)")
    if len(raw_entries) > MAX_ENTRIES:
        raise InputError(
            where, f"too many entries ({len(raw_entries):,}; the limit is {MAX_ENTRIES:,})"
        )
    if broken:
        closed = len(_ENTRY_END.findall(utf8.decode("utf-8", errors="replace")))
        dropped = max(0, len(raw_entries) - closed)
        if dropped:
            raw_entries = raw_entries[: len(raw_entries) - dropped]
        if not raw_entries and not _get_str(meta, "title"):
            raise InputError(where, f"not a readable feed ({_describe(problem)})")
        note = f"not well-formed XML ({_describe(problem)}); imported what could be read"
        if dropped:
            note += f", skipped {dropped} entr{'y' if dropped == 1 else 'ies'} cut off at the end"
        warnings.append(note)
    drafts = [_draft(entry) for entry in raw_entries]
    entries = finish_entries(drafts, warnings, where)
    if not entries and not broken:
        warnings.append("the feed has no entries yet")
    title = _line(meta, "title") or "Untitled feed"
    fmt = Format.ATOM if version.startswith("atom") else Format.RSS
    return ParsedFeed(
        format=fmt,
        title=title,
        entries=entries,
        standfirst=_line(meta, "subtitle"),
        blog_date=earliest_date(entries) or _feed_date(meta),
        url=safe_link(_get_str(meta, "link")),
        warnings=tuple(warnings),
    )


def _describe(problem: object) -> str:
    text = " ".join(str(problem).split())[:160]
    return text or type(problem).__name__


def _raw(mapping: Any, key: str) -> Any:
    """A value as feedparser stored it: `dict.get` skips FeedParserDict's aliases (which,
    for one, answer `updated` with `published`)."""
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


def _get_str(mapping: Any, key: str) -> str | None:
    value = _raw(mapping, key)
    return value if isinstance(value, str) and value.strip() else None


def _is_html(mapping: Any, key: str) -> bool:
    detail = _raw(mapping, f"{key}_detail")
    kind = _raw(detail, "type")
    return kind in _HTML_TYPES


def _line(mapping: Any, key: str) -> str | None:
    """A one-line field (title, subtitle) as clean text, whether it was HTML or plain."""
    value = _get_str(mapping, key)
    if value is None:
        return None
    text = html_to_line(value) if _is_html(mapping, key) else plain_to_text(value)
    return bounded_line(text)


def _feed_date(meta: Any) -> str | None:
    for key in ("published", "updated"):
        when = parse_date(_get_str(meta, key))
        if when is not None:
            return when.value.date().isoformat()
    return None


def _body(entry: Any) -> HtmlText:
    """The fullest text an entry has: its content (Atom content, RSS content:encoded) if
    any, else its summary (RSS description, Atom summary)."""
    candidates: list[tuple[str, str | None]] = []
    contents = _raw(entry, "content")
    if isinstance(contents, list):
        for part in contents:
            value = _raw(part, "value")
            if isinstance(value, str):
                candidates.append((value, _raw(part, "type")))
    if not any(value.strip() for value, _ in candidates):
        summary = _get_str(entry, "summary")
        kind = _raw(_raw(entry, "summary_detail"), "type") or "text/html"
        candidates = [(summary, kind)] if summary else []
    if not candidates:
        return HtmlText("", ())
    value, kind = max(candidates, key=lambda c: len(c[0]))
    value = raw_body(value)
    if kind in _HTML_TYPES:
        return html_to_text(value)
    return HtmlText(plain_to_text(value), ())


def _author(entry: Any) -> str | None:
    return _get_str(_raw(entry, "author_detail"), "name") or _get_str(entry, "author")


def _categories(entry: Any) -> list[str]:
    """RSS `<category>` and Atom `<category term label>`: the label where Atom gives one (it
    is what a reader is meant to show), else the term; at most the first few hundred."""
    found: list[str] = []
    tags = _raw(entry, "tags")
    for tag in tags[: MAX_CATEGORIES * 4] if isinstance(tags, list) else ():
        name = _get_str(tag, "label") or _get_str(tag, "term")
        if name:
            found.append(name)
    return found


def _draft(entry: Any) -> EntryDraft:
    body = _body(entry)
    published = parse_date(_get_str(entry, "published"))
    updated = parse_date(_get_str(entry, "updated"))
    return EntryDraft(
        headline=_line(entry, "title"),
        body=body.text,
        own_id=_get_str(entry, "id"),
        url=_get_str(entry, "link"),
        published=published or updated,
        updated=updated if updated != (published or updated) else None,
        author=_author(entry),
        links=body.links,
        categories=tuple(_categories(entry)),
    )
