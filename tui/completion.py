"""Completing a file path as it is typed (the "Add a live blog" prompt).

The directory is listed in a thread (it may be a slow disk or a network mount) and bounded:
at most `MAX_LISTED` names are looked at, so a directory of a million files costs no more
than one of a thousand. A URL, or `sample:`, is never completed as a path. Names are
completed in sorted order, directories with a trailing separator so typing can go on.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from pathlib import Path

from textual.suggester import Suggester

MAX_LISTED = 2000
"""Most directory entries read for one suggestion."""


def complete_path(typed: str, *, limit: int = MAX_LISTED) -> str | None:
    """`typed` completed to the first name in its directory that starts with what follows
    the last separator (None when nothing does, or for a URL). Blocking: lists a directory."""
    if not typed or "://" in typed or typed.startswith("sample:"):
        return None
    head, sep, stem = typed.rpartition(os.sep)
    directory = Path(os.path.expanduser(head + sep if sep else "."))
    try:
        with os.scandir(directory) as found:
            names = sorted(
                (e.name + (os.sep if e.is_dir() else ""))
                for e in itertools.islice(found, limit)
                if e.name.startswith(stem) and (stem.startswith(".") or not e.name.startswith("."))
            )
    except OSError:
        return None
    for name in names:
        if name != stem:
            return f"{head}{sep}{name}"
    return None


class PathSuggester(Suggester):
    """Suggests the rest of a file or directory name (right arrow accepts)."""

    def __init__(self) -> None:
        """Make the suggester (never cached: the disk can change while the prompt is open)."""
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)
