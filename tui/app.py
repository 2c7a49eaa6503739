"""The liveread Textual app: wiring only (settings, keymap, theme, palette, the main screen).

The screens do the work: `tui.screens.main` for reading, `tui.screens.keys` for the `?`
panel. Keys come from the one table in `tui.actions`; styles from `app.tcss`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import Theme

from liveread.kernel.errors import LivereadError
from liveread.kernel.paths import config_path
from liveread.kernel.settings import load_settings
from liveread.services.autotagging import use_rules
from liveread.storage import Store
from liveread.storage.app_state import THEME
from liveread.tui import actions
from liveread.tui.display import TimeDisplay, plain, time_display
from liveread.tui.kept_theme import KeptTheme, decode, theme_to_use
from liveread.tui.listings import View
from liveread.tui.options import (
    READ_DELAY,
    ReaderOptions,
    open_in_browser,
    run_browser_command,
)
from liveread.tui.screens.main import MainScreen
from liveread.tui.working import Failed, off_loop

if TYPE_CHECKING:
    from textual.command import Provider


def _reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from liveread.tui.palette import ReaderCommands

    return ReaderCommands


# System commands the table above already offers under its own names.
_SYSTEM_DUPLICATES = {"Quit", "Keys"}


class LivereadApp(App[None]):
    """Read live blogs: the entry list beside the full text."""

    TITLE = "liveread"
    CSS_PATH = "app.tcss"
    BINDINGS = actions.bindings("app")
    COMMANDS = App.COMMANDS | {_reader_commands}

    _theme_cache: tuple[str, Theme] | None = None

    key_in_progress: str | None = None
    """The key the app is dispatching right now (set while its bindings are checked)."""

    previous_key: tuple[str, float] | None = None
    """The key that came before the latest one, and when (on the options' clock): the
    first key of a chord such as `g /` (actions may run after their key's dispatch)."""

    latest_key: tuple[str, float] | None = None
    """The latest key to arrive, and when."""

    def __init__(
        self,
        store: Store,
        open_source: str | None = None,
        *,
        config: Path | None = None,
        times: TimeDisplay | None = None,
        read_delay: float = READ_DELAY,
        open_browser: Callable[[str], object] | None = None,
        initial: View | None = None,
        on_shown: Callable[[], None] | None = None,
        poll_seconds: float | None = None,
        polling: bool = True,
    ) -> None:
        """Make the app.

        Args:
            store: The open database.
            open_source: A file or URL to import and show first (`liveread PATH|URL`).
            config: The TOML config file; the platform's config dir when not given.
            times: How times are written; the config's `time_zone` when not given.
            read_delay: Seconds an entry must stay selected to be marked read.
            open_browser: Opens a link (replaced in tests); the config's `browser` command,
                else the system's web browser, when not given.
            initial: The first view, read before the app started (see `tui.listings`).
            on_shown: Called once, after the first frame has been drawn.
            poll_seconds: Seconds between polls of a URL source; the config's when not given.
            polling: Poll URL sources in the background while the app is open.
        """
        super().__init__()
        self.store = store
        """The database."""
        self.config_file = config or config_path()
        """Where the settings were read from."""
        loaded = load_settings(self.config_file)
        self.settings = loaded.settings
        """The user's settings (defaults where the file is missing or broken)."""
        # Every import through the store (the first one, `r`, polls) applies the auto-tag rules.
        use_rules(store, self.settings)
        self.problems: list[str] = [loaded.problem] if loaded.problem else []
        """Config problems to show as notifications once the app is up."""
        self.keymap_overrides: dict[str, str] = dict(self.settings.keymap)
        """The user's keymap as given (binding id -> keys), for the keys panel and palette."""
        unknown = actions.unknown_ids(self.keymap_overrides)
        if unknown:
            self.problems.append(
                f"{self.config_file}: [keymap] names no such binding: {', '.join(unknown)}"
                " (see the keys panel, ?, for the ids)"
            )
        clashing = actions.clashes(self.keymap_overrides)
        if clashing:
            self.problems.append(
                f"{self.config_file}: [keymap] gives one key to two actions"
                f" ({'; '.join(clashing)}); give each its own key"
            )
        self.set_keymap(self.keymap_overrides)
        if open_browser is None:
            command = self.settings.browser
            open_browser = partial(run_browser_command, command) if command else open_in_browser
        self.options = ReaderOptions(
            times=times or time_display(self.settings.time_zone),
            read_delay=read_delay,
            poll_seconds=poll_seconds or self.settings.poll_seconds,
            polling=polling,
            open_browser=open_browser,
            quick_tags=self.settings.quick_tags,
            export_dir=self.settings.export_dir,
            export_templates=(self.settings.entry_template, self.settings.highlight_template),
            max_pages=self.settings.max_pages,
            max_page_mib=self.settings.max_page_mib,
            max_feed_mib=self.settings.max_feed_mib,
            keymap=MappingProxyType(dict(self.keymap_overrides)),
            views=self.settings.views,
            colors=self.settings.colors,
        )
        """What the screens are given: times, delays, browser, and the config they act on."""
        self.open_source = open_source
        """A source to import and show on start, if given."""
        self.initial = initial
        """The first view, if it was read before the app started."""
        self._on_shown = on_shown
        self.failure: LivereadError | None = None
        """Why the app stopped early (the source to open could not be read), if it did."""
        self.kept_theme = self._read_kept_theme()
        """The theme chosen in the palette in an earlier run, if one was kept."""
        self._keeping_theme = False

    @property
    def current_theme(self) -> Theme:
        """The active theme, looked up once per change of theme.

        Textual's own lookup copies the table of every registered theme and runs for each
        line it draws; remembering the answer makes a full repaint several times cheaper.
        """
        name = self.theme
        if self._theme_cache is None or self._theme_cache[0] != name:
            self._theme_cache = (name, super().current_theme)
        return self._theme_cache[1]

    def register_theme(self, theme: Theme) -> None:
        self._theme_cache = None
        super().register_theme(theme)

    async def on_event(self, event: events.Event) -> None:
        # Screens look at the key being handled to decide who gets it (see MainScreen).
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.key_in_progress = event.key
            self.previous_key = self.latest_key
            self.latest_key = (event.key, self.options.clock())
            try:
                await super().on_event(event)
            finally:
                self.key_in_progress = None
            return
        await super().on_event(event)

    def _read_kept_theme(self) -> KeptTheme | None:
        # Read before the app runs (one row); a database that cannot say keeps the config's.
        try:
            return decode(self.store.app_state(THEME))
        except (LivereadError, sqlite3.Error):
            return None

    def on_mount(self) -> None:
        wanted = theme_to_use(self.settings.theme, self.kept_theme)
        if wanted not in self.available_themes:
            wanted = self.settings.theme
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            self.problems.append(
                f"{self.config_file}: unknown theme {self.settings.theme!r}; using the default"
            )
        # From here on a change of theme is the user's (the palette's), and is kept.
        self._keeping_theme = True
        for problem in self.problems:
            self.notify(
                plain(problem), title="Config file", severity="warning", markup=False, timeout=15
            )
        if self.store.reindexed is not None:
            # The upgrade ran before the terminal was taken over (its bar is gone now).
            self.notify(
                f"The database was upgraded: the search index of {self.store.reindexed:,}"
                " entries was rebuilt.",
                title="Upgraded",
                markup=False,
                timeout=10,
            )
        refusal = self.store.writer.refusal
        if refusal is not None:
            # A database from a newer liveread: everything can be read, nothing is written.
            self.notify(
                plain(refusal), title="Read only", severity="warning", markup=False, timeout=30
            )
        if self._on_shown is not None:
            self.call_after_refresh(self._on_shown)

    def watch_theme(self, name: str) -> None:
        if not self._keeping_theme:
            return
        kept = self.kept_theme
        if kept is not None and kept.chosen == name and kept.over == self.settings.theme:
            return
        self.kept_theme = KeptTheme(name, self.settings.theme)
        self.run_worker(self._keep_theme(self.kept_theme), name="keep-theme", group="theme")

    async def _keep_theme(self, kept: KeptTheme) -> None:
        """Store the palette's theme for the next start (a failure is one notification)."""
        keep = partial(self.store.set_app_state, THEME, kept.encode())
        try:
            await off_loop(keep, "Could not keep the theme")
        except Failed as failed:
            self.notify(failed.message, title=failed.title, severity="error", markup=False)

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(self.store, self.options, self.open_source, self.initial)

    def on_main_screen_start_failed(self, message: MainScreen.StartFailed) -> None:
        self.failure = message.error
        self.exit(return_code=message.error.exit_code)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        # Reported once, from the key table, when the config is read (see `actions.clashes`):
        # Textual calls this on every key press, naming the bindings less reliably.
        return

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in _SYSTEM_DUPLICATES:
                yield command

    def action_show_keys(self) -> None:
        """Open the keys panel."""
        from liveread.tui.screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.keymap_overrides, self.options.colors))

    async def action_quit(self) -> None:
        """Save the place in the shown live blog, then leave."""
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            # First let go of the connection: the place is written only once a search in
            # flight has stopped.
            main.stop_reads()
            worker = main.remember_place()
            if worker is not None:
                await worker.wait()
        self.exit()
