"""The annotation keys of the main screen: tags, quick tags, star, pin, highlights, notes,
delete, undo and redo.

Each write is one transaction committed in a thread (`tui.working.off_loop`) before the screen
confirms it, from the entry read back afterwards (`tui.entry_state`). A dialog opens at once,
so keys typed straight after the one that opened it land in it; the flow then reads top to
bottom: await the answer, write, show. The note editor saves through `save_note` and stays
open with its text when the save fails (a full disk, a locked database).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import Entry, Highlight, Note
from liveread.kernel.tags import TagEdit, parse_tag_input
from liveread.kernel.text import short_quote
from liveread.services import undoing
from liveread.services.wording import quoted_names
from liveread.tui.display import plain
from liveread.tui.entry_state import Refreshed, read_back
from liveread.tui.port import MainPort
from liveread.tui.working import Failed, off_loop


class Annotate:
    """Runs the annotation keys of one main screen."""

    def __init__(self, port: MainPort) -> None:
        """Make the feature for the screen behind `port`."""
        self.port = port
        """The main screen, as this feature may use it."""

    # -- running a write ------------------------------------------------------------------

    async def _write(self, entry_id: int, write: Callable[[], str], failure: str) -> None:
        """Commit `write` (which returns what to tell the user), read the entry back, show."""
        store = self.port.store

        def work() -> tuple[str, Refreshed]:
            said = write()
            return said, read_back(store, entry_id)

        said, refreshed = await off_loop(work, failure)
        self.port.show_state(refreshed)
        self.port.say(said, timeout=4)

    def _start(self, name: str, entry_id: int, write: Callable[[], str], failure: str) -> None:
        self.port.run_flow(
            partial(self._write, entry_id, write, failure), name=name, group="annotate"
        )

    # -- tags, star, pin ------------------------------------------------------------------

    def tag_prompt(self) -> None:
        """Open the tag prompt for the selected entry; change its tags as answered."""
        from liveread.tui.screens.quick_tags import quick_legend
        from liveread.tui.screens.tag_prompt import TagPrompt

        entry = self.port.selected()
        if entry is None:
            return
        found = self._under_cursor()
        if isinstance(found, Highlight):
            self._highlight_tag_prompt(entry, found)
            return
        options = self.port.options
        prompt = TagPrompt(quick_legend(options.quick_tags, options.keymap, columns=5))
        answer = self.port.ask(prompt)
        store = self.port.store

        def read() -> tuple[tuple[str, ...], list[str]]:
            tags = sorted(store.all_tags(), key=lambda t: (-t.count, t.name))
            return store.entry_tags(entry.id), [t.name for t in tags]

        async def fill() -> None:
            current, known = await off_loop(read, "Could not read the tags")
            prompt.show_tags(current, known)

        async def tag() -> None:
            text = await answer
            if not text or not text.strip():
                return
            try:
                edit = parse_tag_input(text)
            except LivereadError as exc:
                raise Failed("Tags not changed", plain(str(exc))) from exc
            await self._write(
                entry.id, partial(self._edit_tags, entry.id, edit), "Could not change the tags"
            )

        self.port.run_flow(fill, name="read-tags", group="read-tags")
        self.port.run_flow(tag, name="edit-tags", group="annotate")

    def _highlight_tag_prompt(self, entry: Entry, highlight: Highlight) -> None:
        """The tag prompt for the highlight under the cursor: its own tags, not the entry's."""
        from liveread.tui.screens.tag_prompt import TagPrompt

        title = f"Tags of the highlight {plain(short_quote(highlight.exact))} (-name removes)"
        prompt = TagPrompt(title=title)
        answer = self.port.ask(prompt)
        store = self.port.store

        def read() -> tuple[tuple[str, ...], list[str]]:
            tags = sorted(store.all_tags(), key=lambda t: (-t.count, t.name))
            return store.highlight(highlight.id).tags, [t.name for t in tags]

        async def fill() -> None:
            current, known = await off_loop(read, "Could not read the tags")
            prompt.show_tags(current, known)

        def write(edit: TagEdit) -> str:
            added, removed = store.edit_highlight_tags(highlight.id, edit)
            said = []
            if added:
                said.append(f"Tagged the highlight {quoted_names(added)}")
            if removed:
                verb = "untagged" if said else "Untagged the highlight"
                said.append(f"{verb} {quoted_names(removed)}")
            return "; ".join(said) + "." if said else "No change: the highlight had those tags."

        async def tag() -> None:
            text = await answer
            if not text or not text.strip():
                return
            try:
                edit = parse_tag_input(text)
            except LivereadError as exc:
                raise Failed("Tags not changed", plain(str(exc))) from exc
            await self._write(entry.id, partial(write, edit), "Could not change the tags")

        self.port.run_flow(fill, name="read-tags", group="read-tags")
        self.port.run_flow(tag, name="edit-highlight-tags", group="annotate")

    def _edit_tags(self, entry_id: int, edit: TagEdit) -> str:
        """(Blocking) apply a tag edit; what to say about it."""
        added, removed = self.port.store.edit_tags(entry_id, edit)
        said = []
        if added:
            said.append(f"Tagged {quoted_names(added)}")
        if removed:
            verb = "untagged" if said else "Untagged"
            said.append(f"{verb} {quoted_names(removed)}")
        return "; ".join(said) + "." if said else "No change: the entry had those tags."

    def quick_tag(self, number: int) -> None:
        """Add or remove quick tag `number` (1-9) from the config."""
        entry = self.port.selected()
        if entry is None:
            return
        quick = self.port.options.quick_tags
        if not 1 <= number <= len(quick):
            self.port.say(f"No quick tag {number}: name it in quick_tags in the config file.")
            return
        name = quick[number - 1]
        store = self.port.store

        def write() -> str:
            on = store.toggle_tag(entry.id, name)
            return f"Tagged '{plain(name)}'." if on else f"Untagged '{plain(name)}'."

        self._start("quick-tag", entry.id, write, "Could not change the tag")

    def star(self) -> None:
        """Star or unstar the selected entry."""
        entry = self.port.selected()
        if entry is None:
            return
        store = self.port.store

        def write() -> str:
            value = not store.entry(entry.id).starred
            store.set_starred(entry.id, value)
            return "Starred." if value else "Unstarred."

        self._start("set-starred", entry.id, write, "Could not change the entry")

    def pin(self) -> None:
        """Mark the selected entry a key event, or unmark it."""
        entry = self.port.selected()
        if entry is None:
            return
        store = self.port.store

        def write() -> str:
            value = not store.entry(entry.id).pinned
            store.set_pinned(entry.id, value)
            return "Marked a key event." if value else "No longer a key event."

        self._start("set-pinned", entry.id, write, "Could not change the entry")

    # -- highlights and notes -------------------------------------------------------------

    def select(self) -> None:
        """Focus the reader and start a selection at its cursor."""
        if self.port.selected() is not None:
            self.port.start_selection()

    def highlight(self, entry: Entry, start: int, end: int, color: str) -> None:
        """Highlight `body[start:end]` of an entry in `color`."""
        from liveread.storage.highlight_meta import Placed

        store = self.port.store
        placed: list[Highlight] = []

        def write() -> str:
            made = store.place_highlight(entry.id, start, end, color)
            quote = short_quote(made.highlight.exact)
            if made.placed is Placed.ADDED:
                return f"Highlighted in {made.highlight.color}: {quote}"
            placed.append(made.highlight)
            if made.placed is Placed.SELECTED:
                return f"Already highlighted in {made.highlight.color}: {quote}"
            return f"Extended the highlight to {quote} (u undoes)"

        async def run() -> None:
            await self._write(entry.id, write, "Could not highlight")
            if placed:
                # The words were highlighted already: the cursor goes to that highlight.
                self.port.select_highlight(placed[0].id)

        self.port.run_flow(run, name="highlight", group="annotate")

    def _under_cursor(self) -> Highlight | Note | None:
        """The highlight or note under the reader's cursor, as last read."""
        target = self.port.target_at_cursor()
        annotated = self.port.annotated
        if target is None or annotated is None:
            return None
        pool: tuple[Highlight | Note, ...] = (
            annotated.highlights if target.kind == "highlight" else annotated.notes
        )
        return next((item for item in pool if item.id == target.id), None)

    def note(self) -> None:
        """Write a note on the entry, or edit the note or highlight note under the cursor."""
        from liveread.tui.screens.note_editor import NoteEditor

        entry = self.port.selected()
        if entry is None:
            return
        found = self._under_cursor()
        if isinstance(found, Highlight):
            title, text, about = "Note on the highlight", found.note or "", found.exact
        elif isinstance(found, Note):
            title, text, about = "Note", found.text, entry.title
        else:
            title, text, about = "New note on the entry", "", entry.title
        save = partial(self.save_note, entry, found)
        self.port.ask(NoteEditor(title, text, about, save=save, keymap=self.port.options.keymap))

    async def save_note(self, entry: Entry, on: Highlight | Note | None, text: str) -> bool:
        """Save what the note editor holds; True once it may close (saved, or nothing to
        save), False when the save failed and the editor must keep the text."""
        store = self.port.store
        if isinstance(on, Highlight):
            highlight_id, cleared = on.id, not text.strip()

            def write() -> str:
                store.set_highlight_note(highlight_id, text or None)
                return "Cleared the highlight's note." if cleared else "Saved the note."

        elif not text.strip():
            if isinstance(on, Note):
                self.port.say("A note needs some text; x on it deletes it. Nothing changed.")
            else:
                self.port.say("The note was empty: nothing saved.")
            return True
        elif isinstance(on, Note):
            note_id = on.id

            def write() -> str:
                store.update_note(note_id, text)
                return "Saved the note."

        else:

            def write() -> str:
                store.add_note(entry.id, text)
                return "Saved the note."

        try:
            await self._write(entry.id, write, "Could not save the note")
        except Failed as failed:
            self.port.problem(failed.title, failed.message + "; the note is still in the editor")
            return False
        return True

    def delete(self) -> None:
        """Delete the highlight or note under the reader's cursor (undoable, so no question)."""
        entry = self.port.selected()
        if entry is None:
            return
        found = self._under_cursor()
        store = self.port.store
        if found is None:
            self.port.say(
                "Nothing to delete here: put the reader's cursor on a highlight or a note."
            )
            return
        if isinstance(found, Highlight):
            highlight_id, quote = found.id, short_quote(found.exact)

            def write() -> str:
                store.delete_highlight(highlight_id)
                return f"Deleted the highlight {quote} (u undoes)."

        else:
            note_id, quote = found.id, short_quote(found.text)

            def write() -> str:
                store.delete_note(note_id)
                return f"Deleted the note {quote} (u undoes)."

        self._start("delete", entry.id, write, "Could not delete")

    # -- undo and redo --------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the last annotation action."""
        self.port.run_flow(partial(self._step, False), name="undo", group="annotate")

    def redo(self) -> None:
        """Redo the last undone annotation action."""
        self.port.run_flow(partial(self._step, True), name="redo", group="annotate")

    async def _step(self, forward: bool) -> None:
        store = self.port.store
        shown_rows = self.port.rows_in_memory()

        def work() -> tuple[str | None, Refreshed | None, list[Refreshed] | None]:
            step = store.redo_step if forward else store.undo_step
            said = undoing.redo(store) if forward else undoing.undo(store)
            if said is None or step is None:
                return None, None, None
            # A bulk step's other entries: the rows the list holds are shown afresh.
            others = [read_back(store, i) for i in step.others if i in shown_rows]
            return said, read_back(store, step.entry_id), others if step.others else None

        said, refreshed, others = await off_loop(work, "Could not undo")
        if said is None or refreshed is None:
            self.port.say(f"Nothing to {'redo' if forward else 'undo'}.")
            return
        self.port.show_state(refreshed)
        for other in others or ():
            self.port.show_state(other)
        self.port.say(f"{'Redone' if forward else 'Undone'}: {plain(said)}.", timeout=4)
        if others is not None:
            self.port.show_sources(tuple(await off_loop(store.sources, "Could not undo")))
            return  # a bulk step: the list stays where it is
        shown = self.port.entry
        if shown is None or shown.id != refreshed.entry.id:
            self.port.go_to_entry(refreshed.entry.id)
