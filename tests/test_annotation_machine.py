"""A state machine over import, annotate, edit, re-import, undo, redo and delete.

Its invariant: an annotation disappears only through a delete (or undoing its creation), and
every highlight is either anchored, with `body[start:end] == exact`, or orphaned. Undo and redo
are checked against a model: undoing returns the user's annotations exactly to the state
before the action, whatever edits were imported in between.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from liveread.kernel.colors import HIGHLIGHT_COLORS
from liveread.kernel.errors import InputError
from liveread.kernel.model import ParsedEntry, ParsedFeed
from liveread.storage import Store
from tests.feedmaker import LOCATION, entry, feed

WORDS = ["storm", "harbour", "wall", "the", "said", "crews", "tide", "ferry", "12", "“held”", "—"]
TAGS = ["key", "Verify", "verify ", "quote", "follow up"]

_word = st.sampled_from(WORDS)
_paragraph = st.lists(_word, min_size=1, max_size=12).map(" ".join)
_note_text = st.sampled_from(["check", "ring the council", "**bold** claim", "  ", "x"])


@dataclass
class Model:
    """What the user has attached, as the store should report it."""

    highlights: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    """Highlight id -> (colour, note)."""
    notes: dict[int, str] = field(default_factory=dict)
    """Note id -> text."""
    tags: dict[int, frozenset[str]] = field(default_factory=dict)
    """Entry id -> tag names."""
    flags: dict[int, tuple[bool, bool]] = field(default_factory=dict)
    """Entry id -> (starred, pinned)."""


class AnnotationMachine(RuleBasedStateMachine):
    """Drives a real Store on a real file; checks it against `Model`."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="liveread-machine-"))
        self.store = Store.open(self.dir / "machine.db")
        self.bodies: list[list[str]] = [
            ["the storm said the harbour wall held", "crews said 12"],
            ["ferry tide the ferry", "the storm — the storm"],
            ["“held” harbour"],
        ]
        result = self.store.import_feed(LOCATION, self._feed())
        self.ids = [e.id for e in self.store.entries(result.source_id)]
        self.model = Model(
            tags={i: frozenset() for i in self.ids}, flags={i: (False, False) for i in self.ids}
        )
        self.undo_models: list[Model] = []
        self.redo_models: list[Model] = []

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _feed(self) -> ParsedFeed:
        entries: list[ParsedEntry] = [
            entry(f"e{i}", "\n\n".join(paragraphs)) for i, paragraphs in enumerate(self.bodies)
        ]
        return feed(*entries)

    def _changed(self, before: Model) -> None:
        self.undo_models.append(before)
        self.redo_models.clear()

    def _body(self, index: int) -> str:
        return self.store.entry(self.ids[index]).body

    # -- annotating ---------------------------------------------------------------------------

    @rule(index=st.integers(0, 2), data=st.data(), color=st.sampled_from(HIGHLIGHT_COLORS))
    def highlight(self, index: int, data: st.DataObject, color: str) -> None:
        body = self._body(index)
        start = data.draw(st.integers(0, len(body) - 1))
        end = data.draw(st.integers(start + 1, min(len(body), start + 40)))
        before = copy.deepcopy(self.model)
        if not body[start:end].strip():
            try:
                self.store.add_highlight(self.ids[index], start, end, color)
            except InputError:
                return
            raise AssertionError("a blank selection was highlighted")
        made = self.store.add_highlight(self.ids[index], start, end, color)
        assert made.exact == body[start:end].strip()
        self.model.highlights[made.id] = (color, None)
        self._changed(before)

    @rule(index=st.integers(0, 2), data=st.data())
    def highlight_quote(self, index: int, data: st.DataObject) -> None:
        words = self._body(index).split()
        first = data.draw(st.integers(0, len(words) - 1))
        quote = " ".join(words[first : first + data.draw(st.integers(1, 4))])
        before = copy.deepcopy(self.model)
        made = self.store.add_highlight_quote(self.ids[index], quote, None, "from a quote")
        self.model.highlights[made.id] = ("yellow", "from a quote")
        self._changed(before)

    @rule(index=st.integers(0, 2), names=st.lists(st.sampled_from(TAGS), min_size=1, max_size=3))
    def tag(self, index: int, names: list[str]) -> None:
        before = copy.deepcopy(self.model)
        added = self.store.add_tags(self.ids[index], names)
        wanted = {n.strip().casefold() for n in names}
        assert set(added) == wanted - self.model.tags[self.ids[index]]
        if added:
            self.model.tags[self.ids[index]] |= wanted
            self._changed(before)

    @rule(index=st.integers(0, 2), names=st.lists(st.sampled_from(TAGS), min_size=1, max_size=3))
    def untag(self, index: int, names: list[str]) -> None:
        before = copy.deepcopy(self.model)
        removed = self.store.remove_tags(self.ids[index], names)
        wanted = {n.strip().casefold() for n in names}
        assert set(removed) == wanted & self.model.tags[self.ids[index]]
        if removed:
            self.model.tags[self.ids[index]] -= wanted
            self._changed(before)

    @rule(index=st.integers(0, 2), name=st.sampled_from(TAGS))
    def toggle(self, index: int, name: str) -> None:
        before = copy.deepcopy(self.model)
        now_tagged = self.store.toggle_tag(self.ids[index], name)
        tag = name.strip().casefold()
        assert now_tagged == (tag not in self.model.tags[self.ids[index]])
        self.model.tags[self.ids[index]] ^= {tag}
        self._changed(before)

    @rule(index=st.integers(0, 2), which=st.integers(0, 1), value=st.booleans())
    def flag(self, index: int, which: int, value: bool) -> None:
        before = copy.deepcopy(self.model)
        entry_id = self.ids[index]
        setter = self.store.set_starred if which == 0 else self.store.set_pinned
        changed = setter(entry_id, value)
        flags = list(self.model.flags[entry_id])
        assert changed == (flags[which] != value)
        if changed:
            flags[which] = value
            self.model.flags[entry_id] = (flags[0], flags[1])
            self._changed(before)

    @rule(index=st.integers(0, 2), text=_note_text)
    def note(self, index: int, text: str) -> None:
        before = copy.deepcopy(self.model)
        if not text.strip():
            try:
                self.store.add_note(self.ids[index], text)
            except InputError:
                return
            raise AssertionError("a blank note was saved")
        made = self.store.add_note(self.ids[index], text)
        self.model.notes[made.id] = text.strip()
        self._changed(before)

    @precondition(lambda self: bool(self.model.notes))
    @rule(data=st.data(), text=_note_text.filter(str.strip))
    def update_note(self, data: st.DataObject, text: str) -> None:
        note_id = data.draw(st.sampled_from(sorted(self.model.notes)))
        before = copy.deepcopy(self.model)
        self.store.update_note(note_id, text)
        if self.model.notes[note_id] != text.strip():
            self.model.notes[note_id] = text.strip()
            self._changed(before)

    @precondition(lambda self: bool(self.model.notes))
    @rule(data=st.data())
    def delete_note(self, data: st.DataObject) -> None:
        note_id = data.draw(st.sampled_from(sorted(self.model.notes)))
        before = copy.deepcopy(self.model)
        self.store.delete_note(note_id)
        del self.model.notes[note_id]
        self._changed(before)

    @precondition(lambda self: bool(self.model.highlights))
    @rule(data=st.data(), color=st.sampled_from(HIGHLIGHT_COLORS), note=st.none() | _note_text)
    def change_highlight(self, data: st.DataObject, color: str, note: str | None) -> None:
        highlight_id = data.draw(st.sampled_from(sorted(self.model.highlights)))
        old_color, old_note = self.model.highlights[highlight_id]
        new_note = note.strip() if note and note.strip() else None
        before = copy.deepcopy(self.model)
        self.store.set_highlight_color(highlight_id, color)
        if color != old_color:
            self._changed(copy.deepcopy(before))
            before = copy.deepcopy(self.model)
        self.model.highlights[highlight_id] = (color, old_note)
        before = copy.deepcopy(self.model)
        self.store.set_highlight_note(highlight_id, note)
        self.model.highlights[highlight_id] = (color, new_note)
        if new_note != old_note:
            self._changed(before)

    @precondition(lambda self: bool(self.model.highlights))
    @rule(data=st.data())
    def delete_highlight(self, data: st.DataObject) -> None:
        highlight_id = data.draw(st.sampled_from(sorted(self.model.highlights)))
        before = copy.deepcopy(self.model)
        self.store.delete_highlight(highlight_id)
        del self.model.highlights[highlight_id]
        self._changed(before)

    # -- the newsroom edits -------------------------------------------------------------------

    @rule(index=st.integers(0, 2), data=st.data())
    def edit(self, index: int, data: st.DataObject) -> None:
        paragraphs = self.bodies[index]
        kind = data.draw(
            st.sampled_from(["insert", "delete", "reword", "add word", "swap", "rewrite"])
        )
        at = data.draw(st.integers(0, len(paragraphs) - 1))
        if kind == "insert":
            paragraphs.insert(at, data.draw(_paragraph))
        elif kind == "delete" and len(paragraphs) > 1:
            del paragraphs[at]
        elif kind in ("reword", "add word"):
            words = paragraphs[at].split()
            spot = data.draw(st.integers(0, len(words) - 1))
            if kind == "reword":
                words[spot] = data.draw(_word)
            else:
                words.insert(spot, data.draw(_word))
            paragraphs[at] = " ".join(words)
        elif kind == "rewrite":
            paragraphs[at] = data.draw(_paragraph)
        elif kind == "swap" and len(paragraphs) > 1:
            paragraphs[0], paragraphs[-1] = paragraphs[-1], paragraphs[0]
        self.store.import_feed(LOCATION, self._feed())
        assert self._body(index) == "\n\n".join(paragraphs)

    @rule()
    def reimport(self) -> None:
        before = self.store.annotated_entries()
        self.store.import_feed(LOCATION, self._feed())
        assert self.store.annotated_entries() == before

    # -- undo and redo ------------------------------------------------------------------------

    @rule()
    def undo(self) -> None:
        said = self.store.undo()
        if not self.undo_models:
            assert said is None
            return
        assert said
        self.redo_models.append(self.model)
        self.model = self.undo_models.pop()

    @rule()
    def redo(self) -> None:
        said = self.store.redo()
        if not self.redo_models:
            assert said is None
            return
        assert said
        self.undo_models.append(self.model)
        self.model = self.redo_models.pop()

    # -- what must always hold ----------------------------------------------------------------

    @invariant()
    def annotations_match_the_model(self) -> None:
        everything = self.store.annotated_entries()
        highlights = {h.id: (h.color, h.note) for a in everything for h in a.highlights}
        assert highlights == self.model.highlights
        assert {n.id: n.text for a in everything for n in a.notes} == self.model.notes
        assert {a.entry.id: frozenset(a.tags) for a in everything} == self.model.tags
        assert {a.entry.id: (a.entry.starred, a.entry.pinned) for a in everything} == (
            self.model.flags
        )

    @invariant()
    def highlights_are_anchored_or_orphaned(self) -> None:
        everything = self.store.annotated_entries()
        highlights = [h for a in everything for h in a.highlights]
        event("has an orphan", str(any(h.orphaned for h in highlights)))
        event(
            "has a highlight whose words an edit changed", str(any(h.original for h in highlights))
        )
        for annotated in everything:
            body = annotated.entry.body
            for h in annotated.highlights:
                assert h.status in ("anchored", "orphaned")
                if h.status == "anchored":
                    assert 0 <= h.start < h.end <= len(body)
                    assert body[h.start : h.end] == h.exact


AnnotationMachine.TestCase.settings = settings(
    max_examples=150, stateful_step_count=50, deadline=None
)
TestAnnotations = AnnotationMachine.TestCase
