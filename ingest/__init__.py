"""Bytes in, `liveread.kernel.model` out: format detection and one parser module per format.

Knows nothing of SQLite or Textual. Every failure is an `InputError` naming where the bytes
came from; nothing here writes anywhere.

`parse_bytes` and `read_file` are loaded on first use (PEP 562): importing one module of this
package (`ingest.fetch` for a poll, `ingest.urls`) must not load every reader and feedparser
with it; a 304 poll parses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from liveread.ingest.reader import parse_bytes, read_file

__all__ = ["parse_bytes", "read_file"]


def __getattr__(name: str) -> object:
    """`parse_bytes` and `read_file`, from `ingest.reader`, imported when first asked for."""
    if name in __all__:
        from liveread.ingest import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
