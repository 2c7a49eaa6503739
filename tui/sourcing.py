"""The main screen's keys for whole live blogs: add one (a prompt that completes paths; the
palette's "Add a live blog…"), reload the selected blog (`r`) or every blog (`R`), rename,
remove, and mark a whole blog read (`A`).

"The selected blog" is the one highlighted in the sources pane while that pane has the
focus, else the one shown (`MainPort.chosen_source`). The work is `services.sources` and
`services.managing`, run in a thread; the screen is told once it is committed. Removing a
blog that holds annotations asks first (the question names where the JSON export goes) and
the export is written before anything is deleted.
"""

from __future__ import annotations

from functools import partial

from liveread.kernel.model import Source
from liveread.services import managing
from liveread.services.autotagging import autotag_summary
from liveread.services.sources import ReloadReport
from liveread.services.wording import plural
from liveread.tui.display import plain
from liveread.tui.listings import Place, View, listing_reader, open_view
from liveread.tui.port import MainPort
from liveread.tui.widgets.header import notice_warnings
from liveread.tui.working import off_loop

ADD_HINT = "A file (→ takes the completed path), an http(s) address, or sample:<file>."
"""The line under the add prompt."""

MAX_PROBLEMS = 3
"""Most reload problems notified one by one; the rest are counted in one more."""


class Sourcing:
    """Add, rename, remove and mark read whole live blogs, for one main screen."""

    def __init__(self, port: MainPort) -> None:
        """Make the feature for the screen behind `port`."""
        self.port = port
        """The main screen, as this feature may use it."""

    def _chosen(self) -> Source | None:
        source = self.port.chosen_source()
        if source is None:
            self.port.say("No live blog is selected.")
        return source

    # -- adding ---------------------------------------------------------------------------

    def add(self) -> None:
        """Ask for a file or URL; import it and show it."""
        from liveread.tui.completion import PathSuggester
        from liveread.tui.screens.prompt import PromptScreen

        answer = self.port.ask(
            PromptScreen(
                "Add a live blog",
                hint=ADD_HINT,
                placeholder="path/to/blog.html or https://…",
                suggester=PathSuggester(),
            )
        )

        async def flow() -> None:
            typed = await answer
            if typed is None or not typed.strip():
                return
            self.port.run_flow(
                partial(self._add, typed.strip()), name="add-source", group="sources"
            )

        self.port.run_flow(flow, name="add-prompt", group="prompt")

    async def _add(self, typed: str) -> None:
        from liveread.tui import importing

        store = self.port.store
        self.port.say(f"Reading {plain(typed)}…", timeout=3)
        max_pages = self.port.options.max_pages
        options = self.port.options
        read = partial(
            importing.import_source, store, typed, max_pages=max_pages, limits=options
        )
        source_id = await off_loop(read, "Could not add the live blog")
        view = await off_loop(partial(open_view, store, source_id), "Could not open it")
        self.port.show_view(view)
        if view.source is not None:
            self.port.say(f"Added {plain(view.source.title)}")

    # -- reloading ------------------------------------------------------------------------

    def reload(self, *, every: bool) -> None:
        """Read the selected live blog (or `every` one) again, then show the same entry."""
        chosen = None if every else self._chosen()
        if not every and chosen is None:
            return
        what = "live blogs" if every else plain(chosen.title if chosen else "")
        self.port.say(f"Reloading {what}…", timeout=2)
        entry, source = self.port.entry, self.port.source
        keep = entry.id if entry is not None else None
        shown = source.id if source is not None else None
        only = None if chosen is None else (chosen.id,)
        flow = partial(self._reload, only, shown, keep)
        self.port.run_flow(flow, name="reload-sources", group="sources", exclusive=True)

    async def _reload(
        self, only: tuple[int, ...] | None, shown: int | None, keep_entry: int | None
    ) -> None:
        from liveread.tui import importing

        store = self.port.store

        def reload() -> ReloadReport:
            ids = only if only is not None else [s.id for s in store.sources()]
            return importing.reload_sources(store, ids, limits=self.port.options)

        report = await off_loop(reload, "Could not reload")
        for problem in report.problems[:MAX_PROBLEMS]:
            self.port.problem("Could not reload a live blog", problem)
        if len(report.problems) > MAX_PROBLEMS:
            # Never a screen full of toasts: the rest as one line (the CLI's import names each).
            more = len(report.problems) - MAX_PROBLEMS
            self.port.problem("Could not reload a live blog", f"…and {more} more could not be read")
        self.port.say(plain(report.summary()))
        tagged = autotag_summary(report.results)
        if tagged:
            self.port.say(f"{plain(tagged)[:1].upper()}{plain(tagged)[1:]} (u undoes).")
        read = partial(open_view, store, shown, Place(keep_entry=keep_entry))
        view = await off_loop(read, "Could not open the live blog")
        self.port.show_view(view)
        read_again = {result.source_id for result in report.results}
        for warning in notice_warnings(view.sources, read_again):
            self.port.warn(warning)

    # -- renaming and marking -------------------------------------------------------------

    def rename(self) -> None:
        """Ask for a new name for the selected live blog (empty: its page's own title)."""
        from liveread.tui.screens.prompt import PromptScreen

        source = self._chosen()
        if source is None:
            return
        answer = self.port.ask(
            PromptScreen(
                "Rename the live blog",
                plain(source.title),
                hint="Empty goes back to the title the page gives.",
            )
        )

        async def flow() -> None:
            name = await answer
            if name is None:
                return
            write = partial(managing.rename, self.port.store, source.id, name)
            renamed = await off_loop(write, "Could not rename the live blog")
            await self._refresh_sources()
            self.port.say(f"Now called {plain(renamed.title)}")

        self.port.run_flow(flow, name="rename-source", group="sources")

    def mark_all_read(self) -> None:
        """Mark every entry of the selected live blog read."""
        source = self._chosen()
        if source is None:
            return
        port = self.port

        async def flow() -> None:
            store = port.store
            marked = await off_loop(
                partial(managing.mark_read, store, source.id), "Could not mark the blog read"
            )
            await self._refresh_sources()
            shown = port.source
            if shown is not None and shown.id == source.id:
                # The list read again in the mode it is in (a search or filter stays), at the
                # same entry and scroll, so every row shows as read.
                keep = port.entry.id if port.entry is not None else None
                search, query = port.search, port.filter_query
                read = listing_reader(store, shown, search, query, keep, port.list_top())
                listing = await off_loop(read, "Could not read the list")
                port.show_listing(listing, search=search, query=query)
            port.say(f"Marked {plural(marked, 'entry')} read in {plain(source.title)}")

        self.port.run_flow(flow, name="mark-source-read", group="settle")

    async def _refresh_sources(self) -> None:
        sources = await off_loop(self.port.store.sources, "Could not read the live blogs")
        self.port.show_sources(tuple(sources))

    # -- removing -------------------------------------------------------------------------

    def remove(self) -> None:
        """Remove the selected live blog; one holding annotations asks first, and its
        annotations are exported beside the database before anything is deleted."""
        source = self._chosen()
        if source is not None:
            flow = partial(self._remove, source)
            self.port.run_flow(flow, name="remove-source", group="sources", exclusive=True)

    async def _remove(self, source: Source) -> None:
        from liveread.tui.screens.confirm import ConfirmScreen

        store = self.port.store
        plan = partial(managing.plan_removal, store, source.id)
        removal = await off_loop(plan, "Could not remove the live blog")
        if removal.must_ask:
            question = ConfirmScreen(
                removal.question(), source.title, keymap=self.port.options.keymap
            )
            if not await self.port.ask(question):
                self.port.say("Nothing was removed.")
                return
        done = partial(managing.remove, store, removal)
        removed = await off_loop(done, "Could not remove the live blog")
        shown = self.port.source
        keep = shown.id if shown is not None and shown.id != source.id else None
        view: View = await off_loop(partial(open_view, store, keep), "Could not read the blogs")
        self.port.show_view(view)
        self.port.say(plain(removed.summary()), timeout=12)
