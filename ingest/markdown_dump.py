"""The Markdown live blog: a shape liveread defines for users who keep notes in Markdown.

```
# Title of the live blog
Date: 2025-03-02            (or _2025-03-02_, or a bare 2025-03-02; optional)

An optional standfirst paragraph.

## [14:32] Headline of the newest entry
Body paragraphs, lists, quotes...

## [14:10]
An entry with no headline.
```

Entries are the level-2 headings, newest first as on a page. The bracket holds the time as
written (`14:32`, `2.15pm`, `14:32 GMT`, `2025-03-02 14:32`); a clock time is placed on the
blog's date, rolling over midnight going up the page, and taken as UTC unless it says
GMT/UTC (flagged). Inline Markdown is reduced to its text and link URLs are collected; raw
HTML stays text. markdown-it-py (CommonMark) reads the blocks, so code fences, lists and
quotes behave as in any Markdown editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from markdown_it import MarkdownIt
from markdown_it.token import Token

from liveread.ingest.dates import ParsedDate, clock_minutes, parse_date
from liveread.ingest.decode import decode_text
from liveread.ingest.entries import EntryDraft, bounded_line, finish_entries
from liveread.ingest.html_text import BULLET, join_blocks
from liveread.ingest.limits import MAX_BODY_CHARS, MAX_ENTRIES, MAX_ENTRY_SOURCE
from liveread.ingest.urls import safe_link
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedFeed

_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})$")
_DATE_FIELD = re.compile(r"^date\s*:\s*(.+)$", re.IGNORECASE)
_TIMED = re.compile(r"^\[([^\[\]]{1,40})\]\s*(.*)$", re.DOTALL)
# A level-2 ATX heading line (CommonMark: up to three spaces of indent).
_ENTRY_HEADING = re.compile(r"^ {0,3}##(?:[ \t]|$)", re.MULTILINE)

EXPECTED = "expected a Markdown live blog: '# title', then '## [time] headline' per entry"


@dataclass
class _Section:
    heading: str
    preamble: bool = False
    links: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)


def parse_markdown(data: bytes, where: str) -> ParsedFeed:
    """Parse a Markdown live blog; `InputError` naming `where` if it is not one."""
    return parse_markdown_text(decode_text(data, where), where)


def parse_markdown_text(text: str, where: str) -> ParsedFeed:
    """Parse the text of a Markdown live blog.

    The `## ` headings are counted, and the sections between them measured, before
    markdown-it builds its tokens for the whole text, so a file with far too many entries or
    one enormous entry is refused at once (the count can only be too high, for a heading
    line inside a code block).
    """
    previous = 0
    for count, match in enumerate(_ENTRY_HEADING.finditer(text), 1):
        if count > MAX_ENTRIES:
            raise InputError(
                where, f"too many entries (more than the limit of {MAX_ENTRIES:,} '## ' headings)"
            )
        _refuse_huge_section(text, previous, match.start(), where)
        previous = match.start()
    _refuse_huge_section(text, previous, len(text), where)
    tokens = MarkdownIt("commonmark", {"html": False}).parse(text)
    if len(tokens) < 3 or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        raise InputError(where, f"not a Markdown live blog: {EXPECTED}")
    title_links: list[str] = []
    title = bounded_line(_inline(tokens[1], title_links)) or "Untitled live blog"
    preamble = _Section("", preamble=True)
    sections: list[_Section] = []
    current = preamble
    i = 3
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.tag == "h2" and tok.level == 0:
            current = _Section("")
            current.heading = _inline(tokens[i + 1], current.links)
            sections.append(current)
            i += 3
            continue
        i = _block(tokens, i, current)
    if not sections:
        raise InputError(where, f"no entries after the title: {EXPECTED}")
    blog_date, standfirst = _preamble(preamble)
    warnings: list[str] = []
    drafts = _drafts(sections, blog_date)
    entries = finish_entries(drafts, warnings, where, newest_first=False)
    if not entries:
        raise InputError(where, "every entry is empty (no headline and no text)")
    return ParsedFeed(
        format=Format.MARKDOWN,
        title=title,
        entries=entries,
        standfirst=standfirst,
        blog_date=blog_date.isoformat() if blog_date else None,
        warnings=tuple(warnings),
    )


def _preamble(section: _Section) -> tuple[date | None, str | None]:
    """The blog's date (from the first line under the title) and the standfirst."""
    texts = [text for _, text in section.blocks]
    blog_date: date | None = None
    if texts:
        first, _, rest = texts[0].partition("\n")
        found = _day(first.strip())
        if found is not None:
            blog_date = found
            texts[0] = rest
    standfirst = " ".join(t.replace("\n", " ") for t in texts if t.strip())
    return blog_date, bounded_line(standfirst)


def _day(line: str) -> date | None:
    iso = _ISO_DAY.match(line)
    field_match = _DATE_FIELD.match(line)
    text = iso.group(1) if iso else field_match.group(1) if field_match else None
    if text is None:
        return None
    parsed = parse_date(text)
    return parsed.value.date() if parsed else None


def _drafts(sections: list[_Section], blog_date: date | None) -> list[EntryDraft]:
    drafts: list[EntryDraft] = []
    # Clock times are placed on days from the bottom (oldest) up, as the text dump does.
    day = blog_date
    last_minutes: int | None = None
    for section in reversed(sections):
        heading = section.heading.strip()
        label: str | None = None
        timed = _TIMED.match(heading)
        if timed is not None:
            label, heading = timed.group(1).strip(), timed.group(2).strip()
        published: ParsedDate | None = None
        if label:
            clock = clock_minutes(label)
            if clock is not None and day is not None:
                minutes, has_zone = clock
                if last_minutes is not None and minutes < last_minutes:
                    day += timedelta(days=1)
                last_minutes = minutes
                moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
                published = ParsedDate(moment + timedelta(minutes=minutes), not has_zone)
            elif clock is None:
                published = parse_date(label)
        drafts.append(
            EntryDraft(
                headline=heading or None,
                body=join_blocks(section.blocks),
                published=published,
                time_label=label,
                links=tuple(section.links),
            )
        )
    drafts.reverse()
    return drafts


def _refuse_huge_section(text: str, start: int, end: int, where: str) -> None:
    if end - start > MAX_ENTRY_SOURCE:
        line = text.count("\n", 0, start) + 1
        raise InputError(
            where,
            f"an entry larger than {MAX_ENTRY_SOURCE:,} characters (line {line});"
            f" no entry keeps more than {MAX_BODY_CHARS:,} characters",
        )


def _inline(tok: Token, links: list[str], *, soft: str = " ") -> str:
    """An inline token's text: emphasis dropped, code kept, soft breaks as `soft`, hard
    breaks as newlines; link URLs appended to `links`."""
    parts: list[str] = []
    for child in tok.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(soft)
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            href = safe_link(str(child.attrGet("href") or ""))
            if href and href not in links:
                links.append(href)
    return "".join(parts)


def _block(tokens: list[Token], start: int, section: _Section) -> int:
    """Read one top-level block starting at `start` into `section`; the next index."""
    depth = 0
    lists: list[list[int]] = []
    items: list[list[str]] = []  # per open list item: [prefix, text parts...]
    i = start
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        depth += tok.nesting
        if kind in ("bullet_list_open", "ordered_list_open"):
            _flush_item(items, section)
            begin = int(str(tok.attrGet("start") or 1)) if kind == "ordered_list_open" else 1
            lists.append([int(kind == "ordered_list_open"), begin - 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
        elif kind == "list_item_open":
            indent = "  " * max(len(lists) - 1, 0)
            if lists and lists[-1][0]:
                lists[-1][1] += 1
                prefix = f"{indent}{lists[-1][1]}. "
            else:
                prefix = indent + BULLET
            items.append([prefix])
        elif kind == "list_item_close":
            _flush_item(items, section)
            if items:
                items.pop()
        elif kind == "inline":
            # Under the title, soft breaks keep their lines: the first may be the date line.
            text = _inline(tok, section.links, soft="\n" if section.preamble else " ")
            if items:
                items[-1].append(text)
            elif text.strip():
                section.blocks.append(("para", text))
        elif kind in ("fence", "code_block"):
            code = tok.content.rstrip("\n")
            if items:
                items[-1].append(code)
            elif code.strip():
                section.blocks.append(("para", code))
        i += 1
        if depth <= 0:
            break
    return i


def _flush_item(items: list[list[str]], section: _Section) -> None:
    """Write out the innermost open list item's line (before any nested list's lines)."""
    if not items or len(items[-1]) <= 1:
        return
    prefix, *parts = items[-1]
    text = " ".join(" ".join(p.split()) for p in parts if p.strip())
    if text:
        section.blocks.append(("line", prefix + text))
    items[-1] = [prefix]
