"""The links of one entry to choose from (`o` to open, `y` to copy): its permalink as 0, then
the links inside its body by the numbers the reader gives them; a digit or enter picks one,
escape or q closes.

Every row is content, cleaned and drawn as plain Text; choosing only names the link: the
caller shows it and asks before anything opens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from liveread.kernel.model import Entry
from liveread.tui import actions
from liveread.tui.display import line_text, plain


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """One link offered: its number, its words and its address."""

    number: int
    """0 for the entry's own link, then the reader's numbers of the body's links."""
    text: str
    """What the link says (the entry's own link: `this post`)."""
    url: str
    """The address, as stored (checked again before it is opened)."""


def link_choices(entry: Entry) -> list[LinkChoice]:
    """The entry's permalink (numbered 0) and the links inside its body (1, 2, ...)."""
    choices = [LinkChoice(0, "this post", entry.url)] if entry.url else []
    choices.extend(
        LinkChoice(number, link.text, link.url) for number, link in enumerate(entry.links, 1)
    )
    return choices


def choice_text(choice: LinkChoice) -> Text:
    """`[1] Photo  https://…` as plain Text."""
    row = Text(f"[{choice.number}] ", end="")
    words = plain(choice.text).strip()
    if words:
        row.append_text(line_text(words, "bold"))
        row.append("  ")
    row.append_text(line_text(choice.url))
    return row


class LinksScreen(ModalScreen[str | None]):
    """The links of one entry; dismisses with the chosen address, or None.

    | Key(s) | Description |
    | :- | :- |
    | 0-9 | Choose the link with that number. |
    | enter | Choose the highlighted link. |
    | escape, q | Close. |
    """

    BINDINGS = actions.bindings("links")

    def __init__(
        self, choices: Sequence[LinkChoice], *, title: str = "Links of this entry"
    ) -> None:
        """Make the chooser for `choices` (in the order shown), headed `title` (what the
        chosen link is for: opening, copying)."""
        super().__init__()
        self.choices = list(choices)
        """The links offered."""
        self.heading = title
        """The chooser's border title."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with Vertical(id="links-box") as box:
            box.border_title = self.heading
            box.border_subtitle = "a number or enter: choose · escape: close"
            options = [Option(choice_text(c), id=str(c.number)) for c in self.choices]
            yield OptionList(*options, id="links-list", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index].url)

    def action_pick(self, number: int) -> None:
        """Choose the link numbered `number`, if the entry has one."""
        for choice in self.choices:
            if choice.number == number:
                self.dismiss(choice.url)
                return
        self.notify(f"No link numbered {number}.", markup=False, severity="warning")

    def action_open(self) -> None:
        """Choose the highlighted link."""
        index = self.query_one(OptionList).highlighted
        if index is not None and self.choices:
            self.dismiss(self.choices[index].url)

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
