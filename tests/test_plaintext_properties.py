"""Property tests of the dump parser: it parses or raises our error, and loses no paragraph."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveread.ingest import parse_bytes
from liveread.ingest.plaintext import is_paragraph_line, is_time_line, parse_text_dump
from liveread.kernel.errors import InputError
from liveread.kernel.text import clean_line

_HEADLINES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60
)
_PARAGRAPH_ENDINGS = st.sampled_from([".", ".”", "”.", "!", "?", "…", '."'])


@st.composite
def _line(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["headline", "paragraph", "time", "blank", "noise"]))
    if kind == "headline":
        words = draw(
            st.lists(
                st.sampled_from(["Storm", "hits", "‘port’", "says", "mayor", "2,500"]),
                min_size=1,
                max_size=12,
            )
        )
        return " ".join(words)
    if kind == "paragraph":
        words = draw(
            st.lists(
                st.sampled_from(["The", "wall", "held", "$2.5m", "“Yes,”", "10,000"]),
                min_size=1,
                max_size=90,
            )
        )
        return " ".join(words) + draw(_PARAGRAPH_ENDINGS)
    if kind == "time":
        return draw(st.sampled_from(["14:32", "09.05 GMT", "2h ago", "11.15pm"]))
    if kind == "blank":
        return draw(st.sampled_from(["", "   ", "\t"]))
    return draw(_HEADLINES)


@st.composite
def _dump(draw: st.DrawFn) -> str:
    lead = draw(st.sampled_from(["", " ", "  "]))
    title = draw(st.text(min_size=0, max_size=40).filter(lambda t: "\n" not in t and "\r" not in t))
    lines = draw(st.lists(_line(), min_size=0, max_size=40))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    trailing = draw(st.sampled_from(["", " ", "  "]))
    return newline.join([f"{lead}date 2024-11-01 {title}"] + [x + trailing for x in lines])


def _paragraph_lines(text: str) -> list[str]:
    """Every non-blank line after line 1 that the format calls a paragraph, in order."""
    lines = [clean_line(x) for x in text.splitlines()]
    lines = [x for x in lines if x][1:]
    return [x for x in lines if not is_time_line(x) and is_paragraph_line(x)]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_dump())
def test_no_paragraph_is_lost_or_duplicated(text: str) -> None:
    try:
        feed = parse_text_dump(text, "prop.txt")
    except InputError as exc:
        assert "prop.txt" in str(exc)
        return
    joined = [p for e in feed.entries for p in (e.body.split("\n\n") if e.body else [])]
    expected = _paragraph_lines(text)
    if feed.standfirst is not None and expected[:1] == [feed.standfirst]:
        # A sentence-shaped standfirst is the blog's summary, not an entry's paragraph.
        expected = expected[1:]
    assert joined == expected
    keys = [e.key for e in feed.entries]
    assert len(keys) == len(set(keys))


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_any_bytes_parse_or_raise_our_error(data: bytes) -> None:
    try:
        feed = parse_bytes(b" date 2024-01-01 T\n" + data, "random.bin")
    except InputError as exc:
        assert str(exc).startswith("random.bin: ")
        assert "\n" not in str(exc)
        return
    for entry in feed.entries:
        for text in (entry.headline or "", entry.body):
            assert "\x1b" not in text and "\x00" not in text


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=500))
def test_any_text_parses_or_raises_our_error(text: str) -> None:
    try:
        feed = parse_bytes(text.encode("utf-8"), "t.txt")
    except InputError as exc:
        assert str(exc).startswith("t.txt: ") and "\n" not in str(exc)
    else:
        assert feed.entries, "a parsed dump always has at least one entry"
