"""The dump parser's and the key fold's fast paths give what the plain rules give.

`ingest.plaintext._kind` sorts a clean line by character tests instead of the documented
patterns, and `kernel.text` folds ASCII keys with a bytes table instead of NFKC and a
pattern: each is checked here against the rule it stands for, and the keys of stored
entries against values computed before the fast paths existed (a changed key would make
every re-imported entry a new one).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from liveread.ingest.plaintext import is_paragraph_line, is_time_line
from liveread.kernel.text import clean_line, fingerprint, normalise_for_key

# Lines made of the characters the rules look at, so that most draws hit a rule's edge.
_PIECES = st.sampled_from(
    [
        "a",
        "Z",
        "word",
        " ",
        "1",
        "14:32",
        "2.15pm",
        " GMT",
        "2h ago",
        "just now",
        ".",
        "...",
        "!",
        "?",
        "…",
        ":",
        ";",
        ",",
        "”",
        '"',
        "’",
        "'",
        "»",
        ")",
        "]",
        "“",
        "é",
        "١",
        "Ｊ",
        "\u00a0",
        "\u1680",
        "\t",
        "\x1b[1m",
    ]
)
_LINES = st.lists(_PIECES, min_size=1, max_size=40).map("".join)


def _kind_by_the_rules(line: str) -> str:
    """The module docstring's rules, in their order, with the documented patterns."""
    if is_time_line(line):
        return "time"
    return "para" if is_paragraph_line(line) else "head"


@given(_LINES)
@example("Are these words? " * 13)
@example("x " * 25 + "x")
@example("word " * 24 + "w")
@example("Quote ends.”")
@example(".”)")
@example("”")
@example("١٤:٣٢")
def test_a_clean_line_is_sorted_as_the_rules_say(raw: str) -> None:
    from liveread.ingest.plaintext import _kind

    line = clean_line(raw)
    if line:
        assert _kind(line) == _kind_by_the_rules(line)


_FOLD_PUNCT = re.compile(r"[^\w\s]")


def _fold_by_the_rules(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return " ".join(_FOLD_PUNCT.sub(" ", folded).split())


@pytest.mark.parametrize("code", range(128))
def test_every_ascii_character_folds_as_the_rules_say(code: int) -> None:
    for text in (chr(code), f"a{chr(code)}b", f"A {chr(code)} B"):
        assert normalise_for_key(text) == _fold_by_the_rules(text)


@given(st.text(max_size=60))
@example("soft\u00adhyphen zero\u200bwidth")
@example("Straße “closed” — café ①")
def test_any_text_folds_as_the_rules_say(text: str) -> None:
    assert normalise_for_key(text) == _fold_by_the_rules(text)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_fingerprints_match_the_unicode_fold(text: str) -> None:
    import hashlib

    want = hashlib.sha256(_fold_by_the_rules(text).encode("utf-8")).hexdigest()[:20]
    assert fingerprint(text) == want


# Computed with the parser as it was before its fast paths.
KNOWN_KEYS = {
    "Mayor calls it a patchwork": "6db27a7ce1020015b513",
    "Ferry services SUSPENDED: what we know": "821e968d5668b0fa94ec",
    "Straße “closed” — café ①": "9f825bd4bb9b83a3f248",
    "soft\u00adhyphen zero\u200bwidth": "f5f499c007eca8fd2af6",
    "tab\there  under_score x\x1fy": "ccefdaf47c57a5586f8c",
}


@pytest.mark.parametrize("text", sorted(KNOWN_KEYS))
def test_keys_are_those_stored_before(text: str) -> None:
    assert fingerprint(text) == KNOWN_KEYS[text]


@given(st.text(max_size=80))
@example("  spaced   out  ")
@example("caf\u00e9\u00a0au lait")
@example("\u1680ogham\u1680")
def test_clean_line_fast_path_agrees_with_the_full_cleaning(text: str) -> None:
    from liveread.kernel.text import _SPACES, strip_controls

    full = _SPACES.sub(" ", strip_controls(text).replace("\n", " ")).strip()
    assert clean_line(text) == full
