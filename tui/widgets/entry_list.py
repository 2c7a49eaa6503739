"""The entry list: a live blog's entries, one row each, virtualised for 100,000 of them.

`EntryList` is a Line API `ScrollView`: its virtual height is the entry count, and
`render_line` draws only the rows on screen. Rows come from the Store a page at a time
(`PAGE_SIZE` entries) in a worker thread and are kept in a small LRU cache of pages; a row
whose page has not arrived yet is drawn as a placeholder and repainted when it does.

Every string in a row is content, so it goes through `liveread.kernel.text.clean_line` and into
rich `Text` (no markup) before it becomes segments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import count as counter
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from liveread.kernel.found import found_spans
from liveread.kernel.labels import position_label
from liveread.kernel.model import Entry
from liveread.kernel.text import clean_line
from liveread.tui.display import TimeDisplay
from liveread.tui.working import Failed, off_loop

PAGE_SIZE = 200
"""Entries read from the Store in one go."""

CACHED_PAGES = 24
"""Pages kept in memory (the rest are read again if the user scrolls back to them)."""

PREFETCH_MARGIN = 40
"""When the cursor comes this close to the edge of a page, the next page is read ahead."""

TIME_WIDTH = 6
"""Cells for the time (or position) column at least; wider when positions (`#12345`) or the
times read so far (`23:10 CEST`) need it."""

MAX_TIME_WIDTH = 12
"""Most cells the time column takes: a longer label (`updated 2 hours ago`) is cut."""

_GENERATIONS = counter(1)

PageFetcher = Callable[[int, int], Sequence[Entry]]
"""Reads `limit` entries starting at row `offset`; blocking, called in a worker thread."""


@dataclass(frozen=True, slots=True)
class RowMarks:
    """What the user attached to an entry, as far as its row shows it."""

    tags: tuple[str, ...] = ()
    """Tag names, sorted."""
    annotated: bool = False
    """It has highlights or notes."""

    def __bool__(self) -> bool:
        return bool(self.tags or self.annotated)


MarksFetcher = Callable[[Sequence[Entry]], Mapping[int, RowMarks]]
"""Reads the marks of a page of entries (entry id -> marks; unmarked entries left out);
blocking, called in a worker thread."""


@dataclass(frozen=True, slots=True, eq=False)
class Listing:
    """What the entry list shows: one source's entries in page order, read on demand.

    Listings compare by identity: a new listing (another source, or the same one reloaded)
    always resets the list, even when its fields are equal to the old one's.
    """

    source_id: int
    """The source whose entries these are."""
    count: int
    """How many entries there are (the list's virtual height)."""
    fetch: PageFetcher
    """Reads a page of entries; called in a worker thread."""
    cursor: int = 0
    """The row to select when the listing is shown."""
    pages: Mapping[int, Sequence[Entry]] = field(default_factory=dict)
    """Pages already read (page number -> entries), so they are shown without a wait."""
    generation: int = field(default_factory=lambda: next(_GENERATIONS))
    """A number no other listing has, so late pages of an old listing are recognised."""
    marks: MarksFetcher | None = None
    """Reads tags and annotation markers for a page; None shows none."""
    page_marks: Mapping[int, RowMarks] = field(default_factory=dict)
    """Marks already read for the entries in `pages`."""
    top: int | None = None
    """The row to show at the top (a refresh keeps the view still); None centres the cursor."""
    title: str = "Entries"
    """The list's border title: what it shows (every entry, a filter, search results)."""
    total: int = 0
    """How many entries the source holds in all, for the `#n` labels (counted from the oldest
    post); 0 takes `count` (a listing of every entry)."""
    blogs: Mapping[int, str] = field(default_factory=dict)
    """Live blog titles by source id when the rows come from several blogs (a search of
    every blog, a saved view): each row then starts with its blog's name. Empty otherwise."""
    marked: tuple[str, ...] = ()
    """Words of a search to highlight in the headlines (`liveread.kernel.found`)."""
    totals: Mapping[int, int] = field(default_factory=dict)
    """Entry counts by source id, beside `blogs`: each row's `#n` counts from its own blog's
    oldest post."""


def time_column(entry: Entry, times: TimeDisplay, *, total: int) -> str:
    """The time of an entry as the list shows it: its clock time with the zone named (in
    the zone the config asks for), as the page wrote it when the page gave no zone, else
    its stable label (`#12`, counted from the oldest of the source's `total` posts)."""
    return times.entry_clock(entry) or position_label(entry.position, total)


BLOG_WIDTH = 14
"""Most cells for the blog's name at the start of a row that lists several blogs (a
quarter of a narrow list, at least 6)."""

TAG_CHIPS_WIDTH = 18
"""Most cells the tag chips of a row take (then `+N` says how many more)."""


MIN_CHIPS_WIDTH = 6
"""The fewest cells the tag chips are given in a narrow list (`#ve… +2`)."""

MIN_TITLE_WIDTH = 12
"""The headline cells the tag chips leave free where the list is narrow."""


def tag_chips(tags: Sequence[str], width: int = TAG_CHIPS_WIDTH) -> str:
    """`#key #verify +2`: a row's tags, as many as fit in `width` cells."""
    shown: list[str] = []
    for index, tag in enumerate(tags):
        chip = "#" + clean_line(tag)
        rest = len(tags) - index - 1
        more = f" +{rest}" if rest else ""
        if cell_len(" ".join([*shown, chip]) + more) > width:
            if not shown:
                room = max(2, width - len(more) - 1)
                text = Text(chip, end="")
                text.truncate(room + 1, overflow="ellipsis")
                shown.append(text.plain)
            break
        shown.append(chip)
    remaining = len(tags) - len(shown)
    return " ".join(shown) + (f" +{remaining}" if remaining else "")


def row_markers(
    entry: Entry, marks: RowMarks | None = None, chips_width: int = TAG_CHIPS_WIDTH
) -> list[tuple[str, str]]:
    """The small markers at a row's right end, as (text, component class) pairs; the tag
    chips take at most `chips_width` cells."""
    markers: list[tuple[str, str]] = []
    if marks is not None and marks.tags:
        markers.append((tag_chips(marks.tags, chips_width), "entry-list--tags"))
    if marks is not None and marks.annotated:
        markers.append(("¶", "entry-list--annotated"))
    if entry.starred:
        markers.append(("★", "entry-list--starred"))
    if entry.pinned:
        markers.append(("◆", "entry-list--pinned"))
    if entry.revisions:
        markers.append((f"✎{entry.revisions}", "entry-list--edited"))
    if entry.changed_since_read:
        markers.append(("changed", "entry-list--changed"))
    if not entry.present:
        markers.append(("gone", "entry-list--gone"))
    return markers


def marked_segments(text: str, words: Sequence[str], style: Style, match: Style) -> list[Segment]:
    """`text` as segments in `style`, the places of the searched `words` also in `match`."""
    if not words:
        return [Segment(text, style)]
    segments: list[Segment] = []
    last = 0
    for start, end in found_spans(text, words):
        if start > last:
            segments.append(Segment(text[last:start], style))
        segments.append(Segment(text[start:end], style + match))
        last = end
    if last < len(text):
        segments.append(Segment(text[last:], style))
    return segments


class EntryList(ScrollView, can_focus=True):
    """A virtualised list of one source's entries, with a cursor.

    The list has no key bindings of its own: the main screen binds the entry keys
    (`tui.actions`, scope `main`) so they work whichever pane has the focus, and calls the
    cursor actions below. The mouse selects a row by clicking it.

    | Action | Description |
    | :- | :- |
    | `cursor_down` | Select the next entry. |
    | `cursor_up` | Select the previous entry. |
    | `first` | Select the first entry. |
    | `last` | Select the last entry. |
    """

    DEFAULT_CSS = """
    EntryList {
        overflow-x: hidden;
        & > .entry-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .entry-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .entry-list--unread { color: $accent; text-style: bold; }
        & > .entry-list--fresh { text-style: bold; }
        & > .entry-list--time { color: $text-muted; }
        & > .entry-list--read { color: $text-muted; }
        & > .entry-list--edited { color: $warning; }
        & > .entry-list--changed { color: $warning; text-style: bold; }
        & > .entry-list--gone { color: $error; }
        & > .entry-list--pending { color: $text-disabled; }
        & > .entry-list--tags { color: $secondary; }
        & > .entry-list--annotated { color: $accent; }
        & > .entry-list--starred { color: $warning; }
        & > .entry-list--pinned { color: $success; }
        & > .entry-list--blog { color: $secondary; }
        & > .entry-list--match { background: $warning 40%; text-style: bold; }
        & > .entry-list--marked { color: $success; text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-list--cursor",
        "entry-list--unread",
        "entry-list--fresh",
        "entry-list--time",
        "entry-list--read",
        "entry-list--edited",
        "entry-list--changed",
        "entry-list--gone",
        "entry-list--pending",
        "entry-list--tags",
        "entry-list--annotated",
        "entry-list--starred",
        "entry-list--pinned",
        "entry-list--blog",
        "entry-list--match",
        "entry-list--marked",
    }
    """
    | Class | Description |
    | :- | :- |
    | `entry-list--cursor` | The selected row. |
    | `entry-list--unread` | The unread marker. |
    | `entry-list--fresh` | An unread entry's headline. |
    | `entry-list--time` | The time (or position) column. |
    | `entry-list--read` | A read entry's headline. |
    | `entry-list--edited` | The "edited" marker. |
    | `entry-list--changed` | The marker of an entry edited since the user last read it. |
    | `entry-list--gone` | The marker of an entry no longer on the page. |
    | `entry-list--pending` | A row whose page is still being read. |
    | `entry-list--tags` | The tag chips (`#key`). |
    | `entry-list--annotated` | The marker of an entry with highlights or notes (`¶`). |
    | `entry-list--starred` | The star (`★`). |
    | `entry-list--pinned` | The key-event marker (`◆`). |
    | `entry-list--blog` | The blog's name, in a list of several blogs' entries. |
    | `entry-list--match` | A searched word in a headline. |
    | `entry-list--marked` | The mark of an entry marked for a bulk action (`✓`). |
    """

    listing: reactive[Listing | None] = reactive(None, always_update=True)
    """The entries shown; setting a new listing resets the cache and moves the cursor."""

    cursor: reactive[int] = reactive(0, always_update=False)
    """Index of the selected row (0 is the top: the newest entry)."""

    class EntryHighlighted(Message):
        """Sent when the selected row's entry is known: after a move, or once its page arrived.

        Handle with `on_entry_list_entry_highlighted` or `@on(EntryList.EntryHighlighted)`.
        """

        def __init__(self, entry_list: EntryList, listing: Listing, index: int, entry: Entry):
            super().__init__()
            self.entry_list = entry_list
            """The list that sent the message."""
            self.listing = listing
            """The listing the entry belongs to."""
            self.index = index
            """The row of the entry."""
            self.entry = entry
            """The selected entry."""

        @property
        def control(self) -> EntryList:
            """The list that sent the message (used by `@on`)."""
            return self.entry_list

    class Emptied(Message):
        """Sent when a listing with no entries is shown: nothing is selected."""

        def __init__(self, entry_list: EntryList, listing: Listing) -> None:
            super().__init__()
            self.entry_list = entry_list
            """The list that sent the message."""
            self.listing = listing
            """The empty listing."""

        @property
        def control(self) -> EntryList:
            """The list that sent the message (used by `@on`)."""
            return self.entry_list

    def __init__(
        self,
        times: TimeDisplay | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Make an empty list.

        Args:
            times: How to write entry times; the local zone when not given.
            name: The widget's name.
            id: The widget's DOM id.
            classes: CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self.times = times or TimeDisplay()
        """How entry times are written."""
        self._pages: LRUCache[int, list[Entry]] = LRUCache(CACHED_PAGES)
        self._loading: set[int] = set()
        self._marks: dict[int, RowMarks] = {}
        self._announce_pending = False
        # Rendered rows by (entry id, selected), valid for one width, focus and listing.
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._strips_for: tuple[int, bool, int, int] | None = None
        self._time_width = TIME_WIDTH
        self._marked: frozenset[int] = frozenset()

    # -- state ------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """How many rows the list has."""
        return self.listing.count if self.listing is not None else 0

    def entry_at(self, index: int) -> Entry | None:
        """The entry at row `index` if its page is in memory (no I/O)."""
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def highlighted_entry(self) -> Entry | None:
        """The selected entry, if its page is in memory."""
        return self.entry_at(self.cursor) if self.count else None

    def loaded_ids(self) -> frozenset[int]:
        """The ids of the entries in the pages held in memory (no I/O)."""
        ids: set[int] = set()
        for page_no in list(self._pages.keys()):
            page = self._pages.get(page_no)
            if page is not None:
                ids.update(entry.id for entry in page)
        return frozenset(ids)

    def marks_of(self, entry_id: int) -> RowMarks:
        """The marks known for an entry (none if its page has not been read)."""
        return self._marks.get(entry_id) or RowMarks()

    def update_entry(self, entry: Entry, marks: RowMarks | None = None) -> None:
        """Replace a changed entry (read state, flags, text; tags and markers when `marks` is
        given) in the cache and repaint its row."""
        if marks is not None:
            if marks:
                self._marks[entry.id] = marks
            else:
                self._marks.pop(entry.id, None)
            self._strips.pop((entry.id, True), None)
            self._strips.pop((entry.id, False), None)
        for page_no in list(self._pages.keys()):
            page = self._pages.get(page_no)
            if page is None:
                continue
            for offset, cached in enumerate(page):
                if cached.id == entry.id:
                    page[offset] = entry
                    self._strips.pop((entry.id, True), None)
                    self._strips.pop((entry.id, False), None)
                    self.refresh_line(page_no * PAGE_SIZE + offset)
                    return

    @property
    def marked(self) -> frozenset[int]:
        """The ids of the entries marked for a bulk action (`tui.marking`)."""
        return self._marked

    def show_marked(self, marked: frozenset[int]) -> None:
        """Show which entries are marked: a `✓` at the start of their rows (the column is
        there only while something is marked) and `N marked` on the border."""
        if marked == self._marked:
            return
        self._marked = marked
        self._strips.clear()
        self._show_position()
        self.refresh()

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self.count - 1))

    def watch_listing(self, listing: Listing | None) -> None:
        self._pages.clear()
        self._loading.clear()
        self._marks.clear()
        self._time_width = TIME_WIDTH
        if listing is not None:
            for page_no, entries in listing.pages.items():
                self._pages.set(page_no, list(entries))
                self._widen_times(entries)
            self._marks.update({k: v for k, v in listing.page_marks.items() if v})
            # A title may hold what the user typed or named (a search, a view): never markup.
            self.border_title = Text(clean_line(listing.title), end="")
        self.virtual_size = Size(self.scrollable_content_region.width, self.count)
        if listing is None:
            self.border_subtitle = ""
            self.refresh()
            return
        self.set_reactive(EntryList.cursor, self.validate_cursor(listing.cursor))
        self._show_position()
        height = self.scrollable_content_region.height
        top = listing.top
        if top is None or not top <= self.cursor < top + max(1, height):
            top = max(0, self.cursor - height // 2)
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()
        if listing.count == 0:
            self.post_message(self.Emptied(self, listing))
            return
        self._announce()

    def _show_position(self) -> None:
        # Where the cursor is, on the list's own border: drawn in the same frame as the rows.
        count = self.count
        where = f"{self.cursor + 1:,}/{count:,}" if count else ""
        marked = f"{len(self._marked):,} marked" if self._marked else ""
        self.border_subtitle = " · ".join(part for part in (marked, where) if part)

    def watch_cursor(self, old: int, new: int) -> None:
        self._show_position()
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True)
        # Keys typed ahead are handled one after another without a frame in between: say
        # which entry is selected once they are all done, not once per key.
        if not self._announce_pending:
            self._announce_pending = True
            self.call_later(self._announce)

    def _announce(self) -> None:
        """Tell the screen which entry is selected, or read its page first."""
        self._announce_pending = False
        listing = self.listing
        if listing is None or not listing.count:
            return
        entry = self.entry_at(self.cursor)
        if entry is None:
            self._request_page(self.cursor // PAGE_SIZE)
        else:
            self._highlighted(self.EntryHighlighted(self, listing, self.cursor, entry))
        within = self.cursor % PAGE_SIZE
        if within >= PAGE_SIZE - PREFETCH_MARGIN:
            self._request_page(self.cursor // PAGE_SIZE + 1)
        elif within < PREFETCH_MARGIN and self.cursor >= PAGE_SIZE:
            self._request_page(self.cursor // PAGE_SIZE - 1)

    # -- pages ------------------------------------------------------------------------------

    def _request_page(self, page_no: int) -> None:
        listing = self.listing
        if listing is None or page_no < 0 or page_no * PAGE_SIZE >= listing.count:
            return
        if page_no in self._loading or self._pages.get(page_no) is not None:
            return
        self._loading.add(page_no)
        self._load_page(listing, page_no)

    @work(name="entry-list-page", group="entry-list-pages")
    async def _load_page(self, listing: Listing, page_no: int) -> None:
        """Read one page of entries in a thread, then hand it to the list."""

        def read() -> tuple[Sequence[Entry], Mapping[int, RowMarks]]:
            entries = listing.fetch(page_no * PAGE_SIZE, PAGE_SIZE)
            return entries, listing.marks(entries) if listing.marks is not None else {}

        try:
            entries, marks = await off_loop(read, "Could not read entries")
        except Failed as failed:
            self._page_failed(listing, page_no, failed.message)
            return
        self._page_loaded(listing, page_no, entries, marks)

    def _page_failed(self, listing: Listing, page_no: int, problem: str) -> None:
        if listing is self.listing:
            self._loading.discard(page_no)
            self.notify(
                clean_line(problem), title="Could not read entries", severity="error", markup=False
            )

    def _page_loaded(
        self,
        listing: Listing,
        page_no: int,
        entries: Sequence[Entry],
        marks: Mapping[int, RowMarks],
    ) -> None:
        if listing is not self.listing:
            return  # a late page of a listing that has been replaced
        self._loading.discard(page_no)
        self._marks.update({k: v for k, v in marks.items() if v})
        self._pages.set(page_no, list(entries))
        first = page_no * PAGE_SIZE
        top = int(self.scroll_y)
        visible = range(top, top + self.scrollable_content_region.height)
        if self._widen_times(entries) or (
            first < visible.stop and first + len(entries) > visible.start
        ):
            self.refresh()
        if first <= self.cursor < first + len(entries):
            self._highlighted(
                self.EntryHighlighted(self, listing, self.cursor, entries[self.cursor - first])
            )

    def _highlighted(self, message: EntryHighlighted) -> None:
        """Send `message` to the screen at once: the list has no handler of its own and the
        panes between have none, and each hop of a bubbling message waits its turn in one more
        queue (long enough, after a burst of keys, for a frame to draw the list without the
        reader's new entry)."""
        if self.is_attached:
            self.screen.post_message(message)

    def _total(self, entry: Entry) -> int:
        """The entry count of `entry`'s blog, which its `#n` label counts down from."""
        listing = self.listing
        if listing is None:
            return self.count
        return listing.totals.get(entry.source_id) or listing.total or self.count

    def _widen_times(self, entries: Sequence[Entry]) -> bool:
        """Make the time column as wide as the widest time in `entries` needs (it only
        grows, so rows never jump back and forth); True when it grew."""
        needed = max(
            (cell_len(time_column(e, self.times, total=self._total(e))) for e in entries),
            default=0,
        )
        wider = min(MAX_TIME_WIDTH, max(self._time_width, needed))
        if wider == self._time_width:
            return False
        self._time_width = wider
        return True

    # -- actions ----------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Select the next entry."""
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """Select the previous entry."""
        self.cursor -= 1

    def action_first(self) -> None:
        """Select the first entry."""
        self.cursor = 0

    def action_last(self) -> None:
        """Select the last entry."""
        self.cursor = self.count - 1

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.listing is None:
            return
        row = int(self.scroll_y) + offset.y
        if 0 <= row < self.count:
            self.cursor = row
            self.screen.set_focus(self)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh_line(self.cursor)

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh_line(self.cursor)

    def _on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.count)

    # -- rendering --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        listing = self.listing
        generation = listing.generation if listing is not None else 0
        state = (width, self.has_focus, generation, self._time_width)
        if state != self._strips_for:
            self._strips.clear()
            self._strips_for = state
        base = self.get_visual_style().rich_style
        if index >= self.count:
            return Strip.blank(width, base)
        selected = index == self.cursor
        if selected:
            base = base + self.get_visual_style("entry-list--cursor").rich_style
        entry = self.entry_at(index)
        if entry is None:
            self._request_page(index // PAGE_SIZE)
            pending = self.get_component_rich_style("entry-list--pending", partial=True)
            return Strip([Segment("   …", base + pending)]).adjust_cell_length(width, base)
        key = (entry.id, selected)
        # The cache is cleared whenever the marks change, so the key needs no mark state.
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 1000:
                self._strips.clear()
            strip = self._strips[key] = self._render_row(entry, width, base)
        return strip

    def _render_row(self, entry: Entry, width: int, base: Style) -> Strip:
        def part(name: str) -> Style:
            return base + self.get_component_rich_style(name, partial=True)

        unread = not entry.read
        marker = Segment("● " if unread else "  ", part("entry-list--unread"))
        if self._marked:
            # Still two cells: the mark takes the gap after the unread dot, so no column moves.
            check = "✓" if entry.id in self._marked else " "
            marker = Segment("●" if unread else " ", part("entry-list--unread"))
            segments_start = [marker, Segment(check, part("entry-list--marked"))]
        else:
            segments_start = [marker]
        total = self._total(entry)
        when = time_column(entry, self.times, total=total)
        time_text = Text(when, end="")
        time_width = max(self._time_width, len(f"#{total}"))
        time_text.truncate(time_width, overflow="ellipsis", pad=True)
        time_seg = Segment(time_text.plain + " ", part("entry-list--time"))
        right: list[Segment] = []
        # The chips give way to the headline in a narrow list (80 columns, the reader beside
        # it): its first MIN_TITLE_WIDTH cells stay readable (4 cells for ★ ◆ ¶ beside them).
        room = width - 2 - (time_width + 1)
        chips_width = min(TAG_CHIPS_WIDTH, max(MIN_CHIPS_WIDTH, room - MIN_TITLE_WIDTH - 4))
        for text, name in row_markers(entry, self._marks.get(entry.id), chips_width):
            right.append(Segment(" " + text, part(name)))
        right_width = sum(cell_len(s.text) for s in right)
        listing = self.listing
        blog: list[Segment] = []
        if listing is not None and listing.blogs:
            blog_name = Text(clean_line(listing.blogs.get(entry.source_id, "")), end="")
            room = max(6, min(BLOG_WIDTH, width // 4))
            blog_name.truncate(room, overflow="ellipsis", pad=True)
            blog.append(Segment(blog_name.plain + " ", part("entry-list--blog")))
        blog_width = sum(cell_len(s.text) for s in blog)
        title_width = max(0, width - 2 - (time_width + 1) - blog_width - right_width - 1)
        title = Text(clean_line(entry.title), end="")
        title.truncate(title_width, overflow="ellipsis", pad=True)
        title_style = part("entry-list--fresh" if unread else "entry-list--read")
        words = listing.marked if listing is not None else ()
        title_segments = marked_segments(title.plain, words, title_style, part("entry-list--match"))
        segments = [*segments_start, time_seg, *blog, *title_segments, *right]
        return Strip(segments).adjust_cell_length(width, base)
