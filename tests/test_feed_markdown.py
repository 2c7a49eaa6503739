"""The Markdown live blog."""

from __future__ import annotations

import pytest

from liveread.ingest import parse_bytes
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format
from liveread.kernel.text import fingerprint


def md(text: str) -> bytes:
    return text.encode("utf-8")


def test_date_forms_and_standfirst() -> None:
    for line in (
        "Date: 2025-03-02",
        "_2025-03-02_",
        "*2025-03-02*",
        "2025-03-02",
        "date: 2 March 2025",
    ):
        feed = parse_bytes(md(f"# T\n{line}\nThe standfirst.\n\n## [10:00] H\nBody.\n"), "a.md")
        assert feed.blog_date == "2025-03-02", line
        assert feed.standfirst == "The standfirst.", line
        assert feed.format is Format.MARKDOWN


def test_no_date_line_keeps_times_as_labels() -> None:
    feed = parse_bytes(md("# T\n\n## [10:00] H\nBody.\n"), "a.md")
    entry = feed.entries[0]
    assert feed.blog_date is None and feed.standfirst is None
    assert (entry.time_label, entry.published) == ("10:00", None)


def test_entries_with_and_without_headline_or_time() -> None:
    feed = parse_bytes(
        md(
            "# T\nDate: 2025-03-02\n\n## [14:32] Head\nA.\n\n"
            "## [14:10]\nNo head.\n\n## Untimed\nB.\n"
        ),
        "a.md",
    )
    assert [(e.headline, e.time_label) for e in feed.entries] == [
        ("Head", "14:32"),
        (None, "14:10"),
        ("Untimed", None),
    ]
    assert feed.entries[1].key == "p:" + fingerprint("No head.")


def test_full_timestamp_in_brackets() -> None:
    feed = parse_bytes(md("# T\n\n## [2025-03-02T14:32:00+01:00] H\nA.\n"), "a.md")
    entry = feed.entries[0]
    assert entry.published is not None and entry.published.hour == 13
    assert not entry.time_assumed_utc


def test_inline_markup_becomes_text_and_links_are_collected() -> None:
    feed = parse_bytes(
        md(
            "# T\n\n## [09:00] The *big* `one`\n"
            "Read **this** [report](https://e.org/r) and <https://e.org/auto>.\n"
            "Same paragraph.  \nHard break.\n\n"
            "1. first\n2. second\n   - nested\n\n"
            "```\ncode  kept\n```\n\n<b>raw html stays text</b>\n"
        ),
        "a.md",
    )
    entry = feed.entries[0]
    assert entry.headline == "The big one"
    assert entry.body == (
        "Read this report and https://e.org/auto. Same paragraph.\nHard break.\n\n"
        "1. first\n2. second\n  • nested\n\ncode  kept\n\n<b>raw html stays text</b>"
    )
    assert tuple(x.url for x in entry.links) == ("https://e.org/r", "https://e.org/auto")


def test_heading_inside_code_fence_is_not_an_entry() -> None:
    feed = parse_bytes(md("# T\n\n## [09:00] H\n```\n## not an entry\n```\n"), "a.md")
    assert len(feed.entries) == 1 and feed.entries[0].body == "## not an entry"


def test_repeated_headlines_keep_stable_keys_from_the_bottom() -> None:
    old = parse_bytes(md("# T\n\n## [10:00] Update\nB.\n\n## [09:00] Update\nA.\n"), "a.md")
    new = parse_bytes(
        md("# T\n\n## [11:00] Update\nC.\n\n## [10:00] Update\nB.\n\n## [09:00] Update\nA.\n"),
        "a.md",
    )
    assert [e.key for e in new.entries][1:] == [e.key for e in old.entries]


def test_not_markdown_live_blog() -> None:
    with pytest.raises(InputError, match="no entries after the title"):
        parse_bytes(md("# Just a title\n\nSome text.\n"), "a.md")
    with pytest.raises(InputError, match="every entry is empty"):
        parse_bytes(md("# T\n\n## \n"), "a.md")
