"""The command palette's two providers: every action in `tui.actions`, and "Go to source …".

Hits are built as rich `Text`: a source title is content and must not be read as markup
(Textual's own `Matcher.highlight` would parse it), so matches are highlighted here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import FuzzySearch
from textual.markup import escape

from tui import actions
from tui.display import line_text
from tui.screens.main import MainScreen

_MATCH = Style(reverse=True)


def highlighted(prefix: str, content: Text, query: str) -> tuple[float, Text]:
    """Score `prefix + content` against `query`; the Text with matched letters highlighted."""
    candidate = Text(prefix, end="") + content
    score, offsets = FuzzySearch().match(query, candidate.plain)
    for offset in offsets:
        candidate.stylize(_MATCH, offset, offset + 1)
    return score, candidate


class ActionCommands(Provider):
    """Every action of the main screen and the app, as in the keys table."""

    def _commands(self) -> Iterator[tuple[actions.Action, Callable[[], object]]]:
        main = self.screen if isinstance(self.screen, MainScreen) else None
        for action in actions.ACTIONS:
            if not action.palette:
                continue
            if action.scope == "app":
                yield action, partial(self.app.run_action, action.action)
            elif action.scope == "main" and main is not None:
                yield action, partial(main.run_action, action.action)

    def _help(self, action: actions.Action) -> str:
        keymap = getattr(self.app, "keymap_overrides", {})
        keys = ", ".join(actions.key_label(k) for k in actions.effective_keys(action, keymap))
        return escape(f"{action.tooltip} ({keys})")

    async def discover(self) -> Hits:
        for action, run in self._commands():
            yield DiscoveryHit(
                Text(action.description), run, text=action.description, help=self._help(action)
            )

    async def search(self, query: str) -> Hits:
        for action, run in self._commands():
            score, display = highlighted("", Text(action.description), query)
            if score > 0:
                yield Hit(score, display, run, text=action.description, help=self._help(action))


class SourceCommands(Provider):
    """ "Go to source: <title>" for every live blog the main screen knows."""

    def _sources(self) -> Iterator[tuple[str, Text, Callable[[], object]]]:
        main = self.screen
        if not isinstance(main, MainScreen):
            return
        for source in main.sources:
            title = line_text(source.title)
            yield title.plain, title, partial(main.show_source, source.id)

    async def discover(self) -> Hits:
        for plain_title, title, run in self._sources():
            yield DiscoveryHit(
                Text("Go to source: ", end="") + title, run, text=f"Go to source: {plain_title}"
            )

    async def search(self, query: str) -> Hits:
        for plain_title, title, run in self._sources():
            score, display = highlighted("Go to source: ", title, query)
            if score > 0:
                yield Hit(score, display, run, text=f"Go to source: {plain_title}")
