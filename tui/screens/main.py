"""The main screen: header, sources pane, entry list, reader, footer.

The screen owns the state (which live blogs there are, which one is shown, which entry is
selected, the search or filter the list shows) in `var`s; the panes are bound to them with
`data_bind` and only draw, and only the screen assigns them. The keys' work is done by feature
modules beside it (`tui.entries`, `tui.annotate`, `tui.find`, `tui.views`, `tui.exporting`, feed
polling in `tui.polling`, the database watch in `tui.watching`, marks and bulk actions in
`tui.marking`), each seeing the screen through the small typed port `tui.port.MainPort`.
Every action runs as an async worker whose blocking
steps (SQLite, files, the network) are awaited in a thread (`tui.working`), so the screen never
waits on them, and a step that fails is one notification.

Reading: an entry that stays selected for `ReaderOptions.read_delay` seconds is marked read
and remembered as this source's place, and its source as the one read last (where plain
`liveread` opens next time); the write is committed before the list shows it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import Worker

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import AnnotatedEntry, Entry, Source
from liveread.kernel.progress import Phase, Progress
from liveread.storage import Store
from liveread.tui import actions
from liveread.tui.annotate import Annotate
from liveread.tui.display import plain
from liveread.tui.entries import Entries
from liveread.tui.entry_state import Refreshed
from liveread.tui.find import Find
from liveread.tui.listings import Place, View, open_view
from liveread.tui.marking import Marking
from liveread.tui.options import ReaderOptions
from liveread.tui.port import Flow
from liveread.tui.sourcing import Sourcing
from liveread.tui.views import Views
from liveread.tui.watching import DatabaseWatch, watch_database
from liveread.tui.widgets.entry_list import EntryList, Listing
from liveread.tui.widgets.header import SourceHeader, notice_warnings
from liveread.tui.widgets.reader import Reader
from liveread.tui.widgets.reader_document import Target
from liveread.tui.widgets.saved_view import SavedView
from liveread.tui.working import Failed, flow, off_loop, reported

if TYPE_CHECKING:
    from liveread.tui.exporting import Exporter
    from liveread.tui.polling import Poller
    from liveread.tui.widgets.sources import SourceList

T = TypeVar("T")

_ENTRY_MOVES = {"next_entry", "previous_entry", "first_entry", "last_entry"}
_READER_KEYS = {"up", "down", "home", "end"}
"""Keys the reader pane scrolls with itself while it has the focus."""

NARROW = 100
"""Terminal width under which the reader hides while the sources pane is open."""


CHORD_SECONDS = 1.5
"""`g` then `/` within this many seconds searches every live blog."""


@runtime_checkable
class KeyHistory(Protocol):
    """An app that says which key came before the one being handled
    (`LivereadApp.previous_key`)."""

    previous_key: tuple[str, float] | None
    """The key handled before this one and when (on `ReaderOptions.clock`), if any."""


@runtime_checkable
class KeyDispatch(Protocol):
    """An app that says which key it is dispatching (`LivereadApp.key_in_progress`)."""

    key_in_progress: str | None
    """The key being handled now, if any."""


class MainScreen(Screen[None]):
    """The reader: entry list beside the full text, with a sources pane on demand."""

    BINDINGS = actions.bindings("main")

    sources: var[tuple[Source, ...]] = var(())
    """Every live blog in the database, in the order they were added."""

    source: var[Source | None] = var(None)
    """The live blog shown, with its entry and unread counts."""

    listing: var[Listing | None] = var(None)
    """The shown live blog's entries, as the entry list reads them."""

    entry: var[Entry | None] = var(None)
    """The selected entry, shown in the reader."""

    position: var[int | None] = var(None)
    """The row of the selected entry."""

    sources_shown: var[bool] = var(False)
    """Whether the sources pane is open."""

    notice: var[str] = var("Opening…")
    """What the reader says while there is no entry to show."""

    annotated: var[AnnotatedEntry | None] = var(None)
    """The selected entry's tags, highlights and notes, once read."""

    search: var[str | None] = var(None)
    """The search whose results the list shows, if it shows search results."""

    filter_query: var[str] = var("")
    """The filter the list shows (the `f` query language; empty = every entry). An export
    started from the screen exports what this filter shows."""

    view: var[str | None] = var(None)
    """The saved view the list shows across every blog (its filter is `filter_query`)."""

    everywhere: var[bool] = var(False)
    """Whether the search results shown are of every live blog (`search` is set)."""

    marked: var[tuple[str, ...]] = var(())
    """The searched words, highlighted in the reader while search results are shown."""

    blogs: var[Mapping[int, str]] = var(dict)
    """Blog titles by source id while the list holds several blogs' entries; else empty."""

    saved_views: var[tuple[SavedView, ...]] = var(())
    """The config's saved views with their counts, as the sources pane lists them."""

    class StartFailed(Message):
        """The source given on the command line could not be read: the app should exit."""

        def __init__(self, error: LivereadError) -> None:
            super().__init__()
            self.error = error
            """What went wrong, as one line naming the file or URL."""

    def __init__(
        self,
        store: Store,
        options: ReaderOptions,
        open_source: str | None = None,
        initial: View | None = None,
    ) -> None:
        """Make the screen.

        Args:
            store: The database.
            options: Time zone, read delay, poll interval, browser, quick tags, keymap.
            open_source: A file or URL to import and show first (`liveread PATH`).
            initial: The first view, already read (the app's normal start); when None, a
                worker imports `open_source` (or the samples, on a first run) and reads it.
        """
        super().__init__()
        self.store = store
        """The database every blocking step reads and writes."""
        self.options = options
        """Settings of the reader."""
        self.open_source = open_source
        """What `liveread PATH|URL` asked to show, if anything."""
        self.initial = initial
        """The first view, if it was read before the app started."""
        self._dwell: Timer | None = None
        self._dwell_on: tuple[int, int, Listing] | None = None
        self._dwell_since = 0.0
        self.entries = Entries(self)
        """Read state, next unread, links, reload."""
        self.annotating = Annotate(self)
        """Tags, star, pin, highlights, notes, undo."""
        self.finding = Find(self)
        """Search, filter, going to an entry."""
        self.views = Views(self)
        """The timeline, orphans, notebook and changes views."""
        self.sourcing = Sourcing(self)
        """Adding, reloading, renaming, removing and marking whole live blogs."""
        self.marking = Marking(self)
        """Entries marked for a bulk action, and the bulk actions."""
        self.database_watch: DatabaseWatch | None = None
        """Shows what other processes write (`tui.watching`), once mounted."""
        self.poller: Poller | None = None
        """Polls the live blogs' web addresses (`tui.polling`), when polling is on."""
        self._exporter: Exporter | None = None

    def compose(self) -> ComposeResult:
        times = self.options.times
        every = self.options.poll_seconds if self.options.polling else None
        yield SourceHeader(times, every, id="header").data_bind(MainScreen.source)
        with Horizontal(id="panes"):
            yield EntryList(times, id="entries").data_bind(MainScreen.listing)
            reader = Reader(
                times, keymap=self.options.keymap, colors=self.options.colors, id="reader"
            )
            yield reader.data_bind(
                MainScreen.entry,
                MainScreen.source,
                MainScreen.notice,
                MainScreen.annotated,
                MainScreen.marked,
                MainScreen.blogs,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(EntryList).border_title = "Entries"
        # Focused now, not later (`Widget.focus` waits for the app's queue): the first frame
        # can already be on screen, and a key typed at it must not lose the focus it gives.
        self.set_focus(self.query_one(EntryList))
        self.database_watch = watch_database(self)
        if self.initial is not None:
            self.show_view(self.initial)
            self.initial = None
        else:
            self._start()
        if self.options.polling:
            from liveread.tui.polling import poll_feeds

            self.poller = poll_feeds(self, self.options.poll_seconds)

    # -- the port the feature modules see (tui.port.MainPort) -----------------------------

    @property
    def entry_list(self) -> EntryList:
        """The entry list pane."""
        return self.query_one(EntryList)

    @property
    def reader(self) -> Reader:
        """The reader pane."""
        return self.query_one(Reader)

    def selected(self) -> Entry | None:
        """The selected entry; when there is none, says so and gives None."""
        if self.entry is None:
            self.say("No entry is selected.")
        return self.entry

    def chosen_source(self) -> Source | None:
        """The live blog a whole-blog key acts on: the one highlighted in the sources pane
        while it has the focus, else the one shown."""
        pane = self._sources_pane()
        if pane is not None and pane.has_focus and pane.highlighted is not None:
            sources = pane.sources
            if 0 <= pane.highlighted < len(sources):
                return sources[pane.highlighted]
        return self.source

    def under_cursor(self) -> int | None:
        """The id of the entry under the list's cursor this moment, if its row is in memory."""
        entry = self.entry_list.highlighted_entry
        return entry.id if entry is not None else None

    def list_top(self) -> int:
        """The row at the top of the entry list's viewport."""
        return int(self.entry_list.scroll_y)

    def select_highlight(self, highlight_id: int) -> None:
        """Put the reader's cursor on a highlight of the entry shown, if it is there."""
        self.reader.move_to_target("highlight", highlight_id)

    def target_at_cursor(self) -> Target | None:
        """The highlight or note under the reader's cursor, if the reader has the focus."""
        reader = self.reader
        return reader.target_at_cursor() if reader.has_focus else None

    def start_selection(self) -> None:
        """Focus the reader and start a selection at its cursor."""
        reader = self.reader
        # At once, not after a refresh: keys typed straight after `v` move the selection.
        self.set_focus(reader)
        reader.start_selection()

    def say(self, text: str, *, timeout: float | None = None, title: str = "") -> None:
        """A plain notification (never markup)."""
        self.notify(text, title=title, markup=False, timeout=timeout)

    def warn(self, text: str) -> None:
        """A plain warning notification (never markup)."""
        self.notify(text, severity="warning", markup=False)

    def problem(self, title: str, message: str) -> None:
        """An error notification (never markup, never a traceback)."""
        self.notify(plain(message), title=title, severity="error", markup=False, timeout=10)

    def run_flow(
        self, flow: Flow, *, name: str, group: str, exclusive: bool = False
    ) -> Worker[None]:
        """Run `flow` in an async worker; a failed step becomes a notification."""
        return self.run_worker(
            partial(reported, self, flow), name=name, group=group, exclusive=exclusive
        )

    def ask(self, dialog: Screen[T]) -> asyncio.Future[T]:
        """Push `dialog` now (keys typed next land in it); its answer, to await."""
        answer: asyncio.Future[T] = asyncio.get_running_loop().create_future()

        def answered(result: T | None) -> None:
            if not answer.done():
                answer.set_result(result)  # type: ignore[arg-type]

        self.app.push_screen(dialog, answered)
        return answer

    def show_listing(
        self,
        listing: Listing,
        *,
        search: str | None,
        query: str,
        view: str | None = None,
        everywhere: bool = False,
    ) -> None:
        """Show `listing` of the shown live blog, as search results, filtered, or in full;
        or of every blog (a saved `view`, a search `everywhere`)."""
        self.search = search
        self.filter_query = query
        self.view = view
        self.everywhere = everywhere and search is not None
        self.marked = listing.marked
        self.blogs = listing.blogs
        self.listing = listing

    def show_view(self, view: View) -> None:
        """Show a live blog afresh (another one, or the same read again)."""
        if view.source is None or view.listing is None:
            self._show_nothing()
        else:
            self._show(view.sources, view.source, view.listing)
            if not view.counted:
                # The first frame shows the shown blog's counts; every blog's follow it.
                self.call_after_refresh(self._count_sources)

    @flow(name="count-sources", group="count-sources", exclusive=True)
    async def _count_sources(self) -> None:
        """Read every live blog with its entry and unread counts, and show them."""
        store = self.store

        def count() -> tuple[Source, ...]:
            return tuple(store.sources())

        self.show_sources(await off_loop(count, "Could not count the live blogs"))

    def show_state(self, refreshed: Refreshed) -> None:
        """Show a committed state of an entry: its list row, and the reader if it is there."""
        self.entry_list.update_entry(refreshed.entry, refreshed.marks)
        if self.entry is not None and self.entry.id == refreshed.entry.id:
            self.annotated = refreshed.annotated
            self.entry = refreshed.entry

    def show_sources(self, sources: tuple[Source, ...]) -> None:
        """Fresh counts of every live blog, and of the shown one."""
        self.sources = sources
        shown = self.source
        if shown is not None:
            self.source = next((s for s in sources if s.id == shown.id), shown)

    def show_grown(self, view: View) -> None:
        """The shown blog read again after entries arrived: the selected row stays where it
        was on the screen (rows above it push it and the viewport down alike)."""
        if view.listing is None or view.source is None:
            return
        entries = self.entry_list
        row_on_screen = entries.cursor - round(entries.scroll_y)
        self.sources = view.sources
        self.source = view.source
        self.listing = view.listing
        entries.scroll_to(
            y=max(0, view.listing.cursor - row_on_screen), animate=False, immediate=True
        )

    def show_fresh(self, count: int) -> None:
        """The `+N new` count in the header."""
        for header in self.query(SourceHeader).results(SourceHeader):
            header.fresh = count

    def select_row(self, listing: Listing, index: int) -> None:
        """Move the cursor to row `index`, if `listing` is still the one shown."""
        if self.listing is listing:
            self.entry_list.cursor = index

    def go_to_entry(self, entry_id: int) -> None:
        """Select an entry: in the list shown if it is there, else in its live blog in full."""
        self.finding.go_to_entry(entry_id)

    def show_marked(self, marked: frozenset[int]) -> None:
        """Show which entries are marked for a bulk action."""
        self.entry_list.show_marked(marked)

    def rows_in_memory(self) -> frozenset[int]:
        """The ids of the entries whose rows the list holds."""
        return self.entry_list.loaded_ids()

    # -- the panes ------------------------------------------------------------------------

    def on_resize(self) -> None:
        # Below this width the reader has no room beside two lists: it gives way to the
        # sources pane while that is open.
        self.set_class(self.size.width < NARROW, "-narrow")

    def _sources_pane(self) -> SourceList | None:
        """The sources pane, if it was ever opened (most sessions never do)."""
        from liveread.tui.widgets.sources import SourceList

        panes = self.query(SourceList)
        return panes.first() if panes else None

    async def _mount_sources_pane(self) -> SourceList:
        from liveread.tui.widgets.sources import SourceList

        pane = SourceList(id="sources")
        pane.border_title = "Live blogs"
        if not self.saved_views:
            self.saved_views = tuple(SavedView(n, q) for n, q in self.options.views)
        pane.views = self.saved_views
        pane.sources = self.sources
        pane.source = self.source
        await self.query_one("#panes").mount(pane, before=0)
        return pane

    def watch_sources(self, sources: tuple[Source, ...]) -> None:
        if (pane := self._sources_pane()) is not None:
            pane.sources = sources
            if pane.display:
                self._count_views()

    def watch_saved_views(self, views: tuple[SavedView, ...]) -> None:
        if (pane := self._sources_pane()) is not None:
            pane.views = views

    def _count_views(self) -> None:
        """Read the saved views' counts again (the pane is open; the counts may change)."""
        if self.options.views:
            self.run_flow(self._read_view_counts, name="view-counts", group="view-counts",
                          exclusive=True)

    async def _read_view_counts(self) -> None:
        views = self.options.views
        read = partial(self.store.view_counts, [q for _, q in views])
        counts = await off_loop(read, "Could not count the saved views")
        self.saved_views = tuple(
            SavedView(name, query, c) for (name, query), c in zip(views, counts, strict=True)
        )

    def watch_source(self, source: Source | None) -> None:
        if (pane := self._sources_pane()) is not None:
            pane.source = source
        if self.poller is not None:
            self.poller.show_count(source)

    def watch_position(self, position: int | None) -> None:
        if self.poller is not None:
            self.poller.moved(position)

    def watch_sources_shown(self, shown: bool) -> None:
        self.set_class(shown, "-sources")
        pane = self._sources_pane()
        if pane is None:
            return
        # Shown and focused at once, not after a refresh: a key typed straight after `b`
        # goes to the pane (its own j and k), never to the entry list behind it.
        pane.display = shown
        if shown:
            self.set_focus(pane)
            self._count_views()
        elif self.focused is None or self.focused is pane:
            self.set_focus(self.entry_list)

    def watch_entry(self, old: Entry | None, new: Entry | None) -> None:
        """Another entry (or a new state of it) is shown: read its annotations if it has any."""
        if new is None:
            self.annotated = None
            return
        current = self.annotated
        same = old is not None and old.id == new.id
        if same and current is not None and current.entry.id == new.id:
            return
        if not self.entry_list.marks_of(new.id):
            self.annotated = AnnotatedEntry(new)
            return
        self._load_annotations(new.id)

    @flow(name="load-annotations", group="load-annotations", exclusive=True)
    async def _load_annotations(self, entry_id: int) -> None:
        read = partial(self.store.annotated_entry, entry_id)
        annotated = await off_loop(read, "Could not read the annotations")
        if self.entry is not None and self.entry.id == annotated.entry.id:
            self.annotated = annotated

    # -- starting -------------------------------------------------------------------------

    @flow(name="startup", group="sources", exclusive=True)
    async def _start(self) -> None:
        """Import what the command line named (or the samples, on a first run), then show."""
        from liveread.tui import importing

        store = self.store
        shown: int | None = None
        try:
            if self.open_source is not None:
                name = plain(self.open_source)
                self.notice = f"Reading {name}…"
                read = partial(
                    importing.import_source,
                    store,
                    self.open_source,
                    max_pages=self.options.max_pages,
                    limits=self.options,
                    progress=self._import_progress(name),
                )
                shown = await off_loop(read, "Could not open the live blog")
            elif await off_loop(store.is_empty, "Could not open the live blog"):
                self.notice = "Importing the sample live blogs…"
                samples = partial(importing.import_samples, store)
                imported = len(await off_loop(samples, "Could not import the samples"))
                self._welcome(imported)
            else:
                # Plain `liveread`: the blog the user was reading when they left.
                last = await off_loop(store.last_source, "Could not open the live blog")
                await self._load(last)
                return
        except Failed as failed:
            cause = failed.__cause__
            error = cause if isinstance(cause, LivereadError) else LivereadError(failed.message)
            self.post_message(self.StartFailed(error))
            return
        await self._load(shown)
        if shown is not None:
            for warning in notice_warnings(self.sources, {shown}):
                self.warn(warning)

    def _import_progress(self, name: str) -> Progress:
        """A callback for the import's thread that shows its count as the reader's notice."""
        from liveread.tui.importing import progress_notice

        app = self.app

        def heard(phase: Phase, done: int, total: int | None) -> None:
            text = progress_notice(name, phase, done, total)
            # Quitting while a file is read stops the app first: the count has no one to tell.
            with suppress(RuntimeError):
                app.call_from_thread(setattr, self, "notice", text)

        return heard

    def _welcome(self, imported: int) -> None:
        """First run: say what was imported and how to see it all."""
        key = actions.first_key("panes.sources", self.options.keymap) or "b"
        self.notify(
            f"Welcome to liveread: {imported} sample live blogs to try. Press"
            f" {key} to switch between them, ? for every key.",
            title="First run",
            markup=False,
            timeout=12,
        )

    async def _load(self, source_id: int | None, place: Place | None = None) -> None:
        """Read the sources and the listing of one of them, then show it."""
        read = partial(open_view, self.store, source_id, place)
        self.show_view(await off_loop(read, "Could not open the live blog"))

    def _show(self, sources: tuple[Source, ...], source: Source, listing: Listing) -> None:
        self._stop_dwell()
        self.search = None
        self.filter_query = ""
        self.view = None
        self.everywhere = False
        self.marked = ()
        self.blogs = {}
        self.sources = sources
        self.source = source
        self.entry = None
        self.position = None
        self.notice = "Loading…" if source.entry_count else "This live blog has no entries."
        self.listing = listing

    def _show_nothing(self) -> None:
        self.sources = ()
        self.source = None
        self.listing = None
        self.entry = None
        self.notice = "No live blogs yet. Run `liveread PATH` to add one."

    # -- following the cursor -------------------------------------------------------------

    @on(EntryList.EntryHighlighted)
    def _entry_highlighted(self, message: EntryList.EntryHighlighted) -> None:
        if message.listing is not self.listing:
            return
        self.entry = message.entry
        self.position = message.index
        # The entry's own blog: a list of several blogs' entries is shown as the shown blog's.
        self._dwell_on = (message.entry.id, message.entry.source_id, message.listing)
        self._dwell_since = self.options.clock()
        # At most one timer at a time: keys typed ahead move the start, not make timers.
        if self._dwell is None:
            self._dwell = self.set_timer(self.options.read_delay, self._dwelt)

    @on(EntryList.Emptied)
    def _emptied(self, message: EntryList.Emptied) -> None:
        if message.listing is self.listing:
            self.entry = None
            self.position = None

    def _stop_dwell(self) -> None:
        if self._dwell is not None:
            self._dwell.stop()
            self._dwell = None
        self._dwell_on = None

    def _dwelt(self) -> None:
        """The read delay has passed since the timer started: settle, or wait the rest."""
        self._dwell = None
        if self._dwell_on is None:
            return
        left = self.options.read_delay - (self.options.clock() - self._dwell_since)
        if left > 0.01:
            self._dwell = self.set_timer(left, self._dwelt)
            return
        entry_id, source_id, listing = self._dwell_on
        self._dwell_on = None
        if listing is self.listing:
            self._settle(entry_id, source_id)

    @flow(name="settle-entry", group="settle")
    async def _settle(self, entry_id: int, source_id: int) -> None:
        """Remember the entry as this source's place and, if unread (or edited since it was
        read), mark it read at the revision it has now."""
        store = self.store

        def settle() -> tuple[Entry, Source]:
            store.set_selected_entry(source_id, entry_id)
            store.set_last_source(source_id)
            entry = store.entry(entry_id)
            if not entry.read or entry.changed_since_read:
                store.set_read(entry_id, True)
                entry = store.entry(entry_id)
            return entry, store.source(source_id)

        self.show_read_state(*await off_loop(settle, "Could not mark the entry read"))

    def show_read_state(self, entry: Entry, source: Source) -> None:
        """Show a committed change of an entry (read state) and its source's counts."""
        self.entry_list.update_entry(entry)
        if self.entry is not None and self.entry.id == entry.id:
            self.entry = entry
        if self.source is not None and self.source.id == source.id:
            self.source = source
        self.sources = tuple(source if s.id == source.id else s for s in self.sources)

    def stop_reads(self) -> None:
        """Cancel the list's reads in flight (a search): a cancelled search stops its query at
        once, so quitting never waits for it to finish."""
        self.workers.cancel_group(self, "listing")

    def remember_place(self) -> Worker[None] | None:
        """Save the selected entry as its source's place now (used when quitting)."""
        self._stop_dwell()
        if self.entry is None:
            return None
        return self._remember(self.entry.source_id, self.entry.id)

    @flow(name="remember-place", group="settle")
    async def _remember(self, source_id: int, entry_id: int) -> None:
        """Store which entry is selected in a source, and that source as the one read last
        (plain `liveread` opens it next time)."""
        store = self.store

        def remember() -> None:
            store.set_selected_entry(source_id, entry_id)
            store.set_last_source(source_id)

        await off_loop(remember, "Could not save your place")

    # -- switching sources ----------------------------------------------------------------

    def show_source(self, source_id: int) -> None:
        """Show another live blog, at the entry that was selected there last time."""
        self.set_focus(self.entry_list)
        if self.source is not None and self.source.id == source_id:
            if self.view is not None or self.everywhere:
                self.finding.clear()  # from several blogs' entries back to this one's
            return
        remember = (self.entry.source_id, self.entry.id) if self.entry is not None else None
        self._stop_dwell()
        self._open(source_id, Place(remember=remember))

    def show_entry(self, source_id: int, entry_id: int) -> None:
        """Show a live blog in full with one of its entries selected."""
        self._stop_dwell()
        self._open(source_id, Place(keep_entry=entry_id))

    @flow(name="open-source", group="sources", exclusive=True)
    async def _open(self, source_id: int, place: Place) -> None:
        """Save the place in the old source (if asked), then read and show the new one."""
        await self._load(source_id, place)

    def on_source_list_source_chosen(self, message: SourceList.SourceChosen) -> None:
        self.show_source(message.source.id)

    def on_source_list_view_chosen(self, message: SourceList.ViewChosen) -> None:
        self.set_focus(self.entry_list)
        self.finding.show_saved_view(message.view.name, message.view.query)

    # -- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return self.marking.count > 0 or self.finding.can_clear()
        if action == "toggle_sources":
            # A priority key, so that it is handled before the keys typed after it (the entry
            # keys are priority too, and would overtake it on the way through the focused
            # pane); while the reader has the focus, its own `b` (a word back) wins, as the
            # keys panel says. Only that key: the palette's "Sources" still opens the pane.
            if not isinstance(self.focused, Reader):
                return True
            app = self.app
            key = app.key_in_progress if isinstance(app, KeyDispatch) else None
            return key is None or key not in self._word_back_keys()
        # The entry keys are priority bindings (handled before the key travels to the focused
        # pane, which keeps key repeat fast); give a key back to a pane that uses it itself.
        if action in _ENTRY_MOVES:
            focused = self.focused
            if focused is not None and focused.id == "sources":
                return False
            app = self.app
            key = app.key_in_progress if isinstance(app, KeyDispatch) else None
            if isinstance(focused, Reader) and key in _READER_KEYS:
                return False
        return True

    def _word_back_keys(self) -> set[str]:
        """The reader's keys for a word back, after the user's keymap."""
        row = actions.action_by_id("reader.word_previous")
        return set(actions.effective_keys(row, self.options.keymap)) if row is not None else set()

    def action_next_entry(self) -> None:
        """Select the entry below."""
        self.entry_list.action_cursor_down()

    def action_previous_entry(self) -> None:
        """Select the entry above."""
        self.entry_list.action_cursor_up()

    def action_first_entry(self) -> None:
        """Select the first entry."""
        self.entry_list.action_first()

    def action_last_entry(self) -> None:
        """Select the last entry."""
        self.entry_list.action_last()

    def action_reader_page_down(self) -> None:
        """Scroll the reader down a page."""
        self.reader.scroll_page_down(animate=False)

    def action_reader_page_up(self) -> None:
        """Scroll the reader up a page."""
        self.reader.scroll_page_up(animate=False)

    async def action_toggle_sources(self) -> None:
        """Open or close the sources pane."""
        if not self.sources_shown and self._sources_pane() is None:
            # Mounted before the key is done: the next key finds the pane there and focused.
            await self._mount_sources_pane()
        self.sources_shown = not self.sources_shown

    def action_hide_sources(self) -> None:
        """Close the sources pane."""
        self.sources_shown = False

    def action_toggle_mark(self) -> None:
        """Mark the selected entry for a bulk action, or unmark it."""
        self.marking.toggle()

    def action_mark_all(self) -> None:
        """Mark every entry the list shows."""
        self.marking.mark_all()

    def action_unmark_all(self) -> None:
        """Unmark every marked entry."""
        self.marking.clear()

    def action_toggle_read(self) -> None:
        """Mark the selected entry read, or unread again (with marks: every marked entry)."""
        if self.marking.count:
            self._stop_dwell()  # a read timer still running must not undo this
            self.marking.set_flag("read")
            return
        entry = self.selected()
        if entry is not None:
            self._stop_dwell()  # a read timer still running must not undo this
            self.entries.toggle_read(entry)

    def action_next_unread(self) -> None:
        """Select the next unread entry, wrapping round to the top."""
        self.entries.next_unread()

    def action_reload(self) -> None:
        """Read the selected live blog again from its file or URL."""
        self.sourcing.reload(every=False)

    def action_open_link(self) -> None:
        """Show the selected entry's link and, if the user agrees, open it in the browser."""
        self.entries.open_link()

    def action_copy_link(self) -> None:
        """Copy a link of the selected entry to the clipboard."""
        self.entries.copy_link()

    # -- the feature modules' keys: one action per verb -----------------------------------

    def action_tag_prompt(self) -> None:
        """Add or remove tags of the selected entry (with marks: of every marked entry)."""
        if self.marking.count:
            self.marking.tag_prompt()
            return
        self.annotating.tag_prompt()

    def action_quick_tag(self, number: int) -> None:
        """Add or remove quick tag `number` (with marks: on every marked entry)."""
        if self.marking.count:
            self.marking.quick_tag(number)
            return
        self.annotating.quick_tag(number)

    def action_quick_legend(self) -> None:
        """Show which tag each of the keys 1-9 adds or removes."""
        from liveread.tui.screens.quick_tags import QuickTagsScreen

        self.app.push_screen(QuickTagsScreen(self.options.quick_tags, self.options.keymap))

    def action_star(self) -> None:
        """Star or unstar the selected entry (with marks: every marked entry)."""
        if self.marking.count:
            self.marking.set_flag("starred")
            return
        self.annotating.star()

    def action_pin(self) -> None:
        """Mark the selected entry a key event, or unmark it (with marks: every marked one)."""
        if self.marking.count:
            self.marking.set_flag("pinned")
            return
        self.annotating.pin()

    def action_select(self) -> None:
        """Start a selection in the reader."""
        self.annotating.select()

    def action_note(self) -> None:
        """Write or edit a note."""
        self.annotating.note()

    def action_delete(self) -> None:
        """Delete the highlight or note under the reader's cursor."""
        self.annotating.delete()

    def action_accept_highlight_change(self) -> None:
        """Take the changed words of the highlight under the reader's cursor as its quote."""
        from liveread.tui.word_changes import WordChanges

        WordChanges(self).accept()

    def action_undo(self) -> None:
        """Undo the last annotation action."""
        self.annotating.undo()

    def action_redo(self) -> None:
        """Redo the last undone annotation action."""
        self.annotating.redo()

    @on(Reader.HighlightRequested)
    def _highlight_requested(self, message: Reader.HighlightRequested) -> None:
        self.annotating.highlight(message.entry, message.start, message.end, message.color)

    def action_search(self) -> None:
        """Search this live blog (every live blog straight after `g`)."""
        app = self.app
        last = app.previous_key if isinstance(app, KeyHistory) else None
        chord = last is not None and last[0] == "g"
        soon = last is not None and self.options.clock() - last[1] <= CHORD_SECONDS
        self.finding.search(everywhere=chord and soon)

    def action_filter(self) -> None:
        """Filter the list."""
        self.finding.filter()

    def action_clear(self) -> None:
        """Clear the marks, if any; else leave the search results or the filter."""
        if self.marking.count:
            self.marking.clear()
            return
        self.finding.clear()

    def action_timeline(self) -> None:
        """Show the key events of every live blog."""
        self.views.timeline()

    def action_orphans(self) -> None:
        """List the orphaned highlights."""
        self.views.orphans()

    def action_notebook(self) -> None:
        """Every highlight and note of every live blog, to filter and go to."""
        self.views.notebook()

    def action_diff(self) -> None:
        """Show what changed between the selected entry's revisions."""
        self.views.diff()

    @property
    def exporter(self) -> Exporter:
        """Runs `e` and `E` (made on first use: most sessions never export)."""
        if self._exporter is None:
            from liveread.tui.exporting import Exporter

            self._exporter = Exporter(self)
        return self._exporter

    def action_export_source(self) -> None:
        """Export the shown live blog (or what the filter shows) to Markdown."""
        self.exporter.export_shown()

    def action_export_all(self) -> None:
        """Export every live blog's annotated entries into the export directory."""
        self.exporter.export_all()

    # -- whole live blogs (tui.sourcing) --------------------------------------------------

    def action_reload_all(self) -> None:
        """Read every live blog again from its file or URL."""
        self.sourcing.reload(every=True)

    def action_add_source(self) -> None:
        """Ask for a file or URL and add it as a live blog."""
        self.sourcing.add()

    def action_rename_source(self) -> None:
        """Give the selected live blog a name of your own."""
        self.sourcing.rename()

    def action_remove_source(self) -> None:
        """Remove the selected live blog (asks first when it holds annotations)."""
        self.sourcing.remove()

    def action_mark_source_read(self) -> None:
        """Mark every entry of the selected live blog read."""
        self.sourcing.mark_all_read()

    def action_previous_unread(self) -> None:
        """Select the previous unread entry, wrapping round to the bottom."""
        self.entries.previous_unread()
