"""The notebook's read and filter: every highlight and note of every blog, newest first, each
item checked field by field; the filter's terms, words and errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.kernel.notebook import (
    ItemStatus,
    NotebookFilter,
    filter_items,
    parse_notebook_filter,
)
from liveread.storage import Store

FERRY = "The ferry to the island sails at nine with forty cars aboard, the harbour office says."
SCHOOL = "The school on the hill stays shut until the road is cleared of fallen trees."
MARKET = "Stalls at the fish market opened early and sold out of crab by eight."


def _feed(title: str, posts: list[tuple[str, str | None, str]]) -> ParsedFeed:
    return ParsedFeed(
        Format.TEXT,
        title,
        tuple(ParsedEntry(key=key, headline=headline, body=body) for key, headline, body in posts),
    )


def _stamp(store: Store, table: str, row_id: int, minute: int) -> None:
    """Give a row a known creation time (the store writes the clock's, to the second)."""
    when = f"2026-04-01T10:{minute:02d}:00Z"
    with store.conn:
        store.conn.execute(f"UPDATE {table} SET created_at = ? WHERE id = ?", (when, row_id))


@pytest.fixture
def filled(store: Store) -> dict[str, int]:
    """Two blogs: a changed pink highlight, an orphaned one, a yellow one, two notes."""
    store.import_feed(
        "/blogs/quay",
        _feed("Quay live", [("ferry", "Ferry sails", FERRY), ("school", None, SCHOOL)]),
    )
    store.import_feed("/blogs/island", _feed("Island news", [("market", "Market", MARKET)]))
    ids = {e.key: e.id for e in store.entries()}
    store.add_tags(ids["ferry"], ["verify", "boats"])
    store.add_tags(ids["market"], ["food"])
    changed = store.add_highlight_quote(
        ids["ferry"], "sails at nine with forty cars aboard", "pink", "Check the car count"
    )
    doomed = store.add_highlight_quote(ids["ferry"], "the harbour office says", "blue")
    plain = store.add_highlight_quote(ids["market"], "sold out of crab", None)
    entry_note = store.add_note(ids["school"], "Ask the council when the road opens")
    market_note = store.add_note(ids["market"], "Prices doubled?")
    edited = FERRY.replace("forty", "fifty").replace(", the harbour office says", "")
    store.import_feed(
        "/blogs/quay",
        _feed("Quay live", [("ferry", "Ferry sails", edited), ("school", None, SCHOOL)]),
    )
    _stamp(store, "highlights", changed.id, 5)
    _stamp(store, "highlights", doomed.id, 1)
    _stamp(store, "highlights", plain.id, 9)
    _stamp(store, "notes", entry_note.id, 7)
    _stamp(store, "notes", market_note.id, 3)
    return {
        **ids,
        "changed": changed.id,
        "doomed": doomed.id,
        "plain": plain.id,
        "entry_note": entry_note.id,
        "market_note": market_note.id,
    }


def test_the_notebook_lists_every_highlight_and_note_newest_first(
    store: Store, filled: dict[str, int]
) -> None:
    items = store.notebook()
    got = [
        (
            i.kind,
            i.id,
            i.entry_id,
            i.blog,
            i.headline,
            i.quote,
            i.color,
            i.note,
            i.tags,
            i.status,
            i.original,
            i.created_at,
        )
        for i in items
    ]

    def at(minute: int) -> datetime:
        return datetime(2026, 4, 1, 10, minute, tzinfo=UTC)

    assert got == [
        (
            "highlight",
            filled["plain"],
            filled["market"],
            "Island news",
            "Market",
            "sold out of crab",
            "yellow",
            "",
            ("food",),
            ItemStatus.ANCHORED,
            None,
            at(9),
        ),
        (
            "note",
            filled["entry_note"],
            filled["school"],
            "Quay live",
            "The school on the hill stays shut until the road is cleared…",
            "",
            None,
            "Ask the council when the road opens",
            (),
            ItemStatus.ANCHORED,
            None,
            at(7),
        ),
        (
            "highlight",
            filled["changed"],
            filled["ferry"],
            "Quay live",
            "Ferry sails",
            "sails at nine with fifty cars aboard",
            "pink",
            "Check the car count",
            ("boats", "verify"),
            ItemStatus.CHANGED,
            "sails at nine with forty cars aboard",
            at(5),
        ),
        (
            "note",
            filled["market_note"],
            filled["market"],
            "Island news",
            "Market",
            "",
            None,
            "Prices doubled?",
            ("food",),
            ItemStatus.ANCHORED,
            None,
            at(3),
        ),
        (
            "highlight",
            filled["doomed"],
            filled["ferry"],
            "Quay live",
            "Ferry sails",
            "the harbour office says",
            "blue",
            "",
            ("boats", "verify"),
            ItemStatus.ORPHANED,
            None,
            at(1),
        ),
    ]


def test_an_empty_database_has_an_empty_notebook(store: Store) -> None:
    assert store.notebook() == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("", ["plain", "entry_note", "changed", "market_note", "doomed"]),
        ("color:pink", ["changed"]),
        ("colour:BLUE color:yellow", ["plain", "doomed"]),
        ("tag:verify", ["changed", "doomed"]),
        ("tag:verify tag:food", []),
        ("blog:island", ["plain", "market_note"]),
        ("blog:QUAY status:orphaned", ["doomed"]),
        ("status:changed", ["changed"]),
        ("status:anchored", ["plain", "entry_note", "market_note"]),
        ("council", ["entry_note"]),
        ("CAR count", ["changed"]),
        ("crab island", ["plain"]),
        ("island", ["plain", "market_note"]),  # the blog's name is searched too
        ("tag:food doubled", ["market_note"]),
        ("nowhere:x", []),  # not a term: a plain word nothing holds
    ],
)
def test_the_filter_keeps_what_its_terms_and_words_ask_for(
    store: Store, filled: dict[str, int], line: str, expected: list[str]
) -> None:
    kept = filter_items(store.notebook(), parse_notebook_filter(line))
    assert [i.id for i in kept] == [filled[name] for name in expected]
    assert [i.kind for i in kept] == [
        "note" if name.endswith("note") else "highlight" for name in expected
    ]


def test_the_filter_is_read_into_its_parts() -> None:
    assert parse_notebook_filter("  ") == NotebookFilter()
    assert parse_notebook_filter("").empty
    wanted = parse_notebook_filter("Color:Pink tag:Verify blog:Quay status:changed Ferry\x1b[2J")
    assert wanted == NotebookFilter(
        colors=frozenset({"pink"}),
        tags=frozenset({"verify"}),
        blogs=("quay",),
        statuses=frozenset({ItemStatus.CHANGED}),
        words=("ferry",),
    )
    assert not wanted.empty


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "color:purple",
            "notebook filter 'color:purple': colour is one of yellow, green, blue, pink, orange",
        ),
        (
            "status:lost",
            "notebook filter 'status:lost': status is one of anchored, changed, orphaned",
        ),
    ],
)
def test_an_unknown_colour_or_status_is_a_one_line_error_listing_the_choices(
    line: str, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        parse_notebook_filter(line)
    assert str(raised.value) == message
