"""The `?` keys panel: every key of the reader, from the one table in `tui.actions`.

The keys listed are the ones in effect: the defaults with the user's `[keymap]` applied.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from liveread.kernel.colors import HIGHLIGHT_COLORS, color_label
from liveread.tui import actions


def keys_table(
    keymap: Mapping[str, str],
    *,
    tooltips: bool = True,
    colors: tuple[tuple[str, str], ...] = (),
) -> Table:
    """Every action under its section heading: keys, name, tooltip, and the binding id that a
    `[keymap]` table in the config file uses to give it other keys. Without `tooltips` (a
    narrow terminal) the "what it does" column is left out. A colour key's name carries the
    meaning `colors` gives its colour (`Highlight pink (disputed)`)."""
    names = {
        f"highlight.color_{n}": f"Highlight {color_label(color, colors)}"
        for n, color in enumerate(HIGHLIGHT_COLORS, 1)
    }
    table = Table.grid(padding=(0, 2))
    table.add_column("keys", no_wrap=True, style="bold")
    table.add_column("action", no_wrap=True)
    if tooltips:
        table.add_column("what it does", ratio=1)
    table.add_column("binding id", no_wrap=True, style="dim")
    for section in actions.SECTIONS:
        rows = [a for a in actions.ACTIONS if a.section == section]
        if not rows:
            continue
        if table.row_count:
            table.add_row()
        table.add_row(Text(section, style="bold underline"))
        for action in rows:
            keys = " ".join(actions.key_label(k) for k in actions.effective_keys(action, keymap))
            what = [Text(action.tooltip)] if tooltips else []
            name = names.get(action.id, action.description)
            table.add_row(Text(keys), Text(name), *what, Text(action.id))
    return table


WIDE = 100
"""Terminal width from which the panel has room for the "what it does" column."""


class KeysScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it.

    | Key(s) | Description |
    | :- | :- |
    | escape, q, ? | Close the panel. |
    """

    BINDINGS = actions.bindings("keys")

    def __init__(
        self, keymap: Mapping[str, str], colors: tuple[tuple[str, str], ...] = ()
    ) -> None:
        """Make the panel.

        Args:
            keymap: The user's keymap (binding id -> keys), so the keys shown are the real ones.
            colors: The colours' meanings (colour, meaning) from the config.
        """
        super().__init__()
        self.color_meanings = colors
        """The colours' meanings, named beside the colour keys."""
        self.keymap = dict(keymap)
        """Binding id -> keys, from the config file."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with VerticalScroll(id="keys-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape to close"
            wide = self.app.size.width >= WIDE
            table = keys_table(self.keymap, tooltips=wide, colors=self.color_meanings)
            yield Static(table, id="keys-table")

    def action_close(self) -> None:
        """Close the panel."""
        self.dismiss(None)
