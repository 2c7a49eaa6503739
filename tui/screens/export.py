"""The export dialog: which file, and all entries or only the annotated ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from liveread.tui import actions
from liveread.tui.display import line_text


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the user chose in the dialog."""

    path: Path
    """The file to write (`~` expanded; relative to the working directory if relative)."""
    annotated_only: bool
    """Only entries the user marked (tags, stars, pins, highlights, notes)."""


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Asks where to export a live blog and which entries; dismisses with the choice or None.

    | Key(s) | Description |
    | :- | :- |
    | enter | Export (in the path field, or on the Export button). |
    | escape | Cancel. |
    """

    BINDINGS = actions.bindings("export")

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    #export-box {
        width: 80;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    #export-what {
        margin-bottom: 1;
        color: $accent;
    }
    #export-which {
        margin: 1 0;
        width: 100%;
    }
    #export-buttons {
        height: auto;
        align-horizontal: right;
        & Button {
            margin-left: 2;
        }
    }
    """

    def __init__(self, what: str, path: Path, *, keymap: Mapping[str, str] | None = None) -> None:
        """Make the dialog.

        Args:
            what: What is exported, e.g. the live blog's title (content: shown as plain text).
            path: The file proposed.
            keymap: The user's keymap, for the key the cancel button names.
        """
        super().__init__()
        self.what = what
        """What is exported."""
        self.path = path
        """The file proposed."""
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's keymap as given."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with Vertical(id="export-box") as box:
            box.border_title = "Export to Markdown"
            yield Static(line_text(self.what), id="export-what", markup=False)
            yield Label("File", markup=False)
            yield Input(str(self.path), id="export-path", select_on_focus=False)
            with RadioSet(id="export-which"):
                yield RadioButton("Annotated entries only", value=True, id="export-annotated")
                yield RadioButton("All entries", id="export-everything")
            with Horizontal(id="export-buttons"):
                yield Button("Export (Enter)", id="export-go", variant="primary")
                yield Button(f"Cancel ({self._cancel_key()})", id="export-cancel")

    def _cancel_key(self) -> str:
        return escape(actions.first_key("export_dialog.cancel", self.keymap) or "Esc")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @property
    def annotated_only(self) -> bool:
        """Whether "Annotated entries only" is chosen."""
        return self.query_one("#export-annotated", RadioButton).value

    def _submit(self) -> None:
        typed = self.query_one(Input).value.strip()
        if not typed:
            self.notify("Give the file to export to.", severity="warning", markup=False)
            return
        self.dismiss(ExportChoice(Path(typed).expanduser(), self.annotated_only))

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    @on(RadioSet.Changed)
    def _which_chosen(self, event: RadioSet.Changed) -> None:
        # Chosen with the keys (enter or space): the next enter should export, not toggle.
        if event.radio_set.has_focus:
            self.set_focus(self.query_one("#export-go", Button))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-go":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close the dialog without exporting."""
        self.dismiss(None)
