"""Deep links: the entry's permalink with a WICG text fragment (`#:~:text=`) for a highlight,
checked against links written out by hand."""

from __future__ import annotations

import pytest

from liveread.export.deeplink import deep_link, encode_part, text_directive

BODY = (
    "The Tallis–Wenlow ferry is suspended, the operator said. Fish & chips, café crêpes and"
    " tea-time cakes sold out by noon.\n\n"
    "The operator said the ferry may sail on Thursday; the operator said so twice."
)
URL = "https://news.example/live/storm"


def _span(words: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = BODY.index(words, at + 1)
    return at, at + len(words)


def test_parts_are_percent_encoded_with_the_directive_syntax_characters() -> None:
    assert encode_part("tea-time, fish & chips") == "tea%2Dtime%2C%20fish%20%26%20chips"
    assert encode_part("café  crêpes\n–") == "caf%C3%A9%20cr%C3%AApes%20%E2%80%93"
    assert encode_part("a_b.c~d") == "a_b.c~d"


@pytest.mark.parametrize(
    ("words", "nth", "expected"),
    [
        # Once in the text: the quote alone, its `-`, `&`, `,` and non-ASCII encoded.
        (
            "Fish & chips, café crêpes and tea-time",
            0,
            f"{URL}#:~:text=Fish%20%26%20chips%2C%20caf%C3%A9%20cr%C3%AApes%20and%20tea%2Dtime",
        ),
        (
            "Tallis–Wenlow ferry",
            0,
            f"{URL}#:~:text=Tallis%E2%80%93Wenlow%20ferry",
        ),
        # More than once: three words of context on each side pick this one.
        (
            "the operator said",
            1,
            f"{URL}#:~:text=sail%20on%20Thursday%3B-,the%20operator%20said,-so%20twice.",
        ),
        (
            "operator said",
            0,
            f"{URL}#:~:text=is%20suspended%2C%20the-,operator%20said,"
            "-.%20Fish%20%26",
        ),
    ],
)
def test_deep_links(words: str, nth: int, expected: str) -> None:
    assert deep_link(URL, BODY, *_span(words, nth)) == expected


def test_a_long_quote_is_linked_by_its_first_and_last_words() -> None:
    start, _ = _span("The Tallis")
    _, end = _span("sold out by noon.")
    assert deep_link(URL, BODY, start, end) == (
        f"{URL}#:~:text=The%20Tallis%E2%80%93Wenlow%20ferry%20is,sold%20out%20by%20noon."
    )


def test_a_long_quote_whose_ends_repeat_carries_context() -> None:
    quote = "Harbourmaster Varden says crews will work through the night to plug the breach by dawn"
    body = f"{quote} again. {quote} again."
    second = body.index(quote, 1)
    assert text_directive(body, second, second + len(quote)) == (
        "text=by%20dawn%20again.-,Harbourmaster%20Varden%20says%20crews,"
        "the%20breach%20by%20dawn,-again."
    )


def test_a_permalink_with_a_fragment_keeps_it() -> None:
    link = deep_link(f"{URL}#block-12", BODY, *_span("Tallis–Wenlow ferry"))
    assert link == f"{URL}#block-12:~:text=Tallis%E2%80%93Wenlow%20ferry"
    # A fragment directive already there is replaced, not doubled.
    again = deep_link(f"{URL}#block-12:~:text=old", BODY, *_span("Tallis–Wenlow ferry"))
    assert again == link


@pytest.mark.parametrize(
    "url", [None, "", "/blogs/storm.txt", "sample:storm.txt", "ftp://x.example/a", "https://a b"]
)
def test_no_link_off_the_web(url: str | None) -> None:
    assert deep_link(url, BODY, 0, 10) is None


def test_no_link_for_a_span_outside_the_body_or_without_words() -> None:
    assert deep_link(URL, BODY, 5, 5) is None
    assert deep_link(URL, BODY, 0, len(BODY) + 1) is None
    assert deep_link(URL, "a   \n\n  b", 1, 6) is None
