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


MAX_COLOR_NAME = 40
"""The longest meaning a colour may be given (it shows in borders and list rows)."""


def color_meanings(table: object) -> tuple[tuple[str, str], ...]:
    """The config's `[colors]` table (`pink = "disputed"`) as (colour, meaning) pairs, in
    HIGHLIGHT_COLORS order.

    Raises TypeError or ValueError with a one-line reason: a key that is not a colour, a
    meaning that is not a short string, two colours with the same meaning, or a meaning that
    is itself a colour's name (`--color blue` must mean one thing).
    """
    if not isinstance(table, dict):
        raise TypeError("[colors] must map colour names to their meanings")
    meanings: dict[str, str] = {}
    for key, value in table.items():
        color = str(key).strip().casefold()
        if color not in HIGHLIGHT_COLORS:
            raise ValueError(f"[colors] {key!r} is not one of {', '.join(HIGHLIGHT_COLORS)}")
        if not isinstance(value, str) or not " ".join(value.split()):
            raise TypeError(f"[colors] {color} must be a meaning such as \"disputed\"")
        meaning = " ".join(value.split())
        if len(meaning) > MAX_COLOR_NAME or not meaning.isprintable():
            raise ValueError(
                f"[colors] {color}: a meaning is printable and at most {MAX_COLOR_NAME} characters"
            )
        if meaning.casefold() in HIGHLIGHT_COLORS and meaning.casefold() != color:
            raise ValueError(f"[colors] {color}: {meaning!r} is another colour's name")
        if meaning.casefold() in (m.casefold() for m in meanings.values()):
            raise ValueError(f"[colors] two colours mean {meaning!r}")
        meanings[color] = meaning
    return tuple((c, meanings[c]) for c in HIGHLIGHT_COLORS if c in meanings)


def color_label(color: str, meanings: tuple[tuple[str, str], ...]) -> str:
    """How a colour is written where its meaning helps: `pink (disputed)`, else `pink`."""
    meaning = dict(meanings).get(color)
    return f"{color} ({meaning})" if meaning else color


def resolve_color(text: str | None, meanings: tuple[tuple[str, str], ...]) -> str:
    """A colour given by its name or by its meaning (`--color disputed`), as stored; None or
    blank means DEFAULT_COLOR.

    Raises InputError listing every colour and every meaning for anything else.
    """
    if text is None or not text.strip():
        return DEFAULT_COLOR
    wanted = " ".join(text.split()).casefold()
    for color, meaning in meanings:
        if meaning.casefold() == wanted:
            return color
    if wanted in HIGHLIGHT_COLORS:
        return wanted
    named = ", ".join(f"{m} ({c})" for c, m in meanings)
    choices = ", ".join(HIGHLIGHT_COLORS) + (f"; or a meaning: {named}" if named else "")
    raise InputError(f"colour {text!r}", f"is not one of {choices}")
