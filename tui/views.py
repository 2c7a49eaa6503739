"""The views of the main screen: the key-event timeline (`T`), the orphaned highlights, the
notebook of every highlight and note (`H`), and what changed between an entry's revisions
(`d`). Each reads in a thread, then opens its screen; choosing an entry in one goes to it
(`MainPort.go_to_entry`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread.kernel.model import Entry, Highlight
from liveread.kernel.notebook import NotebookItem
from liveread.tui.display import plain
from liveread.tui.port import MainPort
from liveread.tui.working import off_loop

if TYPE_CHECKING:
    from rich.text import Text


class Views:
    """The timeline, orphans, notebook and changes views for one main screen."""

    def __init__(self, port: MainPort) -> None:
        """Make the feature for the screen behind `port`."""
        self.port = port
        """The main screen, as this feature may use it."""

    def timeline(self) -> None:
        """Show the key events of every live blog as a timeline."""
        self.port.run_flow(self._timeline, name="timeline", group="views")

    async def _timeline(self) -> None:
        from liveread.tui.screens.timeline import timeline_screen

        store = self.port.store

        def read() -> tuple[list[Entry], dict[int, str]]:
            titles = {s.id: s.title for s in store.sources()}
            return store.pinned_timeline(), titles

        pinned, titles = await off_loop(read, "Could not read the key events")
        picked = await self.port.ask(timeline_screen(pinned, titles, self.port.options.times))
        if picked is not None:
            self.port.go_to_entry(picked)

    def orphans(self) -> None:
        """List the orphaned highlights of every live blog."""
        self.port.run_flow(self._orphans, name="orphans", group="views")

    async def _orphans(self) -> None:
        from liveread.tui.screens.orphans import orphans_screen

        store = self.port.store

        def read() -> tuple[list[Highlight], dict[int, Entry]]:
            highlights = store.orphaned_highlights()
            ids = {h.entry_id for h in highlights}
            return highlights, {i: store.entry(i) for i in ids}

        highlights, entries = await off_loop(read, "Could not read the orphaned highlights")
        picked = await self.port.ask(orphans_screen(highlights, entries))
        if picked is not None:
            self.port.go_to_entry(picked)

    def notebook(self) -> None:
        """Show every highlight and note of every live blog, newest first."""
        self.port.run_flow(self._notebook, name="notebook", group="views")

    async def _notebook(self) -> None:
        from liveread.tui.screens.notebook import PAGE, NotebookScreen

        store = self.port.store

        # The newest page first, so the screen opens at once whatever the notebook holds;
        # the screen reads the rest behind it.
        def read() -> tuple[list[NotebookItem], int]:
            return store.notebook(limit=PAGE), store.notebook_count()

        items, total = await off_loop(read, "Could not read the notebook")
        options = self.port.options
        rest = store.notebook if total > len(items) else None
        screen = NotebookScreen(items, options.times, options.colors, total, rest)
        picked = await self.port.ask(screen)
        if picked is not None:
            self.port.go_to_entry(picked)

    def diff(self) -> None:
        """Show what changed between the revisions of the selected entry."""
        entry = self.port.selected()
        if entry is not None:
            self.port.run_flow(lambda: self._diff(entry), name="revisions", group="views")

    async def _diff(self, entry: Entry) -> None:
        from liveread.tui.screens.diff import DiffScreen, diff_text

        store = self.port.store
        times = self.port.options.times

        def read() -> tuple[Text, int] | None:
            # Built in the thread too: the word diff of a long entry is work of its own.
            # The entry as stored now: a poll may have edited it since it was selected.
            current, revisions = store.entry(entry.id), store.revisions(entry.id)
            return (diff_text(current, revisions, times), len(revisions)) if revisions else None

        found = await off_loop(read, "Could not read")
        if found is None:
            self.port.say("This entry has not been edited.")
            return
        text, edits = found
        title = f"Changes: {plain(entry.title)[:60]} (edited {edits}×)"
        self.port.ask(DiffScreen(title, text))
