"""How far a long import has got, told through a plain callback.

The parsers and the services call it; the CLI draws a bar with it and the app a count, so
nothing below them knows how (or whether) progress is shown.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class Phase(StrEnum):
    """The two halves of an import."""

    READING = "reading"
    """The file is being parsed into entries."""
    STORING = "storing"
    """The entries are being written, in one transaction."""


class Progress(Protocol):
    """Called now and then while a source is imported (often enough to show, rarely enough
    to cost nothing: every `EVERY` entries read, and at each phase's start and end)."""

    def __call__(self, phase: Phase, done: int, total: int | None) -> None:
        """`done` entries so far in `phase`, of `total` when that is known."""


EVERY = 1_000
"""Entries between two calls while a file is parsed."""
