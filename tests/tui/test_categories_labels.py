"""In the app: the feed's categories under the reader's meta line, apart from the user's tag
chips, and the list's `#n` labels counted from the oldest post (they stay as posts arrive)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import ready, settle, wait_for


def _feed(count: int) -> ParsedFeed:
    """`count` posts with no time of their own (the list shows labels), newest first; the
    newest is filed under two categories."""
    entries = tuple(
        ParsedEntry(
            key=f"post-{n}",
            headline=f"Post {n}",
            body=f"Words of post {n}.",
            categories=("Harbour", "Weather") if n == count else (),
        )
        for n in range(count, 0, -1)
    )
    return ParsedFeed(format=Format.RSS, title="Quay", entries=entries)


def _labels(entry_list: EntryList, rows: int) -> list[str]:
    lines = [entry_list.render_line(row).text.split() for row in range(rows)]
    return [next(word for word in words if word.startswith("#")) for words in lines]


async def test_categories_show_in_the_reader_and_labels_stay(
    db_path: Path, store: Store, make_app: Callable[..., LivereadApp]
) -> None:
    store.import_feed("/blogs/quay", _feed(2))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        await wait_for(
            pilot, lambda: "Filed under: Harbour · Weather" in main.reader.text.plain, "categories"
        )
        assert "#Harbour" not in main.reader.text.plain  # not drawn as the user's tag chips
        assert _labels(entry_list, 2) == ["#2", "#1"]
        # A newer post arrives (another writer, as `liveread follow` would): the older ones
        # keep their numbers. The screen sees a change only after its first look.
        await wait_for(
            pilot,
            lambda: main.database_watch is not None and main.database_watch.version is not None,
            "the screen's first look at the database's version",
        )
        with Store.open(db_path) as other:
            other.import_feed("/blogs/quay", _feed(3))
        await wait_for(pilot, lambda: entry_list.count == 3, "the third post")
        await settle(pilot)
        assert _labels(entry_list, 3) == ["#3", "#2", "#1"]
