"""Telling a mistyped command from a source to open: `liveread entires` is not a file.

`liveread WORD` opens WORD as a live blog when WORD is no command. A bare word (letters,
digits, `-` and `_` only) that names no file is almost always a command spelt wrong, so it
is refused with the nearest command instead of a "no such file" that hides the slip. Anything
with a dot, a slash, a colon (`https://…`, `sample:…`) or that exists on disk is a source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

MIN_SIMILARITY = 60.0
"""The lowest rapidfuzz ratio (0-100) at which a command is offered as the one meant."""


def _bare_word(text: str) -> bool:
    return bool(text) and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in text)


def nearest(word: str, names: Iterable[str]) -> str | None:
    """The name most like `word`, if any is like it enough to be offered."""
    # rapidfuzz is loaded only on a miss: `liveread --help` and every verb stay quick.
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, sorted(names), scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
    return None if found is None else str(found[0])


def unknown_command(
    word: str, commands: Iterable[str], exists: Callable[[str], bool] | None = None
) -> str | None:
    """The one-line complaint when `word` (first on the line, not a command) is a mistyped
    command rather than a source; None when it should be opened as a source.

    `exists` says whether a path is on disk (injectable for tests; `Path.exists` by default).
    """
    on_disk = exists if exists is not None else (lambda text: Path(text).exists())
    if not _bare_word(word) or on_disk(word):
        return None
    guess = nearest(word.lower(), commands)
    hint = f"; did you mean {guess}?" if guess else " (see liveread --help)"
    return f"{word}: no such command{hint}"
