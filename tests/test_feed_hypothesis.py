"""Random input through every parser: the project's own error or a clean result, nothing else."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveread.ingest import parse_bytes
from liveread.ingest.feeds import parse_feed
from liveread.ingest.html_text import html_to_text
from liveread.ingest.jsonfeed import parse_json_feed
from liveread.ingest.jsonld import parse_jsonld_page
from liveread.ingest.markdown_dump import parse_markdown
from liveread.kernel.errors import InputError
from liveread.kernel.text import clean_text
from tests.feedcheck import assert_clean_feed

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(parser, data: bytes) -> None:  # type: ignore[no-untyped-def]
    try:
        feed = parser(data, "fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz: ") and "\n" not in str(exc)
        return
    assert_clean_feed(feed)


PARSERS = [parse_bytes, parse_feed, parse_json_feed, parse_jsonld_page, parse_markdown]

markup = st.lists(
    st.sampled_from(
        [
            '<?xml version="1.0"?>',
            "<rss version='2.0'>",
            "<channel>",
            "<item>",
            "</item>",
            "<title>",
            "</title>",
            "<guid>",
            "</guid>",
            "<description>",
            "&lt;p&gt;",
            "&amp;",
            "<![CDATA[",
            "]]>",
            "<feed xmlns='http://www.w3.org/2005/Atom'>",
            "<entry>",
            "<id>",
            "<html>",
            '<script type="application/ld+json">',
            "</script>",
            '{"@type":',
            '"LiveBlogPosting"',
            '"liveBlogUpdate": [',
            "]",
            "}",
            "\x1b[2J",
            "\x00",
            "é",
            "\ufeff",
            "# T\n",
            "## [10:00] h\n",
            "text. ",
            "\n\n",
            "<p>",
            "<br>",
            "<li>",
        ]
    )
    | st.text(max_size=20),
    max_size=40,
).map("".join)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    for parser in PARSERS:
        run(parser, data)


@SETTINGS
@given(markup)
def test_feed_shaped_noise(text: str) -> None:
    for encoding in ("utf-8", "utf-16"):
        data = text.encode(encoding, errors="surrogatepass")
        for parser in PARSERS:
            run(parser, data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=30,
)
item = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "title": json_values,
        "content_html": json_values,
        "content_text": json_values,
        "url": json_values,
        "date_published": json_values,
        "authors": json_values,
        "headline": json_values,
        "articleBody": json_values,
        "@id": json_values,
        "@type": st.sampled_from(["BlogPosting", "LiveBlogPosting"]),
    },
)


@SETTINGS
@given(st.lists(item | json_values, max_size=6), json_values)
def test_json_feeds_and_json_ld_of_any_shape(items: list[object], title: object) -> None:
    jf = {"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items}
    ld = {"@type": "LiveBlogPosting", "headline": title, "liveBlogUpdate": items}
    run(parse_bytes, json.dumps(jf).encode())
    run(parse_bytes, json.dumps(ld).encode())
    page = f'<html><script type="application/ld+json">{json.dumps(ld)}</script></html>'
    run(parse_bytes, page.encode())


@SETTINGS
@given(markup)
def test_html_to_text_never_raises(text: str) -> None:
    result = html_to_text(text)
    assert clean_text(result.text) == result.text
