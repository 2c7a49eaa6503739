"""The word diff (`liveread.kernel.worddiff`): golden pairs of invented texts checked span by
span, and for any two texts, each side's spans joined give that side back exactly.

A golden pair is `tests/golden/worddiff/NAME.old.txt` and `NAME.new.txt`; `NAME.spans.json`
holds the expected paragraphs, each a list of `[kind, text]` spans.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveread.kernel.worddiff import (
    SpanKind,
    diff_paragraph,
    paragraphs,
    tokens,
    word_diff,
)

GOLDEN = Path(__file__).resolve().parent / "golden" / "worddiff"
NAMES = sorted(p.name.removesuffix(".old.txt") for p in GOLDEN.glob("*.old.txt"))


def test_every_golden_pair_is_complete() -> None:
    assert len(NAMES) >= 5
    for name in NAMES:
        assert (GOLDEN / f"{name}.new.txt").is_file(), name
        assert (GOLDEN / f"{name}.spans.json").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_golden_word_diff_span_by_span(name: str) -> None:
    old = (GOLDEN / f"{name}.old.txt").read_text(encoding="utf-8")
    new = (GOLDEN / f"{name}.new.txt").read_text(encoding="utf-8")
    expected = json.loads((GOLDEN / f"{name}.spans.json").read_text(encoding="utf-8"))
    found = word_diff(old, new).paragraphs
    assert len(found) == len(expected), f"{name}: paragraph count"
    for number, (paragraph, want) in enumerate(zip(found, expected, strict=True), 1):
        assert len(paragraph.spans) == len(want), f"{name}: paragraph {number}: span count"
        for index, (span, (kind, text)) in enumerate(zip(paragraph.spans, want, strict=True), 1):
            where = f"{name}: paragraph {number}, span {index}"
            assert span.kind is SpanKind(kind), where
            assert span.text == text, where


def test_a_changed_number_is_the_only_word_marked() -> None:
    diff = word_diff("17 out of 43 drones were shot down.", "19 out of 43 drones were shot down.")
    (paragraph,) = diff.paragraphs
    marked = [(s.kind, s.text) for s in paragraph.spans if s.kind is not SpanKind.SAME]
    assert marked == [(SpanKind.DELETED, "17"), (SpanKind.INSERTED, "19")]


def test_a_space_between_two_changes_joins_them() -> None:
    paragraph = diff_paragraph("the cat sat", "a dog sat")
    assert [(s.kind, s.text) for s in paragraph.spans] == [
        (SpanKind.DELETED, "the cat"),
        (SpanKind.INSERTED, "a dog"),
        (SpanKind.SAME, " sat"),
    ]


def test_identical_texts_have_no_change() -> None:
    text = "One.\n\nTwo, three."
    diff = word_diff(text, text)
    assert not diff.changed
    assert all(s.kind is SpanKind.SAME for s in diff.old)


def test_a_paragraph_added_above_leaves_the_others_unmarked() -> None:
    diff = word_diff("First.\n\nSecond.", "New one.\n\nFirst.\n\nSecond.")
    assert [p.added for p in diff.paragraphs] == [True, False, False]
    assert [p.changed for p in diff.paragraphs] == [True, False, False]


_TEXT = st.lists(
    st.sampled_from([*"ab cd,.’'\n\t-“”é1", "\n\n", "  ", "\r\n", "ferry", "43"]), max_size=40
).map("".join)
_WORDS = st.lists(st.sampled_from(["ferry", "bridge", "17", "43", "closed", "open"]), max_size=8)


@given(_TEXT)
def test_tokens_and_paragraphs_join_back(text: str) -> None:
    assert "".join(tokens(text)) == text
    assert "".join(paragraphs(text)) == text


@given(_TEXT, _TEXT)
def test_each_side_joins_back_exactly(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert "".join(s.text for s in diff.old) == old
    assert "".join(s.text for s in diff.new) == new
    assert diff.changed == (old != new)


@given(
    st.lists(st.lists(_WORDS.map(" ".join), max_size=3).map(". ".join), max_size=5),
    st.lists(st.lists(_WORDS.map(" ".join), max_size=3).map(". ".join), max_size=5),
)
def test_paragraphs_of_words_join_back(old: list[str], new: list[str]) -> None:
    a, b = "\n\n".join(old), "\n\n".join(new)
    diff = word_diff(a, b)
    assert "".join(s.text for s in diff.old) == a
    assert "".join(s.text for s in diff.new) == b
    for paragraph in diff.paragraphs:
        assert all(span.text for span in paragraph.spans)
        kinds = [span.kind for span in paragraph.spans]
        assert all(x is not y for x, y in zip(kinds, kinds[1:], strict=False))


@given(st.text(max_size=60), st.text(max_size=60))
def test_any_unicode_joins_back_exactly(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert "".join(s.text for s in diff.old) == old
    assert "".join(s.text for s in diff.new) == new


_LONG = st.lists(
    st.sampled_from(["the", "ferry", "43", "wall", ",", ".", " ", "\n\n"]),
    min_size=150,
    max_size=400,
)


@given(_LONG, _LONG)
def test_long_repetitive_paragraphs_join_back_exactly(old: list[str], new: list[str]) -> None:
    # Past 200 tokens the matcher sets its most common tokens aside as anchors.
    a, b = " ".join(old), " ".join(new)
    diff = word_diff(a, b)
    assert "".join(s.text for s in diff.old) == a
    assert "".join(s.text for s in diff.new) == b
