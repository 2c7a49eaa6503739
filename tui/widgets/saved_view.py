"""A saved view as the sources pane lists it (kept apart from the pane, which is imported
only when it is first opened)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SavedView:
    """A saved view as the pane lists it: the config's name and filter, and its counts."""

    name: str
    """The name the config gives it (`[views] verify = ...`)."""
    query: str
    """Its filter, in the filter language."""
    counts: tuple[int, int] | None = None
    """(entries it keeps, unread among them) across every live blog; None until read."""
