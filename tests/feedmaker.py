"""Building small parsed live blogs in tests, with invented stories, without a parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed

LOCATION = "/blogs/harbour-storm.txt"
"""Where the test blog is said to come from (never read: the feed is built in memory)."""

BODIES = (
    "Harbour master Ilsa Varden told reporters on the quay that crews will work through the"
    " night to plug the breach with rock-filled bags before the 02:40 tide.\n\n"
    "“If it holds through the small hours, we can start talking about recovery,” she said.",
    "Two convoys from the 3rd Engineer Regiment reached the eastern edge of Port Tallis"
    " shortly after six, carrying around 600 metres of modular flood barrier.",
    "The Tallis–Wenlow ferry is suspended until at least Thursday, the operator said.\n\n"
    "Passengers with tickets can claim a refund at the terminal.",
)


def entry(
    key: str, body: str, headline: str | None = None, minutes: int | None = None
) -> ParsedEntry:
    """One entry; `minutes` gives it a published time, that many minutes before 18:00."""
    published = None
    if minutes is not None:
        published = datetime(2025, 10, 14, 18, 0, tzinfo=UTC) - timedelta(minutes=minutes)
    return ParsedEntry(
        key=key, headline=headline or f"Update {key}", body=body, published=published
    )


def feed(*entries: ParsedEntry, title: str = "Storm Odile live") -> ParsedFeed:
    """A live blog of these entries, newest first."""
    return ParsedFeed(format=Format.TEXT, title=title, entries=tuple(entries))


def storm(*bodies: str) -> ParsedFeed:
    """The harbour-storm blog with the given bodies (default BODIES), keys e0, e1, ..."""
    texts = bodies or BODIES
    return feed(*(entry(f"e{i}", body, minutes=i) for i, body in enumerate(texts)))
