"""The search prompt: one line of words, and whether to search the shown blog or every blog.

`tab` switches between the two; the box's title says which is on, so the answer is never a
surprise. The prompt answers with the words (or None); the caller reads `everywhere` after.
"""

from __future__ import annotations

from collections.abc import Mapping

from liveread.tui import actions
from liveread.tui.screens.prompt import PromptScreen

THIS_BLOG = "Search this live blog"
"""The box's title while the search is of the shown blog."""

EVERY_BLOG = "Search every live blog"
"""The box's title while the search is of every blog."""


class SearchPrompt(PromptScreen):
    """A prompt for search words with a switch between this blog and every blog.

    | Key(s) | Description |
    | :- | :- |
    | enter | Search. |
    | tab | Switch between this live blog and every live blog. |
    | escape | Close without searching. |
    """

    BINDINGS = [*actions.bindings("prompt"), *actions.bindings("search")]

    def __init__(
        self,
        value: str = "",
        *,
        everywhere: bool = False,
        hint: str = "",
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        """Make the prompt, starting with `value`, searching every blog if `everywhere`;
        `keymap` is the user's, for naming the switch's key."""
        super().__init__(EVERY_BLOG if everywhere else THIS_BLOG, value, hint=hint)
        self.everywhere = everywhere
        """Whether the search is of every live blog (else of the shown one)."""
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's keymap (binding id -> keys)."""

    def on_mount(self) -> None:
        self._show_scope()

    def _show_scope(self) -> None:
        box = self.query_one("#prompt-box")
        box.border_title = EVERY_BLOG if self.everywhere else THIS_BLOG
        key = actions.first_key("search_prompt.scope", self.keymap) or "tab"
        other = "this blog" if self.everywhere else "every blog"
        box.border_subtitle = f"enter: search · {key}: {other} · escape: cancel"

    def action_toggle_scope(self) -> None:
        """Search every live blog instead of the shown one, or the other way round."""
        self.everywhere = not self.everywhere
        self._show_scope()
