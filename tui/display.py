"""Stored content on its way to the screen: always plain rich `Text`, cleaned once more.

Everything a live blog wrote (titles, headlines, bodies, authors, links) is data. It was cleaned
at import, but a row can reach the database by other routes, so it is cleaned again here and
wrapped in `rich.text.Text`, which never reads `[markup]`: a headline `[bold]x[/]` or
`[@click=app.quit]y[/]` is shown as those characters and clicking it does nothing.

Times are formatted by a `TimeDisplay` the app is given, so tests fix the zone and snapshots
never depend on where or when they run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from rich.style import Style
from rich.text import Text

from liveread.kernel.model import Entry
from liveread.kernel.text import clean_line, clean_text


def line_text(value: str | None, style: str | Style = "") -> Text:
    """One line of content as plain Text: controls stripped, white space folded, no markup."""
    return Text(clean_line(value or ""), style=style, end="")


def block_text(value: str | None, style: str | Style = "") -> Text:
    """Multi-line content as plain Text, one blank line between paragraphs, no markup."""
    cleaned = clean_text(value or "")
    paragraphs = [p.strip() for p in cleaned.split("\n\n")]
    return Text("\n\n".join(p for p in paragraphs if p), style=style, end="")


def plain(value: str) -> str:
    """A content string for places that take `str` with markup off (notifications)."""
    return clean_line(value)


@dataclass(frozen=True, slots=True)
class TimeDisplay:
    """How the reader writes times: in one fixed zone, or the computer's local zone."""

    tz: tzinfo | None = None
    """The zone to show times in; None means the local zone of this computer."""

    def _local(self, when: datetime) -> datetime:
        return when.astimezone(self.tz) if self.tz is not None else when.astimezone()

    def clock(self, when: datetime) -> str:
        """`05:48`: the list's time column."""
        return self._local(when).strftime("%H:%M")

    def full(self, when: datetime) -> str:
        """`Fri 8 May 2026, 05:48 UTC`: the reader's time line."""
        local = self._local(when)
        zone = local.tzname() or ""
        return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {zone}".rstrip()

    def published(self, entry: Entry) -> str | None:
        """When an entry was posted, as every view writes it; None when it has no date.

        A clock time the page gave with no zone is shown as written, flagged, never converted
        to another zone: a fact-checker must not read a guess as a fact.
        """
        if entry.published is None:
            return None
        if entry.time_assumed_utc:
            return TimeDisplay(UTC).full(entry.published).removesuffix(" UTC") + " (no zone given)"
        return self.full(entry.published)
