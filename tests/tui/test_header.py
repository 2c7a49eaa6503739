"""The header's text: counts, and for a URL source when it was checked and polls next."""

from __future__ import annotations

from datetime import UTC, datetime

from liveread.kernel.model import Format, Source
from liveread.tui.display import TimeDisplay
from liveread.tui.widgets.header import counts_text, poll_text


def source(location: str, checked: datetime | None) -> Source:
    return Source(
        id=1,
        location=location,
        format=Format.RSS,
        title="A blog",
        standfirst=None,
        blog_date=None,
        url=None,
        added_at=datetime(2026, 1, 1, tzinfo=UTC),
        checked_at=checked,
        entry_count=1,
        unread_count=0,
    )


def test_counts() -> None:
    assert counts_text(source("/a.txt", None)) == "1 entry · 0 unread"


def test_poll_times_for_url_sources_only() -> None:
    utc = TimeDisplay(UTC)
    checked = datetime(2026, 3, 1, 14, 2, tzinfo=UTC)
    url = source("https://example.invalid/live", checked)
    assert poll_text(url, 90, utc) == "checked 14:02 · next poll 14:03"
    assert poll_text(url, None, utc) == "checked 14:02 · r reloads"
    assert poll_text(source("https://example.invalid/x", None), 60, utc) == "not checked yet"
    assert poll_text(source("/blog.txt", checked), 60, utc) == ""
