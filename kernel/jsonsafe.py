"""Parsing untrusted JSON text within bounds on nesting and size, and repairing what Python
can hold but nothing else can write.

`json.loads` recurses in C for every nested array or object; Python's recursion limit stops
it (a `RecursionError`, caught here). Depth and value count are then checked in one
iterative walk, which also repairs lone surrogates: `"\\ud800"` is valid JSON, but the str
it gives cannot be encoded as UTF-8, so SQLite, the terminal or a file write would fail on
it later, far from the input. Each lone surrogate becomes U+FFFD, the replacement character.
Every failure is one `InputError` naming `where`.
"""

from __future__ import annotations

import json

from liveread.kernel.errors import InputError

REPLACEMENT = "\ufffd"
"""What a lone surrogate becomes."""


def load_json_text(text: str, where: str, *, max_depth: int, max_values: int) -> object:
    """Parse `text` as JSON; `InputError` if it is not JSON or is deeper or larger than
    allowed. Strings (keys included) with lone surrogates are repaired."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise InputError(where, f"JSON nested deeper than {max_depth} levels") from None
    except ValueError as exc:
        # JSONDecodeError says where; other ValueErrors are e.g. a 5,000-digit number.
        detail = " ".join(str(exc).split())[:200]
        raise InputError(where, f"not valid JSON ({detail})") from None
    return checked(value, where, max_depth=max_depth, max_values=max_values)


def checked(value: object, where: str, *, max_depth: int, max_values: int) -> object:
    """`value` (a parsed JSON document) with its lone surrogates repaired, in place.

    `InputError` if it nests deeper than `max_depth` or holds more than `max_values` values.
    """
    if isinstance(value, str):
        return repair(value)
    stack: list[tuple[object, int]] = [(value, 1)]
    values = 0
    while stack:
        node, depth = stack.pop()
        values += 1
        if values > max_values:
            raise InputError(where, f"JSON has more than {max_values:,} values")
        if isinstance(node, dict):
            _repair_keys(node)
            items = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            continue
        # `depth` counts the objects and arrays this one sits in, itself included.
        if depth > max_depth:
            raise InputError(where, f"JSON nested deeper than {max_depth} levels")
        for slot, child in items:
            if isinstance(child, str):
                values += 1
                if not child.isascii():
                    fixed = repair(child)
                    if fixed is not child:
                        node[slot] = fixed
            elif isinstance(child, dict | list):
                stack.append((child, depth + 1))
            else:
                values += 1
    if values > max_values:
        raise InputError(where, f"JSON has more than {max_values:,} values")
    return value


def repair(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (the same object if it has none)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(REPLACEMENT if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def _repair_keys(node: dict[object, object]) -> None:
    bad = [key for key in node if isinstance(key, str) and not key.isascii() and repair(key) != key]
    for key in bad:
        assert isinstance(key, str)
        node.setdefault(repair(key), node.pop(key))
