"""A yes/no dialog that shows the user exactly what they are agreeing to (e.g. a link)."""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from liveread.tui import actions
from liveread.tui.display import line_text


class ConfirmScreen(ModalScreen[bool]):
    """Asks a question about one piece of content; dismisses with True (yes) or False (no).

    | Key(s) | Description |
    | :- | :- |
    | y, enter | Yes. |
    | n, escape | No. |
    """

    BINDINGS = actions.bindings("confirm")

    def __init__(
        self, question: str, subject: str, *, keymap: Mapping[str, str] | None = None
    ) -> None:
        """Make the dialog.

        Args:
            question: What is asked (the app's own words).
            subject: The content it is about (a link): shown as plain text, cleaned.
            keymap: The user's keymap, for the keys the buttons name.
        """
        super().__init__()
        self.question = question
        """What is asked."""
        self.subject = subject
        """What it is about."""
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's keymap as given."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(line_text(self.subject), id="confirm-subject", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(
                    f"Yes ({self._key('confirm.yes')})", id="confirm-yes", variant="primary"
                )
                yield Button(f"No ({self._key('confirm.no')})", id="confirm-no")

    def _key(self, binding_id: str) -> str:
        """The first key of a binding, after the user's keymap, for a button's label."""
        return escape(actions.first_key(binding_id, self.keymap) or "?")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#confirm-yes", Button))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Close the dialog with the user's answer."""
        self.dismiss(yes)
