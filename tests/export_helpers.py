"""Builders and Markdown readers shared by the export tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import yaml  # test extra: the front matter is checked with a real YAML parser
from markdown_it import MarkdownIt
from markdown_it.token import Token

from liveread.kernel.model import AnnotatedEntry, Entry, Format, Highlight, Note, Source

EXPORTED_AT = datetime(2025, 11, 2, 9, 30, tzinfo=UTC)
"""The fixed exported-at time of every golden and comparison export."""


def markdown_parser() -> MarkdownIt:
    """CommonMark plus the GFM tables and strikethrough that Obsidian also reads."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def make_source(title: str = "A live blog", **kw: Any) -> Source:
    fields: dict[str, Any] = {
        "id": 1,
        "location": "blogs/a-live-blog.txt",
        "format": Format.TEXT,
        "title": title,
        "standfirst": None,
        "blog_date": "2025-10-14",
        "url": None,
        "added_at": datetime(2025, 10, 14, tzinfo=UTC),
        "checked_at": None,
    }
    fields.update(kw)
    return Source(**fields)


def make_entry(entry_id: int = 1, headline: str | None = "A headline", **kw: Any) -> Entry:
    fields: dict[str, Any] = {
        "id": entry_id,
        "source_id": 1,
        "key": f"key-{entry_id}",
        "position": entry_id,
        "headline": headline,
        "body": "Some body text for the entry, long enough to highlight.",
        "published": None,
        "updated": None,
        "author": None,
        "url": None,
        "time_label": None,
        "time_assumed_utc": False,
        "content_hash": "hash",
        "present": True,
        "read": False,
    }
    fields.update(kw)
    return Entry(**fields)


_IDS = itertools.count(1)


def make_highlight(
    exact: str, *, color: str = "yellow", note: str | None = None, **kw: Any
) -> Highlight:
    fields: dict[str, Any] = {
        "id": next(_IDS),
        "entry_id": 1,
        "start": 0,
        "end": len(exact),
        "exact": exact,
        "prefix": "",
        "suffix": "",
        "color": color,
        "note": note,
        "status": "anchored",
    }
    fields.update(kw)
    return Highlight(**fields)


def make_note(text: str, **kw: Any) -> Note:
    fields: dict[str, Any] = {
        "id": next(_IDS),
        "entry_id": 1,
        "text": text,
        "created_at": datetime(2025, 10, 14, 12, 0, tzinfo=UTC),
        "updated_at": datetime(2025, 10, 14, 12, 0, tzinfo=UTC),
    }
    fields.update(kw)
    return Note(**fields)


def annotated(entry: Entry | None = None, **kw: Any) -> AnnotatedEntry:
    return AnnotatedEntry(entry=entry or make_entry(), **kw)


def parse_body(text: str) -> list[Token]:
    """The Markdown after the front matter, parsed (the front matter is checked as YAML)."""
    assert text.startswith("---\n")
    return markdown_parser().parse(text[text.index("\n---\n", 4) + 5 :])


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of an export, parsed by PyYAML."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict)
    return data


def inline_text(token: Token) -> str:
    """The literal text an inline token shows: text and breaks only, never markup."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
        else:
            raise AssertionError(f"content produced markup: {child.type} in {token.content!r}")
    return "".join(parts)


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    """(tag, text) of every heading."""
    result = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            result.append((token.tag, inline_text(tokens[i + 1])))
    return result


def blockquotes(tokens: list[Token]) -> list[str]:
    """The literal text of each top-level block quote; paragraphs joined by a blank line."""
    result: list[str] = []
    depth = 0
    paras: list[str] = []
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
            if depth == 1:
                paras = []
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0:
                result.append("\n\n".join(paras))
        elif depth == 1 and token.type == "inline":
            paras.append(inline_text(token))
        elif depth > 1:
            raise AssertionError("content produced a nested block quote")
    return result


def html_tokens(tokens: list[Token]) -> list[Token]:
    """Every raw HTML token, block or inline."""
    found = [t for t in tokens if t.type in ("html_block", "html_inline")]
    for token in tokens:
        found.extend(c for c in token.children or [] if c.type in ("html_block", "html_inline"))
    return found


def literal_paragraphs(text: str) -> str:
    """What a block of user text should read as: lines trimmed, blank-line paragraphs kept."""
    from liveread.kernel.text import clean_text

    paras: list[list[str]] = [[]]
    for line in clean_text(text).split("\n"):
        if line.strip():
            paras[-1].append(line.strip())
        elif paras[-1]:
            paras.append([])
    return "\n\n".join("\n".join(p) for p in paras if p)
