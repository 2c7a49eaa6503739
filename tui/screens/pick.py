"""A full-size list of entries to pick from (the timeline, the orphans): enter goes to the
entry, escape or q closes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from liveread.tui import actions


class PickScreen(ModalScreen[int | None]):
    """Rows of content, each about one entry; dismisses with the entry id chosen, or None.

    | Key(s) | Description |
    | :- | :- |
    | j, k | Highlight the next or previous row. |
    | g, G | Highlight the first or last row. |
    | enter | Go to the highlighted row's entry. |
    | escape, q | Close. |
    """

    BINDINGS = actions.bindings("view")

    def __init__(self, title: str, rows: Sequence[tuple[int, Text]], empty: str) -> None:
        """Make the view.

        Args:
            title: The view's title.
            rows: (entry id, what the row shows, built as plain Text), in order.
            empty: What to say when there are no rows.
        """
        super().__init__()
        self.title_text = title
        """The view's title."""
        self.rows = list(rows)
        """The rows shown."""
        self.empty = empty
        """The text shown instead of an empty list."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with Vertical(id="pick-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter: go to the entry · escape: close"
            if not self.rows:
                yield Static(self.empty, id="pick-empty", markup=False)
            options = [Option(text, id=str(i)) for i, (_, text) in enumerate(self.rows)]
            yield OptionList(*options, id="pick-list", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.rows[event.option_index][0])

    def action_move(self, where: str) -> None:
        """Move the highlight: `down`, `up`, `first` or `last` (the list's own actions)."""
        options = self.query_one(OptionList)
        moves = {
            "down": options.action_cursor_down,
            "up": options.action_cursor_up,
            "first": options.action_first,
            "last": options.action_last,
        }
        moves[where]()

    def action_open(self) -> None:
        """Go to the highlighted row's entry."""
        index = self.query_one(OptionList).highlighted
        if index is not None and self.rows:
            self.dismiss(self.rows[index][0])

    def action_close(self) -> None:
        """Close the view."""
        self.dismiss(None)
