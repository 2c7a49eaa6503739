"""Notes stay Markdown in the export, and nothing a note says reaches outside its own block."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from liveread.export.markdown import render_markdown
from liveread.export.note_markdown import note_blocks, parsed_blocks
from tests.export_helpers import (
    EXPORTED_AT,
    annotated,
    blockquotes,
    front_matter,
    headings,
    html_tokens,
    make_entry,
    make_highlight,
    make_note,
    make_source,
    markdown_parser,
    parse_body,
)


def note_text(note: str) -> str:
    return "\n\n".join(block.text for block in note_blocks(note))


def export_with(note: str) -> str:
    """Two entries: the first carries `note` (on a highlight and as a note), the second is a
    sentinel whose blocks must read the same whatever the note holds."""
    first = annotated(
        make_entry(1, headline="First entry"),
        highlights=(make_highlight("Quoted words", note=note),),
        notes=(make_note(note),),
    )
    second = annotated(
        make_entry(2, headline="Second entry"),
        tags=("sentinel",),
        highlights=(make_highlight("Sentinel quote", entry_id=2, note="plain"),),
        notes=(make_note("Closing note", entry_id=2),),
    )
    return render_markdown(
        make_source("The blog"), [first, second], exported_at=EXPORTED_AT, version="9.9.9"
    )


def shape(tokens: list[Token]) -> list[tuple[str, str, str]]:
    return [(t.type, t.tag, t.content) for t in tokens]


def test_markdown_of_a_note_is_kept() -> None:
    assert note_text("We counted **three** boats, *not* four.") == (
        "We counted **three** boats, *not* four."
    )
    assert note_text("- one\n- two\n\n1. first\n2. second") == (
        "- one\n- two\n\n1. first\n2. second"
    )
    assert note_text("See [the map](https://example.invalid/map) and `code_x`") == (
        "See [the map](https://example.invalid/map) and `code_x`"
    )
    assert note_text("> quoted\n> on two lines") == "> quoted\n> on two lines"


def test_what_could_break_the_file_is_neutralised() -> None:
    # A heading would cut the entry in two: its words stay, strongly.
    assert note_text("## Not a section") == "**Not a section**"
    # Raw HTML arrives as text.
    assert note_text("<script>alert(1)</script> <b>x</b>") == (
        "&lt;script>alert(1)&lt;/script> &lt;b>x&lt;/b>"
    )
    # Only web links are links (markdown-it refuses a script link; a mail link is text).
    assert note_text("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))"
    assert note_text("[mail](mailto:x@example.invalid)") == "mail"
    assert note_text("![pic](https://example.invalid/p.png)") == (
        "[pic](https://example.invalid/p.png)"
    )
    # An unclosed fence would swallow the rest of the file: code is always indented.
    assert note_text("```\nopen fence\n---") == "    open fence\n    ---"
    # Obsidian comments, highlights, maths and tags stay literal.
    assert note_text("%%hide ==mark== $x$ #tag [[link]]") == (
        "\\%%hide \\==mark\\== \\$x\\$ \\#tag \\[\\[link\\]\\]"
    )
    # The markers of liveread's own section can never be written by a note.
    assert note_text("<!-- liveread:added:start -->") == "&lt;!-- liveread:added:start -->"
    assert note_text("**") == "\\*\\*"


def test_a_note_opening_with_a_list_starts_below_its_label() -> None:
    text = export_with("- first point\n- second point")
    assert "**Note**\n\n- first point\n- second point\n" in text
    assert "*yellow* — plain" in text


HOSTILE_NOTES = [
    "---\ntitle: injected\n---",
    "# H1\n## H2\n===\nsetext\n---",
    "```\nunclosed",
    "~~~\nunclosed tilde",
    "    indented code\n<div>",
    "<!-- unclosed comment",
    "%%unclosed obsidian comment",
    "$$\nunclosed maths",
    "> a\n>> b\n>>> c\n- d\n  - e\n    - f\n      ```\n      g",
    "| a | b |\n|---|---|\n| c | d |",
    "[ref]: https://example.invalid\n[ref]",
    "1) one\n2) two\n\n10. ten",
    "* * *\n___\n***",
    "<https://example.invalid/auto> <mailto:x@example.invalid>",
    "line one  \nline two\\\nline three",
    "``` ``` `` ` ``",
    "- [ ] task\n- [x] done",
    "\x1b[31mred\x1b[0m",
    "words\n\\---",
    "words\n\\=== ",
    "words\n\\> not a quote\n1\\. not a list\n\\- nor this",
]

_PIECES = [*"ab 12#*_-+=>|<!&;`~[]()!$%^\\.:/\"'\n\t", "\n\n", "```", "---", "- ", "1. ",
           "> ", "    ", "<b>", "https://x.invalid", "](", "%%", "==", "<!--", "-->",
           "\n\\"]  # fmt: skip
_MD = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def check_contained(note: str) -> None:
    text = export_with(note)
    reference = export_with("plain words")
    tokens = parse_body(text)
    assert html_tokens(tokens) == []
    # The file's structure is the same as with a harmless note: the front matter, the title,
    # the two entries' headings, and every block of the sentinel entry after the note.
    meta, meta_ref = front_matter(text), front_matter(reference)
    meta.pop("liveread_checksum")
    meta_ref.pop("liveread_checksum")
    assert meta == meta_ref
    assert headings(tokens) == [
        ("h1", "The blog"),
        ("h2", "First entry"),
        ("h2", "Second entry"),
    ]
    expected = parse_body(reference)
    second = next(i for i, t in enumerate(tokens) if t.content == "Second entry")
    second_ref = next(i for i, t in enumerate(expected) if t.content == "Second entry")
    assert shape(tokens[second - 1 :]) == shape(expected[second_ref - 1 :])
    assert shape(tokens[: second_ref - 1][:6]) == shape(expected[:6])
    # The highlight's quote comes first, untouched, and the note's tokens come after it.
    quote = next(i for i, t in enumerate(tokens) if t.type == "blockquote_open")
    assert blockquotes(tokens[quote : quote + 5]) == ["Quoted words"]
    # The note's blocks, parsed on their own, are what the export holds.
    alone = markdown_parser().parse(note_text(note) + "\n")
    assert html_tokens(alone) == []
    assert not any(t.type == "heading_open" for t in alone)


def test_hostile_notes_stay_in_their_block() -> None:
    for note in HOSTILE_NOTES:
        check_contained(note)


@settings(max_examples=300, deadline=None)
@given(note=_MD)
def test_any_note_stays_in_its_block(note: str) -> None:
    check_contained(note)


_PLAIN = st.text(
    alphabet=st.sampled_from([*"ab Z09.,;:'\"?()/@\n\t-+)", "\u00a0", "\u2003", "é", "\r"]),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(note=_PLAIN)
def test_plain_notes_skip_the_parser_with_the_same_result(note: str) -> None:
    assert note_blocks(note) == parsed_blocks(note)
