"""The checksum an export carries, so a later export can tell whether the user changed the file.

Every export (Markdown front matter or JSON header) has one line
`liveread_checksum: "sha256:<hex>"` (in JSON: `"liveread_checksum": "sha256:<hex>",`). The
digest covers the whole text except the `exported_at` line and the checksum's own value, so
the same database gives the same checksum however often it is exported, and any edit by the
user (one character, line endings, a deleted line) no longer matches. Only the first of each
line counts: both sit in the header, before any content.
"""

from __future__ import annotations

import hashlib
import re

CHECKSUM_KEY = "liveread_checksum"
"""The header key of the checksum."""

_PLACEHOLDER = "sha256:" + "0" * 64
_CHECKSUM_LINE = re.compile(
    r'^([ \t]*"?liveread_checksum"?[ \t]*:[ \t]*")sha256:([0-9a-f]{64})(")', re.MULTILINE
)
_EXPORTED_AT_LINE = re.compile(r'^[ \t]*"?exported_at"?[ \t]*:[^\n]*\n', re.MULTILINE)


def placeholder() -> str:
    """The value a renderer writes for the checksum before `seal` fills it in."""
    return _PLACEHOLDER


def _digest(text: str) -> str:
    blanked = _CHECKSUM_LINE.sub(lambda m: m.group(1) + _PLACEHOLDER + m.group(3), text, count=1)
    without_time = _EXPORTED_AT_LINE.sub("", blanked, count=1)
    return hashlib.sha256(without_time.encode("utf-8")).hexdigest()


def seal(text: str) -> str:
    """Fill in the checksum line of a freshly rendered export."""
    if _CHECKSUM_LINE.search(text) is None:
        raise ValueError("the rendered export has no checksum line")
    digest = _digest(text)
    return _CHECKSUM_LINE.sub(lambda m: f"{m.group(1)}sha256:{digest}{m.group(3)}", text, count=1)


def is_sealed(text: str) -> bool:
    """True when `text` has a checksum line at all (it was written by liveread)."""
    return _CHECKSUM_LINE.search(text) is not None


def verify(text: str) -> bool:
    """True when `text` is exactly what liveread wrote (apart from its exported-at line)."""
    found = _CHECKSUM_LINE.search(text)
    return found is not None and found.group(2) == _digest(text)
