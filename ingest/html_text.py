"""HTML to clean text: what a feed's HTML body says, with no tags or entities left.

Paragraph-like blocks become paragraphs separated by a blank line; list items and table rows
become one line each; `<br>` is a line break and two of them a paragraph break; entities are
decoded; scripts, styles and embedded frames vanish; a link keeps its text and its URL is
collected (http/https only) for `ParsedEntry.links`. The standard library's forgiving
`html.parser` reads it, so truncated or broken markup still gives text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from liveread.ingest.urls import safe_link
from liveread.kernel.text import clean_line, clean_text

# fmt: off
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "main", "nav", "ol", "p",
    "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
))
_SKIP = frozenset((
    "embed", "head", "iframe", "math", "noscript", "object", "script", "style", "svg",
    "template", "title",
))
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
))
# fmt: on
_SPACE = re.compile(r"\s+")
_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
_BLANK_LINES = re.compile(r"\n\s*\n")

BULLET = "• "
"""What starts a list item's line (a Markdown `-` would need escaping in exports)."""

_Block = tuple[str, str]  # (kind, text): kind "para" or "line" (list item, table row)


@dataclass(frozen=True, slots=True)
class HtmlText:
    """What `html_to_text` returns."""

    text: str
    """Clean plain text: paragraphs separated by a blank line, list items by a newline."""
    links: tuple[str, ...]
    """http(s) URLs of the links in the HTML, in order, each once."""


def join_blocks(blocks: list[_Block]) -> str:
    """Paragraphs separated by a blank line; consecutive lines (list items, rows) by a newline."""
    out: list[str] = []
    previous = ""
    for kind, text in blocks:
        if not text:
            continue
        if out:
            out.append("\n" if kind == "line" and previous == "line" else "\n\n")
        out.append(text)
        previous = kind
    return "".join(out)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.links: list[str] = []
        self._seen_links: set[str] = set()
        self._inline: list[str | None] = []  # None marks a <br>
        self._skip: list[str] = []
        self._pre = 0
        self._lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self._item_prefix: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str | None] | None = None

    # -- structure --------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip[-1] and tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag == "br":
            self._text(None)
        elif tag == "a":
            href = next((v for k, v in attrs if k == "href"), None)
            link = safe_link(href)
            if link is not None and link not in self._seen_links:
                self._seen_links.add(link)
                self.links.append(link)
        elif tag == "li":
            self._flush()
            depth = max(len(self._lists), 1)
            indent = "  " * (depth - 1)
            if self._lists and self._lists[-1][0]:
                self._lists[-1][1] += 1
                self._item_prefix = f"{indent}{self._lists[-1][1]}. "
            else:
                self._item_prefix = indent + BULLET
        elif tag in ("ul", "ol", "dir", "menu"):
            self._flush()
            self._lists.append([int(tag == "ol"), 0])
        elif tag == "tr":
            self._flush()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            self._cell = []
        elif tag == "pre":
            self._flush()
            self._pre += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag == "li":
            self._flush()
        elif tag in ("ul", "ol", "dir", "menu"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "pre":
            self._flush()
            self._pre = max(0, self._pre - 1)
        elif tag in _BLOCKS:
            if tag == "table":
                self._end_row()
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text(data)

    # -- text -------------------------------------------------------------------------

    def _text(self, data: str | None) -> None:
        if self._cell is not None:
            self._cell.append(data)
        else:
            self._inline.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None:
            text = clean_line(" ".join(_lines(self._cell, pre=False)))
            if self._row is None:
                self._row = []
            self._row.append(text)
            self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            cells = [c for c in self._row if c]
            if cells:
                self.blocks.append(("line", " | ".join(cells)))
            self._row = None

    def _flush(self) -> None:
        """End the current block of inline text (a paragraph, or one list item)."""
        fragments, self._inline = self._inline, []
        prefix, self._item_prefix = self._item_prefix, None
        lines = _lines(fragments, pre=self._pre > 0)
        if prefix is not None:
            text = " ".join(line.strip() for line in lines if line.strip())
            if text:
                self.blocks.append(("line", prefix + text))
            return
        paragraph: list[str] = []
        for line in [*lines, ""]:
            if line.strip():
                paragraph.append(line)
            elif paragraph:
                self.blocks.append(("para", "\n".join(paragraph)))
                paragraph = []

    def finish(self) -> HtmlText:
        self.close()
        self._end_row()
        self._flush()
        return HtmlText(clean_text(join_blocks(self.blocks)), tuple(self.links))


def _lines(fragments: list[str | None], *, pre: bool) -> list[str]:
    """Inline fragments to lines: `<br>` (None) breaks a line; white space folds unless `pre`."""
    lines: list[str] = []
    current: list[str] = []
    for fragment in fragments:
        if fragment is None:
            lines.append("".join(current))
            current = []
        else:
            current.append(fragment)
    lines.append("".join(current))
    if pre:
        out: list[str] = []
        for line in lines:
            out.extend(part.rstrip() for part in line.split("\n"))
        while out and not out[0].strip():
            out.pop(0)
        return out
    return [_SPACE.sub(" ", line).strip() for line in lines]


def plain_to_text(text: str, *, lines_are_paragraphs: bool = False) -> str:
    """Plain text (no markup) cleaned: entities decoded, blank lines kept as paragraph breaks,
    and with `lines_are_paragraphs` every line its own paragraph."""
    unescaped = html.unescape(text) if "&" in text else text
    blocks = unescaped.split("\n") if lines_are_paragraphs else _BLANK_LINES.split(unescaped)
    paragraphs = [
        "\n".join(line for line in (clean_line(x) for x in block.split("\n")) if line)
        for block in (clean_text(b) for b in blocks)
    ]
    return "\n\n".join(p for p in paragraphs if p)


def html_to_text(markup: str) -> HtmlText:
    """Convert an HTML fragment or page to clean text and its links (never raises)."""
    if not _TAG_LIKE.search(markup):
        return HtmlText(plain_to_text(markup), ())
    converter = _Converter()
    try:
        converter.feed(markup)
        return converter.finish()
    except (AssertionError, ValueError, IndexError):
        # html.parser has raised on some malformed declarations in past Pythons; fall back
        # to what was converted so far rather than losing the entry.
        return HtmlText(clean_text(join_blocks(converter.blocks)), tuple(converter.links))


def html_to_line(markup: str) -> str:
    """A one-line field (a title, a name) that may carry HTML, as clean text."""
    return clean_line(html_to_text(markup).text)
