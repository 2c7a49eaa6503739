"""The reader pane: the selected entry in full, with its annotations, a cursor and a selection.

Headline, a line with time, author, live blog and "edited N×", tag chips, the entry's link,
the body with highlights as coloured backgrounds, orphaned highlights, then notes. All of it
is content: cleaned again and built as plain rich `Text`, never markup
(`tui.widgets.reader_document`).

`Reader` is a Line API `ScrollView`: the document is wrapped once to the pane's width into
lines with known offsets (`tui.widgets.reader_cursor`), and `render_line` hands out the
visible ones. Showing another entry therefore repaints the pane without a layout pass over the
whole screen, which keeps key repeat in the list smooth.

While the reader has the focus it shows a cursor. `v` (bound on the main screen) starts a
selection at it; the cursor keys, words (`w`, `b`), sentences (`(`, `)`) and paragraphs
(`{`, `}`) extend it; dragging with the mouse selects too. `h` or `enter` highlights the
selection in the first colour, `1`-`5` in the colour of that number; the reader only asks (a
`HighlightRequested` message): the screen writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from liveread.kernel.colors import HIGHLIGHT_COLORS, color_label
from liveread.kernel.model import AnnotatedEntry, Entry, Source
from liveread.tui import actions
from liveread.tui.display import TimeDisplay
from liveread.tui.widgets import reader_cursor as cursor
from liveread.tui.widgets.reader_document import Document, Target, build_document, meta_line

__all__ = ["Reader", "meta_line"]


class Reader(ScrollView, can_focus=True):
    """The full text of one entry, or a notice when there is none.

    Scrolls with page up and page down; the main screen also binds `space`, `pagedown` and
    `pageup` to scroll it from every pane. Its own keys (scope `reader` in `tui.actions`)
    move the cursor and make highlights.
    """

    BINDINGS = actions.bindings("reader")
    ALLOW_SELECT = False  # the reader's own selection maps to body offsets; Textual's can't

    DEFAULT_CSS = """
    Reader {
        overflow-x: hidden;
        & > .reader--headline { text-style: bold; }
        & > .reader--meta { color: $text-muted; }
        & > .reader--link { color: $text-muted; text-style: underline; }
        & > .reader--notice { color: $text-muted; }
        & > .reader--heading { text-style: bold underline; }
        & > .reader--cursor { text-style: reverse; }
        & > .reader--selection { background: $primary; color: $text; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--headline",
        "reader--meta",
        "reader--link",
        "reader--notice",
        "reader--heading",
        "reader--cursor",
        "reader--selection",
    }
    """
    | Class | Description |
    | :- | :- |
    | `reader--headline` | The entry's headline. |
    | `reader--meta` | The line with time, author, live blog and edit count. |
    | `reader--link` | The entry's web link. |
    | `reader--notice` | What is shown when there is no entry. |
    | `reader--heading` | The headings of the orphans and notes under the body. |
    | `reader--cursor` | The cursor, while the reader has the focus. |
    | `reader--selection` | The text selected for a highlight. |
    """

    entry: reactive[Entry | None] = reactive(None)
    """The entry shown; None shows `notice` instead."""

    source: reactive[Source | None] = reactive(None)
    """The live blog the entry belongs to (its title goes on the meta line)."""

    notice: reactive[str] = reactive("")
    """What to say when there is no entry ("Loading…", "No live blogs yet…")."""

    annotated: reactive[AnnotatedEntry | None] = reactive(None)
    """The entry's tags, highlights and notes (used while it is about the entry shown)."""

    marked: reactive[tuple[str, ...]] = reactive(())
    """Searched words to show in the headline and body (`liveread.kernel.found`)."""

    blogs: reactive[Mapping[int, str]] = reactive(dict)
    """Blog titles by source id while the list holds several blogs' entries (the meta line
    names the entry's own blog); empty otherwise."""

    class HighlightRequested(Message):
        """The user asked to highlight the selection: stored-body offsets and a colour."""

        def __init__(self, reader: Reader, entry: Entry, start: int, end: int, color: str):
            super().__init__()
            self.reader = reader
            """The reader that asked."""
            self.entry = entry
            """The entry whose body it is."""
            self.start = start
            """Where the span starts in the stored body."""
            self.end = end
            """Where it ends (exclusive)."""
            self.color = color
            """The colour chosen (a `liveread.kernel.colors` name)."""

        @property
        def control(self) -> Reader:
            """The reader that asked (used by `@on`)."""
            return self.reader

    def __init__(
        self,
        times: TimeDisplay | None = None,
        *,
        keymap: Mapping[str, str] | None = None,
        colors: tuple[tuple[str, str], ...] = (),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Make an empty reader.

        Args:
            times: How to write times; the local zone when not given.
            keymap: The user's keymap (binding id -> keys), for the keys it names and gives way to.
            colors: The colours' meanings (colour, meaning) from the config, named in the border.
            name: The widget's name.
            id: The widget's DOM id.
            classes: CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self.times = times or TimeDisplay()
        """How times are written."""
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's keymap as given."""
        self.color_meanings = colors
        """The colours' meanings from the config, shown beside the colour keys."""
        self._caret = 0
        # Another entry puts the cursor on its body's first word once its document is built
        # (when first drawn or asked for), never for an entry a burst of keys only passes.
        self._caret_to_body = False
        self.documents_built = 0
        """How many documents the reader has built (one per entry it draws, not one per
        entry a burst of keys passes over): a count the tests read."""
        self.selection_anchor: int | None = None
        """Where the selection started (the cursor is its other end); None: no selection."""
        self._document: Document | None = None
        self._lines: list[cursor.Line] = []
        self._pieces: list[Text] = []
        self._strips: dict[int, Strip] = {}
        self._wrapped_for: int | None = None
        self._dragging = False
        self._key: str | None = None
        self._body_start = 0

    # -- the document ---------------------------------------------------------------------

    @property
    def caret(self) -> int:
        """The cursor: an offset into the document."""
        if self._caret_to_body:
            self._caret_to_body = False
            self._caret = self.document.body_start
        return self._caret

    @caret.setter
    def caret(self, offset: int) -> None:
        self._caret_to_body = False
        self._caret = offset

    @property
    def document(self) -> Document:
        """What the pane shows, with the map of its parts (built when first asked for)."""
        return self._settle()

    def _settle(self) -> Document:
        """The document, built now if a change made it stale, with the cursor and the
        selection moved along with its body."""
        if self._document is None:
            self._document = self._build()
            self.documents_built += 1
            if self._caret_to_body:
                self._caret_to_body = False
                self._caret = self._document.body_start
            # Tags or flags added above the body move it: the cursor and selection stay on
            # the same words.
            shift = self._document.body_start - self._body_start
            if self._body_start and shift:
                if self.caret >= self._body_start:
                    self.caret += shift
                anchor = self.selection_anchor
                if anchor is not None and anchor >= self._body_start:
                    self.selection_anchor = anchor + shift
            self._body_start = self._document.body_start
        return self._document

    @property
    def text(self) -> Text:
        """What the pane shows, as one Text before wrapping."""
        return self.document.text

    def _build(self) -> Document:
        entry = self.entry
        if entry is None:
            return Document(Text(self.notice, style=self._style("reader--notice"), end=""))
        styles = {
            "headline": self._style("reader--headline"),
            "meta": self._style("reader--meta"),
            "link": self._style("reader--link"),
            "heading": self._style("reader--heading"),
        }
        blog = self.blogs.get(entry.source_id)
        return build_document(
            entry, self.source, self.annotated, self.times, styles, marked=self.marked, blog=blog
        )

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def watch_entry(self, old: Entry | None, new: Entry | None) -> None:
        if old is None or new is None or old.id != new.id:
            self.scroll_to(0, 0, animate=False, immediate=True)
            self.selection_anchor = None
            self._invalidate()
            self._body_start = 0
            self._caret_to_body = True
            self._show_hint()
            return
        self._invalidate()

    def watch_source(self) -> None:
        self._invalidate()

    def watch_notice(self) -> None:
        if self.entry is None:
            self._invalidate()

    def watch_annotated(self) -> None:
        self._invalidate()

    def watch_marked(self) -> None:
        self._invalidate()

    def watch_blogs(self) -> None:
        self._invalidate()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()

    def on_resize(self, event: events.Resize) -> None:
        self._invalidate(rebuild=False)

    def _invalidate(self, rebuild: bool = True) -> None:
        # Wrapping waits for the next paint: when keys move through many entries quickly,
        # only the entry on screen when the frame is drawn is wrapped.
        if rebuild:
            self._document = None
        self._wrapped_for = None
        self._strips.clear()
        self.refresh()

    def _wrap(self) -> None:
        """Wrap the document to the pane's width (once per change of entry, notes or width)."""
        width = self.scrollable_content_region.width
        if self._wrapped_for == width:
            return
        self._wrapped_for = width
        self._strips.clear()
        document = self.document
        plain = document.text.plain
        self.caret = max(0, min(self.caret, len(plain)))
        if self.selection_anchor is not None:
            self.selection_anchor = max(0, min(self.selection_anchor, len(plain)))
        if width <= 0:
            self._lines, self._pieces = [], []
        else:
            self._lines = cursor.wrap_lines(plain, width)
            cuts = sorted({at for line in self._lines for at in line})
            parts = document.text.divide(cuts)
            by_start = {}
            at = 0
            for part in parts:
                by_start[(at, at + len(part.plain))] = part
                at += len(part.plain)
            self._pieces = [
                by_start.get(line, Text(plain[line[0] : line[1]], end="")) for line in self._lines
            ]
        self._set_height(Size(width, len(self._lines)))

    def _set_height(self, size: Size) -> None:
        """Give the pane its new line count.

        `virtual_size` is a layout reactive: assigned, it lays out the whole screen again
        (every pane, the footer's keys) for each entry shown. That is needed only when the
        vertical scrollbar appears or goes (the text's width changes with it); otherwise the
        size is set quietly and only the scrollbar is told, so showing another entry repaints
        the reader alone.
        """
        height = self.scrollable_content_region.height
        if (size.height > height) != (self.virtual_size.height > height):
            self.virtual_size = size
            return
        self.set_reactive(Reader.virtual_size, size)
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = height
            bar.refresh()
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._wrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = int(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_piece(index).apply_style(base).adjust_cell_length(width, base)
            if not self._marked(index):
                self._strips[index] = strip
        return strip

    def _marked(self, index: int) -> bool:
        """True if the cursor or the selection is on this line (drawn fresh each time)."""
        start, end = self._lines[index]
        if self.has_focus and start <= self.caret <= end:
            return True
        span = self.selection
        return span is not None and span[0] <= end and span[1] > start

    def _render_piece(self, index: int) -> Strip:
        console: Console = self.app.console
        piece = self._pieces[index]
        start, end = self._lines[index]
        span = self.selection
        caret_here = self.has_focus and start <= self.caret <= end
        if span is not None or caret_here:
            piece = piece.copy()
            if span is not None and span[0] <= end and span[1] > start:
                piece.stylize(
                    self._style("reader--selection"),
                    max(0, span[0] - start),
                    min(end, span[1]) - start,
                )
            if caret_here:
                if self.caret >= end:
                    piece.append(" ")
                at = self.caret - start
                piece.stylize(self._style("reader--cursor"), at, at + 1)
        return Strip(piece.render(console, end=""), piece.cell_len)

    # -- cursor and selection ---------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected document range (start, end), if there is a selection."""
        if self.selection_anchor is None:
            return None
        # Offsets of the document as it is now: a rebuild still pending (the annotations
        # arrived since the last key) moves the selection with the body.
        self._settle()
        return (min(self.selection_anchor, self.caret), max(self.selection_anchor, self.caret))

    @property
    def selecting(self) -> bool:
        """True while there is a selection."""
        return self.selection_anchor is not None

    def target_at_cursor(self) -> Target | None:
        """The highlight or note under the cursor, if any."""
        return self.document.target_at(self.caret)

    def move_to_target(self, kind: str, target_id: int) -> bool:
        """Put the cursor at the start of a highlight or note shown; False if it is not."""
        for target in self.document.targets:
            if target.kind == kind and target.id == target_id:
                self._move_to(target.start)
                return True
        return False

    def start_selection(self) -> None:
        """Start a selection at the cursor (on the body's first word if the cursor is above it)."""
        document = self.document
        if self.entry is None:
            return
        if self.caret < document.body_start or self.caret > document.body_end:
            self._move_to(document.body_start)
        self.selection_anchor = self.caret
        self._show_hint()
        self._changed()

    def clear_selection(self) -> None:
        """Drop the selection."""
        if self.selection_anchor is not None:
            self.selection_anchor = None
            self._show_hint()
            self._changed()

    def _show_hint(self) -> None:
        """While selecting, the border names the colour keys: `h/1 yellow 2 green …`, each
        with its meaning from the config (`4 pink (disputed)`), as Text: a meaning is the
        user's words, never markup."""
        if self.selection_anchor is None:
            self.border_subtitle = ""
            return
        keymap = self.keymap

        def first_key(binding_id: str) -> str:
            row = actions.action_by_id(binding_id)
            keys = actions.effective_keys(row, keymap) if row is not None else []
            return actions.key_label(keys[0]) if keys else ""

        parts = []
        for number, color in enumerate(HIGHLIGHT_COLORS, 1):
            key = first_key(f"highlight.color_{number}")
            if number == 1 and first_key("highlight.make"):
                key = f"{first_key('highlight.make')}/{key}" if key else first_key("highlight.make")
            if key:
                parts.append(f"{key} {color_label(color, self.color_meanings)}")
        self.border_subtitle = Text(" ".join(parts) + " · Esc cancel")

    def _changed(self) -> None:
        self._strips = {i: s for i, s in self._strips.items() if not self._marked(i)}
        self.refresh()

    def _move_to(self, offset: int) -> None:
        plain = self.document.text.plain
        self.caret = max(0, min(offset, len(plain)))
        self._wrap()
        if self._lines:
            line = cursor.line_of(self._lines, self.caret)
            self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True)
        self._changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Outside a selection the main screen's own keys win (`b` opens the sources, `1`-`5`
        # are quick tags, escape clears a filter); while selecting, the reader's do.
        if self.selecting:
            return True
        if action in ("highlight", "cancel_selection"):
            return False
        return self._key is None or self._key not in self._main_keys()

    def on_key(self, event: events.Key) -> None:
        # Bindings are checked once the key has bubbled up to the app; remember which key
        # it is for `check_action`.
        self._key = event.key

    def _main_keys(self) -> set[str]:
        """Keys of the main screen's non-priority bindings, after the user's keymap."""
        keymap = self.keymap
        return {
            key
            for row in actions.in_scope("main")
            if not row.priority
            for key in actions.effective_keys(row, keymap)
        }

    def action_caret(self, how: str) -> None:
        """Move the cursor (and with it the selection's end)."""
        if self.entry is None:
            return
        self._wrap()
        plain = self.document.text.plain
        at = self.caret
        moves = {
            "left": lambda: at - 1,
            "right": lambda: at + 1,
            "up": lambda: cursor.line_move(plain, self._lines, at, -1),
            "down": lambda: cursor.line_move(plain, self._lines, at, 1),
            "word_next": lambda: cursor.word_next(plain, at),
            "word_previous": lambda: cursor.word_previous(plain, at),
            "sentence_next": lambda: cursor.sentence_next(plain, at),
            "sentence_previous": lambda: cursor.sentence_previous(plain, at),
            "paragraph_next": lambda: cursor.paragraph_next(plain, at),
            "paragraph_previous": lambda: cursor.paragraph_previous(plain, at),
        }
        move = moves.get(how)
        if move is not None:
            self._move_to(move())

    def action_highlight(self, color: str | None) -> None:
        """Ask the screen to highlight the selection, in `color` (the first one if None)."""
        entry = self.entry
        span = self.selection
        if entry is None or span is None:
            return
        document = self.document
        body = document.body_span(*span)
        if (
            body is None
            or not document.body.shown[
                max(0, span[0] - document.body_start) : span[1] - document.body_start
            ].strip()
        ):
            self.notify("Select some words of the body to highlight.", markup=False)
            return
        self.clear_selection()
        self.post_message(
            self.HighlightRequested(self, entry, body[0], body[1], color or HIGHLIGHT_COLORS[0])
        )

    def action_cancel_selection(self) -> None:
        """Drop the selection without highlighting."""
        self.clear_selection()

    # -- the mouse --------------------------------------------------------------------------

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset_capture(self)
        self._wrap()
        if not self._lines:
            return None
        index = max(0, min(len(self._lines) - 1, int(self.scroll_y) + offset.y))
        plain = self.document.text.plain
        return cursor.offset_at_cells(plain, self._lines[index], max(0, offset.x))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1 or self.entry is None:
            return
        at = self._offset_at(event)
        if at is None:
            return
        self.screen.set_focus(self)
        self.caret = at
        self.selection_anchor = at
        self._dragging = True
        self.capture_mouse()
        self._changed()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging or self.selection_anchor is None:
            return
        at = self._offset_at(event)
        if at is None:
            return
        # The character under the pointer is part of a selection dragged forwards.
        self.caret = at + 1 if at >= self.selection_anchor else at
        self._changed()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        if self.selection_anchor is not None and self.selection_anchor == self.caret:
            self.selection_anchor = None  # a click: the cursor moves there, nothing is selected
        self._show_hint()
        self._changed()

    def _on_focus(self, event: events.Focus) -> None:
        self._changed()

    def _on_blur(self, event: events.Blur) -> None:
        self._changed()
