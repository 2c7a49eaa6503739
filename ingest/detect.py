"""Which kind of document some bytes are, from their content alone (never a file name).

Only the first few kilobytes are looked at. Markup is told apart by its first element: an
`html` page (or `<!DOCTYPE html>`) goes to the live-page reader, any other root (`rss`,
`feed`, `rdf:RDF`, ...) to the feed reader, which refuses what feedparser does not know.
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum

from liveread.ingest.plaintext import looks_like_dump

SNIFF_BYTES = 8192
"""How much of the start of a document detection looks at."""


class Kind(StrEnum):
    """What a document looks like."""

    XML = "xml"
    """XML whose root is not `html`: an RSS or Atom feed, if anything."""
    HTML = "html"
    """An HTML page: a live page's post markup, or schema.org JSON-LD."""
    JSON = "json"
    """A JSON document (JSON Feed, or bare JSON-LD)."""
    TEXT_DUMP = "text"
    """The plain-text live-blog dump."""
    MARKDOWN = "markdown"
    """The Markdown live blog."""
    UNKNOWN = "unknown"
    """None of these."""


# BOMs and the XML spec's appendix F patterns for `<?` in encodings that are not ASCII-based.
_WIDE = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),
)
_PROLOG_ITEM = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_DOCTYPE = re.compile(r"\s*<!DOCTYPE\s+([^\s>\[]+)", re.IGNORECASE)
_ELEMENT = re.compile(r"\s*<([A-Za-z_][\w.:-]*)")
_HTML_ROOTS = frozenset({"html", "head", "body", "meta", "title", "link", "script"})
_MARKDOWN_TITLE = re.compile(r"#[ \t]+\S")


def head_text(data: bytes) -> str:
    """The start of `data` as text, for sniffing only: wide encodings decoded, others read as
    Latin-1 (every ASCII-based encoding spells markup the same way)."""
    head = data[:SNIFF_BYTES]
    for marker, encoding in _WIDE:
        if head.startswith(marker):
            return head.decode(encoding, errors="ignore").lstrip("\ufeff")
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    return head.decode("latin-1")


def sniff(data: bytes) -> Kind:
    """The kind of document `data` is."""
    text = head_text(data).lstrip()
    if not text:
        return Kind.UNKNOWN
    first = text[0]
    if first in "{[":
        return Kind.JSON
    if first == "<":
        return _markup_kind(text)
    if looks_like_dump(text):
        return Kind.TEXT_DUMP
    first_line = text.split("\n", 1)[0]
    if _MARKDOWN_TITLE.match(first_line):
        return Kind.MARKDOWN
    return Kind.UNKNOWN


def _markup_kind(text: str) -> Kind:
    pos = _skip_prolog(text, 0)
    doctype = _DOCTYPE.match(text, pos)
    if doctype is not None:
        end = text.find(">", doctype.end())
        pos = _skip_prolog(text, len(text) if end < 0 else end + 1)
    element = _ELEMENT.match(text, pos)
    if element is None:
        # No root element in sight: the DOCTYPE, if any, is the best clue.
        html_doctype = doctype is not None and doctype.group(1).lower() == "html"
        return Kind.HTML if html_doctype else Kind.XML
    # The root decides, not the DOCTYPE: feeds with a stray XHTML DOCTYPE exist.
    name = element.group(1).rsplit(":", 1)[-1].lower()
    return Kind.HTML if name in _HTML_ROOTS else Kind.XML


def _skip_prolog(text: str, pos: int) -> int:
    """The position after any XML declarations, processing instructions and comments."""
    while True:
        item = _PROLOG_ITEM.match(text, pos)
        if item is None:
            return pos
        pos = item.end()
