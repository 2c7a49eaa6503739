"""Terminal control and escape sequences never survive `liveread.kernel.text`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveread.kernel.text import (
    clean_line,
    clean_text,
    fingerprint,
    normalise_for_key,
    strip_controls,
)

HOSTILE = {
    "csi colour": ("\x1b[31mred\x1b[0m", "red"),
    "osc title with BEL": ("a\x1b]0;pwned\x07b", "ab"),
    "osc 52 clipboard with ST": ("x\x1b]52;c;ZWNobyBwd25lZA==\x1b\\y", "xy"),
    "unterminated osc": ("before\x1b]8;;http://evil", "before"),
    "dcs": ("p\x1bPq#0;2;0;0;0\x1b\\q", "pq"),
    "8-bit csi": ("a\x9b2Jb", "ab"),
    "c1 controls": ("a\x85b\x80c", "abc"),
    "8-bit osc runs to its end": ("a\x9d0;t", "a"),
    "bell and backspace": ("a\x07\x08b", "ab"),
    "lone esc": ("a\x1b", "a"),
    "bidi override": ("abc\u202edef", "abcdef"),
    "nul": ("a\x00b", "ab"),
    "cr overwrite": ("safe\rEVIL", "safe\nEVIL"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_sequences_are_removed(name: str) -> None:
    raw, want = HOSTILE[name]
    assert strip_controls(raw) == want


def test_text_that_needs_nothing_is_returned_as_is() -> None:
    text = "“Quotes”, dashes — and 10,000 café’s مرحبا \u200f"
    assert strip_controls(text) is text


def test_clean_line_folds_space_and_newlines() -> None:
    assert clean_line("  a\n\tb\u00a0 c  ") == "a b c"


def test_clean_text_keeps_paragraphs() -> None:
    assert clean_text("one  \r\n\r\ntwo\x1b[1m!\n") == "one\n\ntwo!"


def test_keys_fold_case_quotes_and_space() -> None:
    assert normalise_for_key("Mayor calls it ‘a patchwork’ ") == "mayor calls it a patchwork"
    assert fingerprint("Mayor  CALLS it 'a patchwork'") == fingerprint(
        "Mayor calls it ‘a patchwork’"
    )
    assert fingerprint("one") != fingerprint("two")


_DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_nothing_dangerous_survives(text: str) -> None:
    assert _DANGEROUS.search(clean_text(text)) is None
    assert _DANGEROUS.search(clean_line(text)) is None
    assert "\n" not in clean_line(text)
