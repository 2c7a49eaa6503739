"""What the main screen needs to show a live blog: the sources, the one shown, where its cursor
goes, and the page of entries around it. Blocking: call from a worker thread, or before the
app starts (the first view is read before the terminal is taken over, so the first frame
already has the list in it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from liveread.kernel.errors import LivereadError
from liveread.kernel.found import marked_terms, marked_words
from liveread.kernel.model import Entry, Source
from liveread.kernel.query import parse_filter
from liveread.storage import Store
from liveread.tui.widgets.entry_list import PAGE_SIZE, Listing, RowMarks

SEARCH_LIMIT = 500
"""Most search results listed (best first)."""


@dataclass(frozen=True, slots=True)
class View:
    """One live blog ready to be shown, or nothing when the database has no sources."""

    sources: tuple[Source, ...]
    """Every source, in the order they were added."""
    source: Source | None
    """The source to show; None when there are none."""
    listing: Listing | None
    """Its entries, with the cursor on the entry to select and that entry's page read."""
    counted: bool = True
    """False when only the shown source's counts were read (the others' are 0): the first
    frame's view, whose other counts the screen reads once it is drawn."""


@dataclass(frozen=True, slots=True)
class Place:
    """Which entry to select in the source that is opened."""

    keep_entry: int | None = None
    """Select this entry (after a reload); None selects the source's remembered entry."""
    remember: tuple[int, int] | None = field(default=None)
    """(source id, entry id) to store as the place in the source being left, first."""


def open_view(
    store: Store, source_id: int | None, place: Place | None = None, *, counted: bool = True
) -> View:
    """Read what is needed to show `source_id` (or the first source when it is None); with
    `counted` False, only the shown source's entries are counted (see `View.counted`)."""
    place = place or Place()
    if place.remember is not None:
        store.set_selected_entry(*place.remember)
    sources = tuple(store.sources(counts=counted))
    if not sources:
        return View((), None, None)
    source = next((s for s in sources if s.id == source_id), sources[0])
    if not counted:
        source = store.source(source.id)
        sources = tuple(source if s.id == source.id else s for s in sources)
    wanted = place.keep_entry if place.keep_entry is not None else store.selected_entry(source.id)
    cursor = 0
    if wanted is not None:
        index = store.entry_index(wanted)
        if index is not None and store.entry(wanted).source_id == source.id:
            cursor = index
    listing = make_listing(
        store,
        source.id,
        source.entry_count,
        partial(store.entry_page, source.id),
        cursor,
        total=source.entry_count,
    )
    return View(sources, source, listing, counted)


def page_marks(store: Store, entries: Sequence[Entry]) -> dict[int, RowMarks]:
    """Tags and the highlights-or-notes marker of a page of entries (marked ones only)."""
    if not entries:
        return {}
    found = store.annotated_entries(entry_ids=[e.id for e in entries], annotated_only=True)
    return {
        a.entry.id: RowMarks(tags=a.tags, annotated=bool(a.highlights or a.notes)) for a in found
    }


def make_listing(
    store: Store,
    source_id: int,
    count: int,
    fetch: Callable[[int, int], Sequence[Entry]],
    cursor: int = 0,
    *,
    top: int | None = None,
    title: str = "Entries",
    total: int | None = None,
    blogs: Mapping[int, str] | None = None,
    totals: Mapping[int, int] | None = None,
    marked: tuple[str, ...] = (),
) -> Listing:
    """A listing with the cursor's page (and its marks) already read; `total` is the source's
    entry count for the `#n` labels (counted here when not given); `blogs` (titles by source
    id) and `totals` (their entry counts) when its rows come from several blogs, `marked` the
    searched words."""
    page_no = cursor // PAGE_SIZE
    pages: dict[int, Sequence[Entry]] = {}
    marks: dict[int, RowMarks] = {}
    if count:
        pages[page_no] = list(fetch(page_no * PAGE_SIZE, PAGE_SIZE))
        marks = page_marks(store, pages[page_no])
    return Listing(
        source_id=source_id,
        count=count,
        fetch=fetch,
        cursor=cursor,
        pages=pages,
        marks=partial(page_marks, store),
        page_marks=marks,
        top=top,
        title=title,
        total=store.count_entries(source_id) if total is None else total,
        blogs=blogs or {},
        totals=totals or {},
        marked=marked,
    )


def filter_listing(
    store: Store,
    source_id: int,
    query: str,
    keep_entry: int | None,
    top: int | None = None,
    *,
    now: datetime | None = None,
) -> Listing:
    """The entries of a source the filter keeps, with the cursor on `keep_entry` if it is
    among them (InputError for a malformed query). Relative dates count from `now` (default
    the machine's clock), once: every page of the listing is read with the same times."""
    flt = parse_filter(query, now=now)
    count = store.count_filtered(source_id, flt)
    cursor = 0
    if keep_entry is not None:
        cursor = store.filtered_index(source_id, flt, keep_entry) or 0
    fetch = partial(store.filter_entries, source_id, flt)
    return make_listing(
        store, source_id, count, fetch, cursor, top=top, title=f"Filter: {query}",
        marked=marked_terms(flt.words),
    )


def search_listing(
    store: Store,
    source_id: int,
    query: str,
    keep_entry: int | None = None,
    cancel: threading.Event | None = None,
) -> Listing:
    """A source's entries matching a search, best first (ReadCancelled once `cancel` is
    set)."""
    found = store.search(query, source_id=source_id, limit=SEARCH_LIMIT, cancel=cancel)

    def fetch(offset: int, limit: int) -> Sequence[Entry]:
        return found[offset : offset + limit]

    ids = [e.id for e in found]
    cursor = ids.index(keep_entry) if keep_entry in ids else 0
    title = f"Search: {query} ({len(found)}{'+' if len(found) >= SEARCH_LIMIT else ''})"
    return make_listing(
        store, source_id, len(found), fetch, cursor, title=title, marked=marked_words(query)
    )


def grouped_by_blog(entries: Sequence[Entry]) -> list[Entry]:
    """Entries (newest first) grouped by live blog: the blog with the newest one first, and
    each blog's entries in page order (so posts without a time of their own sit where the
    page put them, not where their import time would)."""
    groups: dict[int, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.source_id, []).append(entry)
    return [
        entry
        for group in groups.values()
        for entry in sorted(group, key=lambda e: (e.position, e.id))
    ]


def everywhere_listing(
    store: Store,
    shown_id: int,
    query: str,
    keep_entry: int | None = None,
    cancel: threading.Event | None = None,
) -> Listing:
    """Every live blog's entries matching a search: the newest SEARCH_LIMIT, grouped by
    blog. `shown_id` is the blog the screen shows (the listing belongs to its screen);
    ReadCancelled once `cancel` is set."""
    found = grouped_by_blog(
        store.search_everywhere(query, limit=SEARCH_LIMIT, cancel=cancel)
    )

    def fetch(offset: int, limit: int) -> Sequence[Entry]:
        return found[offset : offset + limit]

    ids = [e.id for e in found]
    cursor = ids.index(keep_entry) if keep_entry in ids else 0
    sources = store.sources()
    more = "+" if len(found) >= SEARCH_LIMIT else ""
    title = f"Every blog: {query} ({len(found)}{more})"
    return make_listing(
        store, shown_id, len(found), fetch, cursor, title=title,
        blogs={s.id: s.title for s in sources}, totals={s.id: s.entry_count for s in sources},
        marked=marked_words(query),
    )


def view_listing(
    store: Store,
    shown_id: int,
    name: str,
    query: str,
    keep_entry: int | None = None,
    top: int | None = None,
    *,
    now: datetime | None = None,
) -> Listing:
    """The entries of every live blog a saved view keeps, blog by blog in page order
    (InputError for a malformed filter); relative dates count from `now`, once."""
    flt = parse_filter(query, now=now)
    count = store.count_filtered(None, flt)
    cursor = 0
    if keep_entry is not None:
        cursor = store.filtered_index(None, flt, keep_entry) or 0
    fetch = partial(store.filter_entries, None, flt)
    sources = store.sources()
    return make_listing(
        store, shown_id, count, fetch, cursor, top=top, title=view_title(name),
        blogs={s.id: s.title for s in sources}, totals={s.id: s.entry_count for s in sources},
        marked=marked_terms(flt.words),
    )


VIEW_TITLE = "View: "
"""How the entry list's title starts while it shows a saved view."""


def view_title(name: str) -> str:
    """The entry list's title for a saved view."""
    return VIEW_TITLE + name


def plain_listing(
    store: Store, source: Source, keep_entry: int | None, top: int | None = None
) -> Listing:
    """Every entry of a source, with the cursor on `keep_entry` (a refresh)."""
    cursor = 0
    if keep_entry is not None:
        index = store.entry_index(keep_entry)
        if index is not None and store.entry(keep_entry).source_id == source.id:
            cursor = index
    count = store.count_entries(source.id)
    fetch = partial(store.entry_page, source.id)
    return make_listing(store, source.id, count, fetch, cursor, top=top, total=count)


def listing_reader(
    store: Store,
    source: Source | None,
    search: str | None,
    query: str,
    keep: int | None,
    top: int | None,
    *,
    now: datetime | None = None,
    view: str | None = None,
    everywhere: bool = False,
    cancel: threading.Event | None = None,
) -> Callable[[], Listing]:
    """(Made on the UI thread, called in a thread) the list in the mode it is shown in:
    `everywhere` with `search` searches every blog; `view` names the saved view whose filter
    `query` is; a filter's relative dates count from `now`. A search stops (ReadCancelled)
    once `cancel` is set."""

    def read() -> Listing:
        if source is None:
            raise LivereadError("no live blog is shown")
        if everywhere and search is not None:
            return everywhere_listing(store, source.id, search, keep, cancel)
        if view is not None:
            return view_listing(store, source.id, view, query, keep, top, now=now)
        if search is not None:
            return search_listing(store, source.id, search, keep, cancel)
        if query:
            return filter_listing(store, source.id, query, keep, top, now=now)
        return plain_listing(store, store.source(source.id), keep, top)

    return read
