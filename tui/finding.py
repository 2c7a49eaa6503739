"""The finding keys of the main screen: search (`/`), the filter (`f`), escape back to every
entry, the key-event timeline (`T`), the orphans view, the changes view (`d`), going to an
entry, and the poll that shows what another process wrote."""

from __future__ import annotations

from collections.abc import Callable

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import Entry, Highlight, Revision, Source
from liveread.tui.controller import Controller, Refreshed
from liveread.tui.display import plain
from liveread.tui.listings import filter_listing, plain_listing, search_listing
from liveread.tui.widgets.entry_list import Listing

POLL_SECONDS = 2.0
"""How often the database is asked whether another process changed it."""


class Finder(Controller):
    """Search, filter, views and the poll for one main screen."""

    # -- search and filter ---------------------------------------------------------------------

    def do_search(self) -> None:
        """Ask for words; list this live blog's entries that match them, best first."""
        from liveread.tui.screens.prompt import PromptScreen

        source = self.screen.source
        if source is None:
            return
        keep = self.screen.entry.id if self.screen.entry is not None else None

        def answered(query: str | None) -> None:
            if query is None or not query.strip():
                return

            def shown(listing: Listing) -> None:
                self.search = query
                self.screen.filter_query = ""
                self.screen.listing = listing
                found = listing.count
                self.screen.notify(
                    f"{found} entr{'y' if found == 1 else 'ies'} found (escape: every entry).",
                    markup=False,
                )

            self._in_thread(
                "search",
                lambda: search_listing(self.store, source.id, query, keep),
                shown,
                "Could not search",
                group="listing",
                exclusive=True,
            )

        hint = 'Every word must occur; "a phrase", harb* for words starting so, -word leaves out.'
        self.screen.app.push_screen(
            PromptScreen("Search this live blog", self.search or "", hint=hint), answered
        )

    def do_filter(self) -> None:
        """Ask for a filter (the query language); list the entries it keeps."""
        from liveread.tui.screens.prompt import PromptScreen

        if self.screen.source is None:
            return

        def answered(query: str | None) -> None:
            if query is None:
                return
            if not query.strip():
                self.do_clear()
                return
            self.apply_filter(query.strip())

        hint = (
            "tag:NAME  -tag:NAME  starred  pinned  annotated  unread  edited  orphaned"
            "  since:2024-11-01  words"
        )
        self.screen.app.push_screen(
            PromptScreen("Filter the list", self.screen.filter_query, hint=hint), answered
        )

    def apply_filter(self, query: str) -> None:
        """Show the entries of the shown live blog that `query` keeps."""
        source = self.screen.source
        if source is None:
            return
        keep = self.screen.entry.id if self.screen.entry is not None else None

        def shown(listing: Listing) -> None:
            self.search = None
            self.screen.filter_query = query
            self.screen.listing = listing
            self.screen.notify(f"{listing.count:,} entries kept by the filter.", markup=False)

        self._in_thread(
            "filter",
            lambda: filter_listing(self.store, source.id, query, keep),
            shown,
            "Could not filter",
            group="listing",
            exclusive=True,
        )

    def do_clear(self) -> None:
        """Leave the search results or the filter, staying on the selected entry."""
        if not self.enabled("clear"):
            return
        self.search = None
        self.screen.filter_query = ""
        self.reload_listing()

    def reset(self) -> None:
        """Another live blog is shown in full: no search or filter any more."""
        self.search = None
        self.screen.filter_query = ""

    def _current_listing(self, keep: int | None, top: int | None) -> Callable[[], Listing]:
        source = self.screen.source
        search, query = self.search, self.screen.filter_query
        store = self.store

        def read() -> Listing:
            if source is None:
                raise LivereadError("no live blog is shown")
            if search is not None:
                return search_listing(store, source.id, search, keep)
            if query:
                return filter_listing(store, source.id, query, keep, top)
            return plain_listing(store, store.source(source.id), keep, top)

        return read

    def reload_listing(self) -> None:
        """Read the list again (same mode), keeping the selected entry."""
        keep = self.screen.entry.id if self.screen.entry is not None else None
        top = int(self.screen.entry_list.scroll_y)

        def shown(listing: Listing) -> None:
            self.screen.listing = listing

        self._in_thread(
            "reload-listing",
            self._current_listing(keep, top),
            shown,
            "Could not read the entries",
            group="listing",
            exclusive=True,
        )

    # -- views --------------------------------------------------------------------------------

    def do_timeline(self) -> None:
        """Show the key events of every live blog as a timeline."""
        from liveread.tui.screens.timeline import timeline_screen

        def read() -> tuple[list[Entry], dict[int, str]]:
            titles = {s.id: s.title for s in self.store.sources()}
            return self.store.pinned_timeline(), titles

        def shown(got: tuple[list[Entry], dict[int, str]]) -> None:
            screen = timeline_screen(got[0], got[1], self.screen.options.times)
            self.screen.app.push_screen(screen, self._picked)

        self._in_thread("timeline", read, shown, "Could not read the key events")

    def do_orphans(self) -> None:
        """List the orphaned highlights of every live blog."""
        from liveread.tui.screens.orphans import orphans_screen

        def read() -> tuple[list[Highlight], dict[int, Entry]]:
            highlights = self.store.orphaned_highlights()
            ids = {h.entry_id for h in highlights}
            return highlights, {i: self.store.entry(i) for i in ids}

        def shown(got: tuple[list[Highlight], dict[int, Entry]]) -> None:
            self.screen.app.push_screen(orphans_screen(*got), self._picked)

        self._in_thread("orphans", read, shown, "Could not read the orphaned highlights")

    def do_diff(self) -> None:
        """Show what changed between the revisions of the selected entry."""
        from liveread.tui.screens.diff import DiffScreen, diff_text

        entry = self._entry()
        if entry is None:
            return

        def shown(revisions: list[Revision]) -> None:
            if not revisions:
                self.screen.notify("This entry has not been edited.", markup=False)
                return
            text = diff_text(entry, revisions, self.screen.options.times)
            title = f"Changes: {plain(entry.title)[:60]} (edited {len(revisions)}×)"
            self.screen.app.push_screen(DiffScreen(title, text))

        self._in_thread(
            "revisions", lambda: self.store.revisions(entry.id), shown, "Could not read"
        )

    def _picked(self, entry_id: int | None) -> None:
        if entry_id is not None:
            self.go_to_entry(entry_id)

    def go_to_entry(self, entry_id: int) -> None:
        """Select an entry: in the list shown if it is there, else in its live blog in full."""
        screen = self.screen
        listing = screen.listing
        search, query = self.search, screen.filter_query

        def find() -> tuple[Entry, int | None]:
            entry = self.store.entry(entry_id)
            index: int | None = None
            if listing is not None and entry.source_id == listing.source_id and search is None:
                if query:
                    index = self.store.filtered_index(entry.source_id, query, entry_id)
                else:
                    index = self.store.entry_index(entry_id)
            return entry, index

        def found(got: tuple[Entry, int | None]) -> None:
            entry, index = got
            if index is not None and screen.listing is listing:
                screen.entry_list.cursor = index
                return
            self.reset()
            screen.show_entry(entry.source_id, entry.id)

        self._in_thread("go-to-entry", find, found, "Could not find the entry")

    # -- another process -----------------------------------------------------------------------

    def start_polling(self) -> None:
        """Ask the database every POLL_SECONDS whether another process changed it."""
        self.screen.set_interval(POLL_SECONDS, self._poll)

    def _poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        screen = self.screen

        def check() -> int:
            return int(self.store.data_version())

        def checked(version: int) -> None:
            self._polling = False
            first = self._version is None
            changed = self._version != version
            self._version = version
            if not first and changed and screen.source is not None:
                self._refresh_all()

        def work() -> None:
            try:
                version = check()
            except LivereadError:
                screen.app.call_from_thread(setattr, self, "_polling", False)
                return
            screen.app.call_from_thread(checked, version)

        screen.run_worker(work, name="poll-data-version", group="poll", thread=True)

    def _refresh_all(self) -> None:
        """Another process wrote: read the list, the counts and the entry shown again, with
        the same entry selected and the list where it was."""
        screen = self.screen
        keep = screen.entry.id if screen.entry is not None else None
        top = int(screen.entry_list.scroll_y)
        read_listing = self._current_listing(keep, top)
        source = screen.source

        def read() -> tuple[Listing, tuple[Source, ...], Source | None, Refreshed | None]:
            listing = read_listing()
            sources = tuple(self.store.sources())
            current = next((s for s in sources if source is not None and s.id == source.id), None)
            refreshed = self._read_back(keep) if keep is not None else None
            return listing, sources, current, refreshed

        def shown(got: tuple[Listing, tuple[Source, ...], Source | None, Refreshed | None]) -> None:
            listing, sources, current, refreshed = got
            screen.sources = sources
            if current is not None:
                screen.source = current
            shown_entry = screen.entry
            if (
                refreshed is not None
                and shown_entry is not None
                and (shown_entry.id == refreshed.entry.id)
            ):
                screen.annotated = refreshed.annotated
                screen.entry = refreshed.entry
            screen.listing = listing

        self._in_thread(
            "refresh-from-disk", read, shown, "Could not read the changes", group="listing"
        )
