"""The reader pane: the selected entry in full, wrapped and scrollable.

Headline, a line with time, author, live blog and "edited N×", the entry's link, then the body
with a blank line between paragraphs. All of it is content: cleaned again and built as plain
rich `Text`, never markup.

`Reader` is a Line API `ScrollView`: the entry is wrapped once to the pane's width into strips,
and `render_line` hands out the visible ones. Showing another entry therefore repaints the pane
without a layout pass over the whole screen, which keeps key repeat in the list smooth.
"""

from __future__ import annotations

from datetime import UTC
from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

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


class Reader(ScrollView, can_focus=True):
    """The full text of one entry, or a notice when there is none.

    Scrolls with the usual keys while focused (up, down, page up, page down, home, end); the
    main screen also binds `space`, `pagedown` and `pageup` to scroll it from every pane.
    """

    DEFAULT_CSS = """
    Reader {
        overflow-x: hidden;
        & > .reader--headline { text-style: bold; }
        & > .reader--meta { color: $text-muted; }
        & > .reader--link { color: $text-muted; text-style: underline; }
        & > .reader--notice { color: $text-muted; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--headline",
        "reader--meta",
        "reader--link",
        "reader--notice",
    }
    """
    | Class | Description |
    | :- | :- |
    | `reader--headline` | The entry's headline. |
    | `reader--meta` | The line with time, author, live blog and edit count. |
    | `reader--link` | The entry's web link. |
    | `reader--notice` | What is shown when there is no entry. |
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
        self._lines: list[Strip] = []
        self._wrapped_for: int | None = None

    @property
    def text(self) -> Text:
        """What the pane shows, as one Text before wrapping."""
        entry = self.entry
        if entry is None:
            return Text(self.notice, style=self._style("reader--notice"), end="")
        parts: list[Text] = []
        if entry.headline:
            parts.append(line_text(entry.headline, self._style("reader--headline")))
        meta = meta_line(entry, self.source, self.times)
        meta.stylize(self._style("reader--meta"))
        parts.append(meta)
        if entry.url:
            parts.append(line_text(entry.url, self._style("reader--link")))
        body = block_text(entry.body)
        if body.plain:
            parts.append(body)
        return Text("\n\n", end="").join(parts)

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def watch_entry(self, old: Entry | None, new: Entry | None) -> None:
        if old is None or new is None or old.id != new.id:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self._invalidate()

    def watch_source(self) -> None:
        self._invalidate()

    def watch_notice(self) -> None:
        if self.entry is None:
            self._invalidate()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()

    def on_resize(self, event: events.Resize) -> None:
        self._invalidate()

    def _invalidate(self) -> None:
        # Wrapping waits for the next paint: when keys move through many entries quickly,
        # only the entry on screen when the frame is drawn is wrapped.
        self._wrapped_for = None
        self.refresh()

    def _wrap(self) -> None:
        """Wrap the text to the pane's width (once per change of entry, notice or width)."""
        width = self.scrollable_content_region.width
        if self._wrapped_for == width:
            return
        self._wrapped_for = width
        if width <= 0:
            self._lines = []
        else:
            console: Console = self.app.console
            lines = self.text.wrap(console, width, overflow="fold")
            self._lines = [Strip(line.render(console, end=""), line.cell_len) for line in lines]
        self.virtual_size = Size(width, len(self._lines))

    def render_lines(self, crop: Region) -> list[Strip]:
        self._wrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = int(self.scroll_y) + y
        if 0 <= index < len(self._lines):
            return self._lines[index].apply_style(base).adjust_cell_length(width, base)
        return Strip.blank(width, base)
