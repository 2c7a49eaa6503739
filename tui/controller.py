"""What the main screen's controllers share: the screen, thread workers that come back to the
UI thread, and showing an entry's committed state.

Every write runs in a thread worker and is committed (the Store's methods return only once
their transaction has) before the screen changes or says anything: the notification, the list
row's markers and the reader are updated from what the worker read back afterwards. The UI
thread never waits on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import AnnotatedEntry, Entry
from liveread.storage import Store
from liveread.tui.display import plain
from liveread.tui.widgets.entry_list import RowMarks

if TYPE_CHECKING:
    from liveread.tui.screens.main import MainScreen

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Refreshed:
    """One entry read back after an action: what the screen shows of it."""

    entry: Entry
    """The entry (flags, read state)."""
    annotated: AnnotatedEntry
    """Its tags, highlights and notes."""

    @property
    def marks(self) -> RowMarks:
        """Its list row's markers."""
        annotated = self.annotated
        return RowMarks(annotated.tags, bool(annotated.highlights or annotated.notes))


def quoted_names(names: tuple[str, ...]) -> str:
    """`'a', 'b'`: tag names for a notification."""
    return ", ".join(f"'{name}'" for name in names)


def short_quote(text: str, limit: int = 40) -> str:
    """`“the first words…”` of a quote or note, cleaned, for a notification."""
    flat = " ".join(plain(text).split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


class Controller:
    """Runs actions of one main screen in thread workers."""

    def __init__(self, screen: MainScreen) -> None:
        """Make the controller.

        Args:
            screen: The main screen it acts for (its store, entry, list and reader).
        """
        self.screen = screen
        """The main screen."""
        self.search: str | None = None
        """The search whose results the list shows, if it shows search results."""
        self._version: int | None = None
        self._polling = False

    @property
    def store(self) -> Store:
        """The database."""
        return self.screen.store

    # -- running things ---------------------------------------------------------------------

    def run(self, verb: str, *args: object) -> None:
        """Run the action named by a key table row (`annotate('star')`)."""
        method: Callable[..., None] | None = getattr(self, f"do_{verb}", None)
        if method is None:
            raise ValueError(f"no annotation action {verb!r}")
        method(*args)

    def enabled(self, verb: str) -> bool:
        """Whether an action applies now (escape clears only a search or a filter)."""
        if verb == "clear":
            return self.search is not None or bool(self.screen.filter_query)
        return True

    def _in_thread(
        self,
        name: str,
        work: Callable[[], T],
        done: Callable[[T], None],
        failure: str,
        *,
        group: str = "annotate",
        exclusive: bool = False,
    ) -> None:
        """Run `work` in a thread worker; then `done(result)` on the UI thread, or a
        notification headed `failure` if the database said no."""
        app = self.screen.app

        def body() -> None:
            try:
                result = work()
            except LivereadError as exc:
                app.call_from_thread(self.screen._problem, failure, str(exc))
                return
            app.call_from_thread(done, result)

        self.screen.run_worker(body, name=name, group=group, thread=True, exclusive=exclusive)

    def _entry(self) -> Entry | None:
        entry = self.screen.entry
        if entry is None:
            self.screen.notify("No entry is selected.", markup=False)
        return entry

    def _read_back(self, entry_id: int) -> Refreshed:
        """(Worker thread) the entry and its annotations as now committed."""
        store = self.store
        return Refreshed(store.entry(entry_id), store.annotated_entry(entry_id))

    def _write(self, name: str, entry_id: int, write: Callable[[], str], failure: str) -> None:
        """Commit `write` (which returns what to tell the user), read the entry back, then
        show both."""

        def work() -> tuple[str, Refreshed]:
            said = write()
            return said, self._read_back(entry_id)

        def done(result: tuple[str, Refreshed]) -> None:
            said, refreshed = result
            self.show(refreshed)
            self.screen.notify(said, markup=False, timeout=4)

        self._in_thread(name, work, done, failure)

    def show(self, refreshed: Refreshed) -> None:
        """Show a committed state of an entry: its list row, and the reader if it is there."""
        screen = self.screen
        screen.entry_list.update_entry(refreshed.entry, refreshed.marks)
        if screen.entry is not None and screen.entry.id == refreshed.entry.id:
            screen.annotated = refreshed.annotated
            screen.entry = refreshed.entry

    # -- the reader's annotations --------------------------------------------------------------

    def entry_changed(self, old: Entry | None, new: Entry | None) -> None:
        """Another entry (or a new state of it) is shown: read its annotations if it has any."""
        screen = self.screen
        if new is None:
            screen.annotated = None
            return
        current = screen.annotated
        same = old is not None and old.id == new.id
        if same and current is not None and current.entry.id == new.id:
            return
        if not screen.entry_list.marks_of(new.id):
            screen.annotated = AnnotatedEntry(new)
            return

        def loaded(annotated: AnnotatedEntry) -> None:
            if screen.entry is not None and screen.entry.id == annotated.entry.id:
                screen.annotated = annotated

        self._in_thread(
            "load-annotations",
            lambda: self.store.annotated_entry(new.id),
            loaded,
            "Could not read the annotations",
            group="load-annotations",
            exclusive=True,
        )
