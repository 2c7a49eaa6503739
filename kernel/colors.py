"""Highlight colours: a small fixed set of names, so users can give each one a meaning.

Only names are stored; how a colour looks on screen is the app's business.
"""

from __future__ import annotations

from liveread.kernel.errors import InputError

HIGHLIGHT_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "orange")
"""Every colour a highlight can have, in the order the app offers them."""

DEFAULT_COLOR = "yellow"
"""The colour of a highlight made without choosing one."""


def normalise_color(name: str | None) -> str:
    """A colour name as stored (lower case); None or blank means DEFAULT_COLOR.

    Raises InputError for a name that is not in HIGHLIGHT_COLORS.
    """
    if name is None or not name.strip():
        return DEFAULT_COLOR
    color = name.strip().casefold()
    if color not in HIGHLIGHT_COLORS:
        raise InputError(f"colour {name!r}", f"is not one of {', '.join(HIGHLIGHT_COLORS)}")
    return color
