"""The legend of the quick tags (`L`): which tag each of the keys 1-9 adds or removes, as
the config's `quick_tags` names them; escape, q or L closes it. The same legend is a line of
the tag prompt (`t`).

Tag names come from the user's config and are drawn as plain Text, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from liveread.kernel.text import clean_line
from liveread.tui import actions


def quick_legend(
    quick_tags: Sequence[str], keymap: Mapping[str, str] | None = None, *, columns: int = 1
) -> Text:
    """`1 #key  2 #verify …`: each quick tag beside its key (after the user's keymap), in
    `columns` per line; a key that has no tag is left out."""
    cells: list[Text] = []
    for number, name in enumerate(quick_tags[:9], 1):
        key = actions.first_key(f"tags.quick_{number}", keymap or {})
        if key is None:
            continue
        cell = Text(key, style="bold", end="")
        cell.append(" #" + clean_line(name))
        cells.append(cell)
    if not cells:
        return Text("No quick tags: name them in quick_tags in the config file.", end="")
    lines = [
        Text("  ", end="").join(cells[at : at + columns]) for at in range(0, len(cells), columns)
    ]
    return Text("\n", end="").join(lines)


class QuickTagsScreen(ModalScreen[None]):
    """The quick tags and their keys; escape, q or L closes it.

    | Key(s) | Description |
    | :- | :- |
    | escape, q, L | Close the legend. |
    """

    BINDINGS = actions.bindings("legend")

    def __init__(self, quick_tags: Sequence[str], keymap: Mapping[str, str]) -> None:
        """Make the legend of `quick_tags` (keys 1-9 in order) with the user's `keymap`."""
        super().__init__()
        self.quick_tags = tuple(quick_tags)
        """The tag names of keys 1-9."""
        self.keymap = dict(keymap)
        """Binding id -> keys, from the config file."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with Vertical(id="legend-box") as box:
            box.border_title = "Quick tags"
            box.border_subtitle = "press the key on an entry to add or remove its tag"
            yield Static(quick_legend(self.quick_tags, self.keymap), id="legend-text")

    def action_close(self) -> None:
        """Close the legend."""
        self.dismiss(None)
