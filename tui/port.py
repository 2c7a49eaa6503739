"""What the main screen's feature modules may use of it: a small typed port.

The feature modules (`tui.entries`, `tui.annotate`, `tui.find`, `tui.views`, `tui.exporting`,
`tui.polling`, `tui.watching`, `tui.marking`) sit beside the main screen, not under it: none
imports the screen or another feature. Each reads the screen's state and asks it to show
things through `MainPort`, and only the screen assigns its reactives. Blocking work runs
through `run_flow` and `tui.working.off_loop`; a dialog is pushed at once with `ask` (keys
typed straight after the key that opened it land in it) and its answer awaited in the flow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

from textual.app import App
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker

from liveread.kernel.model import AnnotatedEntry, Entry, Source
from liveread.storage import Store
from liveread.tui.entry_state import Refreshed
from liveread.tui.listings import View
from liveread.tui.options import ReaderOptions
from liveread.tui.widgets.entry_list import Listing
from liveread.tui.widgets.reader_document import Target

T = TypeVar("T")

Flow = Callable[[], Coroutine[Any, Any, None]]
"""An action's straight-line async body (`run_flow` runs it in a worker)."""


class MainPort(Protocol):
    """The main screen as its feature modules see it."""

    @property
    def app(self) -> App[Any]:
        """The running app (the poll thread's hand-back needs it)."""

    @property
    def store(self) -> Store:
        """The database (blocking: use it only inside `off_loop`)."""

    @property
    def options(self) -> ReaderOptions:
        """Times, delays, quick tags, export directory, keymap."""

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every live blog, as last read."""

    @property
    def source(self) -> Source | None:
        """The live blog shown."""

    @property
    def listing(self) -> Listing | None:
        """The list shown (compared by identity to drop stale results)."""

    @property
    def entry(self) -> Entry | None:
        """The selected entry."""

    @property
    def annotated(self) -> AnnotatedEntry | None:
        """The selected entry's annotations, once read."""

    @property
    def search(self) -> str | None:
        """The search whose results the list shows, if it shows search results."""

    @property
    def filter_query(self) -> str:
        """The filter the list shows (empty: every entry)."""

    @property
    def view(self) -> str | None:
        """The saved view the list shows (its filter is `filter_query`), if it shows one."""

    @property
    def everywhere(self) -> bool:
        """Whether the search results shown are of every live blog."""

    def selected(self) -> Entry | None:
        """The selected entry; when there is none, says so and gives None."""

    def chosen_source(self) -> Source | None:
        """The live blog a whole-blog key acts on: the one highlighted in the sources pane
        while it has the focus, else the one shown."""

    def under_cursor(self) -> int | None:
        """The id of the entry under the list's cursor this moment (ahead of `entry`, which
        follows once typed-ahead keys are done), if its row is in memory."""

    def list_top(self) -> int:
        """The row at the top of the entry list's viewport."""

    def target_at_cursor(self) -> Target | None:
        """The highlight or note under the reader's cursor, if the reader has the focus."""

    def select_highlight(self, highlight_id: int) -> None:
        """Put the reader's cursor on a highlight of the entry shown, if it is there."""

    def start_selection(self) -> None:
        """Focus the reader and start a selection at its cursor."""

    def say(self, text: str, *, timeout: float | None = None, title: str = "") -> None:
        """A plain notification (never markup)."""

    def warn(self, text: str) -> None:
        """A plain warning notification (never markup)."""

    def problem(self, title: str, message: str) -> None:
        """An error notification (never markup, never a traceback)."""

    def run_flow(
        self, flow: Flow, *, name: str, group: str, exclusive: bool = False
    ) -> Worker[None]:
        """Run `flow` in an async worker; a `tui.working.Failed` becomes a notification."""

    def ask(self, dialog: Screen[T]) -> asyncio.Future[T]:
        """Push `dialog` now; its answer, to await in a flow."""

    def show_listing(
        self,
        listing: Listing,
        *,
        search: str | None,
        query: str,
        view: str | None = None,
        everywhere: bool = False,
    ) -> None:
        """Show `listing` of the shown live blog: the results of `search` (of every blog when
        `everywhere`), or the entries the filter `query` keeps (of every blog when it is the
        saved `view`'s; neither: every entry)."""

    def show_view(self, view: View) -> None:
        """Show a live blog afresh (another one, or the same read again)."""

    def show_state(self, refreshed: Refreshed) -> None:
        """Show a committed state of an entry: its list row, and the reader if it is there."""

    def show_read_state(self, entry: Entry, source: Source) -> None:
        """Show a committed change of an entry's read state, and its source's counts."""

    def show_sources(self, sources: tuple[Source, ...]) -> None:
        """Fresh counts of every live blog (and of the shown one)."""

    def show_grown(self, view: View) -> None:
        """The shown live blog read again after new entries arrived: the selected row stays
        where it was on the screen."""

    def show_fresh(self, count: int) -> None:
        """How many entries arrived in the shown live blog since the user was at the top."""

    def select_row(self, listing: Listing, index: int) -> None:
        """Move the cursor to row `index`, if `listing` is still the one shown."""

    def go_to_entry(self, entry_id: int) -> None:
        """Select an entry: in the list shown if it is there, else in its live blog in full."""

    def show_entry(self, source_id: int, entry_id: int) -> None:
        """Show a live blog in full with one of its entries selected."""

    def set_timer(self, delay: float, callback: Callable[[], object], *, name: str) -> Timer:
        """A one-off timer on the screen."""

    def set_interval(self, interval: float, callback: Callable[[], object], *, name: str) -> Timer:
        """A repeating timer on the screen."""

    @property
    def position(self) -> int | None:
        """The row of the selected entry, if one is selected."""

    def show_marked(self, marked: frozenset[int]) -> None:
        """Show which entries are marked for a bulk action (their rows, the count)."""

    def rows_in_memory(self) -> frozenset[int]:
        """The ids of the entries whose rows the list holds (the ones to show afresh after a
        change; the others are read when scrolled to)."""

    @property
    def is_attached(self) -> bool:
        """Whether the screen is still in the app."""
