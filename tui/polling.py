"""Polling the live blogs that are web addresses while the app is open.

A `Poller` belongs to the main screen. It keeps its own schedule (one due time per URL
source, first taken from the source's `checked_at`) and sleeps on one Textual timer until the
next source is due. A poll round runs in a background thread: each due source is fetched with
its stored validators (a conditional GET; no transaction is open while the network is waited
on) and then imported in one short transaction: `liveread.services.polling.poll_round`.
The thread is a daemon, not a Textual worker: quitting must not wait for a slow
server (Textual waits for its worker threads, up to the fetch's 30-second deadline).

Back on the screen: a notification per live blog that changed, a `+N new` count in the
header until the user has been to the top of the list, and, for the live blog shown, the
entries read again without moving the selection or the viewport (the list is addressed by row,
so when entries arrive above the selected one, its row and the scroll offset both move down by
as many rows). A failing URL is reported once, until it works again; polling goes on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING

from textual.timer import Timer

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import ImportResult, Source
from liveread.services.polling import PollRound, poll_round
from liveread.services.wording import plural
from liveread.tui.display import plain
from liveread.tui.opening import Place, View, open_view
from liveread.tui.widgets.header import SourceHeader

if TYPE_CHECKING:
    from liveread.tui.screens.main import MainScreen
    from liveread.tui.widgets.entry_list import Listing

STARTUP_DELAY = 2.0
"""Seconds after the app starts before the first round (the first frame comes first)."""

MIN_WAIT = 0.05
"""The shortest sleep between two rounds."""


def change_text(result: ImportResult, title: str) -> str:
    """`3 new entries in Harbour storm`, with how many were edited."""
    parts = []
    if result.new:
        parts.append(plural(result.new, "new entry", "new entries"))
    if result.updated:
        parts.append(f"{result.updated} updated")
    return f"{' and '.join(parts)} in {plain(title)}"


class Poller:
    """Polls the URL sources on a schedule and shows what arrived on the main screen."""

    def __init__(self, screen: MainScreen, every: float) -> None:
        """Make a poller for `screen`, polling each URL source every `every` seconds."""
        self.screen = screen
        """The screen that shows what the polls bring."""
        self.app = screen.app
        """The app (kept here: the poll thread has no Textual context to look it up in)."""
        self.every = every
        """Seconds between two polls of one source."""
        self.schedule: dict[int, float] = {}
        """When each URL source is due next (`time.monotonic()` seconds)."""
        self.fresh: dict[int, int] = {}
        """New entries per source that arrived since the user was last at the top."""
        self.failing: set[int] = set()
        """Sources whose last poll failed (reported once until they work again)."""
        self.rounds = 0
        """How many rounds have finished (for tests and the curious)."""
        self._timer: Timer | None = None
        self._running = False

    def start(self) -> None:
        """Wait for the first frame, then poll what is due, and go on."""
        screen = self.screen
        screen.watch(screen, "position", self._moved, init=False)
        screen.watch(screen, "source", self._show_count, init=False)
        self._arm(min(self.every, STARTUP_DELAY))

    def _arm(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(max(MIN_WAIT, delay), self._tick, name="poll")

    def _tick(self) -> None:
        self._timer = None
        if self._running:
            return
        self._running = True
        round_ = threading.Thread(
            target=self._round, args=(dict(self.schedule),), name="liveread-poll", daemon=True
        )
        round_.start()

    def _closing(self) -> bool:
        """True once the app is shutting down or the screen is gone (safe from any thread)."""
        return not self.app.is_running or not self.screen.is_attached

    def _round(self, schedule: dict[int, float]) -> None:
        """(Background thread) one round, handed back to the screen."""
        try:
            done = poll_round(self.screen.store, self.every, schedule, self._closing)
        except Exception as exc:  # the store may be closed under a round the app left behind
            if not self._closing():
                self._hand_back(self._round_failed, str(exc))
            return
        self._hand_back(self._done, done)

    def _hand_back(self, callback: Callable[..., object], *args: object) -> None:
        """(Background thread) run `callback` on the event loop, unless the app has gone."""
        if self._closing():
            return
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            return  # the app closed between the check and the call

    def _round_failed(self, problem: str) -> None:
        self._running = False
        self.screen.notify(plain(problem), title="Could not poll", severity="warning", markup=False)
        self._arm(self.every)

    def _done(self, done: PollRound) -> None:
        self._running = False
        self.rounds += 1
        self.schedule = dict(done.due)
        self._report(done)
        self._show(done)
        now = monotonic()
        wait = min([self.every, *(at - now for at in self.schedule.values())])
        self._arm(wait)

    def _report(self, done: PollRound) -> None:
        screen = self.screen
        failed = {failure.source_id for failure in done.failures}
        for failure in done.failures:
            if failure.source_id not in self.failing:
                screen.notify(
                    plain(failure.message) + " (polling goes on)",
                    title="Could not poll",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
        self.failing = (self.failing | failed) - (done.polled - failed)
        titles = {source.id: source.title for source in done.sources}
        for result in done.results:
            if result.new:
                self.fresh[result.source_id] = self.fresh.get(result.source_id, 0) + result.new
            if result.new or result.updated:
                title = titles.get(result.source_id, result.location)
                screen.notify(change_text(result, title), title="Live blog updated", markup=False)

    def _show(self, done: PollRound) -> None:
        """Fresh counts and check times everywhere; the shown blog's entries read again."""
        screen = self.screen
        if done.polled:
            screen.sources = done.sources
        shown = screen.source
        if shown is None:
            return
        changed = {r.source_id for r in done.results if r.new or r.updated or r.gone}
        if shown.id in changed and screen.listing is not None:
            self._regrow(screen.listing)
        elif shown.id in done.polled:
            screen.source = next((s for s in done.sources if s.id == shown.id), shown)
        self._show_count(screen.source)

    # -- the shown live blog grew ---------------------------------------------------------

    def _regrow(self, listing: Listing) -> None:
        entry = self.screen.entry
        entry_id = entry.id if entry is not None else None
        self.screen.run_worker(
            partial(self._read_again, listing, entry_id),
            name="poll-reread",
            group="poll-reread",
            thread=True,
        )

    def _read_again(self, listing: Listing, entry_id: int | None) -> None:
        """(Worker thread) the shown live blog's listing with the same entry selected."""
        try:
            view = open_view(self.screen.store, listing.source_id, Place(keep_entry=entry_id))
        except LivereadError as exc:
            self.screen.app.call_from_thread(
                self.screen.notify, plain(str(exc)), severity="error", markup=False
            )
            return
        self.screen.app.call_from_thread(self._regrown, listing, entry_id, view)

    def _regrown(self, listing: Listing, entry_id: int | None, view: View) -> None:
        screen = self.screen
        if screen.listing is not listing or view.listing is None or view.source is None:
            return  # another live blog is shown now, or it was read again meanwhile
        entry = screen.entry
        if (entry.id if entry is not None else None) != entry_id:
            self._regrow(listing)  # the user moved meanwhile: find the new selection's row
            return
        entries = screen.entry_list
        row_on_screen = entries.cursor - round(entries.scroll_y)
        screen.sources = view.sources
        screen.source = view.source
        screen.listing = view.listing
        entries.scroll_to(
            y=max(0, view.listing.cursor - row_on_screen), animate=False, immediate=True
        )
        self._show_count(view.source)

    # -- the count in the header ----------------------------------------------------------

    def _header(self) -> SourceHeader | None:
        found = self.screen.query(SourceHeader)
        return found.first() if found else None

    def _show_count(self, source: Source | None) -> None:
        header = self._header()
        if header is not None:
            header.fresh = self.fresh.get(source.id, 0) if source is not None else 0

    def _moved(self, position: int | None) -> None:
        # At the top of the list the user has seen what arrived: the count goes.
        source = self.screen.source
        if position == 0 and source is not None and self.fresh.pop(source.id, 0):
            self._show_count(source)


def start_polling(screen: MainScreen, every: float) -> Poller:
    """Start polling the URL sources for `screen`; the poller."""
    poller = Poller(screen, every)
    poller.start()
    return poller
