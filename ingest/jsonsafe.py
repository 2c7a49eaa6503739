"""Reading untrusted JSON with bounds on size, nesting depth and number of values.

The size is checked before parsing; `json.loads` is protected against deep nesting by
Python's recursion limit (a `RecursionError`, caught here); depth and value count are then
checked in one iterative walk, so a result deeper than `MAX_JSON_DEPTH` never reaches a
parser that might recurse over it.
"""

from __future__ import annotations

import json

from liveread.ingest.decode import decode_text
from liveread.ingest.limits import MAX_JSON_BYTES, MAX_JSON_DEPTH, MAX_JSON_NODES
from liveread.kernel.errors import InputError


def load_json(data: bytes, where: str) -> object:
    """Parse `data` as JSON (UTF-8, BOM allowed) within the bounds; `InputError` otherwise."""
    if len(data) > MAX_JSON_BYTES:
        raise InputError(
            where, f"JSON too large ({len(data):,} bytes; the limit is {MAX_JSON_BYTES:,})"
        )
    text = decode_text(data, where)
    try:
        value = json.loads(text)
    except RecursionError:
        raise InputError(where, f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as exc:
        # JSONDecodeError says where; other ValueErrors are e.g. a 5,000-digit number.
        detail = str(exc).split("\n", 1)[0][:200]
        raise InputError(where, f"not valid JSON ({detail})") from None
    check_shape(value, where)
    return value


def check_shape(value: object, where: str) -> None:
    """Raise `InputError` if `value` nests deeper than allowed or holds too many values."""
    stack: list[tuple[object, int]] = [(value, 1)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > MAX_JSON_NODES:
            raise InputError(where, f"JSON has more than {MAX_JSON_NODES:,} values")
        if isinstance(node, dict):
            children: list[object] = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        # `depth` counts the objects and arrays this one sits in, itself included.
        if depth > MAX_JSON_DEPTH:
            raise InputError(where, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children)
