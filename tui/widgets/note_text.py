"""A note's Markdown as rich Text with emphasis, for the reader and the notebook.

A note is the user's Markdown: `**bold**`, `*italics*`, lists, links and code should look like
what they are. But a note is content, so it is never handed to Rich's or Textual's markup: it
is parsed (CommonMark, raw HTML off, so HTML arrives as text) and each piece of text is added
to a `Text` as a plain string, with a style liveread picks from the syntax tree. Whatever the
note says (`[b]x[/b]`, `[@click=app.quit]`, escape sequences) shows as the same characters,
controls stripped, and can never run an action. A link shows its words and its address, both
as text; an image shows its description and address. Lists and quotes nested deeper than
MAX_DEPTH are written flat.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.text import Text

from liveread.kernel.text import clean_line, clean_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

MAX_DEPTH = 8
"""Lists and quotes nested deeper than this are shown without more indent."""
MAX_NOTE = 20_000
"""Characters of a note parsed as Markdown; the rest is shown as it is (a note this long is
rare, and parsing stays bounded however long it is)."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The CommonMark parser (raw HTML off), made when the first note is shown: most starts
    show none, and markdown-it is a good part of the app's start-up imports."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})

_LINK = "underline"
_ADDRESS = "dim"
_CODE = "reverse"


def _inline(node: SyntaxTreeNode, one_line: bool) -> Text:
    out = Text(end="")
    for child in node.children:
        kind = child.type
        if kind == "text":
            out.append(child.content.replace("\n", " ") if one_line else child.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append(" " if one_line else "\n")
        elif kind in ("em", "strong"):
            inner = _inline(child, one_line)
            inner.stylize("italic" if kind == "em" else "bold")
            out.append_text(inner)
        elif kind == "code_inline":
            out.append(child.content, style=_CODE)
        elif kind == "link":
            inner = _inline(child, one_line)
            inner.stylize(_LINK)
            out.append_text(inner)
            href = child.attrs.get("href")
            if isinstance(href, str) and href and href != inner.plain:
                out.append(f" <{clean_line(href)}>", style=_ADDRESS)
        elif kind == "image":
            src = child.attrs.get("src")
            words = clean_line("".join(c.content for c in child.children if c.type == "text"))
            out.append(f"[image: {words}]" if words else "[image]", style=_LINK)
            if isinstance(src, str) and src:
                out.append(f" <{clean_line(src)}>", style=_ADDRESS)
        else:
            # Anything else inline (entities are already text) is shown as its source.
            out.append(child.content)
    return out


def _blocks(node: SyntaxTreeNode, depth: int, one_line: bool) -> list[Text]:
    """Each block of `node`'s children as Text (lines inside a block joined by newlines)."""
    shown: list[Text] = []
    for child in node.children:
        kind = child.type
        if kind in ("paragraph", "heading"):
            inline = child.children[0] if child.children else None
            text = _inline(inline, one_line) if inline is not None else Text(end="")
            if kind == "heading":
                text.stylize("bold")
            shown.append(text)
        elif kind in ("bullet_list", "ordered_list"):
            number = int(str(child.attrs.get("start", 1) or 1))
            items = []
            for index, item in enumerate(child.children):
                mark = "• " if kind == "bullet_list" else f"{number + index}. "
                inner = _blocks(item, depth + 1, one_line)
                body = _join(inner, " " if one_line else "\n")
                items.append(_prefixed(body, mark, " " * len(mark), depth, one_line))
            shown.append(_join(items, " " if one_line else "\n"))
        elif kind == "blockquote":
            quoted = _join(_blocks(child, depth + 1, one_line), " " if one_line else "\n")
            quoted.stylize("italic")
            shown.append(_prefixed(quoted, "│ ", "│ ", depth, one_line))
        elif kind in ("code_block", "fence"):
            code = child.content.rstrip("\n")
            shown.append(Text(" ".join(code.split()) if one_line else code, style=_CODE, end=""))
        elif kind == "hr":
            shown.append(Text("───", style="dim", end=""))
        else:
            shown.append(Text(child.content, end=""))
    return shown


def _join(parts: list[Text], joint: str) -> Text:
    return Text(joint, end="").join(parts)


def _prefixed(body: Text, first: str, rest: str, depth: int, one_line: bool) -> Text:
    """`body` with `first` before its first line and `rest` before the others, styles
    kept; deeper than MAX_DEPTH, `body` alone."""
    if depth >= MAX_DEPTH:
        return body
    if one_line:
        return Text(first, end="") + body
    lines = body.split("\n", allow_blank=True)
    out = [Text(first if i == 0 else rest, end="") + line for i, line in enumerate(lines)]
    return _join(out, "\n")


def note_text(text: str, one_line: bool = False) -> Text:
    """A note's Markdown as Text with emphasis; `one_line` folds it onto one line (the
    notebook's rows). Controls and escape sequences are stripped first."""
    return _note_text(text, one_line).copy()


@lru_cache(maxsize=256)
def _note_text(text: str, one_line: bool) -> Text:
    # Cached: the reader builds an entry's document on every change, and notes rarely change.
    from markdown_it.tree import SyntaxTreeNode

    cleaned = clean_text(text)
    head, tail = cleaned[:MAX_NOTE], cleaned[MAX_NOTE:]
    tree = SyntaxTreeNode(_parser().parse(head))
    shown = _join(_blocks(tree, 0, one_line), " " if one_line else "\n\n")
    if tail:
        shown.append(clean_line(tail) if one_line else tail)
    return shown
