"""Making content safe to place in Markdown and YAML: content is data, never markup.

A quote, note or headline can contain anything a live blog or a user typed: `#`, `---`, `>`,
backticks, HTML, link brackets, `1.` at the start of a line. Every function here returns text
that a CommonMark reader (and Obsidian, which adds tags, `==highlights==`, `%%comments%%` and
`$maths$`) shows as the same literal characters, never as structure.
"""

from __future__ import annotations

import json
import re
import unicodedata

from liveread.kernel.text import clean_line, clean_text

# Backslash-escaped wherever they appear: each can open inline syntax (code spans, emphasis,
# links, tables, strikethrough, Obsidian tags, block references and maths).
_ALWAYS = re.compile(r"([\\`*_\[\]#|~$^])")
# Obsidian's `==highlight==` and `%%comment%%` need two in a row; one alone is plain text.
_DOUBLED = re.compile(r"([=%])(?=[=%])")
# `&amp;`, `&#60;`: a character reference would be decoded, so its `&` is written as an entity.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# A line that starts a block: quote, list item, setext underline, ordered-list number.
_LEADING_MARK = re.compile(r"^([>+=-])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _escape_chars(text: str) -> str:
    text = _ALWAYS.sub(r"\\\1", text)
    text = _DOUBLED.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    # `<` opens HTML and autolinks; as an entity it is shown, never parsed.
    return text.replace("<", "&lt;")


def _escape_line(line: str) -> str:
    # Leading white space could make an indented code block; it carries no meaning here.
    line = _escape_chars(line.lstrip())
    line = _LEADING_MARK.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def escape_chars(text: str) -> str:
    """Literal text inside a line: every character that could open inline syntax escaped."""
    return _escape_chars(text)


def escape_line_start(line: str) -> str:
    """A line whose first characters must not open a block (quote, list, setext underline)."""
    line = _LEADING_MARK.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def inline(text: str) -> str:
    """One line of literal text (a headline, a colour, a time): newlines become spaces."""
    return _escape_line(clean_line(text))


def paragraphs(text: str) -> list[list[str]]:
    """Multi-line literal text as paragraphs of escaped lines; blank lines separate paragraphs.

    Each line is its own source line, so the text's line breaks survive as soft breaks.
    """
    result: list[list[str]] = []
    current: list[str] = []
    for raw in clean_text(text).split("\n"):
        line = raw.strip()
        if not line:
            if current:
                result.append(current)
                current = []
            continue
        current.append(_escape_line(line))
    if current:
        result.append(current)
    return result


def quote_block(text: str) -> list[str]:
    """Literal text as the lines of a block quote (`> ...`, `>` between paragraphs)."""
    lines: list[str] = []
    for i, para in enumerate(paragraphs(text)):
        if i:
            lines.append(">")
        lines.extend(f"> {line}" for line in para)
    return lines


# An http(s) URL is written as a link destination; these would end it or are not allowed in it.
_URL_UNSAFE = re.compile(r"[\s<>()\\`\"'\[\]]")


def link_target(url: str | None) -> str | None:
    """A web address safe inside `[text](...)`, or None for anything but http(s)."""
    if not url:
        return None
    url = clean_line(url)
    if not url.lower().startswith(("http://", "https://")):
        return None
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def _tag_char(ch: str) -> str:
    if ch in "-_/":
        return ch
    category = unicodedata.category(ch)
    if category[0] in "LM" or category == "Nd":
        return ch
    return "-"


def obsidian_tag(name: str) -> str | None:
    """A tag name as an Obsidian tag body (without `#`), or None when nothing usable is left.

    Letters, digits, `-`, `_` and `/` (nesting) only: `fact check` becomes `fact-check`.
    `_` is kept only between letters or digits (elsewhere it could read as emphasis), empty
    nesting levels are dropped, and an all-digit tag gets a leading `_` because Obsidian
    needs a non-digit in every tag.
    """
    mapped = "".join(_tag_char(ch) for ch in unicodedata.normalize("NFC", clean_line(name)))
    mapped = re.sub(r"(?<![^\W_])_|_(?![^\W_])", "-", mapped)
    parts = [re.sub(r"-{2,}", "-", part).strip("-") for part in mapped.split("/")]
    tag = "/".join(part for part in parts if part)
    if not tag:
        return None
    if not any(ch.isalpha() or ch in "-_" for ch in tag):
        tag = "_" + tag
    return tag


# YAML's double-quoted scalars take JSON string escapes; these characters are not printable
# in YAML or are line breaks to a YAML 1.1 reader, so they are written as `\uXXXX` too.
_YAML_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


def yaml_string(value: str) -> str:
    """A one-line string as a double-quoted YAML scalar (which is also a JSON string)."""
    dumped = json.dumps(clean_line(value), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def yaml_list(values: list[str]) -> str:
    """A flow sequence of double-quoted strings: `["a", "b"]`."""
    return "[" + ", ".join(yaml_string(v) for v in values) + "]"
