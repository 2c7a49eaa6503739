"""Stable `#n` labels: counted from the oldest post, in the entry list as in the CLI."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from liveread.cli.main import main
from liveread.kernel.labels import position_label, position_number
from liveread.storage import Store
from liveread.tui.display import TimeDisplay
from liveread.tui.listings import filter_listing, open_view
from liveread.tui.widgets.entry_list import time_column

POSTS = ("## Oldest\n\nOne.\n", "## Middle\n\nTwo.\n", "## Newest\n\nThree.\n")
"""Three posts with no time of their own (so the list shows their labels), oldest first."""


def _write(blog: Path, posts: tuple[str, ...]) -> None:
    blog.write_text("# A blog\n\n" + "\n".join(reversed(posts)), encoding="utf-8")


def test_position_numbers_count_from_the_bottom() -> None:
    assert [position_number(p, 3) for p in range(3)] == [3, 2, 1]
    assert position_label(0, 40) == "#40"
    assert position_label(39, 40) == "#1"


def test_the_list_labels_stay_when_newer_posts_arrive(tmp_path: Path) -> None:
    blog = tmp_path / "blog.md"
    times = TimeDisplay(tz=UTC)
    _write(blog, POSTS[:2])
    assert main(["import", str(blog), "--db", str(tmp_path / "a.db")]) == 0

    def labels() -> dict[str, str]:
        with Store.open(tmp_path / "a.db") as store:
            view = open_view(store, None)
            assert view.listing is not None
            entries = view.listing.pages[0]
            total = view.listing.total
            return {e.title: time_column(e, times, total=total) for e in entries}

    assert labels() == {"Oldest": "#1", "Middle": "#2"}
    _write(blog, POSTS)
    assert main(["import", str(blog), "--db", str(tmp_path / "a.db")]) == 0
    assert labels() == {"Oldest": "#1", "Middle": "#2", "Newest": "#3"}


def test_a_filtered_list_keeps_the_labels_of_the_whole_blog(tmp_path: Path) -> None:
    blog, db = tmp_path / "blog.md", tmp_path / "a.db"
    _write(blog, POSTS)
    assert main(["import", str(blog), "--db", str(db)]) == 0
    with Store.open(db) as store:
        (source,) = store.sources()
        listing = filter_listing(store, source.id, "Oldest", None)
        assert listing.count == 1 and listing.total == 3
        (oldest,) = listing.pages[0]
        assert time_column(oldest, TimeDisplay(tz=UTC), total=listing.total) == "#1"
