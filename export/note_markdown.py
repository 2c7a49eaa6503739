"""A note's Markdown, rewritten into a small safe subset of Markdown for an export.

A note is the user's own Markdown: `**bold**`, lists, links should reach the exported note as
Markdown, not as `\\*\\*bold\\*\\*`. But a note can also hold anything: raw HTML, a `---` line,
`## headings` that would cut the export's entry in two, an unclosed code fence that swallows
the rest of the file, a `%%` that opens an Obsidian comment, a line equal to the markers of the
section liveread owns (`export.managed`).

So the note is never copied. It is parsed (CommonMark, raw HTML off, so HTML arrives as text)
and written out again from its syntax tree, using only these constructs, each generated here:
paragraphs with soft and hard breaks, `*emphasis*`, `**strong**`, code spans, links and images
to http(s) addresses (images become links), bullet and ordered lists, block quotes, thematic
breaks, and code blocks, always indented (a line at the start of a line is never code). A
heading becomes a strong paragraph. Every piece of text goes through the export's escaping, so
whatever the note says comes out as the same characters and never as structure; that is safe
by construction, whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from liveread.export.escape import escape_chars, escape_line_start, link_target, paragraphs
from liveread.kernel.text import clean_text

MAX_DEPTH = 8
"""Lists and quotes nested deeper than this are written as plain paragraphs."""

_PARSER = MarkdownIt("commonmark", {"html": False})
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class NoteBlock:
    """One top-level block of a rewritten note."""

    kind: str
    """The syntax tree's node type (`paragraph`, `bullet_list`, ...)."""
    text: str
    """Its Markdown lines, joined by newlines (no trailing newline)."""


def _code_span(content: str) -> str:
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each side, and a backtick at either end would join
    # the fence: padding keeps the content exactly as written.
    if content.startswith(("`", " ")) or content.endswith(("`", " ")):
        content = f" {content} "
    return f"{fence}{content}{fence}"


def _inline(node: SyntaxTreeNode) -> str:
    parts: list[str] = []
    for child in node.children:
        kind = child.type
        if kind == "text":
            parts.append(escape_chars(child.content))
        elif kind == "softbreak":
            parts.append("\n")
        elif kind == "hardbreak":
            parts.append("\\\n")
        elif kind in ("em", "strong"):
            inner = _inline(child)
            mark = "*" if kind == "em" else "**"
            # Empty emphasis would leave `****`, which alone on a line is a thematic break.
            if inner.strip():
                parts.append(f"{mark}{inner}{mark}")
        elif kind == "code_inline":
            parts.append(_code_span(child.content))
        elif kind in ("link", "image"):
            href = child.attrs.get("href" if kind == "link" else "src")
            target = link_target(href if isinstance(href, str) else None)
            inner = _inline(child) if kind == "link" else escape_chars(_plain(child))
            if target:
                parts.append(f"[{inner.strip() or escape_chars(target)}]({target})")
            else:
                parts.append(inner)
        else:
            parts.append(escape_chars(_plain(child)))
    return "".join(parts)


def _plain(node: SyntaxTreeNode) -> str:
    """A node's text without any of its markup (an image's alt text, say)."""
    if not node.children:
        return node.content if node.type in ("text", "code_inline") else ""
    return "".join(_plain(child) for child in node.children)


def _inline_lines(node: SyntaxTreeNode) -> list[str]:
    text = _inline(node.children[0]) if node.children else escape_chars(node.content)
    # A line that started with `-`, `>` or `1.` after a soft break would open a block.
    lines = [escape_line_start(line.lstrip()) for line in text.split("\n")]
    return [line for line in lines if line] or []


def _indent(lines: list[str], first: str, rest: str) -> list[str]:
    out: list[str] = []
    for i, line in enumerate(lines):
        prefix = first if i == 0 else rest
        out.append(prefix + line if line else (prefix.rstrip() if i == 0 else ""))
    return out


def _list_lines(node: SyntaxTreeNode, depth: int) -> list[str]:
    ordered = node.type == "ordered_list"
    start = node.attrs.get("start", 1) if ordered else 1
    number = start if isinstance(start, int) else 1
    tight = all(
        grand.hidden
        for item in node.children
        for grand in item.children
        if grand.type == "paragraph"
    )
    lines: list[str] = []
    for i, item in enumerate(node.children):
        marker = f"{min(number + i, 999_999_999)}." if ordered else "-"
        body: list[str] = []
        for j, block in enumerate(item.children):
            # A code block cannot interrupt a paragraph: without the blank line its lines
            # would be read as the paragraph's text, markup and all.
            if j and (not tight or block.type in ("code_block", "fence")):
                body.append("")
            body.extend(_block_lines(block, depth + 1))
        if not body:
            body = [""]
        if i and not tight:
            lines.append("")
        lines.extend(_indent(body, marker + " ", " " * (len(marker) + 1)))
    return lines


def _block_lines(node: SyntaxTreeNode, depth: int) -> list[str]:
    kind = node.type
    if kind == "paragraph":
        return _inline_lines(node)
    if kind == "heading":
        # A heading would start a section of the export: keep its words, strongly.
        inner = " ".join(_inline_lines(node))
        return [f"**{inner}**"] if inner.strip() else []
    if kind in ("code_block", "fence"):
        code = node.content.rstrip("\n").split("\n")
        return ["    " + line if line.strip() else "" for line in code]
    if kind == "hr":
        return ["***"]
    if depth >= MAX_DEPTH:
        return [escape_line_start(line.strip()) for line in escape_chars(_plain(node)).split("\n")]
    if kind in ("bullet_list", "ordered_list"):
        return _list_lines(node, depth)
    if kind == "blockquote":
        body: list[str] = []
        for j, block in enumerate(node.children):
            if j:
                body.append("")
            body.extend(_block_lines(block, depth + 1))
        return [f"> {line}" if line else ">" for line in body]
    # Nothing else comes out of this parser; written as text if it ever does.
    return [escape_line_start(line.strip()) for line in escape_chars(_plain(node)).split("\n")]


# A note with none of these characters, and no line that is indented, ends in white space
# or starts like a block, is plain paragraphs: escaped line by line, the parser is not needed.
_MARKUP = re.compile(r"[\\`*_\[\]<>#|~$^=%&!]|^[ \t]|[ \t]$|^(?:[-+]|\d{1,9}[.)])", re.MULTILINE)


@lru_cache(maxsize=1024)
def note_blocks(text: str) -> tuple[NoteBlock, ...]:
    """The note's Markdown as safe top-level blocks, in order (empty for an empty note)."""
    text = clean_text(text)
    if _MARKUP.search(text) is None:
        return tuple(NoteBlock("paragraph", "\n".join(para)) for para in paragraphs(text))
    return parsed_blocks(text)


def parsed_blocks(text: str) -> tuple[NoteBlock, ...]:
    """`note_blocks` the long way, always through the parser (what the short way must match)."""
    root = SyntaxTreeNode(_PARSER.parse(clean_text(text)))
    blocks: list[NoteBlock] = []
    for node in root.children:
        lines = _block_lines(node, 0)
        # Blank lines at either end would end a list or quote early for the next block.
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines:
            blocks.append(NoteBlock(node.type, "\n".join(lines)))
    return tuple(blocks)
