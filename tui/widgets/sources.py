"""The sources pane: every live blog in the database, to switch between them.

An `OptionList` (a handful of rows, not thousands) whose prompts are plain rich `Text`: a
blog's title is content and must never be read as markup.
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
from liveread.tui import actions
from liveread.tui.display import line_text


def source_prompt(source: Source, current: bool) -> Text:
    """Two lines: the title (bold for the blog shown), then its counts."""
    title = line_text(source.title, style="bold" if current else "")
    counts = Text(
        f"{source.entry_count:,} entries · {source.unread_count:,} unread", style="dim", end=""
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

    def _rebuild(self) -> None:
        highlighted = self.highlighted
        current = self.source.id if self.source is not None else None
        options: list[Option | None] = []
        for source in self.sources:
            if options:
                options.append(None)  # a rule between blogs: each takes two lines or more
            options.append(Option(source_prompt(source, source.id == current), id=str(source.id)))
        self.set_options(options)
        if highlighted is None and current is not None:
            highlighted = next((i for i, s in enumerate(self.sources) if s.id == current), None)
        if highlighted is not None and self.sources:
            self.highlighted = min(highlighted, len(self.sources) - 1)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((s for s in self.sources if str(s.id) == event.option.id), None)
        if chosen is not None:
            self.post_message(self.SourceChosen(self, chosen))
