"""A one-line prompt (search, filter, tags): enter answers, escape closes with None."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Footer, Input, Static

from liveread.tui import actions


class PromptScreen(ModalScreen[str | None]):
    """Asks for one line of text; dismisses with what was typed (enter) or None (escape).

    | Key(s) | Description |
    | :- | :- |
    | enter | Answer. |
    | escape | Close without answering. |
    """

    BINDINGS = actions.bindings("prompt")

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        hint: str | Text = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
    ) -> None:
        """Make the prompt.

        Args:
            title: What is asked (the app's own words).
            value: The text to start with.
            hint: A line under the input (plain text: it may name content, such as tags).
            placeholder: Shown in the empty input.
            suggester: Completes what is typed (right arrow or tab accepts).
        """
        super().__init__()
        self.title_text = title
        """What is asked."""
        self.value = value
        """The starting text."""
        self.hint = hint
        """The line under the input."""
        self.placeholder = placeholder
        """The empty input's placeholder."""
        self.suggester = suggester
        """Completion for the input."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with Vertical(id="prompt-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter: ok · escape: cancel"
            yield Input(
                self.value,
                placeholder=self.placeholder,
                suggester=self.suggester,
                id="prompt-input",
            )
            hint = self.hint if isinstance(self.hint, Text) else Text(self.hint)
            yield Static(hint, id="prompt-hint", markup=False)

    @property
    def input(self) -> Input:
        """The text field."""
        return self.query_one(Input)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without answering."""
        self.dismiss(None)
