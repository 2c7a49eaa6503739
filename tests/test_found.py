"""The searched words found again in what is shown: whole words, prefixes, phrases, case."""

from __future__ import annotations

import pytest

from liveread.kernel.found import found_spans, marked_words


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("harbour", ("harbour",)),
        ("Harbour FERRY", ("harbour", "ferry")),
        ('"sea wall" -ferry', ("sea", "wall")),
        ("harb*", ("harb*",)),
        ("h*", ("h",)),  # a one-letter prefix is searched as the word itself
        ("port-avren", ("port", "avren")),
        ("!!! ...", ()),
        ("ferry ferry", ("ferry",)),
    ],
)
def test_marked_words(query: str, words: tuple[str, ...]) -> None:
    assert marked_words(query) == words


def _found(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in found_spans(text, marked_words(query))]


def test_whole_words_only_in_any_case() -> None:
    text = "The Port reopened; the airport did not. PORT crews, port."
    assert _found(text, "port") == ["Port", "PORT", "port"]


def test_a_prefix_marks_the_whole_word() -> None:
    assert _found("Harbourmaster at the harbour, not in Oldharbour.", "harb*") == [
        "Harbourmaster",
        "harbour",
    ]


def test_spans_are_in_order_and_never_overlap() -> None:
    text = "sea wall, wall sea"
    spans = found_spans(text, marked_words('"sea wall" wall* sea'))
    assert spans == [(0, 3), (4, 8), (10, 14), (15, 18)]


def test_offsets_stay_the_texts_own_when_lowercasing_changes_length() -> None:
    # "İ" lower-cases to two characters; the span of "ferry" must still point at it.
    text = "İstanbul ferry"
    assert _found(text, "ferry") == ["ferry"]


def test_nothing_to_mark() -> None:
    assert found_spans("anything", ()) == []
    assert found_spans("", marked_words("ferry")) == []
