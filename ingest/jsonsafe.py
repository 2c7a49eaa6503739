"""Reading untrusted JSON (JSON Feed, JSON-LD) with bounds on size, nesting depth and number
of values.

The size is checked before parsing; the rest is `liveread.kernel.jsonsafe`, shared with the
annotation reader: deep nesting is caught, depth and value count are checked in one
iterative walk (so a result deeper than `MAX_JSON_DEPTH` never reaches a parser that might
recurse over it), and lone surrogates (`"\\ud800"`) become U+FFFD instead of crashing the
first write of the text.
"""

from __future__ import annotations

from liveread.ingest.decode import decode_text
from liveread.ingest.limits import MAX_JSON_BYTES, MAX_JSON_DEPTH, MAX_JSON_NODES
from liveread.kernel.errors import InputError
from liveread.kernel.jsonsafe import checked, load_json_text


def load_json(data: bytes, where: str) -> object:
    """Parse `data` as JSON (UTF-8, BOM allowed) within the bounds; `InputError` otherwise."""
    if len(data) > MAX_JSON_BYTES:
        raise InputError(
            where, f"JSON too large ({len(data):,} bytes; the limit is {MAX_JSON_BYTES:,})"
        )
    text = decode_text(data, where)
    return load_json_text(text, where, max_depth=MAX_JSON_DEPTH, max_values=MAX_JSON_NODES)


def check_shape(value: object, where: str) -> None:
    """Raise `InputError` if `value` nests deeper than allowed or holds too many values;
    repairs its lone surrogates in place."""
    checked(value, where, max_depth=MAX_JSON_DEPTH, max_values=MAX_JSON_NODES)
