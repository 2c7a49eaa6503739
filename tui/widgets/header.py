"""The one-line header: the live blog's title, how many entries it has, how many are unread.

For a web address it also says when it was last checked and when the next poll is due, and
how many entries the polls brought (`+3 new`) until the user has been to the top. When the
last import warned about how the page was read (`Source.notice`), the warning follows the
title (`⚠ the page no longer matches…`), so a doubtful reading is never silent. The title
and the notice are content: cleaned and drawn as plain rich `Text`. The terminal's own
window title is never set from content.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import timedelta

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from liveread.kernel.model import Source
from liveread.services.wording import plural
from liveread.tui.display import TimeDisplay, line_text, plain


def counts_text(source: Source) -> str:
    """`340 entries · 5 unread`: the right-hand side of the header."""
    return f"{plural(source.entry_count, 'entry')} · {source.unread_count:,} unread"


def poll_text(source: Source, poll_seconds: float | None, times: TimeDisplay) -> str:
    """For a URL source, when it was checked and when it will be polled next.

    With `poll_seconds` None (nothing polls in the background) it says how to poll by hand.
    """
    if not source.is_url:
        return ""
    if source.checked_at is None:
        return "not checked yet"
    checked = f"checked {times.clock(source.checked_at)}"
    if poll_seconds is None:
        return f"{checked} · r reloads"
    due = source.checked_at + timedelta(seconds=poll_seconds)
    return f"{checked} · next poll {times.clock(due)}"


def notice_warnings(sources: Iterable[Source], source_ids: Collection[int]) -> list[str]:
    """`Blog title: what the import warned about`, for each of `source_ids` that has a notice:
    what to say once after an import or reload of them."""
    return [
        plain(f"{source.title}: {source.notice}")
        for source in sources
        if source.id in source_ids and source.notice
    ]


class SourceHeader(Widget):
    """Title of the shown live blog on the left; counts and poll times on the right."""

    DEFAULT_CSS = """
    SourceHeader {
        height: 1;
        padding: 0 1;
    }
    """

    source: reactive[Source | None] = reactive(None)
    """The live blog shown."""

    fresh: reactive[int] = reactive(0)
    """Entries the background polls brought to this live blog that the user has not been up
    to yet (shown as `+3 new`)."""

    def __init__(
        self,
        times: TimeDisplay | None = None,
        poll_seconds: float | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Make the header.

        Args:
            times: How to write poll times; the local zone when not given.
            poll_seconds: The interval URL sources are polled at, to say when the next poll
                is due; None when nothing polls them in the background.
            name: The widget's name.
            id: The widget's DOM id.
            classes: CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self.times = times or TimeDisplay()
        """How times are written."""
        self.poll_seconds = poll_seconds
        """Seconds between polls of a URL source; None when the app does not poll."""

    def render(self) -> Text:
        source = self.source
        width = self.content_region.width or self.size.width
        if source is None:
            return Text("liveread", style="bold", end="")
        right = counts_text(source)
        if self.fresh:
            right = f"+{self.fresh:,} new · {right}"
        poll = poll_text(source, self.poll_seconds, self.times)
        if poll:
            right += " · " + poll
        title = line_text(source.title, style="bold")
        if source.notice:
            title.append("  ⚠ ", style="bold")
            title.append_text(line_text(source.notice, style="italic"))
        room = max(0, width - cell_len(right) - 2)
        title.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(title, "  ", right, end="")
