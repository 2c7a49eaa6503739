"""The annotation keys of the main screen: tags, quick tags, star, pin, highlights, notes,
delete, undo and redo. Each write is committed in a worker before the screen confirms it
(`tui.controller`)."""

from __future__ import annotations

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import Entry, Highlight, Note
from liveread.kernel.settings import DEFAULT_QUICK_TAGS
from liveread.kernel.tags import parse_tag_input
from liveread.tui.controller import Refreshed, quoted_names, short_quote
from liveread.tui.display import plain
from liveread.tui.finding import Finder
from liveread.tui.widgets.reader_document import Target


class Annotator(Finder):
    """Runs every annotation and finding action of one main screen."""

    # -- tags, star, pin ---------------------------------------------------------------------

    def do_tag_prompt(self) -> None:
        """Open the tag prompt for the selected entry."""
        from liveread.tui.screens.tag_prompt import TagPrompt

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
                    said.append(f"Tagged {quoted_names(added)}")
                if removed:
                    verb = "untagged" if said else "Untagged"
                    said.append(f"{verb} {quoted_names(removed)}")
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
            return f"Highlighted in {made.color}: {short_quote(made.exact)}"

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
        from liveread.tui.screens.note_editor import NoteEditor

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
            highlight_id, quote = found.id, short_quote(found.exact)

            def write() -> str:
                self.store.delete_highlight(highlight_id)
                return f"Deleted the highlight {quote} (u undoes)."

        else:
            note_id, quote = found.id, short_quote(found.text)

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
        from liveread.services import undoing

        def work() -> tuple[str | None, Refreshed | None]:
            store = self.store
            step = store.redo_step if forward else store.undo_step
            said = undoing.redo(store) if forward else undoing.undo(store)
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
