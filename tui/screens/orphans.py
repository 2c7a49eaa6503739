"""The orphans view: highlights whose words an edit removed, with their quotes, kept until
the user deletes them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from liveread.kernel.model import Entry, Highlight
from liveread.tui.display import line_text
from liveread.tui.screens.pick import PickScreen


def orphan_rows(
    highlights: Sequence[Highlight], entries: Mapping[int, Entry]
) -> list[tuple[int, Text]]:
    """One row per orphaned highlight: its entry's headline, its quote, its note."""
    rows: list[tuple[int, Text]] = []
    for highlight in highlights:
        entry = entries.get(highlight.entry_id)
        row = line_text(entry.title if entry is not None else f"entry {highlight.entry_id}", "bold")
        row.append("\n  ")
        row.append_text(line_text(f"“{highlight.exact}”", "italic"))
        if highlight.note:
            row.append("\n  ")
            row.append_text(line_text(highlight.note))
        rows.append((highlight.entry_id, row))
    return rows


def orphans_screen(highlights: Sequence[Highlight], entries: Mapping[int, Entry]) -> PickScreen:
    """The orphans view."""
    return PickScreen(
        f"Orphaned highlights ({len(highlights)})",
        orphan_rows(highlights, entries),
        "No orphaned highlights: every highlight is still on its words.",
    )
