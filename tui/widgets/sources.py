"""The sources pane: the saved views, then every live blog in the database, to switch
between them.

An `OptionList` (a handful of rows, not thousands) whose prompts are plain rich `Text`: a
blog's title and a view's name are content and must never be read as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from liveread.kernel.model import Source
from liveread.services.wording import plural
from liveread.tui import actions
from liveread.tui.display import line_text
from liveread.tui.widgets.saved_view import SavedView

VIEW_PREFIX = "view:"
"""Option ids of saved views start so (a blog's option id is its database id)."""


def view_prompt(name: str, counts: tuple[int, int] | None) -> Text:
    """Two lines: `▸ name`, then its counts (`…` until they are read)."""
    title = Text.assemble("▸ ", line_text(name, style="bold"), end="")
    if counts is None:
        line = Text("…", style="dim", end="")
    else:
        line = Text(f"{plural(counts[0], 'entry')} · {counts[1]:,} unread", style="dim", end="")
    return Text.assemble(title, "\n", line, end="")


def source_prompt(source: Source, current: bool) -> Text:
    """Two lines: the title (bold for the blog shown), then its counts."""
    title = line_text(source.title, style="bold" if current else "")
    counts = Text(
        f"{plural(source.entry_count, 'entry')} · {source.unread_count:,} unread",
        style="dim",
        end="",
    )
    return Text.assemble(title, "\n", counts, end="")


class SourceList(OptionList):
    """The live blogs, one option each; choosing one (enter or click) shows it.

    Besides `OptionList`'s own keys (up, down, home, end, enter...):

    | Key(s) | Description |
    | :- | :- |
    | j | Highlight the next live blog. |
    | k | Highlight the previous live blog. |
    | g | Highlight the first live blog. |
    | G | Highlight the last live blog. |
    | escape | Hide the sources pane. |
    """

    BINDINGS: ClassVar[list[BindingType]] = list(actions.bindings("sources"))

    sources: reactive[tuple[Source, ...]] = reactive(())
    """The live blogs listed, in the order they were added."""

    source: reactive[Source | None] = reactive(None)
    """The live blog shown in the other panes (drawn in bold)."""

    views: reactive[tuple[SavedView, ...]] = reactive(())
    """The saved views, listed above the blogs with their counts."""

    class ViewChosen(Message):
        """Sent when the user chooses a saved view (enter or click)."""

        def __init__(self, source_list: SourceList, view: SavedView) -> None:
            super().__init__()
            self.source_list = source_list
            """The list that sent the message."""
            self.view = view
            """The saved view chosen."""

        @property
        def control(self) -> SourceList:
            """The list that sent the message (used by `@on`)."""
            return self.source_list

    class SourceChosen(Message):
        """Sent when the user chooses a live blog (enter or click)."""

        def __init__(self, source_list: SourceList, source: Source) -> None:
            super().__init__()
            self.source_list = source_list
            """The list that sent the message."""
            self.source = source
            """The live blog chosen."""

        @property
        def control(self) -> SourceList:
            """The list that sent the message (used by `@on`)."""
            return self.source_list

    def watch_sources(self) -> None:
        self._rebuild()

    def watch_source(self) -> None:
        self._rebuild()

    def watch_views(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        highlighted = self.highlighted
        current = self.source.id if self.source is not None else None
        options: list[Option | None] = []
        for number, view in enumerate(self.views):
            if options:
                options.append(None)
            options.append(Option(view_prompt(view.name, view.counts), id=f"{VIEW_PREFIX}{number}"))
        for source in self.sources:
            if options:
                options.append(None)  # a rule between blogs: each takes two lines or more
            options.append(Option(source_prompt(source, source.id == current), id=str(source.id)))
        self.set_options(options)
        rows = len(self.views) + len(self.sources)
        if highlighted is None and current is not None:
            at = next((i for i, s in enumerate(self.sources) if s.id == current), None)
            highlighted = None if at is None else len(self.views) + at
        if highlighted is not None and rows:
            self.highlighted = min(highlighted, rows - 1)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith(VIEW_PREFIX):
            number = int(option_id.removeprefix(VIEW_PREFIX))
            if number < len(self.views):
                self.post_message(self.ViewChosen(self, self.views[number]))
            return
        chosen = next((s for s in self.sources if str(s.id) == event.option.id), None)
        if chosen is not None:
            self.post_message(self.SourceChosen(self, chosen))
