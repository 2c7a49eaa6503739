"""What every parsed feed must satisfy, whatever the input: shared by the fuzz and corpus tests."""

from __future__ import annotations

from liveread.kernel.model import Entry, ParsedFeed, Source
from liveread.kernel.text import clean_line, clean_text


def assert_clean_feed(feed: ParsedFeed) -> None:
    """One-line fields are clean lines, bodies clean text, keys unique, dates in UTC."""
    assert feed.title
    for line in (feed.title, feed.standfirst, feed.url, feed.blog_date, *feed.warnings):
        assert line is None or clean_line(line) == line, line
    keys = [e.key for e in feed.entries]
    assert len(keys) == len(set(keys)) and all(keys)
    for entry in feed.entries:
        for line in (entry.headline, entry.author, entry.url, entry.time_label, entry.key):
            assert line is None or clean_line(line) == line, line
        for link in entry.links:
            assert clean_line(link.url) == link.url and link.url.startswith(("http://", "https://"))
            assert clean_line(link.text) == link.text
        assert clean_text(entry.body) == entry.body
        assert entry.headline or entry.body
        for when in (entry.published, entry.updated):
            assert when is None or when.utcoffset() is not None
    for when in (feed.coverage_start, feed.coverage_end):
        assert when is None or when.utcoffset() is not None


def assert_clean_stored(source: Source, entries: list[Entry]) -> None:
    """What the database holds for a source is as clean as what the parser gave it."""
    for line in (source.title, source.standfirst, source.url):
        assert line is None or clean_line(line) == line, line
    for entry in entries:
        for line in (entry.headline, entry.author, entry.url, entry.time_label):
            assert line is None or clean_line(line) == line, line
        assert clean_text(entry.body) == entry.body
