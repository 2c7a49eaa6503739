"""The reader pane: the selected entry in full, wrapped and scrollable.

Headline, a line with time, author, live blog and "edited N×", then the body with a blank
line between paragraphs. All of it is content: cleaned again and shown as plain rich `Text`.
"""

from __future__ import annotations

from datetime import UTC

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from liveread.model import Entry, Source
from tui.display import TimeDisplay, block_text, line_text


def meta_line(entry: Entry, source: Source | None, times: TimeDisplay) -> Text:
    """`Fri 8 May 2026, 05:48 UTC · by Name · Blog title · edited 2×`, as plain Text."""
    parts: list[Text] = []
    if entry.published is not None:
        if entry.time_assumed_utc:
            # The page gave a clock time with no zone: show that clock time, not a conversion.
            when = TimeDisplay(UTC).full(entry.published).removesuffix(" UTC") + " (no zone given)"
        else:
            when = times.full(entry.published)
        parts.append(Text(when))
    elif entry.time_label:
        parts.append(line_text(entry.time_label))
    if entry.updated is not None and entry.updated != entry.published:
        parts.append(Text("updated " + times.full(entry.updated)))
    if entry.author:
        parts.append(Text("by ") + line_text(entry.author))
    if source is not None:
        parts.append(line_text(source.title))
    if entry.revisions:
        parts.append(Text(f"edited {entry.revisions}×", style="bold"))
    if not entry.present:
        parts.append(Text("no longer on the page", style="bold"))
    return Text(" · ", end="").join(parts)


class Reader(VerticalScroll, can_focus=True):
    """The full text of one entry.

    Scrolls with the keys of `VerticalScroll` while focused; the main screen binds `space`,
    `pagedown` and `pageup` to `page_down` / `page_up` here from every pane.
    """

    DEFAULT_CSS = """
    Reader {
        & > #reader-headline { text-style: bold; margin-bottom: 1; }
        & > #reader-meta { color: $text-muted; margin-bottom: 1; }
        & > #reader-link { color: $text-muted; margin-bottom: 1; }
        & > #reader-notice { color: $text-muted; }
    }
    """

    entry: reactive[Entry | None] = reactive(None)
    """The entry shown; None shows `notice` instead."""

    source: reactive[Source | None] = reactive(None)
    """The live blog the entry belongs to (its title goes on the meta line)."""

    notice: reactive[str] = reactive("")
    """What to say when there is no entry ("Loading…", "No live blogs yet…")."""

    def __init__(
        self,
        times: TimeDisplay | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Make an empty reader.

        Args:
            times: How to write times; the local zone when not given.
            name: The widget's name.
            id: The widget's DOM id.
            classes: CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self.times = times or TimeDisplay()
        """How times are written."""

    def compose(self) -> ComposeResult:
        yield Static(id="reader-notice", markup=False)
        yield Static(id="reader-headline", markup=False)
        yield Static(id="reader-meta", markup=False)
        yield Static(id="reader-link", markup=False)
        yield Static(id="reader-body", markup=False)

    def on_mount(self) -> None:
        self._show()

    def watch_entry(self, old: Entry | None, new: Entry | None) -> None:
        self._show()
        if old is None or new is None or old.id != new.id:
            self.scroll_home(animate=False, immediate=True)

    def watch_source(self) -> None:
        self._show()

    def watch_notice(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted:
            return
        entry = self.entry
        notice = self.query_one("#reader-notice", Static)
        headline = self.query_one("#reader-headline", Static)
        meta = self.query_one("#reader-meta", Static)
        link = self.query_one("#reader-link", Static)
        body = self.query_one("#reader-body", Static)
        notice.display = entry is None
        notice.update(Text(self.notice))
        for part in (headline, meta, link, body):
            part.display = entry is not None
        if entry is None:
            return
        headline.display = bool(entry.headline)
        headline.update(line_text(entry.headline))
        meta.update(meta_line(entry, self.source, self.times))
        link.display = bool(entry.url)
        link.update(line_text(entry.url))
        body.update(block_text(entry.body))
