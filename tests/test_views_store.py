"""Across live blogs in the store: the search of every blog (newest first) and the counts of
saved views; and the `[views]` table of the config file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.kernel.settings import Settings, load_settings
from liveread.storage import Store

START = datetime(2025, 3, 2, 8, 0, tzinfo=UTC)


def _blog(title: str, posts: list[tuple[str, str, int | None]]) -> ParsedFeed:
    """(key, body, minutes after START or None for no time), in page order."""
    return ParsedFeed(
        Format.TEXT,
        title,
        tuple(
            ParsedEntry(
                key=key,
                headline=key.capitalize(),
                body=body,
                published=None if minutes is None else START + timedelta(minutes=minutes),
            )
            for key, body, minutes in posts
        ),
    )


@pytest.fixture
def blogs(store: Store) -> dict[str, int]:
    """Two blogs that both mention the ferry; key -> entry id."""
    store.import_feed(
        "/blogs/quay",
        _blog(
            "Quay live",
            [
                ("q3", "The ferry is back on the quay schedule.", 50),
                ("q2", "Wind easing at the quay.", 30),
                ("q1", "No ferry this morning, says the operator.", 10),
            ],
        ),
    )
    store.import_feed(
        "/blogs/island",
        _blog(
            "Island live",
            [
                ("i2", "Ferry passengers queue in the rain.", 40),
                ("i1", "The island school is closed; the ferry too.", 20),
            ],
        ),
    )
    return {e.key: e.id for e in store.entries()}


def test_search_everywhere_is_newest_first_across_blogs(
    store: Store, blogs: dict[str, int]
) -> None:
    found = store.search_everywhere("ferry")
    assert [e.key for e in found] == ["q3", "i2", "i1", "q1"]
    assert [e.key for e in store.search_everywhere("ferry", limit=2)] == ["q3", "i2"]


def test_search_everywhere_excludes_and_finds_notes(store: Store, blogs: dict[str, int]) -> None:
    assert [e.key for e in store.search_everywhere("ferry -island")] == ["q3", "i2", "q1"]
    store.add_note(blogs["q2"], "Ask the harbourmaster")
    assert [e.key for e in store.search_everywhere("harbourmaster")] == ["q2"]


@pytest.mark.parametrize("query", ["", "   ", '"', "-ferry", "*", "NEAR(", "\x00"])
def test_search_everywhere_never_raises(store: Store, blogs: dict[str, int], query: str) -> None:
    assert store.search_everywhere(query) == []


def test_view_counts_count_every_blog(store: Store, blogs: dict[str, int]) -> None:
    store.add_tags(blogs["q1"], ["verify"])
    store.add_tags(blogs["i2"], ["verify"])
    store.add_tags(blogs["i1"], ["verify", "done"])
    store.set_read(blogs["i2"])
    store.set_starred(blogs["q3"])
    counts = store.view_counts(
        ["tag:verify -tag:done", "starred", "unread", "tag:verify since:2025-03-02T08:15:00Z"]
    )
    assert counts == [(2, 1), (1, 1), (4, 4), (2, 1)]
    assert store.view_counts([]) == []


def test_views_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[views]\nverify = "tag:verify -tag:done"\n"to read" = "unread starred"\n',
        encoding="utf-8",
    )
    loaded = load_settings(path)
    assert loaded.problem is None
    assert loaded.settings.views == (
        ("verify", "tag:verify -tag:done"),
        ("to read", "unread starred"),
    )


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        ('views = "tag:x"\n', "[views] must map"),
        ("[views]\nverify = 3\n", "[views] must map"),
        ('[views]\nverify = ""\n', "needs a name and a filter"),
        ('[views]\nbad = "since:yesterday-ish"\n', "[views] bad: since:"),
    ],
)
def test_a_broken_view_is_one_line_and_defaults(tmp_path: Path, toml: str, said: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(toml, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None and said in loaded.problem and str(path) in loaded.problem
    assert "\n" not in loaded.problem
