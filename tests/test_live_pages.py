"""HTML live pages: which reader reads them, what is never silent, the bounds, older pages."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from liveread.ingest import parse_bytes
from liveread.ingest.fetch import fetch_feed
from liveread.ingest.generic_posts import clock_split
from liveread.ingest.html_page import MAX_NESTING
from liveread.kernel.errors import InputError
from tests.pages_view import PAGES


def _page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def test_a_changed_outlet_markup_falls_to_the_generic_reader_and_says_so() -> None:
    changed = _page("guardian").replace(b'id="block-', b'id="entry-')
    changed = changed.replace(b"#block-", b"#entry-")
    feed = parse_bytes(changed, "guardian-changed.html")
    assert feed.profile == "generic"
    assert [e.key for e in feed.entries] == [
        "entry-69a0d7b410",
        "entry-69a0d1c822",
        "entry-69a0c8aa01",
        "entry-69a0c3e1f2",
    ]
    assert feed.entries[1].headline == "Operator offers 4% pay rise"
    assert feed.entries[1].time_label == "08.12 GMT"
    assert [e.author for e in feed.entries] == [
        "Bryn Tallow",
        "Ada Quill",
        "Bryn Tallow",
        "Ada Quill",
    ]
    assert "Ada Quill" not in feed.entries[1].body
    assert any(
        "no longer matches the guardian markup profile (the Guardian); the generic" in w
        for w in feed.warnings
    )


def test_every_post_sharing_one_headline_and_time_is_said() -> None:
    feed = parse_bytes(_page("jsonld-only"), "jsonld-only.html")
    assert feed.profile == "jsonld"
    assert len(feed.entries) == 2
    assert any(
        "every post on the page shares one headline and one time" in w for w in feed.warnings
    )


def test_posts_with_their_own_headlines_and_times_get_no_such_warning() -> None:
    assert parse_bytes(_page("guardian"), "guardian.html").warnings == ()


def test_a_page_with_no_posts_names_what_was_looked_for() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>About us</title>"
        b'<link rel="alternate" type="application/rss+xml" href="https://e.org/rss"></head>'
        b"<body><h1>About us</h1><p>We are a newspaper.</p></body></html>"
    )
    with pytest.raises(InputError) as info:
        parse_bytes(page, "about.html")
    message = str(info.value)
    assert message.startswith("about.html: an HTML page with no live-blog posts")
    for looked_for in ("the Guardian", "schema.org microdata", "a clock time", "JSON-LD"):
        assert looked_for in message
    assert message.endswith("the page names a feed at https://e.org/rss")
    assert "\n" not in message


def test_deep_nesting_is_refused_before_parsing() -> None:
    depth = MAX_NESTING + 1
    bomb = b"<!DOCTYPE html><html><body>" + b"<div>" * depth + b"x" + b"</div>" * depth
    with pytest.raises(InputError, match="elements nest more than"):
        parse_bytes(bomb, "deep.html")


def test_nesting_within_the_bound_is_read() -> None:
    depth = 300
    post = b"<div id='p%d'><time datetime='2026-01-01T10:0%dZ'>10:0%d</time><p>Post %d.</p></div>"
    posts = b"".join(post % (n, n, n, n) for n in range(3))
    page = b"<!DOCTYPE html><html><body>" + b"<div>" * depth + posts + b"</div>" * depth
    feed = parse_bytes(page, "nested.html")
    assert [e.body for e in feed.entries] == ["Post 2.", "Post 1.", "Post 0."]


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("14:05 Minister resigns", ("14:05", "Minister resigns")),
        ("2.05pm Crowds gather", ("2.05pm", "Crowds gather")),
        ("12.31 Uhr: Pegel sinkt", ("12.31 Uhr", "Pegel sinkt")),
        ("9h30 Ouverture des bureaux", ("9h30", "Ouverture des bureaux")),
        ("09:15 GMT – Markets open", ("09:15 GMT", "Markets open")),
        ("10.15 Uhr:", ("10.15 Uhr", "")),
    ],
)
def test_clock_headings_in_common_styles(text: str, split: tuple[str, str]) -> None:
    assert clock_split(text) == split


@pytest.mark.parametrize(
    "text", ["2019 results in full", "25:61 is no time", "1.5 million people", "Paris 2024"]
)
def test_headings_that_are_not_clock_times(text: str) -> None:
    assert clock_split(text) is None


def test_bodies_drop_what_a_reader_never_sees() -> None:
    feed = parse_bytes(_page("guardian") + b"", "guardian.html")
    text = "\n".join(e.body for e in feed.entries)
    for hidden in ("Updated at", "Share", "Advertisement", "Facebook", "\u200b"):
        assert hidden not in text
    repubblica = parse_bytes(_page("repubblica"), "repubblica.html")
    assert all("[[" not in e.body for e in repubblica.entries)


def test_an_embed_only_post_is_never_empty() -> None:
    feed = parse_bytes(_page("guardian"), "guardian.html")
    tweet = next(e for e in feed.entries if e.key == "block-69a0c8aa01")
    assert tweet.body.startswith("[Post on X by @harbourtownport: All sailings are cancelled")
    assert tweet.body.endswith("https://twitter.com/harbourtownport/status/1898000000000000001")


def test_fetched_page_resolves_its_older_page_links_against_its_own_address(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/live/ferry").respond_with_data(
        _page("guardian"), content_type="text/html; charset=utf-8"
    )
    result = fetch_feed(httpserver.url_for("/live/ferry"))
    assert result.feed is not None
    assert result.feed.older_pages == (
        httpserver.url_for("/live/ferry") + "?page=with:block-69a0aa0001",
    )
    first = result.feed.entries[0]
    assert first.url == httpserver.url_for("/live/ferry") + (
        "?page=with:block-69a0d7b410#block-69a0d7b410"
    )


def test_json_ld_fills_what_the_markup_lacks_matched_by_fragment() -> None:
    page = b"""<!DOCTYPE html><html><head><title>Count night</title>
<link rel="canonical" href="https://news.example/count">
<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Count night",
"liveBlogUpdate": [
 {"@type": "BlogPosting", "url": "https://news.example/count#p2", "headline": "Second ward in",
  "author": {"name": "Rae Lund"}, "datePublished": "2026-05-08T01:00:00Z"},
 {"@type": "BlogPosting", "url": "https://news.example/count#p1", "headline": "Count night",
  "author": {"name": "Rae Lund"}, "datePublished": "2026-05-08T00:00:00Z"},
 {"@type": "BlogPosting", "url": "https://news.example/count#p0", "headline": "Count night",
  "author": {"name": "Sol Amin"}, "datePublished": "2026-05-07T23:00:00Z"}]}</script>
</head><body><div class="feed">
<div id="p2"><time datetime="2026-05-08T01:00:00Z">01:00</time><p>Ward two declares.</p></div>
<div id="p1"><time datetime="2026-05-08T00:00:00Z">00:00</time><p>Ward one declares.</p></div>
<div id="p0"><time>23:00</time><p>Counting starts.</p></div>
</div></body></html>"""
    feed = parse_bytes(page, "count.html")
    assert feed.profile == "generic"
    assert [(e.key, e.author) for e in feed.entries] == [
        ("p2", "Rae Lund"),
        ("p1", "Rae Lund"),
        ("p0", "Sol Amin"),
    ]
    # A headline the JSON-LD gives one update only is the post's own; the blog's copied title
    # is never taken for one.
    assert [e.headline for e in feed.entries] == ["Second ward in", None, None]
    assert feed.entries[2].published is not None  # the clock-only post's time came from JSON-LD
    assert feed.entries[2].time_label == "23:00"


def test_a_three_page_blog_links_each_page_to_the_next_older_one(httpserver: HTTPServer) -> None:
    paged = PAGES / "paged"
    httpserver.expect_request("/live", query_string="").respond_with_data(
        (paged / "page1.html").read_bytes(), content_type="text/html"
    )
    for n, block in ((2, "block-c0000004"), (3, "block-c0000002")):
        httpserver.expect_request("/live", query_string=f"page=with:{block}").respond_with_data(
            (paged / f"page{n}.html").read_bytes(), content_type="text/html"
        )
    url: str | None = httpserver.url_for("/live")
    keys: list[str] = []
    pages = 0
    while url is not None and pages < 5:
        feed = fetch_feed(url).feed
        assert feed is not None
        keys += [e.key for e in feed.entries]
        pages += 1
        assert len(feed.older_pages) <= 1
        url = feed.older_pages[0] if feed.older_pages else None
    assert pages == 3
    assert keys == [f"block-c000000{n}" for n in range(6, 0, -1)]


def test_a_json_ld_link_to_an_anchor_the_page_lacks_is_dropped() -> None:
    page = b"""<!DOCTYPE html><html><head><title>T</title>
<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "T",
"liveBlogUpdate": [
 {"@type": "BlogPosting", "url": "https://news.example/t#liveblogPost-2", "articleBody": "Two."},
 {"@type": "BlogPosting", "url": "https://news.example/t#post-1", "articleBody": "One."}]}
</script></head><body><div id="post-1"></div></body></html>"""
    feed = parse_bytes(page, "t.html")
    assert feed.profile == "jsonld"
    assert [(e.key, e.url) for e in feed.entries] == [
        ("https://news.example/t#liveblogPost-2", None),
        ("https://news.example/t#post-1", "https://news.example/t#post-1"),
    ]


def test_a_ticker_of_bold_clock_leads_is_read_post_by_post() -> None:
    page = b"""<!DOCTYPE html><html><body><h1>Markets live</h1><div class="txt">
<p><strong>14:05</strong> Shares in Harbour Bank fell 4%.</p><p>Analysts blamed the results.</p>
<p><strong>13:40 -</strong> The index opened flat.</p>
<p><b>9:15am</b> Good morning.</p></div></body></html>"""
    feed = parse_bytes(page, "markets.html")
    assert feed.profile == "generic" and feed.title == "Markets live"
    assert [(e.time_label, e.headline, e.body) for e in feed.entries] == [
        ("14:05", None, "Shares in Harbour Bank fell 4%.\n\nAnalysts blamed the results."),
        ("13:40", None, "The index opened flat."),
        ("9:15am", None, "Good morning."),
    ]


def test_an_article_with_a_dated_related_stories_box_is_no_live_blog() -> None:
    page = b"""<!DOCTYPE html><html><head><title>Bridge to close</title></head><body>
<article><h1>Bridge to close</h1><time datetime="2026-02-01T09:00Z">1 February</time>
<p>The bridge will close for repairs.</p></article>
<aside class="related"><ul>
<li><time datetime="2026-01-30T10:00Z">30 January</time><a href="/a">Road works begin</a></li>
<li><time datetime="2026-01-29T10:00Z">29 January</time><a href="/b">Council meets</a></li>
<li><time datetime="2026-01-28T10:00Z">28 January</time><a href="/c">Budget agreed</a></li>
</ul></aside></body></html>"""
    with pytest.raises(InputError, match="no live-blog posts"):
        parse_bytes(page, "article.html")


def test_an_outlet_page_read_from_its_json_ld_says_its_profile_no_longer_matches() -> None:
    page = b"""<!DOCTYPE html><html><head><title>Live</title>
<link rel="canonical" href="https://www.theguardian.com/world/live/2026/jan/01/invented">
<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Live",
"liveBlogUpdate": [
 {"@type": "BlogPosting", "headline": "One", "datePublished": "2026-01-01T10:00:00Z",
  "articleBody": "First."},
 {"@type": "BlogPosting", "headline": "Two", "datePublished": "2026-01-01T11:00:00Z",
  "articleBody": "Second."}]}</script></head><body><div id="app"></div></body></html>"""
    feed = parse_bytes(page, "live.html")
    assert feed.profile == "jsonld"
    assert feed.warnings == (
        "the page no longer matches the guardian markup profile (the Guardian);"
        " the JSON-LD reader took over",
    )
