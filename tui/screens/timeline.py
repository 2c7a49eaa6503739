"""The key events (`T`): pinned entries of every live blog, oldest first, as a timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from liveread.kernel.model import Entry
from liveread.tui.display import TimeDisplay, line_text
from liveread.tui.screens.pick import PickScreen


def timeline_rows(
    entries: Sequence[Entry], titles: Mapping[int, str], times: TimeDisplay
) -> list[tuple[int, Text]]:
    """One row per key event: its time, its live blog, its headline (all content as Text)."""
    rows: list[tuple[int, Text]] = []
    for entry in entries:
        when = times.published(entry) or entry.time_label or "—"
        row = Text("◆ ", style="bold", end="")
        row.append_text(line_text(when, "bold"))
        row.append("  ")
        row.append_text(line_text(titles.get(entry.source_id, ""), "dim"))
        row.append("\n  ")
        row.append_text(line_text(entry.title))
        rows.append((entry.id, row))
    return rows


def timeline_screen(
    entries: Sequence[Entry], titles: Mapping[int, str], times: TimeDisplay
) -> PickScreen:
    """The timeline view."""
    return PickScreen(
        f"Key events ({len(entries)})",
        timeline_rows(entries, titles, times),
        "No key events yet: press p on an entry to mark one.",
    )
