"""Re-anchoring highlights after an edit: golden cases and properties of liveread.kernel.anchor."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from liveread.kernel.anchor import (
    CONTEXT_CHARS,
    Anchor,
    Method,
    anchor_span,
    find_quote,
    is_anchored,
    reanchor,
    reanchor_one,
    trim_span,
)

BODY = (
    "Harbour master Ilsa Varden told reporters on the quay that crews will work through the"
    " night to plug the breach with rock-filled bags before the 02:40 tide.\n\n"
    "“If it holds through the small hours, we can start talking about recovery. If it"
    " doesn’t, the lower town floods again,” she said.\n\n"
    "Two convoys from the 3rd Engineer Regiment reached the eastern edge of Port Tallis"
    " shortly after six, carrying around 600 metres of modular flood barrier."
)
QUOTE = "crews will work through the night to plug the breach"


def _anchor(body: str, quote: str, occurrence: int = 0) -> Anchor:
    at = -1
    for _ in range(occurrence + 1):
        at = body.index(quote, at + 1)
    return anchor_span(body, at, at + len(quote))


def _placed(new_body: str, anchor: Anchor, old_body: str | None) -> tuple[str, Method] | None:
    placement = reanchor_one(new_body, anchor, old_body)
    if placement is None:
        return None
    assert is_anchored(new_body, placement.anchor)
    return placement.anchor.exact, placement.method


# -- the golden cases -----------------------------------------------------------------------------


def test_quote_unchanged_keeps_its_offsets() -> None:
    anchor = _anchor(BODY, QUOTE)
    placement = reanchor_one(BODY, anchor, BODY)
    assert placement is not None
    assert placement.anchor == anchor
    assert placement.method is Method.CONTEXT


def test_text_inserted_before_shifts_the_offsets() -> None:
    anchor = _anchor(BODY, QUOTE)
    inserted = "Update, 19:05: the coastguard has closed the outer harbour.\n\n"
    new_body = inserted + BODY
    for old in (BODY, None):
        placement = reanchor_one(new_body, anchor, old)
        assert placement is not None
        assert placement.anchor.start == anchor.start + len(inserted)
        assert placement.anchor.exact == QUOTE
        assert placement.method is Method.CONTEXT


def test_a_word_changed_inside_the_quote_is_matched_fuzzily() -> None:
    anchor = _anchor(BODY, QUOTE)
    new_body = "New line on top.\n\n" + BODY.replace("through the night", "through the evening")
    for old in (BODY, None):
        assert _placed(new_body, anchor, old) == (
            "crews will work through the evening to plug the breach",
            Method.FUZZY,
        )


def test_a_word_changed_at_the_start_of_the_quote_still_covers_whole_words() -> None:
    anchor = _anchor(BODY, QUOTE)
    new_body = BODY.replace("crews will work", "teams will work")
    assert _placed(new_body, anchor, BODY) == (
        "teams will work through the night to plug the breach",
        Method.FUZZY,
    )


def test_a_word_changed_at_the_end_of_the_quote_still_covers_whole_words() -> None:
    anchor = _anchor(BODY, QUOTE)
    new_body = BODY.replace("plug the breach", "plug the gap")
    assert _placed(new_body, anchor, BODY) == (
        "crews will work through the night to plug the gap",
        Method.FUZZY,
    )


def test_the_quote_twice_in_the_body_stays_on_the_one_highlighted() -> None:
    body = (
        "The sea wall held overnight, officials said.\n\n"
        "By noon the sea wall held again, though water came over at Mill Lane.\n\n"
        "Engineers said the sea wall held because of the new barriers."
    )
    quote = "the sea wall held"
    for occurrence in (0, 1):
        anchor = _anchor(body, quote, occurrence)
        new_body = "Residents are returning home.\n\n" + body.replace("officials", "the council")
        placement = reanchor_one(new_body, anchor, body)
        assert placement is not None
        assert placement.anchor.exact == quote
        # It is the same occurrence: the text around it is the text that was around it.
        assert (
            new_body[placement.anchor.end : placement.anchor.end + 12]
            == (body[anchor.end : anchor.end + 12])
        )


def test_identical_contexts_go_to_the_nearest_occurrence() -> None:
    paragraph = "Officials said the barrier is holding."
    body = "\n\n".join([paragraph] * 3)
    anchor = _anchor(body, "the barrier is holding", 2)
    new_body = "Breaking: more rain.\n\n" + body
    placement = reanchor_one(new_body, anchor, body)
    assert placement is not None
    assert placement.anchor.start == anchor.start + len("Breaking: more rain.\n\n")


def test_the_quote_deleted_is_orphaned() -> None:
    anchor = _anchor(BODY, QUOTE)
    first_paragraph = BODY.split("\n\n")[0] + "\n\n"
    new_body = BODY.replace(first_paragraph, "")
    for old in (BODY, None):
        assert reanchor_one(new_body, anchor, old) is None


def test_the_quote_rewritten_beyond_recognition_is_orphaned() -> None:
    anchor = _anchor(BODY, QUOTE)
    new_body = BODY.replace(QUOTE, "the army has taken over repairs at the harbour mouth")
    assert reanchor_one(new_body, anchor, BODY) is None


def test_a_short_quote_found_elsewhere_without_its_context_is_orphaned() -> None:
    body = "The mayor said 12 homes flooded.\n\nLater the count rose to 40 homes."
    anchor = _anchor(body, "12 homes")
    new_body = "The mayor said nothing.\n\nLater the count rose to 40 homes."
    assert reanchor_one(new_body, anchor, body) is None


def test_a_quote_across_paragraphs_survives_an_insert_between_other_paragraphs() -> None:
    quote = "before the 02:40 tide.\n\n“If it holds"
    anchor = _anchor(BODY, quote)
    paragraphs = BODY.split("\n\n")
    new_body = "\n\n".join([paragraphs[0], paragraphs[1], "An inserted paragraph.", paragraphs[2]])
    assert _placed(new_body, anchor, BODY) == (quote, Method.CONTEXT)


def test_an_empty_new_body_orphans_everything() -> None:
    anchor = _anchor(BODY, QUOTE)
    assert reanchor("", [anchor], BODY) == [None]


def test_many_anchors_at_once_keep_their_order() -> None:
    quotes = [QUOTE, "02:40 tide", "modular flood barrier", "the small hours"]
    anchors = [_anchor(BODY, q) for q in quotes]
    new_body = "Top.\n\n" + BODY.replace("the small hours", "the early hours")
    placed = reanchor(new_body, anchors, BODY)
    assert [p.anchor.exact if p else None for p in placed] == [
        QUOTE,
        "02:40 tide",
        "modular flood barrier",
        "the early hours",
    ]


# -- helpers --------------------------------------------------------------------------------------


def test_anchor_span_takes_context_either_side() -> None:
    anchor = _anchor(BODY, QUOTE)
    assert anchor.prefix == BODY[anchor.start - CONTEXT_CHARS : anchor.start]
    assert anchor.suffix == BODY[anchor.end : anchor.end + CONTEXT_CHARS]
    at_start = anchor_span(BODY, 0, 7)
    assert at_start.prefix == "" and at_start.exact == "Harbour"


def test_trim_span_drops_white_space_at_the_ends() -> None:
    body = "a  word  b"
    assert trim_span(body, 1, 9) == (3, 7)
    assert trim_span(body, 1, 3) == (3, 3)


def test_find_quote_folds_typography_space_and_then_case() -> None:
    assert find_quote(BODY, QUOTE) == (BODY.index(QUOTE), BODY.index(QUOTE) + len(QUOTE))
    start, end = find_quote(BODY, "If it doesn't, the lower   town") or (0, 0)
    assert BODY[start:end] == "If it doesn’t, the lower town"
    start, end = find_quote(BODY, '"If it holds') or (0, 0)
    assert BODY[start:end] == "“If it holds"
    start, end = find_quote(BODY, "HARBOUR MASTER") or (0, 0)
    assert BODY[start:end] == "Harbour master"
    start, end = find_quote(BODY, "tide.\n\n“If") or (0, 0)
    assert BODY[start:end] == "tide.\n\n“If"
    assert find_quote(BODY, "the harbour was quiet") is None
    assert find_quote(BODY, "   ") is None


# -- properties -----------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["storm", "harbour", "wall", "the", "said", "crews", "tide", "Port", "Tallis", "12", "—", "“x”"]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=60).map(" ".join)
_OTHER_TEXT = st.lists(
    st.sampled_from(["Update", "19:05", "coastguard", "closed", "outer", "mouth"]), min_size=1
).map(" ".join)
"""Text that cannot contain any of _TEXT's words, so where it went is never ambiguous."""


@given(body=_TEXT, data=st.data())
def test_an_unchanged_body_keeps_every_anchor_where_it_was(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    anchor = anchor_span(body, start, end)
    placement = reanchor_one(body, anchor, body)
    assert placement is not None and placement.anchor == anchor


@given(body=_TEXT, inserted=_OTHER_TEXT, data=st.data())
def test_text_added_before_or_after_moves_an_anchor_exactly(
    body: str, inserted: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    anchor = anchor_span(body, start, end)
    head = inserted + "\n\n"
    placement = reanchor_one(head + body + "\n\n" + inserted, anchor, body)
    assert placement is not None
    assert placement.anchor.start == start + len(head)
    assert placement.anchor.exact == anchor.exact


@given(old=_TEXT, new=st.text(max_size=300), data=st.data())
def test_any_edit_gives_an_exact_span_or_an_orphan(old: str, new: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    anchor = anchor_span(old, start, end)
    for placement in reanchor(new, [anchor], old) + reanchor(new, [anchor]):
        if placement is not None:
            a = placement.anchor
            assert 0 <= a.start < a.end <= len(new)
            assert new[a.start : a.end] == a.exact
