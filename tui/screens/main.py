"""The main screen: header, sources pane, entry list, reader, footer.

The screen owns the state (which live blogs there are, which one is shown, which entry is
selected) in `var`s; the panes are bound to them with `data_bind` and only draw. Everything
that touches the database or a file runs in a named thread worker and comes back with
`call_from_thread`, so the screen never waits on SQLite.

Reading: an entry that stays selected for `ReaderOptions.read_delay` seconds is marked read
and remembered as this source's place; the write is committed before the list shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import Worker, get_current_worker

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import AnnotatedEntry, Entry, Source
from liveread.storage import Store
from liveread.tui import actions
from liveread.tui.annotating import Annotator
from liveread.tui.display import plain
from liveread.tui.opening import Place, View, open_view
from liveread.tui.options import ReaderOptions
from liveread.tui.widgets.entry_list import EntryList, Listing
from liveread.tui.widgets.header import SourceHeader
from liveread.tui.widgets.reader import Reader

if TYPE_CHECKING:
    from liveread.tui.widgets.sources import SourceList

_ENTRY_MOVES = {"next_entry", "previous_entry", "first_entry", "last_entry"}
_READER_KEYS = {"up", "down", "home", "end"}
"""Keys the reader pane scrolls with itself while it has the focus."""

NARROW = 100
"""Terminal width under which the reader hides while the sources pane is open."""


def _is_web_link(url: str) -> bool:
    """True for a plain http(s) link with a host: the only kind handed to a browser."""
    if url != plain(url) or " " in url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


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
    """The selected entry's tags, highlights and notes, once read (see `tui.annotating`)."""

    filter_query: var[str] = var("")
    """The filter the list shows (the `f` query language; empty = every entry). An export
    started from the screen exports what this filter shows."""

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
            options: Time zone, read delay, poll interval, browser.
            open_source: A file or URL to import and show first (`liveread PATH`).
            initial: The first view, already read (the app's normal start); when None, a
                worker imports `open_source` (or the samples, on a first run) and reads it.
        """
        super().__init__()
        self.store = store
        """The database every worker reads and writes."""
        self.options = options
        """Settings not in the config file."""
        self.open_source = open_source
        """What `liveread PATH|URL` asked to show, if anything."""
        self.initial = initial
        """The first view, if it was read before the app started."""
        self._dwell: Timer | None = None
        self._dwell_on: tuple[int, Listing] | None = None
        self._dwell_since = 0.0
        self.annotator = Annotator(self)
        """Runs the annotation keys (tags, highlights, notes, undo, search, views)."""

    def compose(self) -> ComposeResult:
        times = self.options.times
        every = self.options.poll_seconds if self.options.polling else None
        yield SourceHeader(times, every, id="header").data_bind(MainScreen.source)
        with Horizontal(id="panes"):
            yield EntryList(times, id="entries").data_bind(MainScreen.listing)
            yield Reader(times, id="reader").data_bind(
                MainScreen.entry, MainScreen.source, MainScreen.notice, MainScreen.annotated
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(EntryList).border_title = "Entries"
        self.query_one(EntryList).focus()
        self.annotator.start_polling()
        if self.initial is not None:
            self._show_view(self.initial)
            self.initial = None
        else:
            self._start()
        if self.options.polling:
            from liveread.tui.polling import start_polling

            self.poller = start_polling(self, self.options.poll_seconds)

    # -- the panes ------------------------------------------------------------------------

    @property
    def entry_list(self) -> EntryList:
        """The entry list pane."""
        return self.query_one(EntryList)

    @property
    def reader(self) -> Reader:
        """The reader pane."""
        return self.query_one(Reader)

    def on_resize(self) -> None:
        # Below this width the reader has no room beside two lists: it gives way to the
        # sources pane while that is open.
        self.set_class(self.size.width < NARROW, "-narrow")

    def _sources_pane(self, create: bool) -> SourceList | None:
        """The sources pane; made the first time it is opened (most sessions never do)."""
        from liveread.tui.widgets.sources import SourceList

        panes = self.query(SourceList)
        if panes:
            return panes.first()
        if not create:
            return None
        pane = SourceList(id="sources")
        pane.border_title = "Live blogs"
        pane.sources = self.sources
        pane.source = self.source
        self.query_one("#panes").mount(pane, before=0)
        return pane

    def watch_sources(self, sources: tuple[Source, ...]) -> None:
        if (pane := self._sources_pane(create=False)) is not None:
            pane.sources = sources

    def watch_source(self, source: Source | None) -> None:
        if (pane := self._sources_pane(create=False)) is not None:
            pane.source = source

    def watch_sources_shown(self, shown: bool) -> None:
        pane = self._sources_pane(create=shown)
        self.set_class(shown, "-sources")
        if pane is None:
            return
        if shown:
            # Focus once the class has made the pane visible: a hidden widget takes no focus.
            self.call_after_refresh(pane.focus)
        elif self.focused is None or self.focused is pane:
            self.entry_list.focus()

    # -- starting -------------------------------------------------------------------------

    @work(thread=True, name="startup", group="sources", exclusive=True)
    def _start(self) -> None:
        """Import what the command line named (or the samples, on a first run), then show."""
        from liveread.tui import sourcing

        store = self.store
        shown: int | None = None
        try:
            if self.open_source is not None:
                self.app.call_from_thread(self._set_notice, f"Reading {plain(self.open_source)}…")
                shown = sourcing.import_source(store, self.open_source)
            elif store.is_empty():
                self.app.call_from_thread(self._set_notice, "Importing the sample live blogs…")
                imported = len(sourcing.import_samples(store))
                self.app.call_from_thread(self._welcome, imported)
        except LivereadError as exc:
            self.app.call_from_thread(self.post_message, self.StartFailed(exc))
            return
        self._load(shown)

    def _welcome(self, imported: int) -> None:
        """First run: say what was imported and how to see it all."""
        keymap = getattr(self.app, "keymap_overrides", {})
        sources = actions.action_by_id("panes.sources")
        keys = actions.effective_keys(sources, keymap) if sources is not None else ["b"]
        self.notify(
            f"Welcome to liveread: {imported} sample live blogs to try. Press"
            f" {actions.key_label(keys[0])} to switch between them, ? for every key.",
            title="First run",
            markup=False,
            timeout=12,
        )

    def _set_notice(self, text: str) -> None:
        self.notice = text

    def _load(self, source_id: int | None, place: Place | None = None) -> None:
        """(Worker thread) read the sources and the listing of one of them, then show it."""
        try:
            view = open_view(self.store, source_id, place)
        except LivereadError as exc:
            self.app.call_from_thread(self._problem, "Could not open the live blog", str(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_view, view)

    def _show_view(self, view: View) -> None:
        if view.source is None or view.listing is None:
            self._show_nothing()
        else:
            self._show(view.sources, view.source, view.listing)

    def _show(self, sources: tuple[Source, ...], source: Source, listing: Listing) -> None:
        self._stop_dwell()
        self.annotator.reset()
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

    def watch_entry(self, old: Entry | None, new: Entry | None) -> None:
        self.annotator.entry_changed(old, new)

    def _problem(self, title: str, message: str) -> None:
        self.notify(plain(message), title=title, severity="error", markup=False, timeout=10)

    # -- following the cursor -------------------------------------------------------------

    @on(EntryList.EntryHighlighted)
    def _entry_highlighted(self, message: EntryList.EntryHighlighted) -> None:
        if message.listing is not self.listing:
            return
        self.entry = message.entry
        self.position = message.index
        self._dwell_on = (message.entry.id, message.listing)
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
        entry_id, listing = self._dwell_on
        self._dwell_on = None
        if listing is self.listing:
            self._settle(entry_id, listing.source_id, mark_read=True)

    @work(thread=True, name="settle-entry", group="settle")
    def _settle(self, entry_id: int, source_id: int, mark_read: bool) -> None:
        """Remember the entry as this source's place and, if unread, mark it read."""
        store = self.store
        try:
            store.set_selected_entry(source_id, entry_id)
            entry = store.entry(entry_id)
            if mark_read and not entry.read:
                store.set_read(entry_id, True)
                entry = store.entry(entry_id)
            source = store.source(source_id)
        except LivereadError as exc:
            self.app.call_from_thread(self._problem, "Could not mark the entry read", str(exc))
            return
        self.app.call_from_thread(self._entry_changed, entry, source)

    def _entry_changed(self, entry: Entry, source: Source) -> None:
        """Show a committed change of an entry (read state) and its source's counts."""
        self.entry_list.update_entry(entry)
        if self.entry is not None and self.entry.id == entry.id:
            self.entry = entry
        if self.source is not None and self.source.id == source.id:
            self.source = source
        self.sources = tuple(source if s.id == source.id else s for s in self.sources)

    def remember_place(self) -> Worker[None] | None:
        """Save the selected entry as its source's place now (used when quitting)."""
        self._stop_dwell()
        if self.entry is None:
            return None
        return self._remember(self.entry.source_id, self.entry.id)

    @work(thread=True, name="remember-place", group="settle")
    def _remember(self, source_id: int, entry_id: int) -> None:
        """Store which entry is selected in a source."""
        try:
            self.store.set_selected_entry(source_id, entry_id)
        except LivereadError as exc:
            self.app.call_from_thread(self._problem, "Could not save your place", str(exc))

    # -- switching sources ----------------------------------------------------------------

    def show_source(self, source_id: int) -> None:
        """Show another live blog, at the entry that was selected there last time."""
        self.entry_list.focus()
        if self.source is not None and self.source.id == source_id:
            return
        remember = (self.entry.source_id, self.entry.id) if self.entry is not None else None
        self._stop_dwell()
        self._open(source_id, remember)

    @work(thread=True, name="open-source", group="sources", exclusive=True)
    def _open(self, source_id: int, remember: tuple[int, int] | None) -> None:
        """Save the place in the old source, then read the new one's listing."""
        self._load(source_id, Place(remember=remember))

    def show_entry(self, source_id: int, entry_id: int) -> None:
        """Show a live blog in full with one of its entries selected."""
        self._stop_dwell()
        self._open_at(source_id, entry_id)

    @work(thread=True, name="open-at-entry", group="sources", exclusive=True)
    def _open_at(self, source_id: int, entry_id: int) -> None:
        """Read a source's listing with the cursor on one entry."""
        self._load(source_id, Place(keep_entry=entry_id))

    def on_source_list_source_chosen(self, message: SourceList.SourceChosen) -> None:
        self.show_source(message.source.id)

    # -- actions --------------------------------------------------------------------------

    def action_annotate(self, verb: str, *args: object) -> None:
        """Run an annotation action (`tui.annotating.Annotator.do_<verb>`)."""
        self.annotator.run(verb, *args)

    @on(Reader.HighlightRequested)
    def _highlight_requested(self, message: Reader.HighlightRequested) -> None:
        self.annotator.highlight(message.entry, message.start, message.end, message.color)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "annotate" and parameters:
            return self.annotator.enabled(str(parameters[0]))
        # The entry keys are priority bindings (handled before the key travels to the focused
        # pane, which keeps key repeat fast); give a key back to a pane that uses it itself.
        if action in _ENTRY_MOVES:
            focused = self.focused
            if focused is not None and focused.id == "sources":
                return False
            key = getattr(self.app, "key_in_progress", None)
            if isinstance(focused, Reader) and key in _READER_KEYS:
                return False
        return True

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

    def action_toggle_sources(self) -> None:
        """Open or close the sources pane."""
        self.sources_shown = not self.sources_shown

    def action_hide_sources(self) -> None:
        """Close the sources pane."""
        self.sources_shown = False

    def action_toggle_read(self) -> None:
        """Mark the selected entry read, or unread again."""
        entry = self.entry
        if entry is None:
            self.notify("No entry is selected.", markup=False)
            return
        self._stop_dwell()
        self._set_read(entry.id, entry.source_id, not entry.read)

    @work(thread=True, name="toggle-read", group="settle")
    def _set_read(self, entry_id: int, source_id: int, read: bool) -> None:
        """Write the read state, then show it."""
        store = self.store
        try:
            store.set_read(entry_id, read)
            store.set_selected_entry(source_id, entry_id)
            entry = store.entry(entry_id)
            source = store.source(source_id)
        except LivereadError as exc:
            self.app.call_from_thread(self._problem, "Could not change the read state", str(exc))
            return
        self.app.call_from_thread(self._entry_changed, entry, source)

    def action_next_unread(self) -> None:
        """Select the next unread entry, wrapping round to the top."""
        if self.source is None:
            return
        after = self.entry.id if self.entry is not None else None
        self._find_unread(self.source.id, after)

    @work(thread=True, name="next-unread", group="next-unread", exclusive=True)
    def _find_unread(self, source_id: int, after: int | None) -> None:
        """Look up the next unread entry and its row."""
        store = self.store
        try:
            found = store.next_unread(source_id, after)
            if found is None and after is not None:
                found = store.next_unread(source_id, None)
            index = store.entry_index(found.id) if found is not None else None
        except LivereadError as exc:
            self.app.call_from_thread(self._problem, "Could not find unread entries", str(exc))
            return
        if found is None or index is None or found.id == after:
            message = "No other unread entries here." if found else "No unread entries here."
            self.app.call_from_thread(self.notify, message, markup=False)
            return
        self.app.call_from_thread(self._go_to, source_id, index)

    def _go_to(self, source_id: int, index: int) -> None:
        if self.listing is not None and self.listing.source_id == source_id:
            self.entry_list.cursor = index

    def action_reload(self) -> None:
        """Read every live blog again from its file or URL."""
        self.notify("Reloading live blogs…", markup=False, timeout=2)
        keep = self.entry.id if self.entry is not None else None
        shown = self.source.id if self.source is not None else None
        self._reload(shown, keep)

    @work(thread=True, name="reload-sources", group="sources", exclusive=True)
    def _reload(self, shown: int | None, keep_entry: int | None) -> None:
        """Re-import every source, report, and show the same entry again."""
        from liveread.tui import sourcing

        try:
            report = sourcing.reload_all(self.store)
        except LivereadError as exc:
            self.app.call_from_thread(self._problem, "Could not reload", str(exc))
            return
        for problem in report.problems:
            self.app.call_from_thread(self._problem, "Could not reload a live blog", problem)
        self.app.call_from_thread(self.notify, plain(report.summary()), markup=False)
        self._load(shown, Place(keep_entry=keep_entry))

    def action_export_source(self) -> None:
        """Export the shown live blog (or what the filter shows) to Markdown."""
        from liveread.tui.exporting import Exporter

        Exporter(self).export_shown()

    def action_export_all(self) -> None:
        """Export every live blog's annotated entries into the export directory."""
        from liveread.tui.exporting import Exporter

        Exporter(self).export_all()

    def action_open_link(self) -> None:
        """Show the selected entry's link and, if the user agrees, open it in the browser."""
        entry = self.entry
        if entry is None:
            self.notify("No entry is selected.", markup=False)
            return
        if not entry.url:
            self.notify("This entry has no link.", markup=False)
            return
        url = entry.url
        if not _is_web_link(url):
            self.notify(
                f"Not opening this link (only http and https links are): {plain(url)}",
                markup=False,
                severity="warning",
            )
            return

        from liveread.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._open_link(url)

        self.app.push_screen(ConfirmScreen("Open this link in your web browser?", url), answered)

    @work(thread=True, name="open-link", group="browser")
    def _open_link(self, url: str) -> None:
        """Hand the link to the browser (which can take a while to start)."""
        try:
            self.options.open_browser(url)
        except LivereadError as exc:
            self.app.call_from_thread(self._problem, "Could not open the link", str(exc))
