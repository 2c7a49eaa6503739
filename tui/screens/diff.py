"""What the newsroom changed (`d`): each revision of an entry against the next, as a diff."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from liveread.kernel.model import Entry, Revision
from liveread.kernel.text import clean_line, clean_text
from liveread.tui import actions
from liveread.tui.display import TimeDisplay


def _lines(headline: str | None, body: str) -> list[str]:
    lines = [clean_line(headline or "")]
    for paragraph in clean_text(body).split("\n\n"):
        if paragraph.strip():
            lines.append(clean_line(paragraph))
    return lines


def diff_text(entry: Entry, revisions: Sequence[Revision], times: TimeDisplay) -> Text:
    """Every revision against the text that replaced it, oldest first, paragraph by
    paragraph: `-` lines were removed, `+` lines added (plain Text, content cleaned)."""
    text = Text(end="")
    versions = [(r.headline, r.body, r.replaced_at) for r in revisions]
    for index, (headline, body, replaced_at) in enumerate(versions):
        if index + 1 < len(versions):
            new_headline, new_body = versions[index + 1][0], versions[index + 1][1]
        else:
            new_headline, new_body = entry.headline, entry.body
        if index:
            text.append("\n\n")
        text.append(f"Edit {index + 1}, seen {times.full(replaced_at)}\n", style="bold")
        diff = difflib.ndiff(_lines(headline, body), _lines(new_headline, new_body))
        changed = False
        for line in diff:
            if line.startswith("- "):
                text.append("\n- " + line[2:], style="red")
                changed = True
            elif line.startswith("+ "):
                text.append("\n+ " + line[2:], style="green")
                changed = True
        if not changed:
            text.append("\n(no change in the words)", style="dim")
    return text


class DiffScreen(ModalScreen[None]):
    """The changes between an entry's revisions; escape or q closes.

    | Key(s) | Description |
    | :- | :- |
    | j, k | Scroll a line down or up. |
    | g, G | Scroll to the top or the end. |
    | escape, q | Close. |
    """

    BINDINGS = actions.bindings("view")

    def __init__(self, title: str, text: Text) -> None:
        """Make the view.

        Args:
            title: The view's title (the entry's headline, cleaned by the caller).
            text: The diff, as built by `diff_text`.
        """
        super().__init__()
        self.title_text = title
        """The view's title."""
        self.text = text
        """The diff."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with VerticalScroll(id="diff-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "escape: close"
            yield Static(self.text, id="diff-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#diff-box").focus()

    def action_open(self) -> None:
        """Nothing to open here."""

    def action_move(self, where: str) -> None:
        """Scroll the changes: `down`, `up`, `first` or `last`, as the views move their rows."""
        box = self.query_one("#diff-box", VerticalScroll)
        moves = {
            "down": box.scroll_down,
            "up": box.scroll_up,
            "first": box.scroll_home,
            "last": box.scroll_end,
        }
        moves[where](animate=False)

    def action_close(self) -> None:
        """Close the view."""
        self.dismiss(None)
