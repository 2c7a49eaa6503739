"""The command palette's two providers: every action in `tui.actions`, and "Go to source …".

Hits are built as rich `Text`: a source title is content and must not be read as markup
(Textual's own `Matcher.highlight` would parse it), so matches are highlighted here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import FuzzySearch
from textual.markup import escape

from liveread.tui import actions
from liveread.tui.display import line_text
from liveread.tui.screens.main import MainScreen

_MATCH = Style(reverse=True)
_FUZZY = FuzzySearch()

GO_TO = "Go to source: "
"""How a live blog is offered in the palette."""

SAVED_VIEW = "Saved view: "
"""How a saved view of the config is offered in the palette."""

SEARCH_EVERY = "Search every live blog"
"""The palette's way to the search of every blog (`g` then `/` on the keyboard)."""


def highlighted(prefix: str, content: Text, query: str) -> tuple[float, Text]:
    """Score `prefix + content` against `query`; the Text with matched letters highlighted."""
    candidate = Text(prefix, end="") + content
    score, offsets = _FUZZY.match(query, candidate.plain)
    for offset in offsets:
        candidate.stylize(_MATCH, offset, offset + 1)
    return score, candidate


class ReaderCommands(Provider):
    """ "Go to source: <title>" for every live blog, then every action of the keys table.

    One provider, so the order is fixed: Textual keeps providers in a set.
    """

    def _actions(self) -> Iterator[tuple[actions.KeyRow, Callable[[], object]]]:
        main = self.screen if isinstance(self.screen, MainScreen) else None
        for action in actions.ACTIONS:
            if not action.palette:
                continue
            if action.scope == "app":
                yield action, partial(self.app.run_action, action.action)
            elif action.scope == "main" and main is not None:
                yield action, partial(main.run_action, action.action)

    def _sources(self) -> Iterator[tuple[str, Text, Callable[[], object]]]:
        main = self.screen
        if not isinstance(main, MainScreen):
            return
        for source in main.sources:
            title = line_text(source.title)
            yield title.plain, title, partial(main.show_source, source.id)

    def _views(self) -> Iterator[tuple[str, Text, Callable[[], object]]]:
        """The saved views, then the search of every blog (prefix, name, what to run)."""
        main = self.screen
        if not isinstance(main, MainScreen):
            return
        for name, query in main.options.views:
            yield SAVED_VIEW, line_text(name), partial(main.finding.show_saved_view, name, query)
        yield "", Text(SEARCH_EVERY, end=""), partial(main.finding.search, everywhere=True)

    def _keymap(self) -> Mapping[str, str]:
        """The user's keymap, as the main screen was given it."""
        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                return screen.options.keymap
        return {}

    def _help(self, action: actions.KeyRow) -> str:
        keymap = self._keymap()
        keys = ", ".join(actions.key_label(k) for k in actions.effective_keys(action, keymap))
        return escape(f"{action.tooltip} ({keys})")

    async def discover(self) -> Hits:
        for plain_title, title, go in self._sources():
            yield DiscoveryHit(
                Text(GO_TO, end="") + title, go, text=GO_TO + plain_title, help="live blog"
            )
        for prefix, name, go in self._views():
            yield DiscoveryHit(
                Text(prefix, end="") + name, go, text=prefix + name.plain, help="every live blog"
            )
        for action, run in self._actions():
            yield DiscoveryHit(
                Text(action.description), run, text=action.description, help=self._help(action)
            )

    async def search(self, query: str) -> Hits:
        for plain_title, title, go in self._sources():
            score, display = highlighted(GO_TO, title, query)
            if score > 0:
                yield Hit(score, display, go, text=GO_TO + plain_title, help="live blog")
        for prefix, name, go in self._views():
            score, display = highlighted(prefix, name, query)
            if score > 0:
                yield Hit(score, display, go, text=prefix + name.plain, help="every live blog")
        for action, run in self._actions():
            score, display = highlighted("", Text(action.description), query)
            if score > 0:
                yield Hit(score, display, run, text=action.description, help=self._help(action))
