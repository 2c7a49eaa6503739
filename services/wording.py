"""The words the CLI and the app share for what happened: counts with their nouns, short quotes.

Storage and the services report what changed as numbers and records; these helpers turn them
into the few phrases both faces print, so a count reads the same in a notification and on a
terminal line. (`short_quote` lives with the text rules in the kernel, where storage's own
error messages can reach it too.)
"""

from __future__ import annotations

from collections.abc import Iterable

from liveread.kernel.text import QUOTE_SHOWN, short_quote

__all__ = ["QUOTE_SHOWN", "plural", "quoted_names", "short_quote"]

_IRREGULAR = {"entry": "entries", "live blog": "live blogs", "was": "were"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 entry`, `3 entries`, `1,204 files`: the count (with thousands separators) and its noun.

    `many` is the plural where it is neither in the short list of known ones nor `noun + s`.
    """
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {many or _IRREGULAR.get(noun, noun + 's')}"


def quoted_names(names: Iterable[str]) -> str:
    """`'verify', 'key'`: tag names as a message lists them."""
    return ", ".join(f"'{name}'" for name in names)
