"""A note's Markdown as rich Text: every construct's words and styles, lists and quotes laid
out, one-line folding for the notebook, and hostile text kept as text."""

from __future__ import annotations

from rich.text import Text

from liveread.tui.widgets.note_text import MAX_NOTE, note_text


def _styled(text: Text) -> list[tuple[str, str]]:
    return [(text.plain[s.start : s.end], str(s.style)) for s in text.spans]


def test_emphasis_code_and_links_become_styles() -> None:
    text = note_text("**Bold *both*** and `x = 1`, see [the notice](https://port.example/n).")
    assert text.plain == "Bold both and x = 1, see the notice <https://port.example/n>."
    assert sorted(_styled(text)) == sorted([
        ("Bold both", "bold"),
        ("both", "italic"),
        ("x = 1", "reverse"),
        ("the notice", "underline"),
        (" <https://port.example/n>", "dim"),
    ])


def test_blocks_lists_quotes_code_and_headings() -> None:
    source = (
        "# Head\n\nIntro line\nsame paragraph\n\n- one\n- two\n  - nested\n\n3. three\n4. four"
        "\n\n> quoted **words**\n\n    code  kept\n\n---\n\n![a map](https://x.example/m.png)"
    )
    text = note_text(source)
    assert text.plain == (
        "Head\n\nIntro line same paragraph\n\n• one\n• two\n  • nested\n\n3. three\n4. four"
        "\n\n│ quoted words\n\ncode  kept\n\n───\n\n[image: a map] <https://x.example/m.png>"
    )
    assert ("Head", "bold") in _styled(text)
    assert ("words", "bold") in _styled(text)
    assert ("code  kept", "reverse") in _styled(text)


def test_one_line_for_the_notebook() -> None:
    text = note_text("**First** point\n\n- a\n- b\n\n> said", one_line=True)
    assert text.plain == "First point • a • b │ said"
    assert ("First", "bold") in _styled(text)


def test_hostile_text_is_text() -> None:
    hostile = "[b]x[/b] [@click=app.quit]q[/] <script>alert(1)</script> \x1b[31mred\x1b[0m \x07"
    text = note_text(hostile)
    assert text.plain == "[b]x[/b] [@click=app.quit]q[/] <script>alert(1)</script> red"
    assert text.spans == []
    assert "\x1b" not in note_text("`\x1b[2J`").plain


def test_a_returned_text_can_be_changed_without_changing_the_next() -> None:
    first = note_text("**a**")
    first.stylize("red")
    assert _styled(note_text("**a**")) == [("a", "bold")]


def test_a_very_long_note_is_parsed_only_to_the_bound() -> None:
    text = note_text("*a* " * (MAX_NOTE // 4) + "*tail*")
    assert text.plain.endswith("*tail*")  # past the bound: shown as written
    assert text.plain.startswith("a a ")
