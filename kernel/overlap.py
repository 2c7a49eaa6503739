"""What highlighting a span does when the entry already has highlights there: a pure plan.

Highlighting the same words twice must not make a second highlight. A span equal to or inside
an anchored highlight selects that highlight; a span that overlaps exactly one grows it to
cover both (its colour, note and tags kept); a span that overlaps none is a new highlight.
A span across two or more highlights is refused rather than merged, since merging would have
to drop one highlight's colour, note or tags. Orphaned highlights have no place in the
current text and never count. Spans that only touch (one ends where the other starts) do not
overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """An anchored highlight's place in its entry's body."""

    id: int
    """The highlight's id."""
    start: int
    """Start offset in the body."""
    end: int
    """End offset, exclusive."""


@dataclass(frozen=True, slots=True)
class Add:
    """No highlight there yet: make a new one."""


@dataclass(frozen=True, slots=True)
class Select:
    """The words are already highlighted: point at that highlight, change nothing."""

    id: int
    """The highlight that holds them."""


@dataclass(frozen=True, slots=True)
class Extend:
    """The words overlap one highlight: grow it to `start`-`end`."""

    id: int
    """The highlight to grow."""
    start: int
    """Its new start offset."""
    end: int
    """Its new end offset, exclusive."""


@dataclass(frozen=True, slots=True)
class Refuse:
    """The words overlap several highlights."""

    ids: tuple[int, ...]
    """The highlights overlapped, in body order."""


Plan = Add | Select | Extend | Refuse
"""What a new highlight of a span becomes."""


def plan_highlight(existing: Iterable[Span], start: int, end: int) -> Plan:
    """What highlighting `start`-`end` should do, given the entry's anchored highlights."""
    hits = sorted(
        (s for s in existing if s.start < end and start < s.end), key=lambda s: (s.start, s.id)
    )
    for span in hits:
        if span.start <= start and end <= span.end:
            return Select(span.id)
    if not hits:
        return Add()
    if len(hits) > 1:
        return Refuse(tuple(s.id for s in hits))
    (span,) = hits
    return Extend(span.id, min(span.start, start), max(span.end, end))
