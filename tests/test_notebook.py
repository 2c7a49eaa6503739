"""The notebook's read and filter: every highlight and note of every blog, newest first, each
item checked field by field; the filter's terms, words and errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from liveread.kernel.errors import InputError
from liveread.kernel.notebook import (
    ItemStatus,
    NotebookFilter,
    filter_items,
    parse_notebook_filter,
)
from liveread.storage import Store
from tests.notebook_data import fill_notebook


@pytest.fixture
def filled(store: Store) -> dict[str, int]:
    """The two blogs of `tests.notebook_data`, annotated."""
    return fill_notebook(store)


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
        ("tag:food color:", ["plain", "market_note"]),  # a term still being typed
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


def test_color_takes_the_meaning_the_config_gives_a_colour(
    store: Store, filled: dict[str, int]
) -> None:
    meanings = (("pink", "disputed"),)
    kept = filter_items(store.notebook(), parse_notebook_filter("color:Disputed", meanings))
    assert [i.id for i in kept] == [filled["changed"]]
    with pytest.raises(InputError) as raised:
        parse_notebook_filter("color:doubtful", meanings)
    assert str(raised.value) == (
        "notebook filter 'color:doubtful': colour is one of yellow, green, blue, pink, orange,"
        " disputed"
    )
