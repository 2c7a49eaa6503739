"""The theme chosen in the palette, kept for the next start.

Textual's palette changes the theme for this run only; liveread keeps the choice in the
database (`storage.app_state`) together with the config file's `theme` it was chosen over.
Deciding which to use is pure: the kept choice wins while the config still says what it
said when the choice was made; once the user edits `theme` in the config, the config wins
again (the newer decision, either way).
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeptTheme:
    """A theme chosen in the palette."""

    chosen: str
    """The theme's name."""
    over: str
    """The config file's `theme` when it was chosen."""

    def encode(self) -> str:
        """The value stored under `storage.app_state.THEME`."""
        return json.dumps({"chosen": self.chosen, "over": self.over})


def decode(value: str | None) -> KeptTheme | None:
    """The kept choice from its stored value; None for none, or one not written by us."""
    if value is None:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    chosen, over = data.get("chosen"), data.get("over")
    if isinstance(chosen, str) and isinstance(over, str):
        return KeptTheme(chosen, over)
    return None


def theme_to_use(configured: str, kept: KeptTheme | None) -> str:
    """The theme to start with: the palette's choice unless the config changed since."""
    if kept is not None and kept.over == configured:
        return kept.chosen
    return configured
