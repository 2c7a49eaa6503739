"""The notebook (`H`): every highlight and note of every live blog, newest first, the daily
review screen.

Each row shows the quote in its colour, the note (its Markdown as emphasis, on one line), the
highlight's own tags in bold and then the entry's, the blog and the time. The store reads at
most its bound of newest items; the title then says how many more there are. The
filter line above the list (`/` or `f` to type in it) takes `color:`, `tag:`, `blog:`,
`status:` terms and words (`kernel.notebook`); it filters the items in memory, as the user
types. The screen opens on the newest page of items and reads the rest behind it (`rest`, in
a worker): ten thousand items take a few hundred milliseconds to read, one page a few, and the
first page of the whole read is the page already shown, so nothing moves when the rest arrives
(a filter typed meanwhile is applied to it). Rows are built a page at a time (PAGE, the next page
when the cursor reaches the last row), so opening or filtering ten thousand items builds only
what can be seen. `enter` on a row dismisses the screen with the row's entry id, and the main
screen goes there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from liveread.kernel.colors import color_label
from liveread.kernel.errors import InputError
from liveread.kernel.notebook import (
    ItemStatus,
    NotebookFilter,
    NotebookItem,
    filter_items,
    parse_notebook_filter,
)
from liveread.tui import actions
from liveread.tui.display import TimeDisplay, line_text
from liveread.tui.widgets.note_text import note_text
from liveread.tui.widgets.reader_document import HIGHLIGHT_STYLES
from liveread.tui.working import Failed, off_loop

PAGE = 50
"""Rows built at a time: the list grows by a page when its cursor reaches the last row."""

_STATUS_MARKS = {
    ItemStatus.ANCHORED: "",
    ItemStatus.CHANGED: "  words changed",
    ItemStatus.ORPHANED: "  orphaned",
}
"""What a row says of its status (nothing while the highlight is on its words)."""


def notebook_row(
    found: NotebookItem, times: TimeDisplay, meanings: tuple[tuple[str, str], ...] = ()
) -> Text:
    """One item as the list shows it, every piece of content as plain Text; a colour with a
    meaning in the config is written with it (`pink (disputed)`)."""
    when = times.full(found.created_at) if found.created_at is not None else "—"
    row = line_text(when, "bold")
    row.append("  ")
    row.append_text(line_text(found.blog, "dim"))
    row.append(" · ")
    row.append_text(line_text(found.headline, "dim"))
    row.append("\n  ")
    if found.color is not None:
        label = color_label(found.color, meanings)
        row.append_text(line_text(label, HIGHLIGHT_STYLES.get(found.color, "")))
        row.append(" ")
        row.append_text(line_text(f"“{found.quote}”", "italic"))
        row.append(_STATUS_MARKS[found.status], style="bold red")
        if found.original is not None and found.status == ItemStatus.CHANGED:
            row.append(" (first: ")
            row.append_text(line_text(f"“{found.original}”", "italic"))
            row.append(")")
    else:
        row.append("note", style="reverse")
    if found.note:
        row.append("\n  ")
        row.append_text(note_text(found.note, one_line=True))
    if found.highlight_tags or found.tags:
        row.append("\n  ")
        # The highlight's own tags first and bold, then its entry's.
        row.append_text(line_text(" ".join(f"#{t}" for t in found.highlight_tags), "bold"))
        if found.highlight_tags and found.tags:
            row.append(" · entry ", style="dim")
        row.append_text(line_text(" ".join(f"#{t}" for t in found.tags), "dim"))
    return row


class NotebookScreen(ModalScreen[int | None]):
    """Every highlight and note in one filtered list; dismisses with the chosen entry's id.

    | Key(s) | Description |
    | :- | :- |
    | j, k | Highlight the next or previous row. |
    | g, G | Highlight the first or last row. |
    | /, f | Type in the filter line (enter or escape: back to the list). |
    | enter | Go to the highlighted row's entry. |
    | escape, q | Close. |
    """

    BINDINGS = actions.bindings("notebook")

    def __init__(
        self,
        items: Sequence[NotebookItem],
        times: TimeDisplay,
        meanings: tuple[tuple[str, str], ...] = (),
        total: int | None = None,
        rest: Callable[[], Sequence[NotebookItem]] | None = None,
    ) -> None:
        """Make the notebook of `items` (newest first), its times written by `times`, its
        colours with the config's `meanings`; `total` is how many items there are in all
        when `items` is only the newest of them (the read is bounded). With `rest`, `items`
        is the first page: `rest` reads every item (blocking; it runs in a thread) and the
        screen takes them when it returns."""
        super().__init__()
        self.rest = rest
        """What reads every item while the screen shows the first page; None once read."""
        self.total = max(total or 0, len(items))
        """How many highlights and notes there are in all (more than `items` when the read
        stopped at its bound)."""
        self.meanings = meanings
        """The colours' meanings (colour, meaning), shown beside them and read by `color:`."""
        self.items = list(items)
        """Every item, as read when the notebook opened."""
        self.times = times
        """How the rows write times."""
        self.shown: list[NotebookItem] = list(items)
        """The items the filter keeps, in the list's order."""
        self.wanted = NotebookFilter()
        """The last filter line that could be read (what `shown` keeps)."""
        self.problem: str | None = None
        """Why the filter line cannot be read, while it cannot (the last good filter stays)."""

    def compose(self) -> ComposeResult:
        yield Footer()
        with Vertical(id="notebook-box") as box:
            box.border_title = self._title()
            box.border_subtitle = "enter: go to the entry · /: filter · escape: close"
            yield Input(
                placeholder="filter: color:pink tag:verify blog:quay status:changed words…",
                id="notebook-filter",
            )
            yield Static("", id="notebook-status", markup=False)
            yield OptionList(id="notebook-list", markup=False)

    def on_mount(self) -> None:
        self._show()
        self.set_focus(self.query_one(OptionList))
        if self.rest is not None:
            self._read_rest(self.rest)

    @work(exclusive=True, group="notebook-rest")
    async def _read_rest(self, rest: Callable[[], Sequence[NotebookItem]]) -> None:
        try:
            items = await off_loop(rest, "Could not read the notebook")
        except Failed as failure:
            self.rest = None
            self.notify(failure.message, title=failure.title, severity="error", markup=False)
            self._show()
            return
        self.take(items)

    def take(self, items: Sequence[NotebookItem]) -> None:
        """Show `items` (every item, newest first) in place of the first page, the filter
        applied and the highlighted row kept."""
        options = self.query_one(OptionList)
        at = options.highlighted
        self.rest = None
        self.items = list(items)
        self.total = max(self.total, len(self.items))
        self.apply(self.wanted)
        if at is not None and self.shown:
            at = min(at, len(self.shown) - 1)
            while options.option_count <= at:
                self._add_page(options)
            options.highlighted = at

    def _title(self) -> str:
        if self.rest is not None:
            return f"Notebook (the newest {len(self.items):,} of {self.total:,}; reading the rest)"
        more = self.total - len(self.items)
        if more:
            newest = f"the newest {len(self.items):,} of {self.total:,}; {more:,} more not shown"
            if len(self.shown) == len(self.items):
                return f"Notebook ({newest})"
            return f"Notebook ({len(self.shown):,} of {newest})"
        if len(self.shown) == len(self.items):
            return f"Notebook ({len(self.items)})"
        return f"Notebook ({len(self.shown)} of {len(self.items)})"

    def _show(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        self._add_page(options)
        if self.shown:
            options.highlighted = 0
        self.query_one("#notebook-box").border_title = self._title()
        status = self.query_one("#notebook-status", Static)
        if self.problem is not None:
            status.update(self.problem)
        elif not self.items:
            status.update("No highlights or notes yet: select words with v, or press a.")
        elif not self.shown and self.rest is None:
            status.update("Nothing in the notebook matches the filter.")
        else:
            status.update("")

    def _add_page(self, options: OptionList) -> None:
        start = options.option_count
        page = self.shown[start : start + PAGE]
        options.add_options(
            [Option(notebook_row(found, self.times, self.meanings)) for found in page]
        )

    @on(OptionList.OptionHighlighted, "#notebook-list")
    def _reached(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if event.option_index == options.option_count - 1 < len(self.shown) - 1:
            self._add_page(options)

    def apply(self, wanted: NotebookFilter) -> None:
        """Show the items `wanted` keeps."""
        self.wanted = wanted
        self.shown = filter_items(self.items, wanted)
        self._show()

    @on(Input.Changed, "#notebook-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter_changed_to(event.value)

    def _filter_changed_to(self, line: str) -> None:
        try:
            wanted = parse_notebook_filter(line, self.meanings)
        except InputError as error:
            self.problem = str(error)
            self.query_one("#notebook-status", Static).update(self.problem)
            return
        self.problem = None
        self.apply(wanted)

    @on(Input.Submitted, "#notebook-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(self.query_one(OptionList))

    @on(OptionList.OptionSelected, "#notebook-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index].entry_id)

    def action_move(self, where: str) -> None:
        """Move the highlight: `down`, `up`, `first` or `last` (the list's own actions)."""
        options = self.query_one(OptionList)
        moves = {
            "down": options.action_cursor_down,
            "up": options.action_cursor_up,
            "first": options.action_first,
            "last": options.action_last,
        }
        moves[where]()

    def action_type_filter(self) -> None:
        """Put the focus in the filter line."""
        self.set_focus(self.query_one(Input))

    def action_open(self) -> None:
        """Go to the highlighted row's entry."""
        index = self.query_one(OptionList).highlighted
        if index is not None and self.shown:
            self.dismiss(self.shown[index].entry_id)

    def action_close(self) -> None:
        """Back to the list from the filter line; from the list, close the notebook."""
        if self.query_one(Input).has_focus:
            self.set_focus(self.query_one(OptionList))
        else:
            self.dismiss(None)
