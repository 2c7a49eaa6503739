"""The entry keys of the main screen that are not annotations: read/unread (`m`), the next
and previous unread entry (`n`, `N`), opening one of an entry's links (`o`) and copying one
(`y`). (Reloading live blogs, `r` and `R`, is `tui.sourcing`.)

Each write is committed in a thread before the screen shows it; a link is shown in a dialog
first (after the user chose it by number, when the entry has more than its own) and handed
to the browser only if it is a plain http(s) link and the user says yes. A copied link goes to
the terminal's clipboard (OSC 52, through Textual's `copy_to_clipboard`) only when the user
pressed `y`: content never triggers a copy.
"""

from __future__ import annotations

from collections.abc import Awaitable
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from liveread.kernel.model import Entry, Source
from liveread.tui.display import plain
from liveread.tui.port import MainPort
from liveread.tui.working import off_loop

if TYPE_CHECKING:
    from liveread.tui.screens.confirm import ConfirmScreen


def is_web_link(url: str) -> bool:
    """True for a plain http(s) link with a host: the only kind handed to a browser."""
    if url != plain(url) or " " in url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Entries:
    """Read state, next unread, links and reload for one main screen."""

    def __init__(self, port: MainPort) -> None:
        """Make the feature for the screen behind `port`."""
        self.port = port
        """The main screen, as this feature may use it."""

    def toggle_read(self, entry: Entry) -> None:
        """Mark `entry` read, or unread again."""
        store = self.port.store
        entry_id, source_id, read = entry.id, entry.source_id, not entry.read

        def write() -> tuple[Entry, Source]:
            store.set_read(entry_id, read)
            store.set_selected_entry(source_id, entry_id)
            return store.entry(entry_id), store.source(source_id)

        async def flow() -> None:
            changed = await off_loop(write, "Could not change the read state")
            self.port.show_read_state(*changed)

        self.port.run_flow(flow, name="toggle-read", group="settle")

    def next_unread(self) -> None:
        """Select the next unread entry, wrapping round to the top."""
        self._step_unread(forward=True)

    def previous_unread(self) -> None:
        """Select the nearest unread entry above the selected one, wrapping round to the end."""
        self._step_unread(forward=False)

    def _step_unread(self, *, forward: bool) -> None:
        """Select the nearest unread entry below (`forward`) or above the selected one."""
        source, listing = self.port.source, self.port.listing
        if source is None or listing is None:
            return
        if self.port.view is not None or self.port.everywhere:
            # Rows of several blogs: the shown blog's next unread has no row of its own here.
            self.port.say("Unread entries go one live blog at a time: escape first to go back.")
            return
        start = self.port.entry.id if self.port.entry is not None else None
        flow = partial(self._find_unread, source.id, start, forward)
        name = "next-unread" if forward else "previous-unread"
        self.port.run_flow(flow, name=name, group="next-unread", exclusive=True)

    async def _find_unread(self, source_id: int, start: int | None, forward: bool) -> None:
        store = self.port.store
        step = store.next_unread if forward else store.previous_unread

        def find() -> tuple[Entry | None, int | None]:
            found = step(source_id, start)
            if found is None and start is not None:
                found = step(source_id, None)  # wrap round
            return found, store.entry_index(found.id) if found is not None else None

        found, index = await off_loop(find, "Could not find unread entries")
        if found is None or index is None or found.id == start:
            self.port.say("No other unread entries here." if found else "No unread entries here.")
            return
        shown = self.port.listing
        if shown is not None and shown.source_id == source_id:
            self.port.select_row(shown, index)

    def open_link(self) -> None:
        """Offer the selected entry's own link and the links in its body by number; show the
        one chosen and, if the user agrees, open it in the browser."""
        from liveread.tui.screens.links import LinksScreen, link_choices

        entry = self.port.selected()
        if entry is None:
            return
        choices = link_choices(entry)
        if not choices:
            self.port.say("This entry has no links.")
            return
        if len(choices) == 1:
            # Only the entry's own link: nothing to choose, so it is shown at once.
            url = choices[0].url
            if self._web_link(url):
                answer = self.port.ask(self._question(url))
                opening = partial(self._open, url, answer)
                self.port.run_flow(opening, name="open-link", group="browser")
            return
        chosen = self.port.ask(LinksScreen(choices))

        async def flow() -> None:
            url = await chosen
            if url is not None and self._web_link(url):
                await self._open(url, self.port.ask(self._question(url)))

        self.port.run_flow(flow, name="open-link", group="browser")

    def copy_link(self) -> None:
        """Copy one of the selected entry's links to the clipboard: its own link at once when
        it has no other, else the one the user chooses by number (as `o` offers them)."""
        from liveread.tui.screens.links import LinksScreen, link_choices

        entry = self.port.selected()
        if entry is None:
            return
        choices = link_choices(entry)
        if not choices:
            self.port.say("This entry has no links.")
            return
        if len(choices) == 1:
            self._copy(choices[0].url)
            return
        chosen = self.port.ask(LinksScreen(choices, title="Copy which link?"))

        async def flow() -> None:
            url = await chosen
            if url is not None:
                self._copy(url)

        self.port.run_flow(flow, name="copy-link", group="browser")

    def _copy(self, url: str) -> None:
        # Cleaned like every line shown: what lands in the clipboard is the link as displayed.
        link = plain(url)
        self.port.app.copy_to_clipboard(link)
        self.port.say(f"Copied the link: {link}", timeout=4)

    def _web_link(self, url: str) -> bool:
        """True for a link that may go to a browser; else says why not."""
        if is_web_link(url):
            return True
        self.port.warn(f"Not opening this link (only http and https links are): {plain(url)}")
        return False

    def _question(self, url: str) -> ConfirmScreen:
        from liveread.tui.screens.confirm import ConfirmScreen

        keymap = self.port.options.keymap
        return ConfirmScreen("Open this link in your web browser?", url, keymap=keymap)

    async def _open(self, url: str, answer: Awaitable[bool]) -> None:
        # The browser can take a while to start: in a thread, once the user said yes.
        if await answer:
            opened = partial(self.port.options.open_browser, url)
            await off_loop(opened, "Could not open the link")
