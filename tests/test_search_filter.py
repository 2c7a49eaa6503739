"""Full-text search and the filter language, against a real database file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import liveread.storage.search
from liveread.kernel.errors import InputError
from liveread.kernel.query import parse_filter, search_terms
from liveread.storage import Store
from liveread.storage.search import fts_expression, fts_string
from tests.feedmaker import LOCATION, entry, feed

HOSTILE = [
    '"',
    '""',
    "'",
    "AND(",
    "OR",
    "NOT",
    "NEAR(a b)",
    "a OR b",
    "(",
    ")",
    "*",
    "harbour*",
    "^start",
    "col:umn",
    "headline:harbour",
    "{headline body}: x",
    '"unterminated',
    "a AND NOT b",
    "-",
    "--",
    "+",
    "\x00",
    "harbour\x00wall",
    'a\x00"',
    "\x1b[31m",
    "\u200b",
    "🌊",
    "a" * 5000,
    "NEAR(harbour ferry, 2)",
    "x:y:z",
    ":",
    "tag:",
]


@pytest.fixture
def ids(store: Store) -> list[int]:
    """Five entries; their ids in page order."""
    blog = feed(
        entry("e0", "The ferry is cancelled until Thursday.", "Ferry suspended", minutes=0),
        entry("e1", "Crews worked overnight on the harbour wall.", "Harbour wall", minutes=60),
        entry("e2", "Volunteers ask for bedding at the school.", "Shelters fill up"),
        entry("e3", "The café on Quay Street reopened.", "Café reopens", minutes=180),
        entry("e4", "A statement from the council is expected.", "Council statement"),
    )
    result = store.import_feed(LOCATION, blog)
    return [e.id for e in store.entries(result.source_id)]


# -- search ---------------------------------------------------------------------------------------


def test_search_finds_headlines_bodies_notes_and_highlight_notes(
    store: Store, ids: list[int]
) -> None:
    store.add_note(ids[2], "Ask the *headteacher* about blankets")
    highlight = store.add_highlight_quote(ids[4], "statement")
    store.set_highlight_note(highlight.id, "mayoral spokesperson promised")
    assert [e.id for e in store.search("ferry")] == [ids[0]]
    assert [e.id for e in store.search("harbour wall")] == [ids[1]]
    assert [e.id for e in store.search("headteacher")] == [ids[2]]
    assert [e.id for e in store.search("spokesperson")] == [ids[4]]
    assert [e.id for e in store.search("cafe")] == [ids[3]]  # diacritics folded
    assert [e.id for e in store.search("Harb*")] == [ids[1]]
    assert [e.id for e in store.search('"wall harbour"')] == []
    assert [e.id for e in store.search('"harbour wall"')] == [ids[1]]
    assert {e.id for e in store.search("the -ferry")} == {ids[1], ids[2], ids[3], ids[4]}
    assert store.search("ferry", source_id=ids[0] + 999) == []
    assert len(store.search("the", limit=2)) == 2


def test_search_puts_headline_matches_first(store: Store, ids: list[int]) -> None:
    store.add_note(ids[4], "not about the harbour at all")
    assert [e.id for e in store.search("harbour")][0] == ids[1]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_search_input_never_raises(store: Store, ids: list[int], query: str) -> None:
    found = store.search(query)
    assert all(isinstance(e.id, int) for e in found)
    try:
        flt = parse_filter(query)
    except InputError as error:
        # Only an unknown or empty `key:` is refused, and the message names the filter.
        assert ":" in query and str(error).startswith("filter ")
        return
    assert store.count_filtered(None, flt) == len(store.filter_entries(None, flt, 0, 100))


def test_operator_words_are_searched_as_words(store: Store, ids: list[int]) -> None:
    store.add_note(ids[0], "NEAR the terminal OR the quay")
    assert [e.id for e in store.search("NEAR")] == [ids[0]]
    assert [e.id for e in store.search("OR quay")] == [ids[0]]
    assert [e.id for e in store.search("headline:harbour")] == []  # no column filters


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.text(max_size=40))
def test_any_text_is_a_safe_search(store: Store, query: str) -> None:
    assert isinstance(store.search(query), list)
    try:
        flt = parse_filter(query)
    except InputError:
        return
    assert store.count_filtered(None, flt) >= 0


def test_fts_strings_are_quoted() -> None:
    assert fts_string('say "no"') == '"say ""no"""'
    assert fts_string("harb*") == '"harb"*'
    assert fts_string("(*)") is None
    assert fts_expression(("a", "!!", "b")) == '"a" "b"'
    assert fts_expression(("!!",)) is None
    assert search_terms('-x "two words" tag:y').words == ("two words", "tag:y")


# -- the filter language --------------------------------------------------------------------------


def test_parse_filter_reads_every_keyword() -> None:
    flt = parse_filter(
        'TAG:Verify -tag:"Follow  Up" starred -pinned annotated unread edited -orphaned'
        ' since:2024-11-01 harbour "sea wall" -ferry'
    )
    assert flt.tags == ("verify",) and flt.without_tags == ("follow up",)
    assert (flt.starred, flt.pinned, flt.annotated, flt.unread) == (True, False, True, True)
    assert (flt.edited, flt.orphaned) == (True, False)
    assert flt.since == datetime(2024, 11, 1, tzinfo=UTC)
    assert flt.words == ("harbour", "sea wall") and flt.without_words == ("ferry",)
    assert parse_filter(str(flt)) == flt
    assert parse_filter("read").unread is False
    assert parse_filter('"starred"').words == ("starred",)
    assert parse_filter("").empty and parse_filter('  " ').empty
    assert parse_filter("since:2024-11-01T14:30+01:00").since == datetime(
        2024, 11, 1, 13, 30, tzinfo=UTC
    )


@pytest.mark.parametrize("text", ["since:soon", "tag:", 'tag:"  "', "since:2024-13-01"])
def test_parse_filter_rejects_what_cannot_mean_anything(text: str) -> None:
    with pytest.raises(InputError, match="filter"):
        parse_filter(text)


def test_filters_combine(store: Store, ids: list[int]) -> None:
    source_id = store.entry(ids[0]).source_id
    store.add_tags(ids[0], ["verify"])
    store.add_tags(ids[1], ["verify", "disputed"])
    store.set_starred(ids[1])
    store.set_pinned(ids[3])
    store.set_read(ids[0])
    store.add_note(ids[2], "blankets")

    def kept(text: str) -> list[int]:
        found = [e.id for e in store.filter_entries(source_id, text, 0, 100)]
        assert store.count_filtered(source_id, text) == len(found)
        assert [e.id for e in store.filter_entries(None, parse_filter(text), 0, 100)] == found
        return found

    assert kept("") == ids
    assert kept("tag:verify") == [ids[0], ids[1]]
    assert kept("tag:verify -tag:disputed") == [ids[0]]
    assert kept("starred") == [ids[1]]
    assert kept("-starred tag:verify") == [ids[0]]
    assert kept("pinned") == [ids[3]]
    assert kept("annotated") == [ids[0], ids[1], ids[2], ids[3]]
    assert kept("-annotated") == [ids[4]]
    assert kept("unread") == ids[1:]
    assert kept("read") == [ids[0]]
    assert kept("blankets") == [ids[2]]
    assert kept("tag:verify harbour") == [ids[1]]
    assert kept("the -ferry -café") == [ids[1], ids[2], ids[4]]
    assert kept("!!") == []
    assert kept("edited") == [] and kept("orphaned") == []
    # Entries with no published time count at their place on the page: e2 (between 17:00
    # and 15:00) and e4 (under 15:00) both at 15:00, never at when they were imported.
    assert kept("since:2025-10-14T16:30") == [ids[0], ids[1]]
    assert kept("since:2025-10-14T15:00") == ids
    assert kept("until:2025-10-14T16:30") == [ids[2], ids[3], ids[4]]
    assert kept("since:2025-10-14T15:00 until:2025-10-14T17:00") == [ids[2], ids[3], ids[4]]
    assert kept("since:2999-01-01") == []
    assert store.filter_entries(source_id, "", 1, 2) == store.entry_page(source_id, 1, 2)


def test_edited_and_orphaned_filters(store: Store, ids: list[int]) -> None:
    source_id = store.entry(ids[0]).source_id
    highlight = store.add_highlight_quote(ids[0], "until Thursday")
    store.import_feed(
        LOCATION,
        feed(
            entry("e0", "The ferry runs again.", "Ferry suspended", minutes=0),
            entry("e1", "Crews worked overnight on the harbour wall.", "Harbour wall", minutes=60),
            entry("e2", "Volunteers ask for bedding at the school.", "Shelters fill up"),
            entry("e3", "The café on Quay Street reopened.", "Café reopens", minutes=180),
            entry("e4", "A statement from the council is expected.", "Council statement"),
        ),
    )
    assert [e.id for e in store.filter_entries(source_id, "edited", 0, 10)] == [ids[0]]
    assert [e.id for e in store.filter_entries(source_id, "orphaned", 0, 10)] == [ids[0]]
    assert [h.id for h in store.orphaned_highlights(source_id)] == [highlight.id]
    assert store.count_filtered(source_id, "-orphaned") == 4


def test_filtered_index_finds_the_row_of_an_entry(store: Store, ids: list[int]) -> None:
    store.add_tags(ids[1], ["k"])
    store.add_tags(ids[3], ["k"])
    assert store.filtered_index(None, "tag:k", ids[3]) == 1
    assert store.filtered_index(None, "tag:k", ids[1]) == 0
    assert store.filtered_index(None, "tag:k", ids[0]) is None
    assert store.filtered_index(None, "", ids[4]) == 4


def test_pinned_timeline_runs_oldest_first(store: Store, ids: list[int]) -> None:
    for entry_id in ids:
        store.set_pinned(entry_id)
    store.set_pinned(ids[1], False)
    timeline = [e.id for e in store.pinned_timeline()]
    # By time, the untimed at their place on the page (e4 under e3 at 15:00, e2 above it),
    # equal times from the bottom of the page up; e0 at 18:00 last.
    assert timeline == [ids[4], ids[3], ids[2], ids[0]]
    assert [e.id for e in store.pinned_timeline(store.entry(ids[0]).source_id)] == timeline
    assert store.pinned_timeline(999) == []


def test_prefix_search_needs_two_letters_and_lists_in_page_order(
    store: Store, ids: list[int]
) -> None:
    assert fts_string("h*") == '"h"'
    assert [e.id for e in store.search("h*")] == []  # the word "h", not every h-word
    assert [e.id for e in store.search("th*")] == [ids[0], ids[1], ids[2], ids[3], ids[4]]
    assert [e.id for e in store.search("c*")] == []


def test_a_source_search_is_not_crowded_out_by_other_sources(
    store: Store, ids: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(liveread.storage.search, "RANK_CAP", 2)
    later = store.import_feed(
        "/blogs/other.txt",
        feed(*(entry(f"o{i}", f"Another ferry story, number {i}.") for i in range(4))),
    )
    assert len(store.search("ferry")) == 2  # only the most recently added are ranked
    own = store.entry(ids[0]).source_id
    assert [e.id for e in store.search("ferry", source_id=own)] == [ids[0]]
    assert len(store.search("ferry", source_id=later.source_id)) == 2
