"""Tag names: one spelling per tag, whatever the user typed.

`Verify`, ` verify `, `VERIFY` and `ve\u200brify` (with a zero-width space) are one tag. The
store keeps only normalised names, so a tag never appears twice in a list or an export.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from liveread.kernel.errors import InputError

MAX_TAG_LENGTH = 64
"""Longest tag name accepted, in characters after normalising."""


def normalise_tag(name: str) -> str:
    """The one spelling of a tag: NFKC, case-folded, invisible and control characters removed,
    runs of white space folded to one space, ends trimmed.

    Raises InputError when nothing is left, or the name is longer than MAX_TAG_LENGTH.
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    # Format characters (zero-width spaces and joiners, bidi marks, soft hyphens) are invisible:
    # two names differing only in them look identical, so they must be the same tag. Controls
    # (newline, tab, escape) become spaces, so "a\tb" and "a b" agree.
    kept = []
    for ch in folded:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        kept.append(" " if category == "Cc" else ch)
    tag = " ".join("".join(kept).split())
    if not tag:
        raise InputError(f"tag {name!r}", "is empty once spaces and invisible characters go")
    if len(tag) > MAX_TAG_LENGTH:
        raise InputError(f"tag {tag[:20]!r}…", f"is longer than {MAX_TAG_LENGTH} characters")
    return tag


def normalise_tags(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Each name normalised, duplicates dropped, first-seen order kept."""
    return tuple(dict.fromkeys(normalise_tag(name) for name in names))


@dataclass(frozen=True, slots=True)
class TagEdit:
    """What a tag prompt asked for: names to add and names to remove."""

    add: tuple[str, ...] = ()
    """Normalised names to add, in the order typed."""
    remove: tuple[str, ...] = ()
    """Normalised names to remove (typed with a leading `-`)."""


def parse_tag_input(text: str) -> TagEdit:
    """Read a tag prompt's text: comma-separated names; `-name` removes a tag.

    Empty pieces (`a,,b`, a trailing comma) are ignored; a piece that normalises to nothing
    raises InputError. A name both added and removed counts as removed.
    """
    add: list[str] = []
    remove: list[str] = []
    for piece in text.split(","):
        stripped = piece.strip()
        if not stripped:
            continue
        if stripped.startswith("-") and stripped.lstrip("-").strip():
            remove.append(normalise_tag(stripped[1:]))
        else:
            add.append(normalise_tag(stripped))
    removed = tuple(dict.fromkeys(remove))
    added = tuple(name for name in dict.fromkeys(add) if name not in removed)
    return TagEdit(add=added, remove=removed)
