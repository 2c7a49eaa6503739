"""The first frame waits only for what it shows: plain `liveread` reads the blog it opens with
its counts, the other blogs without theirs (counting walks every entry), and the screen reads
every blog's counts once that frame is drawn."""

from __future__ import annotations

from datetime import UTC

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.display import TimeDisplay
from liveread.tui.listings import open_view
from tests.tui.conftest import NEVER, feed_of, ready, wait_for

SIZES = {"One": 4, "Two": 7, "Three": 5}
"""Entries in each blog (all unread)."""


def three_blogs(store: Store) -> list[int]:
    for name, size in SIZES.items():
        store.import_feed(f"/blogs/{name.lower()}", feed_of(name, size, prefix=name))
    return [source.id for source in store.sources()]


def test_the_first_view_counts_only_the_blog_it_shows(store: Store) -> None:
    ids = three_blogs(store)
    store.set_last_source(ids[1])
    view = open_view(store, store.last_source(), counted=False)
    assert not view.counted
    assert view.source is not None and view.source.id == ids[1]
    assert (view.source.entry_count, view.source.unread_count) == (7, 7)
    by_id = {s.id: s for s in view.sources}
    assert [s.id for s in view.sources] == ids
    assert by_id[ids[1]] == view.source
    assert [(by_id[i].entry_count, by_id[i].unread_count) for i in (ids[0], ids[2])] == [
        (0, 0),
        (0, 0),
    ]
    counted = open_view(store, store.last_source())
    assert counted.counted
    assert [s.entry_count for s in counted.sources] == list(SIZES.values())
    assert counted.sources == tuple(store.sources())


async def test_every_blog_is_counted_once_the_first_frame_is_drawn(store: Store) -> None:
    ids = three_blogs(store)
    store.set_last_source(ids[2])
    view = open_view(store, store.last_source(), counted=False)
    app = LivereadApp(
        store, initial=view, times=TimeDisplay(UTC), read_delay=NEVER, polling=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        assert main.source is not None and main.source.id == ids[2]
        assert main.source.entry_count == 5
        await wait_for(
            pilot,
            lambda: [s.entry_count for s in main.sources] == list(SIZES.values()),
            "every blog counted",
        )
        assert main.sources == tuple(store.sources())
        assert [s.unread_count for s in main.sources] == list(SIZES.values())
