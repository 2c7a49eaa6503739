"""Watching the database for what another process wrote (`watch_database`).

Another `liveread` (the CLI's `tag`, `import`, `follow`, a second app) may write while the app
is open. Every `POLL_SECONDS` the database's `data_version` is read in a thread; when it moved,
the list (in the mode it is shown in), the counts and the selected entry are read again and
shown with the same entry selected and the list where it was. Not to be confused with
`tui.polling`, which polls the live blogs' web addresses.
"""

from __future__ import annotations

from functools import partial

from liveread.kernel.errors import NotFoundError
from liveread.kernel.model import Source
from liveread.storage import Store
from liveread.tui.entry_state import Refreshed, read_back
from liveread.tui.listings import listing_reader, open_view
from liveread.tui.port import MainPort
from liveread.tui.widgets.entry_list import Listing
from liveread.tui.working import Failed, off_loop

POLL_SECONDS = 2.0
"""How often the database is asked whether another process changed it."""


class DatabaseWatch:
    """Shows on one main screen what other processes write to its database."""

    def __init__(self, port: MainPort) -> None:
        """Make the watch for the screen behind `port` (started by `watch_database`)."""
        self.port = port
        """The main screen, as this feature may use it."""
        self.version: int | None = None
        """The database's `data_version` when last asked."""
        self._asking = False

    def check(self) -> None:
        """Ask the database whether it changed, unless the last question is still open."""
        if self._asking:
            return
        self._asking = True
        self.port.run_flow(self._check, name="poll-data-version", group="poll")

    async def _check(self) -> None:
        store = self.port.store
        try:
            version = int(await off_loop(store.data_version, "Could not watch the database"))
        except Failed:
            return  # tried again next time, silently: the next write says more
        finally:
            self._asking = False
        first = self.version is None
        changed = self.version != version
        self.version = version
        if not first and changed and self.port.source is not None:
            # In the list's group: a search or filter started meanwhile cancels it, so a
            # late refresh never replaces what the user asked for with the old mode.
            self.port.run_flow(self._refresh_all, name="refresh-from-disk", group="listing")

    async def _refresh_all(self) -> None:
        """Another process wrote: read the list, the counts and the entry shown again."""
        port = self.port
        while True:
            keep = port.under_cursor() or (port.entry.id if port.entry is not None else None)
            if await self._read_again(keep):
                return

    async def _read_again(self, keep: int | None) -> bool:
        """Read everything again with the cursor on `keep` and show it; False, showing
        nothing, when the cursor moved off `keep` during the read (a key typed meanwhile):
        the list read would put it back, so it is read again from where the cursor is."""
        port = self.port
        search, query, view, everywhere = (
            port.search, port.filter_query, port.view, port.everywhere
        )
        read_listing = listing_reader(
            port.store, port.source, search, query, keep, port.list_top(),
            now=port.options.now(), view=view, everywhere=everywhere,
        )
        store = port.store

        def read() -> tuple[Listing, tuple[Source, ...], Refreshed | None]:
            listing = read_listing()
            sources = tuple(store.sources())
            return listing, sources, read_back(store, keep) if keep is not None else None

        shown = port.source
        gone = partial(_removed, store, shown.id if shown is not None else None)
        if await off_loop(gone, "Could not read the changes"):
            # Removed by another process (`liveread remove`): show the first blog left.
            first = await off_loop(partial(open_view, store, None), "Could not read the changes")
            port.show_view(first)
            return True
        listing, sources, refreshed = await off_loop(read, "Could not read the changes")
        now = port.under_cursor()
        if now is not None and now != keep:
            return False
        port.show_sources(sources)
        if refreshed is not None:
            port.show_state(refreshed)
        port.show_listing(
            listing, search=search, query=query, view=view, everywhere=everywhere
        )
        return True


def _removed(store: Store, source_id: int | None) -> bool:
    """True when the blog shown is no longer in the database."""
    if source_id is None:
        return False
    try:
        store.source(source_id)
    except NotFoundError:
        return True
    return False


def watch_database(port: MainPort) -> DatabaseWatch:
    """Start watching the database for the screen behind `port`; the watch."""
    watch = DatabaseWatch(port)
    port.set_interval(POLL_SECONDS, watch.check, name="watch-database")
    return watch
