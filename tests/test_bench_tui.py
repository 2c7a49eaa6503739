"""The reader bench's paint tests: where on the screen a run of text is drawn is read from the
cursor moves before it, so the reader's headline is told apart from the same words in the list."""

from __future__ import annotations

import pytest

from bench.tui import READER_COLUMN, column_at, drawn_from, reader_shows, shows


def frame(*parts: bytes) -> bytearray:
    return bytearray(b"".join(parts))


def test_a_column_counts_cells_after_the_last_cursor_move() -> None:
    out = frame(
        b"\x1b[3;1H\x1b[1mabc\x1b[0m",
        b"\x1b[5;55H\x1b[38;5;1m\xe2\x94\x82\x1b[0m x Headline",
    )
    assert column_at(out, out.find(b"abc")) == 1
    # Column 55, then the border (one cell, three bytes) and " x " are written first.
    assert column_at(out, out.find(b"Headline")) == 55 + 1 + 3
    assert column_at(bytearray(b"no moves"), 3) == 0


def test_text_counts_only_where_it_is_drawn_from_the_column() -> None:
    in_list = frame(b"\x1b[4;1H\xe2\x97\x8f 12:00 Storm closes the ferry")
    in_reader = frame(b"\x1b[2;", str(READER_COLUMN + 1).encode(), b"HStorm closes the ferry")
    seen = drawn_from(b"Storm closes", READER_COLUMN)
    assert not seen(in_list, 0)
    assert seen(in_list + in_reader, 0)
    # Only what was written after `start` counts.
    assert not seen(in_list + in_reader, len(in_list) + len(in_reader))
    assert shows(b"ferry")(in_list, 0) and not shows(b"bridge")(in_list, 0)


def test_a_mark_shared_with_an_earlier_entry_of_the_burst_is_refused() -> None:
    headlines = ["Council vote count begins number 3", "Ferry delayed number 2"] * 2
    with pytest.raises(AssertionError):
        reader_shows(headlines, 2)
    assert reader_shows(["A number 2", "B number 1"], 1)(
        frame(b"\x1b[2;", str(READER_COLUMN).encode(), b"HB number 1"), 0
    )
