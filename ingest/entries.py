"""From what a parser found to finished `ParsedEntry` values: clean, bounded, uniquely keyed.

Every format's parser fills `EntryDraft`s with raw strings and hands them to `finish_entries`,
so the cleaning (terminal controls, length bounds, safe links) and the identity rules are the
same for all of them:

- the feed's own id (guid, Atom id, JSON Feed id, JSON-LD @id) is the key; when two entries
  repeat an id, the first (topmost) is kept and a warning says so;
- else the entry's link, fragment kept (live blogs link each update as `page#post-123`),
  unless several entries share that link, in which case it identifies none of them;
- else a fingerprint of the headline (`h:`) or of the first paragraph (`p:`), repeats counted
  from the bottom, so a new entry on top never changes an older one's key.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from liveread.ingest.dates import ParsedDate
from liveread.ingest.limits import (
    MAX_BODY_CHARS,
    MAX_CATEGORIES,
    MAX_CATEGORY_CHARS,
    MAX_ENTRIES,
    MAX_HEADLINE_CHARS,
    MAX_KEY_CHARS,
    MAX_RAW_BODY_CHARS,
)
from liveread.ingest.urls import safe_link
from liveread.kernel.errors import InputError
from liveread.kernel.model import Link, ParsedEntry
from liveread.kernel.text import clean_line, clean_text, fingerprint


@dataclass(slots=True)
class EntryDraft:
    """One entry as a parser read it, before cleaning and keys."""

    headline: str | None = None
    """Plain-text headline (HTML already converted), or None."""
    body: str = ""
    """Plain-text body (HTML already converted): paragraphs separated by a blank line."""
    own_id: str | None = None
    """The feed's own identifier for the entry, if it gives one."""
    url: str | None = None
    """The entry's link, if any."""
    published: ParsedDate | None = None
    """When it was posted."""
    updated: ParsedDate | None = None
    """When it was last changed."""
    author: str | None = None
    """The byline."""
    time_label: str | None = None
    """The time as written, for display."""
    links: tuple[str | Link, ...] = field(default=())
    """Links found in the body (a bare address, or a `Link` with its words)."""
    key_event: bool = False
    """The page marks it a key event, pinned or summary."""
    categories: tuple[str, ...] = ()
    """The feed's own categories or tags for the entry, as written."""


def bounded_line(text: str | None, limit: int = MAX_HEADLINE_CHARS) -> str | None:
    """A clean one-line value cut to `limit` characters; None when nothing is left."""
    if text is None:
        return None
    line = clean_line(text)
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line or None


def bounded_categories(found: Iterable[str]) -> tuple[str, ...]:
    """A feed's categories as one clean line each, blanks dropped, each once (the same
    words in another case are one category), at most `MAX_CATEGORIES` of them."""
    kept: list[str] = []
    seen: set[str] = set()
    for raw in found:
        line = bounded_line(raw, MAX_CATEGORY_CHARS)
        if line is None or line.casefold() in seen:
            continue
        seen.add(line.casefold())
        kept.append(line)
        if len(kept) == MAX_CATEGORIES:
            break
    return tuple(kept)


def raw_body(text: str) -> str:
    """An entry's raw text or HTML, cut to `MAX_RAW_BODY_CHARS` before any conversion (the
    entry is then longer than `MAX_BODY_CHARS` and is cut again, with the warning)."""
    return text if len(text) <= MAX_RAW_BODY_CHARS else text[:MAX_RAW_BODY_CHARS]


def _key_from_id(own_id: str | None) -> str | None:
    if own_id is None:
        return None
    key = clean_line(own_id)
    if not key:
        return None
    if len(key) > MAX_KEY_CHARS:
        return "id-sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key


def finish_entries(
    drafts: list[EntryDraft],
    warnings: list[str],
    where: str,
    *,
    newest_first: bool = True,
) -> tuple[ParsedEntry, ...]:
    """Clean, order and key the drafts; appends one-line notes to `warnings`.

    With `newest_first`, entries that all carry a publication date are put newest first
    (feeds and JSON-LD pages list them either way); otherwise the order is kept as read.
    """
    if len(drafts) > MAX_ENTRIES:
        raise InputError(where, f"too many entries ({len(drafts):,}; the limit is {MAX_ENTRIES:,})")
    cleaned: list[EntryDraft] = []
    empty = cut = 0
    for draft in drafts:
        headline = bounded_line(draft.headline)
        body = clean_text(raw_body(draft.body)) if draft.body else ""
        if len(body) > MAX_BODY_CHARS:
            body = body[:MAX_BODY_CHARS].rstrip() + "…"
            cut += 1
        if not headline and not body:
            empty += 1
            continue
        # A new draft built field by field: `dataclasses.replace` costs several times more.
        cleaned.append(
            EntryDraft(
                headline=headline,
                body=body,
                own_id=draft.own_id,
                url=safe_link(clean_line(draft.url)) if draft.url else None,
                published=draft.published,
                updated=draft.updated,
                author=bounded_line(draft.author),
                time_label=bounded_line(draft.time_label, 100),
                links=_safe_links(draft.links) if draft.links else (),
                key_event=draft.key_event,
                categories=bounded_categories(draft.categories) if draft.categories else (),
            )
        )
    if empty:
        warnings.append(f"skipped {_count(empty, 'entry', 'entries')} with no headline and no text")
    if cut:
        warnings.append(
            f"cut {_count(cut, 'entry', 'entries')} longer than {MAX_BODY_CHARS:,} characters"
        )
    if newest_first and cleaned and all(d.published for d in cleaned):
        # sorted() is stable: entries posted at the same moment keep their order.
        cleaned.sort(key=lambda d: d.published.value if d.published else 0, reverse=True)
    return _with_keys(cleaned, warnings)


def earliest_date(entries: tuple[ParsedEntry, ...]) -> str | None:
    """The UTC date (YYYY-MM-DD) of the earliest-published entry: when coverage began."""
    dates = [e.published for e in entries if e.published is not None]
    return min(dates).date().isoformat() if dates else None


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _with_keys(drafts: list[EntryDraft], warnings: list[str]) -> tuple[ParsedEntry, ...]:
    link_uses = Counter(d.url for d in drafts if d.url)
    keys: list[str | None] = []
    for draft in drafts:
        key = _key_from_id(draft.own_id)
        if key is None and draft.url and link_uses[draft.url] == 1:
            key = draft.url
        keys.append(key)
    # Fingerprints are counted from the bottom (oldest) up, like the plain-text dump's.
    seen_prints: dict[str, int] = {}
    for i in range(len(drafts) - 1, -1, -1):
        if keys[i] is not None:
            continue
        draft = drafts[i]
        if draft.headline:
            base = "h:" + fingerprint(draft.headline)
        else:
            base = "p:" + fingerprint(draft.body.split("\n\n", 1)[0])
        seen_prints[base] = seen_prints.get(base, 0) + 1
        keys[i] = base if seen_prints[base] == 1 else f"{base}~{seen_prints[base]}"
    out: list[ParsedEntry] = []
    used: set[str] = set()
    repeats = 0
    for draft, maybe_key in zip(drafts, keys, strict=True):
        key = maybe_key or ""
        if key in used:
            repeats += 1
            continue
        used.add(key)
        stamp = draft.published or draft.updated
        out.append(
            ParsedEntry(
                key=key,
                headline=draft.headline,
                body=draft.body,
                published=draft.published.value if draft.published else None,
                updated=draft.updated.value if draft.updated else None,
                author=draft.author,
                url=draft.url,
                time_label=draft.time_label,
                time_assumed_utc=bool(stamp and stamp.assumed_utc),
                links=tuple(x for x in draft.links if isinstance(x, Link)),
                key_event=draft.key_event,
                categories=draft.categories,
                utc_offset=draft.published.offset_minutes if draft.published else None,
            )
        )
    if repeats:
        warnings.append(
            f"{_count(repeats, 'entry repeats', 'entries repeat')} the id of an entry above;"
            " kept the first of each"
        )
    return tuple(out)


def _safe_links(found: tuple[str | Link, ...]) -> tuple[Link, ...]:
    """Each http(s) link once, in order; other schemes dropped."""
    links: list[Link] = []
    seen: set[str] = set()
    for item in found:
        text, address = ("", item) if isinstance(item, str) else (item.text, item.url)
        url = safe_link(address)
        if url and url not in seen:
            seen.add(url)
            words = bounded_line(text, 300) or ""
            if isinstance(item, Link) and item.text == words and item.url == url:
                links.append(item)  # already clean: no new object
            else:
                links.append(Link(words, url))
    return tuple(links)
