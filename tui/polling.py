"""Polling the live blogs that are web addresses while the app is open.

A `Poller` belongs to the main screen. It keeps its own schedule (one due time per URL
source, first taken from the source's `checked_at`) and sleeps on one Textual timer until the
next source is due. A poll round runs in a background thread: each due source is fetched with
its stored validators (a conditional GET; no transaction is open while the network is waited
on) and then imported in one short transaction (`liveread.services.polling.poll_round`).
The thread is a daemon (`off_loop(..., daemon=True)`), not one that quitting waits for:
quitting must not wait for a slow server (up to the fetch's 30-second deadline). Not to be
confused with `tui.watching`, which watches the database for other processes' writes.

Back on the screen: a notification per live blog that changed, a warning once when a poll
brought a new notice about how its page was read (`Source.notice`), a `+N new` count in the
header until the user has been to the top of the list, and, for the live blog shown, the
entries read again without moving the selection or the viewport (the list is addressed by row,
so when entries arrive above the selected one, its row and the scroll offset both move down by
as many rows). A failing URL is reported once, until it works again; polling goes on.
"""

from __future__ import annotations

from functools import partial
from time import monotonic

from textual.timer import Timer

from liveread.kernel.model import ImportResult, Source
from liveread.services.polling import PollRound, poll_round
from liveread.services.sync import body_caps
from liveread.services.wording import plural
from liveread.tui.display import plain
from liveread.tui.listings import Place, open_view
from liveread.tui.port import MainPort
from liveread.tui.widgets.entry_list import Listing
from liveread.tui.widgets.header import notice_warnings
from liveread.tui.working import Failed, off_loop

STARTUP_DELAY = 2.0
"""Seconds after the app starts before the first round (the first frame comes first)."""

MIN_WAIT = 0.05
"""The shortest sleep between two rounds."""


def change_text(result: ImportResult, title: str) -> str:
    """`3 new entries in Harbour storm`, with how many were edited and what the auto-tag
    rules tagged (one `u` undoes that)."""
    from liveread.services.autotagging import autotag_summary

    parts = []
    if result.new:
        parts.append(plural(result.new, "new entry", "new entries"))
    if result.updated:
        parts.append(f"{result.updated} updated")
    text = f"{' and '.join(parts)} in {plain(title)}"
    tagged = autotag_summary([result])
    return f"{text}; {plain(tagged)} (u undoes)" if tagged else text


class Poller:
    """Polls the URL sources on a schedule and shows what arrived on the main screen."""

    def __init__(self, port: MainPort, every: float) -> None:
        """Make a poller for the screen behind `port`, polling each URL source every `every`
        seconds."""
        self.port = port
        """The screen that shows what the polls bring."""
        self.app = port.app
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
        self._arm(min(self.every, STARTUP_DELAY))

    def _arm(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.port.set_timer(max(MIN_WAIT, delay), self._tick, name="poll")

    def _tick(self) -> None:
        self._timer = None
        if self._running:
            return
        self._running = True
        round_ = partial(self._round, dict(self.schedule))
        self.port.run_flow(round_, name="poll-feeds", group="poll-feeds")

    def _closing(self) -> bool:
        """True once the app is shutting down or the screen is gone (safe from any thread)."""
        return not self.app.is_running or not self.port.is_attached

    def _poll(self, schedule: dict[int, float]) -> PollRound | str:
        """(Background thread) one round, or what stopped it."""
        try:
            caps = body_caps(self.port.options)
            return poll_round(self.port.store, self.every, schedule, self._closing, caps=caps)
        except Exception as exc:  # the store may be closed under a round the app left behind
            return str(exc)

    async def _round(self, schedule: dict[int, float]) -> None:
        """One round in a daemon thread, then its outcome shown."""
        try:
            done = await off_loop(partial(self._poll, schedule), "Could not poll", daemon=True)
        except Failed as failed:
            done = failed.message
        if self._closing():
            return
        if isinstance(done, str):
            self._round_failed(done)
        else:
            self._done(done)

    def _round_failed(self, problem: str) -> None:
        self._running = False
        self.port.app.notify(
            plain(problem), title="Could not poll", severity="warning", markup=False
        )
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
        app = self.port.app
        failed = {failure.source_id for failure in done.failures}
        for failure in done.failures:
            if failure.source_id not in self.failing:
                app.notify(
                    plain(failure.message) + " (polling goes on)",
                    title="Could not poll",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
        self.failing = (self.failing | failed) - (done.polled - failed)
        # A notice the poll brought (the outlet changed its markup since the last read) is
        # said once; the same notice on the next poll is not news.
        before = {source.id: source.notice for source in self.port.sources}
        noticed = {s.id for s in done.sources if s.notice and s.notice != before.get(s.id)}
        for warning in notice_warnings(done.sources, noticed):
            app.notify(warning, title="How the page was read", severity="warning", markup=False)
        titles = {source.id: source.title for source in done.sources}
        for result in done.results:
            if result.new:
                self.fresh[result.source_id] = self.fresh.get(result.source_id, 0) + result.new
            if result.new or result.updated:
                title = titles.get(result.source_id, result.location)
                app.notify(change_text(result, title), title="Live blog updated", markup=False)

    def _show(self, done: PollRound) -> None:
        """Fresh counts and check times everywhere; the shown blog's entries read again."""
        port = self.port
        if done.polled:
            port.show_sources(done.sources)
        shown = port.source
        if shown is None:
            return
        changed = {r.source_id for r in done.results if r.new or r.updated or r.gone}
        # A list of several blogs' entries (a saved view, a search of every blog) is not the
        # shown blog's page order: reading that blog again would replace it.
        spans = port.view is not None or port.everywhere
        if shown.id in changed and port.listing is not None and not spans:
            self._regrow(port.listing)
        self.show_count(port.source)

    # -- the shown live blog grew ---------------------------------------------------------

    def _regrow(self, listing: Listing) -> None:
        entry = self.port.entry
        entry_id = entry.id if entry is not None else None
        flow = partial(self._read_again, listing, entry_id)
        self.port.run_flow(flow, name="poll-reread", group="poll-reread")

    async def _read_again(self, listing: Listing, entry_id: int | None) -> None:
        """The shown live blog's listing read again with the same entry selected."""
        port = self.port
        read = partial(open_view, port.store, listing.source_id, Place(keep_entry=entry_id))
        view = await off_loop(read, "Could not read the new entries")
        if port.listing is not listing or view.listing is None or view.source is None:
            return  # another live blog is shown now, or it was read again meanwhile
        entry = port.entry
        if (entry.id if entry is not None else None) != entry_id:
            self._regrow(listing)  # the user moved meanwhile: find the new selection's row
            return
        port.show_grown(view)
        self.show_count(view.source)

    # -- the count in the header ----------------------------------------------------------

    def show_count(self, source: Source | None) -> None:
        """Show how many entries arrived in `source` since the user was at its top."""
        self.port.show_fresh(self.fresh.get(source.id, 0) if source is not None else 0)

    def moved(self, position: int | None) -> None:
        """The selection moved to row `position`: at the top, what arrived has been seen."""
        source = self.port.source
        if position == 0 and source is not None and self.fresh.pop(source.id, 0):
            self.show_count(source)


def poll_feeds(port: MainPort, every: float) -> Poller:
    """Start polling the URL sources for the screen behind `port`; the poller."""
    poller = Poller(port, every)
    poller.start()
    return poller
