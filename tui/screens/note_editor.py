"""The note editor (`a`): a TextArea in a modal; ctrl+s saves, escape asks before throwing
away a changed note. The editor keeps its text until it is saved: it closes only once its
`save` says the note was written, so a failed save (a full disk) leaves it open, text and all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from liveread.tui import actions
from liveread.tui.display import line_text


class NoteEditor(ModalScreen[str | None]):
    """Edits one note; dismisses with the text once saved (ctrl+s) or None (closed without
    saving).

    | Key(s) | Description |
    | :- | :- |
    | ctrl+s | Save and close. |
    | escape | Close; asks first when the text was changed. |
    """

    BINDINGS = actions.bindings("editor")

    def __init__(
        self,
        title: str,
        text: str = "",
        about: str = "",
        *,
        save: Callable[[str], Awaitable[bool]] | None = None,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        """Make the editor.

        Args:
            title: What the note is on ("Note on the entry", "Note on the highlight").
            text: The note's text so far.
            about: The content it is about (a headline or a quote), shown as plain text.
            save: Writes the text; True once the editor may close, False to keep it open
                (the save failed and said why). None: the editor closes with the text.
            keymap: The user's keymap, for the keys the editor names.
        """
        super().__init__()
        self.title_text = title
        """The editor's title."""
        self.original = text
        """The text it started with (to know whether it was changed)."""
        self.about = about
        """What the note is on."""
        self.save = save
        """Writes the note (see the constructor)."""
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's keymap as given."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with Vertical(id="note-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = (
                f"{actions.first_key('editor.save', self.keymap) or '?'} save · escape close"
            )
            if self.about:
                yield Static(line_text(self.about), id="note-about", markup=False)
            area = TextArea(self.original, id="note-text", soft_wrap=True, tab_behavior="indent")
            if "markdown" in area.available_languages:
                area.language = "markdown"
            yield area

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        self.set_focus(area)
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """What is in the editor now."""
        return self.query_one(TextArea).text

    async def action_save(self) -> None:
        """Save the text, and close once it is saved."""
        text = self.text
        if self.save is None or await self.save(text):
            self.dismiss(text)

    def action_cancel(self) -> None:
        """Close without saving; asks first if the text was changed."""
        if self.text == self.original:
            self.dismiss(None)
            return
        from liveread.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Throw away the changes to this note?", self.text[:200], keymap=self.keymap
            ),
            answered,
        )
