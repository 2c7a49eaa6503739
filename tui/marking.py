"""Marking entries for a bulk action, and the bulk actions themselves.

`space` marks or unmarks the selected entry (and moves to the next, so a run of `space`
marks a run of rows), `*` marks every entry the list shows, `U` (or `escape`, before it
clears the filter) clears the marks. While entries are marked, the tag prompt, the quick
tags, star, pin and read/unread act on all of them: one transaction (`Store.bulk_edit`,
`Store.bulk_toggle`, planned by `liveread.kernel.bulk`), committed before the screen says
"Tagged 12 entries 'drones'.", and one undo step, so one `u` takes all of it back.

Marks are kept by entry id until they are cleared: a refresh of the list (polling, a
reload, another filter or blog) keeps them, and the marked entries a new filter hides stay
marked and are still acted on (the count on the list's border says how many there are).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from liveread.kernel.bulk import BulkPlan, EditTags, Flag
from liveread.kernel.errors import LivereadError
from liveread.kernel.tags import normalise_tag, parse_tag_input
from liveread.services.undoing import done_text
from liveread.services.wording import plural
from liveread.storage import Store
from liveread.tui.display import plain
from liveread.tui.entry_state import Refreshed, read_back
from liveread.tui.port import MainPort
from liveread.tui.working import Failed, off_loop

MARK_LIMIT = 10_000
"""Most entries `*` marks at once (the first ones the list shows): a bulk action over more
is one long transaction the user rarely means."""

SHARED_TAGS_LIMIT = 500
"""The bulk tag prompt lists the tags all marked entries share when at most this many are
marked (more would make the prompt wait on the database)."""

_PAGE = 500
"""Entries read at a time while marking everything shown."""


class Marking:
    """The marks of one main screen, and the bulk actions on them."""

    def __init__(self, port: MainPort) -> None:
        """Make the feature for the screen behind `port`, with nothing marked."""
        self.port = port
        """The main screen, as this feature may use it."""
        self._ids: dict[int, None] = {}  # marked entry ids, in the order marked

    # -- the marks ------------------------------------------------------------------------

    @property
    def ids(self) -> tuple[int, ...]:
        """The marked entries, in the order they were marked."""
        return tuple(self._ids)

    @property
    def count(self) -> int:
        """How many entries are marked."""
        return len(self._ids)

    def _show(self) -> None:
        self.port.show_marked(frozenset(self._ids))

    def toggle(self) -> None:
        """Mark the selected entry, or unmark it; then select the next row."""
        entry = self.port.selected()
        if entry is None:
            return
        if entry.id in self._ids:
            del self._ids[entry.id]
        else:
            self._ids[entry.id] = None
        self._show()
        listing, position = self.port.listing, self.port.position
        if listing is not None and position is not None and position + 1 < listing.count:
            self.port.select_row(listing, position + 1)

    def mark_all(self) -> None:
        """Mark every entry the list shows (at most MARK_LIMIT)."""
        listing = self.port.listing
        if listing is None or not listing.count:
            self.port.say("Nothing to mark: the list is empty.")
            return

        def read() -> list[int]:
            ids: list[int] = []
            for offset in range(0, min(listing.count, MARK_LIMIT), _PAGE):
                limit = min(_PAGE, MARK_LIMIT - offset)
                ids.extend(entry.id for entry in listing.fetch(offset, limit))
            return ids

        async def mark() -> None:
            ids = await off_loop(read, "Could not read the entries to mark")
            if listing is not self.port.listing:
                return  # the list changed meanwhile: what it showed is not what is shown
            self._ids.update(dict.fromkeys(ids))
            self._show()
            more = f" (the first {MARK_LIMIT:,})" if listing.count > MARK_LIMIT else ""
            self.port.say(f"{plural(self.count, 'entry')} marked{more}.", timeout=4)

        self.port.run_flow(mark, name="mark-all", group="marking", exclusive=True)

    def clear(self) -> None:
        """Unmark every entry."""
        if not self._ids:
            self.port.say("No entries are marked.")
            return
        count = self.count
        self._ids.clear()
        self._show()
        self.port.say(f"Cleared the marks of {plural(count, 'entry')}.", timeout=4)

    # -- the bulk actions -----------------------------------------------------------------

    def tag_prompt(self) -> None:
        """Open the tag prompt for the marked entries; add and remove tags on all of them."""
        from liveread.tui.screens.quick_tags import quick_legend
        from liveread.tui.screens.tag_prompt import TagPrompt

        ids = self.ids
        options = self.port.options
        prompt = TagPrompt(quick_legend(options.quick_tags, options.keymap, columns=5))
        prompt.title_text = (
            f"Tags of {plural(len(ids), 'marked entry', 'marked entries')}"
            " (comma separated; -name removes)"
        )
        answer = self.port.ask(prompt)
        store = self.port.store

        def read() -> tuple[tuple[str, ...], list[str]]:
            tags = sorted(store.all_tags(), key=lambda t: (-t.count, t.name))
            # "Has:" lists the tags every marked entry has (read for a few hundred at most).
            shared: set[str] | None = None
            for entry_id in ids[:SHARED_TAGS_LIMIT]:
                have = set(store.entry_tags(entry_id))
                shared = have if shared is None else shared & have
                if not shared:
                    break
            common = shared if shared and len(ids) <= SHARED_TAGS_LIMIT else set()
            return tuple(sorted(common)), [t.name for t in tags]

        async def fill() -> None:
            prompt.show_tags(*await off_loop(read, "Could not read the tags"))

        async def tag() -> None:
            text = await answer
            if not text or not text.strip():
                return
            try:
                edit = parse_tag_input(text)
            except LivereadError as exc:
                raise Failed("Tags not changed", plain(str(exc))) from exc
            action = EditTags(add=edit.add, remove=edit.remove)
            await self._write(partial(store.bulk_edit, ids, action), "Could not change the tags")

        self.port.run_flow(fill, name="read-tags", group="read-tags")
        self.port.run_flow(tag, name="bulk-tags", group="annotate")

    def quick_tag(self, number: int) -> None:
        """Add quick tag `number` to every marked entry; when all have it, remove it from all."""
        quick = self.port.options.quick_tags
        if not 1 <= number <= len(quick):
            self.port.say(f"No quick tag {number}: name it in quick_tags in the config file.")
            return
        ids, store, tag = self.ids, self.port.store, normalise_tag(quick[number - 1])

        def write() -> BulkPlan:
            made = store.bulk_edit(ids, EditTags(add=(tag,)))
            return made or store.bulk_edit(ids, EditTags(remove=(tag,)))

        self.port.run_flow(
            partial(self._write, write, "Could not change the tags"),
            name="bulk-quick-tag",
            group="annotate",
        )

    def set_flag(self, flag: Flag) -> None:
        """Star, pin or mark read every marked entry; when all are so, the reverse."""
        ids, store = self.ids, self.port.store
        failure = "Could not mark the entries" if flag == "read" else "Could not change the entries"
        self.port.run_flow(
            partial(self._write, partial(store.bulk_toggle, ids, flag), failure),
            name=f"bulk-{flag}",
            group="annotate",
        )

    async def _write(self, write: Callable[[], BulkPlan], failure: str) -> None:
        """Commit one bulk action, say what it did, then show the changed rows afresh."""
        store = self.port.store
        shown = self.port.rows_in_memory()
        selected = self.port.entry

        def work() -> tuple[BulkPlan, str | None, list[Refreshed]]:
            made = write()
            step = store.undo_step if made else None
            said = done_text(step) if step is not None else None
            wanted = [i for i in made.entry_ids if i in shown]
            if selected is not None and selected.id in made.entry_ids:
                wanted.append(selected.id)
            return made, said, [read_back(store, i) for i in dict.fromkeys(wanted)]

        made, said, refreshed = await off_loop(work, failure)
        if said is None:
            self.port.say(
                f"No change: the {plural(self.count, 'marked entry', 'marked entries')}"
                " were already so.",
                timeout=4,
            )
            return
        self.port.say(f"{said[:1].upper()}{said[1:]}.", timeout=4)
        for one in refreshed:
            self.port.show_state(one)
        if isinstance(made.action, EditTags):
            return
        await self._recount(store)

    async def _recount(self, store: Store) -> None:
        """Fresh read counts of every live blog (a flag change may change them)."""
        sources = await off_loop(store.sources, "Could not count the entries")
        self.port.show_sources(tuple(sources))

