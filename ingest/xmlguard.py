"""Refusing XML entity tricks before any XML parser can expand them.

Entity declarations are how the "billion laughs" and quadratic-blowup bombs multiply a few
kilobytes into gigabytes, and how external entities read local files or reach the network.
No feed needs them (HTML's named entities are predefined), so any `<!ENTITY` declaration,
internal or external, general or parameter, refuses the document. The scan is one regular
expression over the bytes: linear time, no allocation beyond the input.

The bytes scanned must be the bytes the parser will read: `ingest.feeds` first converts the
document to UTF-8 the way feedparser does (so an entity hidden by UTF-16, UTF-7 or EBCDIC
is seen here), scans that, and hands the parser exactly those bytes.

A DOCTYPE that only names an external DTD (`<!DOCTYPE rss PUBLIC "-//Netscape..." "...">`,
common in RSS 0.91) is allowed: feedparser strips DOCTYPEs and turns off external entity
loading, so the DTD is never fetched.
"""

from __future__ import annotations

import re

from liveread.kernel.errors import InputError

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


def refuse_entities(data: bytes, where: str) -> None:
    """Raise `InputError` naming `where` if `data` declares any XML entity."""
    match = _ENTITY_DECL.search(data)
    if match is not None:
        line = data.count(b"\n", 0, match.start()) + 1
        raise InputError(
            where,
            f"refused: the XML declares entities (line {line}); entity declarations can"
            " expand without bound or read other files, and no feed needs them",
        )
