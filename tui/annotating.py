"""The annotation keys of the main screen: tags, star, pin, highlights, notes, delete, undo,
search, filter, the timeline, orphans and revision views, and the poll for other processes.

`Annotator` is the main screen's controller for all of it. Every write runs in a thread
worker and is committed (the Store's methods return only once their transaction has) before
the screen changes or says anything: the notification, the list row's markers and the reader
are updated from what the worker read back afterwards. The UI thread never waits on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from liveread.errors import LivereadError
from liveread.model import AnnotatedEntry, Entry, Highlight, Note
from liveread.settings import DEFAULT_QUICK_TAGS
from liveread.tags import parse_tag_input
from tui.display import plain
from tui.opening import filter_listing, plain_listing, search_listing
from tui.widgets.entry_list import Listing, RowMarks
from tui.widgets.reader_document import Target

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

T = TypeVar("T")

POLL_SECONDS = 2.0
"""How often the database is asked whether another process changed it."""


@dataclass(frozen=True, slots=True)
class Refreshed:
    """One entry read back after an action: what the screen shows of it."""

    entry: Entry
    """The entry (flags, read state)."""
    annotated: AnnotatedEntry
    """Its tags, highlights and notes."""

    @property
    def marks(self) -> RowMarks:
        """Its list row's markers."""
        annotated = self.annotated
        return RowMarks(annotated.tags, bool(annotated.highlights or annotated.notes))


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(plain(text).split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


class Annotator:
    """Runs the annotation actions for one main screen."""

    def __init__(self, screen: MainScreen) -> None:
        """Make the controller.

        Args:
            screen: The main screen it acts for (its store, entry, list and reader).
        """
        self.screen = screen
        """The main screen."""
        self.search: str | None = None
        """The search whose results the list shows, if it shows search results."""
        self._version: int | None = None
        self._polling = False

    @property
    def store(self) -> Any:
        """The database (typed loosely: the Store's mixins are many)."""
        return self.screen.store

    # -- running things ---------------------------------------------------------------------

    def run(self, verb: str, *args: object) -> None:
        """Run the action named by a key table row (`annotate('star')`)."""
        method: Callable[..., None] | None = getattr(self, f"do_{verb}", None)
        if method is None:
            raise ValueError(f"no annotation action {verb!r}")
        method(*args)

    def enabled(self, verb: str) -> bool:
        """Whether an action applies now (escape clears only a search or a filter)."""
        if verb == "clear":
            return self.search is not None or bool(self.screen.filter_query)
        return True

    def _in_thread(
        self,
        name: str,
        work: Callable[[], T],
        done: Callable[[T], None],
        failure: str,
        *,
        group: str = "annotate",
        exclusive: bool = False,
    ) -> None:
        """Run `work` in a thread worker; then `done(result)` on the UI thread, or a
        notification headed `failure` if the database said no."""
        app = self.screen.app

        def body() -> None:
            try:
                result = work()
            except LivereadError as exc:
                app.call_from_thread(self.screen._problem, failure, str(exc))
                return
            app.call_from_thread(done, result)

        self.screen.run_worker(body, name=name, group=group, thread=True, exclusive=exclusive)

    def _entry(self) -> Entry | None:
        entry = self.screen.entry
        if entry is None:
            self.screen.notify("No entry is selected.", markup=False)
        return entry

    def _read_back(self, entry_id: int) -> Refreshed:
        """(Worker thread) the entry and its annotations as now committed."""
        store = self.store
        return Refreshed(store.entry(entry_id), store.annotated_entry(entry_id))

    def _write(self, name: str, entry_id: int, write: Callable[[], str], failure: str) -> None:
        """Commit `write` (which returns what to tell the user), read the entry back, then
        show both."""

        def work() -> tuple[str, Refreshed]:
            said = write()
            return said, self._read_back(entry_id)

        def done(result: tuple[str, Refreshed]) -> None:
            said, refreshed = result
            self.show(refreshed)
            self.screen.notify(said, markup=False, timeout=4)

        self._in_thread(name, work, done, failure)

    def show(self, refreshed: Refreshed) -> None:
        """Show a committed state of an entry: its list row, and the reader if it is there."""
        screen = self.screen
        screen.entry_list.update_entry(refreshed.entry, refreshed.marks)
        if screen.entry is not None and screen.entry.id == refreshed.entry.id:
            screen.annotated = refreshed.annotated
            screen.entry = refreshed.entry

    # -- the reader's annotations --------------------------------------------------------------

    def entry_changed(self, old: Entry | None, new: Entry | None) -> None:
        """Another entry (or a new state of it) is shown: read its annotations if it has any."""
        screen = self.screen
        if new is None:
            screen.annotated = None
            return
        current = screen.annotated
        same = old is not None and old.id == new.id
        if same and current is not None and current.entry.id == new.id:
            return
        if not screen.entry_list.marks_of(new.id):
            screen.annotated = AnnotatedEntry(new)
            return

        def loaded(annotated: AnnotatedEntry) -> None:
            if screen.entry is not None and screen.entry.id == annotated.entry.id:
                screen.annotated = annotated

        self._in_thread(
            "load-annotations",
            lambda: self.store.annotated_entry(new.id),
            loaded,
            "Could not read the annotations",
            group="load-annotations",
            exclusive=True,
        )

    # -- tags, star, pin ---------------------------------------------------------------------

    def do_tag_prompt(self) -> None:
        """Open the tag prompt for the selected entry."""
        from tui.screens.tag_prompt import TagPrompt

        entry = self._entry()
        if entry is None:
            return
        prompt = TagPrompt()

        def read() -> tuple[tuple[str, ...], list[str]]:
            tags = sorted(self.store.all_tags(), key=lambda t: (-t.count, t.name))
            return self.store.entry_tags(entry.id), [t.name for t in tags]

        def answered(text: str | None) -> None:
            if not text or not text.strip():
                return
            try:
                edit = parse_tag_input(text)
            except LivereadError as exc:
                self.screen._problem("Tags not changed", str(exc))
                return

            def write() -> str:
                added, removed = self.store.edit_tags(entry.id, edit)
                said = []
                if added:
                    said.append(f"Tagged {_names(added)}")
                if removed:
                    verb = "untagged" if said else "Untagged"
                    said.append(f"{verb} {_names(removed)}")
                return "; ".join(said) + "." if said else "No change: the entry had those tags."

            self._write("edit-tags", entry.id, write, "Could not change the tags")

        self.screen.app.push_screen(prompt, answered)
        self._in_thread("read-tags", read, lambda got: prompt.show_tags(*got), "Tags")

    def do_quick_tag(self, number: int) -> None:
        """Add or remove quick tag `number` (1-9) from the config."""
        entry = self._entry()
        if entry is None:
            return
        settings = getattr(self.screen.app, "settings", None)
        quick = settings.quick_tags if settings is not None else DEFAULT_QUICK_TAGS
        if not 1 <= number <= len(quick):
            self.screen.notify(
                f"No quick tag {number}: name it in quick_tags in the config file.", markup=False
            )
            return
        name = quick[number - 1]

        def write() -> str:
            on = self.store.toggle_tag(entry.id, name)
            return f"Tagged '{plain(name)}'." if on else f"Untagged '{plain(name)}'."

        self._write("quick-tag", entry.id, write, "Could not change the tag")

    def _flag(self, column: str, words: tuple[str, str]) -> None:
        entry = self._entry()
        if entry is None:
            return

        def write() -> str:
            current = self.store.entry(entry.id)
            if column == "starred":
                value = not current.starred
                self.store.set_starred(entry.id, value)
            else:
                value = not current.pinned
                self.store.set_pinned(entry.id, value)
            return words[0] if value else words[1]

        self._write(f"set-{column}", entry.id, write, "Could not change the entry")

    def do_star(self) -> None:
        """Star or unstar the selected entry."""
        self._flag("starred", ("Starred.", "Unstarred."))

    def do_pin(self) -> None:
        """Mark the selected entry a key event, or unmark it."""
        self._flag("pinned", ("Marked a key event.", "No longer a key event."))

    # -- highlights and notes ------------------------------------------------------------------

    def do_select(self) -> None:
        """Focus the reader and start a selection at its cursor."""
        if self._entry() is None:
            return
        reader = self.screen.reader
        # At once, not after a refresh: keys typed straight after `v` move the selection.
        self.screen.set_focus(reader)
        reader.start_selection()

    def highlight(self, entry: Entry, start: int, end: int, color: str) -> None:
        """Highlight `body[start:end]` of an entry in `color`."""

        def write() -> str:
            made: Highlight = self.store.add_highlight(entry.id, start, end, color)
            return f"Highlighted in {made.color}: {_short(made.exact)}"

        self._write("highlight", entry.id, write, "Could not highlight")

    def _target(self) -> Target | None:
        reader = self.screen.reader
        return reader.target_at_cursor() if reader.has_focus else None

    def _annotation(self, target: Target) -> Highlight | Note | None:
        annotated = self.screen.annotated
        if annotated is None:
            return None
        pool: tuple[Highlight | Note, ...] = (
            annotated.highlights if target.kind == "highlight" else annotated.notes
        )
        return next((item for item in pool if item.id == target.id), None)

    def do_note(self) -> None:
        """Write a note on the entry, or edit the note or highlight note under the cursor."""
        from tui.screens.note_editor import NoteEditor

        entry = self._entry()
        if entry is None:
            return
        target = self._target()
        found = self._annotation(target) if target is not None else None
        if isinstance(found, Highlight):
            highlight = found
            editor = NoteEditor("Note on the highlight", highlight.note or "", highlight.exact)

            def on_highlight(text: str | None) -> None:
                if text is None:
                    return
                cleared = not text.strip()

                def write() -> str:
                    self.store.set_highlight_note(highlight.id, text or None)
                    return "Cleared the highlight's note." if cleared else "Saved the note."

                self._write("highlight-note", entry.id, write, "Could not save the note")

            self.screen.app.push_screen(editor, on_highlight)
            return
        if isinstance(found, Note):
            note = found
            editor = NoteEditor("Note", note.text, entry.title)

            def on_note(text: str | None) -> None:
                if text is None:
                    return
                if not text.strip():
                    self.screen.notify(
                        "A note needs some text; x on it deletes it. Nothing changed.",
                        markup=False,
                    )
                    return

                def write() -> str:
                    self.store.update_note(note.id, text)
                    return "Saved the note."

                self._write("update-note", entry.id, write, "Could not save the note")

            self.screen.app.push_screen(editor, on_note)
            return

        def on_new(text: str | None) -> None:
            if text is None:
                return
            if not text.strip():
                self.screen.notify("The note was empty: nothing saved.", markup=False)
                return

            def write() -> str:
                self.store.add_note(entry.id, text)
                return "Saved the note."

            self._write("add-note", entry.id, write, "Could not save the note")

        self.screen.app.push_screen(NoteEditor("New note on the entry", "", entry.title), on_new)

    def do_delete(self) -> None:
        """Delete the highlight or note under the reader's cursor (undoable, so no question)."""
        entry = self._entry()
        if entry is None:
            return
        target = self._target()
        found = self._annotation(target) if target is not None else None
        if found is None:
            self.screen.notify(
                "Nothing to delete here: put the reader's cursor on a highlight or a note.",
                markup=False,
            )
            return
        if isinstance(found, Highlight):
            highlight_id, quote = found.id, _short(found.exact)

            def write() -> str:
                self.store.delete_highlight(highlight_id)
                return f"Deleted the highlight {quote} (u undoes)."

        else:
            note_id, quote = found.id, _short(found.text)

            def write() -> str:
                self.store.delete_note(note_id)
                return f"Deleted the note {quote} (u undoes)."

        self._write("delete", entry.id, write, "Could not delete")

    # -- undo and redo -------------------------------------------------------------------------

    def do_undo(self) -> None:
        """Undo the last annotation action."""
        self._step(forward=False)

    def do_redo(self) -> None:
        """Redo the last undone annotation action."""
        self._step(forward=True)

    def _step(self, forward: bool) -> None:
        def work() -> tuple[str | None, Refreshed | None]:
            store = self.store
            step = store.redo_step if forward else store.undo_step
            said = store.redo() if forward else store.undo()
            if said is None or step is None:
                return None, None
            return said, self._read_back(step.entry_id)

        def done(result: tuple[str | None, Refreshed | None]) -> None:
            said, refreshed = result
            if said is None or refreshed is None:
                what = "redo" if forward else "undo"
                self.screen.notify(f"Nothing to {what}.", markup=False)
                return
            self.show(refreshed)
            head = "Redone" if forward else "Undone"
            self.screen.notify(f"{head}: {plain(said)}.", markup=False, timeout=4)
            shown = self.screen.entry
            if shown is None or shown.id != refreshed.entry.id:
                self.go_to_entry(refreshed.entry.id)

        self._in_thread("redo" if forward else "undo", work, done, "Could not undo")

    # -- search and filter ---------------------------------------------------------------------

    def do_search(self) -> None:
        """Ask for words; list this live blog's entries that match them, best first."""
        from tui.screens.prompt import PromptScreen

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
        from tui.screens.prompt import PromptScreen

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
        from tui.screens.timeline import timeline_screen

        def read() -> tuple[list[Entry], dict[int, str]]:
            titles = {s.id: s.title for s in self.store.sources()}
            return self.store.pinned_timeline(), titles

        def shown(got: tuple[list[Entry], dict[int, str]]) -> None:
            screen = timeline_screen(got[0], got[1], self.screen.options.times)
            self.screen.app.push_screen(screen, self._picked)

        self._in_thread("timeline", read, shown, "Could not read the key events")

    def do_orphans(self) -> None:
        """List the orphaned highlights of every live blog."""
        from tui.screens.orphans import orphans_screen

        def read() -> tuple[list[Highlight], dict[int, Entry]]:
            highlights = self.store.orphaned_highlights()
            ids = {h.entry_id for h in highlights}
            return highlights, {i: self.store.entry(i) for i in ids}

        def shown(got: tuple[list[Highlight], dict[int, Entry]]) -> None:
            self.screen.app.push_screen(orphans_screen(*got), self._picked)

        self._in_thread("orphans", read, shown, "Could not read the orphaned highlights")

    def do_diff(self) -> None:
        """Show what changed between the revisions of the selected entry."""
        from tui.screens.diff import DiffScreen, diff_text

        entry = self._entry()
        if entry is None:
            return

        def shown(revisions: list[Any]) -> None:
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

        def read() -> tuple[Listing, tuple[Any, ...], Any, Refreshed | None]:
            listing = read_listing()
            sources = tuple(self.store.sources())
            current = next((s for s in sources if source is not None and s.id == source.id), None)
            refreshed = self._read_back(keep) if keep is not None else None
            return listing, sources, current, refreshed

        def shown(got: tuple[Listing, tuple[Any, ...], Any, Refreshed | None]) -> None:
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
