"""The Markdown renderer: layout, escaping (content never becomes structure), front matter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from liveread.export import seal
from liveread.export.escape import inline, link_target, obsidian_tag, yaml_string
from liveread.export.markdown import render_markdown, tag_bodies
from liveread.kernel.text import clean_line
from tests.export_helpers import (
    EXPORTED_AT,
    annotated,
    blockquotes,
    front_matter,
    headings,
    html_tokens,
    literal_paragraphs,
    make_entry,
    make_highlight,
    make_note,
    make_source,
    parse_body,
)

HOSTILE = [
    "# not a heading",
    "---",
    "***",
    "___",
    "> not a quote",
    "```python",
    "~~~",
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "<div>block</div>",
    "[link](http://example.invalid) and ![img](x.png)",
    "[^1]: footnote",
    "[ref]: http://example.invalid",
    "1. first",
    "2) second",
    "- item",
    "+ item",
    "* item",
    "| a | b |",
    "|---|---|",
    "*emphasis* and _emphasis_ and **strong**",
    "`code` and ``code``",
    "==obsidian highlight== %%hidden comment%% $x^2$ #hashtag ^block-id",
    "[[Wiki link]] and ![[embed]]",
    "&lt; &amp; &#60; &copy;",
    "trailing backslash \\",
    "    indented code",
    "Title\n===",
    "Title\n---",
    "http://example.invalid/<b>",
    "a line with\ttab",
]


def render(entries: list, **source_kw: object) -> str:  # type: ignore[type-arg]
    return render_markdown(
        make_source(**source_kw), entries, exported_at=EXPORTED_AT, version="9.9.9"
    )


def test_layout_of_one_annotated_entry() -> None:
    entry = make_entry(
        headline="Harbour wall breached",
        published=datetime(2025, 10, 14, 18, 52, tzinfo=UTC),
        url="https://example.invalid/live#p1",
        starred=True,
        pinned=True,
    )
    item = annotated(
        entry,
        tags=("fact check", "key"),
        highlights=(
            make_highlight("second words", start=20, end=32, color="green", note="Check this."),
            make_highlight("first words", start=0, end=11),
            make_highlight("lost words", status="orphaned", color="red"),
        ),
        notes=(make_note("Call the harbour master."),),
    )
    text = render([item], title="Storm live", standfirst="The latest")
    tokens = parse_body(text)
    assert headings(tokens) == [
        ("h1", "Storm live"),
        ("h2", "Harbour wall breached"),
        ("h3", "Orphaned highlights"),
    ]
    # Anchored highlights in body order, then the orphaned one in its own section.
    assert blockquotes(tokens) == ["first words", "second words", "lost words"]
    assert "\n2025-10-14 18:52 UTC · [link](https://example.invalid/live#p1) · ⭐ starred" in text
    assert "📌 pinned · #fact-check #key\n" in text
    assert "*green* — Check this." in text
    assert "**Note** — Call the harbour master." in text
    assert "*red* (orphaned: the text changed)" in text
    assert text.index("first words") < text.index("second words") < text.index("**Note**")
    assert text.index("**Note**") < text.index("### Orphaned highlights")


def test_front_matter_parses_as_yaml_with_every_field() -> None:
    items = [
        annotated(make_entry(1), tags=("b tag",)),
        annotated(make_entry(2), tags=("a-tag", "b tag", "2024")),
    ]
    text = render(
        items,
        title='Storm: "live" — day 2 #1',
        location="https://example.invalid/storm",
        url="https://example.invalid/storm",
    )
    meta = front_matter(text)
    assert meta == {
        "title": 'Storm: "live" — day 2 #1',
        "source": "https://example.invalid/storm",
        "blog_date": "2025-10-14",
        "exported_at": "2025-11-02T09:30:00Z",
        "entries": 2,
        "tags": ["_2024", "a-tag", "b-tag"],
        "liveread_version": "9.9.9",
        "liveread_checksum": meta["liveread_checksum"],
    }
    assert seal.verify(text)


def test_front_matter_survives_hostile_titles() -> None:
    odd = ["a\u2028b\u0085c\ufeffd", "key: value\nother: x", "'single' \"double\""]
    for title in [*HOSTILE, *odd]:
        text = render([], title=title, location=f"files/{title}.txt", url=None)
        meta = front_matter(text)
        assert meta["title"] == clean_line(title)
        assert meta["source"] == clean_line(f"files/{title}.txt")
        assert set(meta) == {
            "title",
            "source",
            "blog_date",
            "exported_at",
            "entries",
            "tags",
            "liveread_version",
            "liveread_checksum",
        }


def test_hostile_content_never_becomes_structure() -> None:
    items = []
    for i, hostile in enumerate(HOSTILE, start=1):
        items.append(
            annotated(
                make_entry(i, headline=hostile, time_label=hostile),
                tags=(hostile,),
                # Notes are Markdown, kept as such: test_export_notes.py holds them to their block.
                highlights=(make_highlight(hostile, color=hostile),),
            )
        )
    text = render(items, title="<b>Title</b> # ---", standfirst="> standfirst\n---")
    tokens = parse_body(text)
    assert html_tokens(tokens) == []
    found = headings(tokens)
    assert found[0] == ("h1", "<b>Title</b> # ---")
    assert [text for tag, text in found if tag == "h2"] == [clean_line(h) for h in HOSTILE]
    assert blockquotes(tokens) == [literal_paragraphs(h) for h in HOSTILE]
    allowed = {
        "heading_open", "heading_close", "inline", "paragraph_open", "paragraph_close",
        "blockquote_open", "blockquote_close",
    }  # fmt: skip
    assert {t.type for t in tokens} <= allowed
    for token in tokens:
        for child in token.children or []:
            # Links come only from entry URLs; emphasis only from liveread's own labels.
            assert child.type in {"text", "softbreak", "em_open", "em_close", "strong_open",
                                  "strong_close", "link_open", "link_close"}  # fmt: skip


def test_obsidian_syntax_in_content_is_escaped() -> None:
    assert inline("#hashtag") == "\\#hashtag"
    assert inline("==mark==") == "\\==mark\\=="
    assert inline("%%hidden%%") == "\\%%hidden\\%%"
    assert inline("$5 and $6") == "\\$5 and \\$6"
    assert inline("[[link]]") == "\\[\\[link\\]\\]"
    assert inline("see ^ref") == "see \\^ref"


def test_obsidian_tags() -> None:
    assert obsidian_tag("fact check") == "fact-check"
    assert obsidian_tag("Fact-Check!!") == "Fact-Check"
    assert obsidian_tag("places/port avren") == "places/port-avren"
    assert obsidian_tag("//a//b//") == "a/b"
    assert obsidian_tag("2024") == "_2024"
    assert obsidian_tag("2024/10") == "_2024/10"
    assert obsidian_tag("2024-10") == "2024-10"
    assert obsidian_tag("snake_case") == "snake_case"
    assert obsidian_tag("_lead_ trail_") == "lead-trail"
    assert obsidian_tag("café réunion") == "café-réunion"
    assert obsidian_tag("🔥 hot 🔥") == "hot"
    assert obsidian_tag("🔥") is None
    assert obsidian_tag("#") is None
    assert obsidian_tag("a\u200fb") == "a-b"


def test_distinct_tags_never_fold_into_one() -> None:
    # "fact check" and "fact-check" are two tags in the database: two tags in the note.
    text = render([annotated(tags=("fact check", "fact-check", "fact_check "))])
    spaced = tag_bodies(["fact check", "fact-check"])["fact check"]
    assert spaced.startswith("fact-check-") and len(spaced) == len("fact-check-") + 6
    assert f"#fact-check #{spaced} #fact_check\n" in text
    assert front_matter(text)["tags"] == ["fact-check", spaced, "fact_check"]


def test_colliding_tags_get_stable_distinct_bodies_across_entries() -> None:
    names = ["a b", "a.b", "a-b", "a!b", "🔥 hot 🔥", "hot", "🔥"]
    bodies = tag_bodies(names)
    assert bodies["a-b"] == "a-b" and bodies["hot"] == "hot"
    assert len(set(bodies.values())) == len(bodies) == 6  # "🔥" has nothing usable left
    assert tag_bodies(reversed(names)) == bodies
    text = render([annotated(tags=("a b",)), annotated(make_entry(2, key="k2"), tags=("a.b",))])
    pair = tag_bodies(["a b", "a.b"])
    assert pair["a b"] != pair["a.b"]
    assert f"#{pair['a b']}\n" in text and f"#{pair['a.b']}\n" in text


def test_link_only_for_web_addresses_and_made_safe() -> None:
    assert link_target("javascript:alert(1)") is None
    assert link_target("file:///etc/passwd") is None
    assert link_target(None) is None
    assert link_target("https://x.invalid/a b(c)<d>") == "https://x.invalid/a%20b%28c%29%3Cd%3E"
    text = render([annotated(make_entry(url="javascript:alert(1)"))])
    assert "javascript" not in text


def test_entry_without_headline_uses_first_words_and_time_label() -> None:
    body = " ".join(f"word{i}" for i in range(20))
    item = annotated(make_entry(headline=None, body=body, time_label="2h ago", starred=True))
    tokens = parse_body(render([item]))
    assert headings(tokens)[1] == ("h2", " ".join(f"word{i}" for i in range(12)) + "…")
    assert "\n2h ago · ⭐ starred\n" in render([item])


def test_gone_and_edited_entries_say_so() -> None:
    gone = annotated(make_entry(1, present=False, revisions=2), tags=("x",))
    edited = annotated(make_entry(2, revisions=1), tags=("x",))
    text = render([gone, edited])
    assert "no longer on the page · #x" in text
    assert "edited · #x" in text


def test_same_data_gives_same_bytes_apart_from_exported_at() -> None:
    items = [
        annotated(
            make_entry(i, headline=f"Entry {i}"),
            tags=("b", "a"),
            highlights=(make_highlight(f"quote {i}"),),
            notes=(make_note(f"note {i}"),),
        )
        for i in range(1, 6)
    ]
    first = render(items)
    again = render(items)
    later = render_markdown(
        make_source(), items, exported_at=EXPORTED_AT + timedelta(days=3), version="9.9.9"
    )
    assert first == again
    diff = [(a, b) for a, b in zip(first.splitlines(), later.splitlines(), strict=True) if a != b]
    assert diff == [('exported_at: "2025-11-02T09:30:00Z"', 'exported_at: "2025-11-05T09:30:00Z"')]
    # The order highlights and notes arrive in does not matter either.
    shuffled = [
        annotated(i.entry, tags=tuple(reversed(i.tags)), highlights=i.highlights, notes=i.notes)
        for i in items
    ]
    assert render(shuffled) == first


def test_seal_detects_any_edit() -> None:
    text = render([annotated(tags=("x",))])
    assert seal.verify(text)
    assert not seal.verify(text.replace("#x", "#y"))
    assert not seal.verify(text + "\nmy own line\n")
    assert not seal.verify(text.replace("\n", "\r\n"))
    # The exported-at line is the one place a change is not an edit.
    assert seal.verify(text.replace("2025-11-02T09:30:00Z", "2030-01-01T00:00:00Z"))


def test_yaml_string_is_json_and_yaml() -> None:
    import json

    import yaml

    for value in [*HOSTILE, "a\u2028b", "e\u0301", "🔥", "\\", '"']:
        dumped = yaml_string(value)
        assert "\n" not in dumped
        assert json.loads(dumped) == clean_line(value)
        assert yaml.safe_load(f"k: {dumped}") == {"k": clean_line(value)}


_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abc XYZ019#*_-+=>|<&;`~[]()!$%^\\.:/\"'\n\t") + ["\u00a0", "é", "🔥", "\u200f"]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(headline=_TEXT, quote=_TEXT)
def test_any_text_reads_back_literally(headline: str, quote: str) -> None:
    exact = quote if quote.strip() else "x"
    item = annotated(
        make_entry(headline=headline if headline.strip() else "h"),
        highlights=(make_highlight(exact),),
    )
    text = render([item])
    tokens = parse_body(text)
    assert html_tokens(tokens) == []
    found = headings(tokens)
    assert len(found) == 2
    assert found[1] == ("h2", clean_line(headline) if headline.strip() else "h")
    assert blockquotes(tokens) == [literal_paragraphs(exact) or "…"]
