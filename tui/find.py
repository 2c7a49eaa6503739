"""The finding keys of the main screen: search (`/`; of every live blog with `tab` in the
prompt or `g` then `/`), the filter (`f`), the saved views of the config (chosen in the
sources pane), escape back to every entry, reading the list again in the same mode, and going
to an entry.

A search of every blog and a saved view list several blogs' entries while the screen still
shows one blog (`MainPort.everywhere`, `MainPort.view`); escape goes back to that blog.

The search words and the filter are the screen's state (`MainPort.search`,
`MainPort.filter_query`); this module asks for them in a prompt, reads the matching listing
in a thread and hands it to `MainPort.show_listing`, which sets both.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

from liveread.kernel.model import Entry, Source
from liveread.services.wording import plural
from liveread.tui.listings import (
    everywhere_listing,
    filter_listing,
    listing_reader,
    search_listing,
    view_listing,
)
from liveread.tui.port import MainPort
from liveread.tui.widgets.entry_list import Listing
from liveread.tui.working import off_loop

SEARCH_HINT = 'Every word must occur; "a phrase", harb* for words starting so, -word leaves out.'
"""The line under the search prompt."""


class Find:
    """Search, filter and going to an entry for one main screen."""

    def __init__(self, port: MainPort) -> None:
        """Make the feature for the screen behind `port`."""
        self.port = port
        """The main screen, as this feature may use it."""

    def _kept(self) -> int | None:
        entry = self.port.entry
        return entry.id if entry is not None else None

    def search(self, everywhere: bool = False) -> None:
        """Ask for words; list this live blog's entries that match them, best first, or
        (`everywhere`, or tab in the prompt) every blog's, newest first, grouped by blog."""
        from liveread.tui.screens.search_prompt import SearchPrompt

        source = self.port.source
        if source is None:
            return
        keep = self._kept()
        prompt = SearchPrompt(
            self.port.search or "",
            everywhere=everywhere or self.port.everywhere,
            hint=SEARCH_HINT,
            keymap=self.port.options.keymap,
        )
        answer = self.port.ask(prompt)

        async def flow() -> None:
            query = await answer
            if query is None or not query.strip():
                return
            found = partial(self._search, source, query, keep, prompt.everywhere)
            self.port.run_flow(found, name="search", group="listing", exclusive=True)

        self.port.run_flow(flow, name="search-prompt", group="prompt")

    async def _search(
        self, source: Source, query: str, keep: int | None, everywhere: bool = False
    ) -> None:
        store = self.port.store
        # Set when this worker is cancelled (the next search replaces it, or the app quits):
        # the query stops within a millisecond and frees the connection.
        cancel = threading.Event()
        if everywhere:
            read = partial(everywhere_listing, store, source.id, query, keep, cancel)
        else:
            read = partial(search_listing, store, source.id, query, keep, cancel)
        listing = await off_loop(read, "Could not search", cancel=cancel)
        self.port.show_listing(listing, search=query, query="", everywhere=everywhere)
        where = " in every live blog" if everywhere else ""
        self.port.say(f"{plural(listing.count, 'entry')} found{where} (escape: every entry).")

    def show_saved_view(self, name: str, query: str) -> None:
        """Show the entries of every live blog that the saved view `name` (its filter
        `query`) keeps."""
        flow = partial(self._saved_view, name, query)
        self.port.run_flow(flow, name="saved-view", group="listing", exclusive=True)

    async def _saved_view(self, name: str, query: str) -> None:
        source = self.port.source
        if source is None:
            return
        read = partial(view_listing, self.port.store, source.id, name, query, self._kept())
        listing = await off_loop(read, f"Could not show the view {name}")
        self.port.show_listing(listing, search=None, query=query, view=name)
        self.port.say(f"{plural(listing.count, 'entry')} in the view (escape: this live blog).")

    def filter(self) -> None:
        """Ask for a filter (the query language); list the entries it keeps. The list follows
        the text while it is a valid filter; escape puts back the filter shown before."""
        from liveread.tui.screens.filter_prompt import FilterPrompt

        if self.port.source is None:
            return
        before = self.port.filter_query
        shown = [before]

        def follow(query: str) -> None:
            shown[0] = query
            self._show_filter(query, quiet=True)

        prompt = FilterPrompt(before, now=self.port.options.now, on_valid=follow)
        answer = self.port.ask(prompt)
        store = self.port.store

        def read_tags() -> list[str]:
            return [t.name for t in sorted(store.all_tags(), key=lambda t: (-t.count, t.name))]

        async def fill() -> None:
            prompt.show_tags(await off_loop(read_tags, "Could not read the tags"))

        async def flow() -> None:
            query = await answer
            if query is None:
                if shown[0] != before:
                    self._show_filter(before, quiet=True)
                return
            self._show_filter(query.strip(), quiet=False)

        self.port.run_flow(fill, name="filter-tags", group="filter-tags")
        self.port.run_flow(flow, name="filter-prompt", group="prompt")

    def _show_filter(self, query: str, *, quiet: bool) -> None:
        """List what `query` keeps (every entry for an empty one), saying how many unless
        `quiet` (as the list follows the typing)."""
        if query:
            self.apply_filter(query, quiet=quiet)
            return
        port = self.port
        read = listing_reader(port.store, port.source, None, "", self._kept(), port.list_top())
        self._show_read(read, None, "")

    def apply_filter(self, query: str, *, quiet: bool = False) -> None:
        """Show the entries of the shown live blog that `query` keeps."""
        flow = partial(self._filter, query, quiet)
        self.port.run_flow(flow, name="filter", group="listing", exclusive=True)

    async def _filter(self, query: str, quiet: bool = False) -> None:
        source = self.port.source
        if source is None:
            return
        now = self.port.options.now()
        read = partial(filter_listing, self.port.store, source.id, query, self._kept(), now=now)
        listing = await off_loop(read, "Could not filter")
        self.port.show_listing(listing, search=None, query=query)
        if not quiet:
            self.port.say(f"{plural(listing.count, 'entry')} kept by the filter.")

    def can_clear(self) -> bool:
        """Whether escape has something to clear (a search, a filter or a saved view)."""
        return self.port.search is not None or bool(self.port.filter_query)

    def clear(self) -> None:
        """Leave the search results or the filter, staying on the selected entry."""
        if not self.can_clear():
            return
        port = self.port
        read = listing_reader(port.store, port.source, None, "", self._kept(), port.list_top())
        self._show_read(read, None, "")

    def reload_listing(self) -> None:
        """Read the list again (same mode), keeping the selected entry."""
        port = self.port
        search, query, view, everywhere = (
            port.search, port.filter_query, port.view, port.everywhere
        )
        cancel = threading.Event()  # a search read again stops as `_search`'s does
        read = listing_reader(
            port.store, port.source, search, query, self._kept(), port.list_top(),
            now=port.options.now(), view=view, everywhere=everywhere, cancel=cancel,
        )
        self._show_read(read, search, query, view, everywhere, cancel)

    def _show_read(
        self,
        read: Callable[[], Listing],
        search: str | None,
        query: str,
        view: str | None = None,
        everywhere: bool = False,
        cancel: threading.Event | None = None,
    ) -> None:
        async def flow() -> None:
            listing = await off_loop(read, "Could not read the entries", cancel=cancel)
            self.port.show_listing(
                listing, search=search, query=query, view=view, everywhere=everywhere
            )

        self.port.run_flow(flow, name="reload-listing", group="listing", exclusive=True)

    def go_to_entry(self, entry_id: int) -> None:
        """Select an entry: in the list shown if it is there, else in its live blog in full."""
        port = self.port
        listing, search, query, store = port.listing, port.search, port.filter_query, port.store
        spans = port.view is not None or port.everywhere

        def find() -> tuple[Entry, int | None]:
            entry = store.entry(entry_id)
            index: int | None = None
            same = listing is not None and entry.source_id == listing.source_id
            if same and search is None and not spans:
                if query:
                    index = store.filtered_index(entry.source_id, query, entry_id)
                else:
                    index = store.entry_index(entry_id)
            return entry, index

        async def flow() -> None:
            entry, index = await off_loop(find, "Could not find the entry")
            if index is not None and listing is not None and port.listing is listing:
                port.select_row(listing, index)
                return
            port.show_entry(entry.source_id, entry.id)

        port.run_flow(flow, name="go-to-entry", group="annotate")
