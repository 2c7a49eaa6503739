"""Tag-name normalisation, the tag prompt's syntax, and highlight colours (kernel, no I/O)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveread.kernel.colors import DEFAULT_COLOR, HIGHLIGHT_COLORS, normalise_color
from liveread.kernel.errors import InputError
from liveread.kernel.tags import MAX_TAG_LENGTH, TagEdit, normalise_tag, parse_tag_input


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Verify", "verify"),
        ("  verify  ", "verify"),
        ("VERIFY", "verify"),
        ("ve\u200brify", "verify"),  # zero-width space
        ("\ufeffverify\u2060", "verify"),  # BOM, word joiner
        ("ＶＥＲＩＦＹ", "verify"),  # full-width
        ("follow   up", "follow up"),
        ("follow\tup\n", "follow up"),
        ("follow\u00a0up", "follow up"),  # no-break space
        ("Straße", "strasse"),
        ("e\u0301lection", "élection"),  # combining accent composed
        ("\x1b[31mred", "[31mred"),  # the escape character itself never stays
    ],
)
def test_normalise_tag(typed: str, stored: str) -> None:
    assert normalise_tag(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "\u200b", "\x00\x07", "\u200e\u200f"])
def test_a_tag_with_nothing_visible_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match="empty"):
        normalise_tag(typed)


def test_a_tag_too_long_is_refused() -> None:
    assert normalise_tag("x" * MAX_TAG_LENGTH) == "x" * MAX_TAG_LENGTH
    with pytest.raises(InputError, match="longer than"):
        normalise_tag("x" * (MAX_TAG_LENGTH + 1))


@given(st.text(min_size=1, max_size=30))
def test_normalising_is_idempotent(text: str) -> None:
    try:
        once = normalise_tag(text)
    except InputError:
        return
    assert normalise_tag(once) == once
    assert once == once.strip() and "  " not in once


def test_parse_tag_input() -> None:
    assert parse_tag_input("Key, verify,, -disputed , -Quote") == TagEdit(
        add=("key", "verify"), remove=("disputed", "quote")
    )
    assert parse_tag_input("a, -a") == TagEdit(add=(), remove=("a",))
    assert parse_tag_input(" , ") == TagEdit()
    assert parse_tag_input("-") == TagEdit(add=("-",))
    with pytest.raises(InputError):
        parse_tag_input("ok, \u200b")


def test_colours() -> None:
    assert len(HIGHLIGHT_COLORS) >= 4 and DEFAULT_COLOR in HIGHLIGHT_COLORS
    assert normalise_color(None) == normalise_color("  ") == DEFAULT_COLOR
    assert normalise_color(" Green ") == "green"
    with pytest.raises(InputError, match="not one of"):
        normalise_color("mauve")


def test_the_annotation_modules_never_load_textual() -> None:
    code = (
        "import sys, liveread.kernel.anchor, liveread.kernel.query, liveread.kernel.tags,"
        " liveread.kernel.colors, liveread.storage.annotations, liveread.cli.annotate;"
        " print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
