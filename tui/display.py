"""Stored content on its way to the screen: always plain rich `Text`, cleaned once more.

Everything a live blog wrote (titles, headlines, bodies, authors, links) is data. It was cleaned
at import, but a row can reach the database by other routes, so it is cleaned again here and
wrapped in `rich.text.Text`, which never reads `[markup]`: a headline `[bold]x[/]` or
`[@click=app.quit]y[/]` is shown as those characters and clicking it does nothing.

Times are formatted by a `TimeDisplay` the app is given (from the config's `time_zone`), so
tests fix the zone and snapshots never depend on where or when they run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from rich.style import Style
from rich.text import Text

from liveread.kernel.model import Entry
from liveread.kernel.page_time import page_zone
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
    """How the reader writes times: in one fixed zone, the computer's local zone, or each
    entry's page's own zone (`time_zone = "page"`), always with the zone named."""

    tz: tzinfo | None = None
    """The zone to show times in; None means the local zone of this computer. With `page`,
    the zone for entries whose page names none."""
    page: bool = False
    """Show each entry's times in the zone its page wrote them in, where that is known."""

    def _local(self, when: datetime, zone: tzinfo | None = None) -> datetime:
        zone = zone or self.tz
        return when.astimezone(zone) if zone is not None else when.astimezone()

    def clock(self, when: datetime) -> str:
        """`05:48`: a clock time without its zone (the header's poll times)."""
        return self._local(when).strftime("%H:%M")

    def full(self, when: datetime, zone: tzinfo | None = None) -> str:
        """`Fri 8 May 2026, 05:48 UTC`: the reader's time line (in `zone` when given)."""
        local = self._local(when, zone)
        name = local.tzname() or ""
        return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {name}".rstrip()

    def zone_of(self, entry: Entry) -> tzinfo | None:
        """The zone `entry`'s times are shown in: its page's, with `page` and a page that
        says; else the display's own (None: this computer's)."""
        if self.page:
            found = page_zone(entry.time_label, entry.published, entry.time_assumed_utc)
            if found is not None:
                return found.tzinfo()
        return self.tz

    def entry_clock(self, entry: Entry) -> str | None:
        """`23:10 GMT`: the list's time of an entry, with its zone; None when it has none.

        A clock time the page gave with no zone is shown as the page wrote it, never
        converted (as in `published`).
        """
        if entry.published is None:
            return clean_line(entry.time_label) if entry.time_label else None
        if entry.time_assumed_utc:
            if entry.time_label:
                return clean_line(entry.time_label)
            return entry.published.astimezone(UTC).strftime("%H:%M")
        local = self._local(entry.published, self.zone_of(entry))
        name = short_zone(local.tzname() or "")
        return f"{local:%H:%M} {name}".rstrip()

    def published(self, entry: Entry) -> str | None:
        """When an entry was posted, as every view writes it; None when it has no date.

        A clock time the page gave with no zone is shown as written, flagged, never converted
        to another zone: a fact-checker must not read a guess as a fact.
        """
        if entry.published is None:
            return None
        if entry.time_assumed_utc:
            return TimeDisplay(UTC).full(entry.published).removesuffix(" UTC") + " (no zone given)"
        return self.full(entry.published, self.zone_of(entry))

    def updated(self, entry: Entry) -> str | None:
        """When an entry was last changed, in the same zone as `published`."""
        if entry.updated is None:
            return None
        return self.full(entry.updated, self.zone_of(entry))


def short_zone(name: str) -> str:
    """A zone's name for the list's narrow time column: `UTC+5:30` -> `+5:30`, `GMT` stays."""
    for prefix in ("UTC", "GMT"):
        if name.startswith(prefix) and name[len(prefix) : len(prefix) + 1] in ("+", "-"):
            return name[len(prefix) :]
    return name


def time_display(setting: str) -> TimeDisplay:
    """The display the config's `time_zone` asks for (`local`, `page` or a zone name, as
    `kernel.settings` checked it)."""
    if setting == "local":
        return TimeDisplay()
    if setting == "page":
        return TimeDisplay(page=True)
    return TimeDisplay(ZoneInfo(setting))
