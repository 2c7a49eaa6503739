"""What the main screen needs to show a live blog: the sources, the one shown, where its cursor
goes, and the page of entries around it. Blocking: call from a worker thread, or before the
app starts (the first view is read before the terminal is taken over, so the first frame
already has the list in it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from liveread.model import Entry, Source
from storage import Store
from tui.widgets.entry_list import PAGE_SIZE, Listing


@dataclass(frozen=True, slots=True)
class View:
    """One live blog ready to be shown, or nothing when the database has no sources."""

    sources: tuple[Source, ...]
    """Every source, in the order they were added."""
    source: Source | None
    """The source to show; None when there are none."""
    listing: Listing | None
    """Its entries, with the cursor on the entry to select and that entry's page read."""


@dataclass(frozen=True, slots=True)
class Place:
    """Which entry to select in the source that is opened."""

    keep_entry: int | None = None
    """Select this entry (after a reload); None selects the source's remembered entry."""
    remember: tuple[int, int] | None = field(default=None)
    """(source id, entry id) to store as the place in the source being left, first."""


def open_view(store: Store, source_id: int | None, place: Place | None = None) -> View:
    """Read what is needed to show `source_id` (or the first source when it is None)."""
    place = place or Place()
    if place.remember is not None:
        store.set_selected_entry(*place.remember)
    sources = tuple(store.sources())
    if not sources:
        return View((), None, None)
    source = next((s for s in sources if s.id == source_id), sources[0])
    wanted = place.keep_entry if place.keep_entry is not None else store.selected_entry(source.id)
    cursor = 0
    if wanted is not None:
        index = store.entry_index(wanted)
        if index is not None and store.entry(wanted).source_id == source.id:
            cursor = index
    page_no = cursor // PAGE_SIZE
    first_page: dict[int, list[Entry]] = {}
    if source.entry_count:
        first_page[page_no] = store.entry_page(source.id, page_no * PAGE_SIZE, PAGE_SIZE)
    listing = Listing(
        source_id=source.id,
        count=source.entry_count,
        fetch=partial(store.entry_page, source.id),
        cursor=cursor,
        pages=first_page,
    )
    return View(sources, source, listing)
