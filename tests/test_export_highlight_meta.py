"""Highlights in the Markdown export: the colour's meaning from `[colors]`, the highlight's
own tags and a deep link to its words on the web, in the built-in layout and in a template."""

from __future__ import annotations

from liveread.export.markdown import render_markdown
from liveread.export.template import Templates
from liveread.kernel.settings import Settings
from liveread.services.exporting import templates_of
from tests.export_helpers import (
    EXPORTED_AT,
    annotated,
    make_entry,
    make_highlight,
    make_source,
)

BODY = "Crews will work through the night, the harbour master said."
MEANINGS = (("pink", "disputed"), ("blue", "confirmed"))


def _item(url: str | None = "https://news.example/storm#p1"):  # type: ignore[no-untyped-def]
    entry = make_entry(1, headline="Night shift", body=BODY, url=url)
    master = BODY.index("harbour master")
    return annotated(
        entry,
        highlights=(
            make_highlight("Crews will work", color="pink", note="Who *said* it?",
                           tags=("verify", "fact check")),
            make_highlight("harbour master", start=master, end=master + 14, color="green"),
            make_highlight("gone words", status="orphaned", start=3, end=13, color="blue"),
        ),
    )


def _render(templates: Templates | None, url: str | None = "https://news.example/storm#p1") -> str:
    return render_markdown(
        make_source("Storm live"), [_item(url)], exported_at=EXPORTED_AT, version="9.9.9",
        templates=templates,
    )


def test_labels_carry_meaning_tags_and_deep_link() -> None:
    text = _render(Templates(meanings=MEANINGS))
    assert (
        "> Crews will work\n\n*pink (disputed)* · #fact-check #verify · [at the quote]"
        "(https://news.example/storm#p1:~:text=Crews%20will%20work) — Who *said* it?"
    ) in text
    assert (
        "> harbour master\n\n*green* · [at the quote]"
        "(https://news.example/storm#p1:~:text=harbour%20master)"
    ) in text
    # An orphan's words are gone from the page: no link, but its meaning.
    assert "> gone words\n\n*blue (confirmed)* (orphaned: the text changed)\n" in text


def test_no_link_off_the_web_and_no_meaning_without_the_config() -> None:
    text = _render(None, url=None)
    assert "> Crews will work\n\n*pink* · #fact-check #verify — Who *said* it?" in text
    assert ":~:text=" not in text


def test_templates_of_carries_the_meanings_even_without_templates() -> None:
    assert templates_of(Settings()) is None
    found = templates_of(Settings(colors=MEANINGS))
    assert found == Templates(None, None, MEANINGS)


def test_the_highlight_template_sees_colour_label_tags_and_link() -> None:
    template = "{{ color_label }}|{{ tags | join(' ') }}|{{ link }}|{{ text }}"
    text = _render(Templates(highlight=template, meanings=MEANINGS))
    assert (
        # Values a template joins are escaped like any content (`\\#`, never a heading).
        "pink (disputed)|\\#fact-check \\#verify|"
        "https://news.example/storm#p1:~:text=Crews%20will%20work|Crews will work"
    ) in text
    assert "blue (confirmed)||" in text
