"""What the newsroom changed (`d`): each revision of an entry against the next, word by word.

Each changed paragraph is shown twice, as it was (`-`) and as it is (`+`), with the words the
edit deleted marked on the first line and the words it inserted on the second
(`liveread.kernel.worddiff`); a paragraph only one side has is marked whole. The text is
content: cleaned, and styled span by span with Rich styles, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from liveread.kernel.model import Entry, Revision
from liveread.kernel.text import clean_line, clean_text, strip_controls
from liveread.kernel.worddiff import ParagraphDiff, Span, SpanKind, word_diff
from liveread.tui import actions
from liveread.tui.display import TimeDisplay

REMOVED_LINE = Style(color="red")
"""A paragraph as it was (its `-` line)."""
ADDED_LINE = Style(color="green")
"""A paragraph as it is now (its `+` line)."""
DELETED_WORDS = Style(color="black", bgcolor="#f28b82", bold=True, strike=True)
"""The words an edit deleted, on the `-` line."""
INSERTED_WORDS = Style(color="black", bgcolor="#8fd18b", bold=True, underline=True)
"""The words an edit inserted, on the `+` line."""


def _flat(text: str) -> str:
    """A span as part of one display line: controls stripped, each run of white space (blank
    lines and list breaks too) one space, a space at either end kept (it parts the span from
    its neighbours)."""
    line = strip_controls(text)
    core = " ".join(line.split())
    if not core:
        return " " if line else ""
    return (" " if line[0].isspace() else "") + core + (" " if line[-1].isspace() else "")


def _side(spans: Sequence[Span], prefix: str, line: Style, changed: SpanKind) -> Text:
    """One `-` or `+` line: the paragraph's spans, the changed ones in their word style."""
    text = Text(prefix, style=line, end="")
    pieces = [(_flat(span.text), span.kind) for span in spans]
    # The paragraph's own trailing white space (its blank line) is not part of the line.
    while pieces and not pieces[-1][0].strip():
        pieces.pop()
    for index, (piece, kind) in enumerate(pieces):
        if index == 0:
            piece = piece.lstrip()
        style = line + (DELETED_WORDS if changed is SpanKind.DELETED else INSERTED_WORDS)
        text.append(piece, style=style if kind is changed else line)
    return text


def paragraph_lines(paragraph: ParagraphDiff) -> list[Text]:
    """The `-` and `+` lines of one changed paragraph (one of them for a paragraph only one
    side has); none for a paragraph the edit left alone."""
    if not paragraph.changed:
        return []
    lines = []
    if paragraph.old:
        lines.append(_side(paragraph.old, "- ", REMOVED_LINE, SpanKind.DELETED))
    if paragraph.new:
        lines.append(_side(paragraph.new, "+ ", ADDED_LINE, SpanKind.INSERTED))
    return [line for line in lines if line.plain.strip() not in ("-", "+")]


def diff_text(entry: Entry, revisions: Sequence[Revision], times: TimeDisplay) -> Text:
    """Every revision against the text that replaced it, oldest first: the headline, then each
    changed paragraph as it was (`-`) and as it is (`+`), its changed words marked (plain
    Text, content cleaned)."""
    text = Text(end="")
    versions = [(r.headline, r.body, r.replaced_at) for r in revisions]
    for index, (headline, body, replaced_at) in enumerate(versions):
        if index + 1 < len(versions):
            new_headline, new_body = versions[index + 1][0], versions[index + 1][1]
        else:
            new_headline, new_body = entry.headline, entry.body
        if index:
            text.append("\n\n")
        text.append(f"Edit {index + 1}, seen {times.full(replaced_at)}\n", style="bold")
        lines: list[Text] = []
        heads = word_diff(clean_line(headline or ""), clean_line(new_headline or ""))
        bodies = word_diff(clean_text(body), clean_text(new_body))
        for paragraph in (*heads.paragraphs, *bodies.paragraphs):
            lines.extend(paragraph_lines(paragraph))
        for line in lines:
            text.append("\n")
            text.append_text(line)
        if not lines:
            text.append("\n(no change in the words)", style="dim")
    return text


class DiffScreen(ModalScreen[None]):
    """The changes between an entry's revisions; escape or q closes.

    | Key(s) | Description |
    | :- | :- |
    | j, k | Scroll a line down or up. |
    | g, G | Scroll to the top or the end. |
    | escape, q | Close. |
    """

    BINDINGS = actions.bindings("view")

    def __init__(self, title: str, text: Text) -> None:
        """Make the view.

        Args:
            title: The view's title (the entry's headline, cleaned by the caller).
            text: The diff, as built by `diff_text`.
        """
        super().__init__()
        self.title_text = title
        """The view's title."""
        self.text = text
        """The diff."""

    def compose(self) -> ComposeResult:
        yield Footer()  # this dialog's own keys, not the main screen's
        with VerticalScroll(id="diff-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "escape: close"
            yield Static(self.text, id="diff-text", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#diff-box"))

    def action_open(self) -> None:
        """Nothing to open here."""

    def action_move(self, where: str) -> None:
        """Scroll the changes: `down`, `up`, `first` or `last`, as the views move their rows."""
        box = self.query_one("#diff-box", VerticalScroll)
        moves = {
            "down": box.scroll_down,
            "up": box.scroll_up,
            "first": box.scroll_home,
            "last": box.scroll_end,
        }
        moves[where](animate=False)

    def action_close(self) -> None:
        """Close the view."""
        self.dismiss(None)
