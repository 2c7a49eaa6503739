"""The shared pieces: HTML to text, dates, and format detection."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from liveread.ingest.dates import clock_minutes, parse_date
from liveread.ingest.detect import Kind, sniff
from liveread.ingest.html_text import html_to_line, html_to_text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One &amp; two</p><p>Three</p>", "One & two\n\nThree"),
        ("a<br>b<br><br>c", "a\nb\n\nc"),
        ("<ul><li>x</li><li>y <i>z</i></li></ul>after", "• x\n• y z\n\nafter"),
        ("<ol><li>x<li>y</ol>", "1. x\n2. y"),
        ("<script>evil()</script><style>p{}</style>ok", "ok"),
        (
            "<table><tr><td>A</td><td>1</td></tr><tr><td>B</td><td>2</td></tr></table>",
            "A | 1\nB | 2",
        ),
        ("<div>  lots \n of\tspace&nbsp;here </div>", "lots of space here"),
        ("no markup &eacute; at all\n\nsecond", "no markup é at all\n\nsecond"),
        ("<p>unclosed <b>tags", "unclosed tags"),
        ("<h2>Head</h2>text", "Head\n\ntext"),
        ("<pre>a\n  b</pre>", "a\n  b"),
        ("\x1b[31mred\x1b[0m <b>\x07bold</b>", "red bold"),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup).text == text


def test_links_kept_as_text_with_urls_collected() -> None:
    result = html_to_text(
        '<p>See <a href="https://a.org/x?p=1&amp;q=2">the report</a>, '
        '<a href="javascript:alert(1)">this</a>, <a href="https://a.org/x?p=1&q=2">again</a>, '
        '<a href="mailto:x@y.z">mail</a>.</p>'
    )
    assert result.text == "See the report, this, again, mail."
    assert result.links == ("https://a.org/x?p=1&q=2",)


def test_html_to_line() -> None:
    assert html_to_line("<b>Big</b>\n<i>news</i> &mdash; now") == "Big news — now"


@pytest.mark.parametrize(
    ("text", "expected", "assumed"),
    [
        ("Sun, 06 Jul 2025 14:32:00 +0100", datetime(2025, 7, 6, 13, 32, tzinfo=UTC), False),
        ("Sun, 06 Jul 2025 14:32:00 GMT", datetime(2025, 7, 6, 14, 32, tzinfo=UTC), False),
        ("Sun, 06 Jul 2025 14:32:00", datetime(2025, 7, 6, 14, 32, tzinfo=UTC), True),
        ("Sun, 6 Jul 2025 10:20 EDT", datetime(2025, 7, 6, 14, 20, tzinfo=UTC), False),
        ("6 Jul 2025 10:20 CEST", datetime(2025, 7, 6, 8, 20, tzinfo=UTC), False),
        ("2025-07-06T14:32:00Z", datetime(2025, 7, 6, 14, 32, tzinfo=UTC), False),
        (
            "2025-07-06T14:32:00.123-05:00",
            datetime(2025, 7, 6, 19, 32, 0, 123000, tzinfo=UTC),
            False,
        ),
        ("2025-07-06 14:32", datetime(2025, 7, 6, 14, 32, tzinfo=UTC), True),
        ("July 6, 2025 2:32 PM", datetime(2025, 7, 6, 14, 32, tzinfo=UTC), True),
    ],
)
def test_dates_to_utc(text: str, expected: datetime, assumed: bool) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.value == expected and parsed.value.tzinfo is UTC
    assert parsed.assumed_utc is assumed


@pytest.mark.parametrize(
    "text", ["", "14:32", "Mar 2", "2h ago", "tomorrow", "x" * 500, "31 Feb 2025"]
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_clock_minutes() -> None:
    assert clock_minutes("14:32") == (872, False)
    assert clock_minutes("2.15pm") == (855, False)
    assert clock_minutes("12:05 am GMT") == (5, True)
    assert clock_minutes("25:00") is None and clock_minutes("soon") is None


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"/>', Kind.XML),
        (b"<!-- hi --><feed xmlns='http://www.w3.org/2005/Atom'/>", Kind.XML),
        (b"<rdf:RDF xmlns:rdf='x'/>", Kind.XML),
        (b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x"><rss/>', Kind.XML),
        (b"<!doctype html><html></html>", Kind.HTML),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', Kind.HTML),
        (b"\xef\xbb\xbf  <html><head>", Kind.HTML),
        ('<?xml version="1.0"?><rss/>'.encode("utf-16"), Kind.XML),
        (b'  {"version": "x"}', Kind.JSON),
        (b"[1]", Kind.JSON),
        (b" date 2025-01-01 Title\nx", Kind.TEXT_DUMP),
        (b"\n# Title\n\n## [10:00] x", Kind.MARKDOWN),
        (b"#hashtag first", Kind.UNKNOWN),
        (b"plain words", Kind.UNKNOWN),
        (b"", Kind.UNKNOWN),
    ],
)
def test_sniff(data: bytes, kind: Kind) -> None:
    assert sniff(data) is kind
