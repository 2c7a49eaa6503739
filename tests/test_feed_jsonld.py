"""HTML pages with schema.org LiveBlogPosting JSON-LD, in every shape publishers use."""

from __future__ import annotations

import json
from typing import Any

import pytest

from liveread.ingest import parse_bytes
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format


def page(*scripts: Any, head: str = "<title>Page title</title>") -> bytes:
    blocks = "".join(
        f'<script type="application/ld+json">{s if isinstance(s, str) else json.dumps(s)}</script>'
        for s in scripts
    )
    return f"<!DOCTYPE html><html><head>{head}{blocks}</head><body><p>x</p></body></html>".encode()


UPDATE_A = {
    "@type": "BlogPosting",
    "headline": "A",
    "articleBody": "Alpha.",
    "url": "https://e.org/l#a",
}
UPDATE_B = {"@type": "BlogPosting", "articleBody": "Beta, no headline.", "url": "https://e.org/l#b"}


def blog(updates: Any, **extra: Any) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "The blog",
        "url": "https://e.org/l",
        "liveBlogUpdate": updates,
        **extra,
    }


def test_list_of_updates() -> None:
    feed = parse_bytes(page(blog([UPDATE_A, UPDATE_B])), "p.html")
    assert feed.format is Format.JSONLD and feed.title == "The blog"
    assert [(e.key, e.headline) for e in feed.entries] == [
        ("https://e.org/l#a", "A"),
        ("https://e.org/l#b", None),
    ]


def test_single_update_object() -> None:
    feed = parse_bytes(page(blog(UPDATE_A)), "p.html")
    assert [e.body for e in feed.entries] == ["Alpha."]


def test_graph_and_list_documents_and_type_lists() -> None:
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, blog([UPDATE_A])]}
    assert parse_bytes(page(graph), "g.html").entries[0].headline == "A"
    as_list = [{"@type": "Organization", "name": "O"}, blog([UPDATE_B])]
    assert parse_bytes(page(as_list), "l.html").entries[0].body == "Beta, no headline."
    typed = blog([UPDATE_A]) | {"@type": ["NewsArticle", "https://schema.org/LiveBlogPosting"]}
    assert parse_bytes(page(typed), "t.html").title == "The blog"


def test_nested_inside_another_node() -> None:
    doc = {"@context": "https://schema.org", "@type": "WebPage", "mainEntity": blog([UPDATE_A])}
    assert parse_bytes(page(doc), "n.html").entries[0].headline == "A"


def test_several_scripts_are_merged_for_the_same_blog() -> None:
    first = blog([UPDATE_A], **{"@id": "https://e.org/l#blog"})
    second = blog([UPDATE_B], **{"@id": "https://e.org/l#blog"})
    other = {"@type": "BreadcrumbList", "itemListElement": []}
    feed = parse_bytes(page(other, first, "not json {", second), "m.html")
    assert [e.headline for e in feed.entries] == ["A", None]
    assert feed.warnings == ("skipped 1 JSON-LD script(s) that are not valid JSON",)


def test_updates_referenced_by_id() -> None:
    doc = {
        "@graph": [
            blog([{"@id": "https://e.org/l#u1"}, "https://e.org/l#u2"]),
            {"@id": "https://e.org/l#u1", "@type": "BlogPosting", "articleBody": "One."},
            {"@id": "https://e.org/l#u2", "@type": "BlogPosting", "articleBody": "Two."},
        ]
    }
    feed = parse_bytes(page(doc), "r.html")
    assert [(e.key, e.body) for e in feed.entries] == [
        ("https://e.org/l#u1", "One."),
        ("https://e.org/l#u2", "Two."),
    ]


def test_coverage_and_dates_and_order() -> None:
    updates = [
        UPDATE_A | {"datePublished": "2025-05-01T09:00:00+02:00"},
        UPDATE_B | {"datePublished": "2025-05-01T10:30:00+02:00"},
    ]
    feed = parse_bytes(
        page(
            blog(
                updates,
                coverageStartTime="2025-05-01T08:00:00+02:00",
                coverageEndTime="2025-05-01T20:00:00Z",
            )
        ),
        "d.html",
    )
    assert feed.coverage_start is not None and feed.coverage_start.hour == 6
    assert feed.coverage_end is not None and feed.coverage_end.hour == 20
    assert feed.blog_date == "2025-05-01"
    assert [e.key for e in feed.entries] == ["https://e.org/l#b", "https://e.org/l#a"]


def test_html_article_body_and_text_article_body() -> None:
    html = UPDATE_A | {"articleBody": "<p>One &amp; <a href='https://x.org/'>two</a></p><p>3</p>"}
    text = UPDATE_B | {"articleBody": "Line one.\nLine two."}
    feed = parse_bytes(page(blog([html, text])), "h.html")
    assert feed.entries[0].body == "One & two\n\n3"
    assert tuple(x.url for x in feed.entries[0].links) == ("https://x.org/",)
    assert feed.entries[1].body == "Line one.\n\nLine two."


def test_page_title_used_when_the_blog_has_none() -> None:
    doc = blog([UPDATE_A])
    del doc["headline"]
    assert parse_bytes(page(doc), "t.html").title == "Page title"


def test_comment_wrapped_script() -> None:
    wrapped = "<!--" + json.dumps(blog([UPDATE_A])) + "-->"
    assert parse_bytes(page(wrapped), "w.html").entries[0].headline == "A"


def test_page_without_live_blog_names_its_feed() -> None:
    head = '<link rel="alternate" type="application/rss+xml" href="https://e.org/feed.xml">'
    with pytest.raises(InputError, match=r"the page names a feed at https://e\.org/feed\.xml"):
        parse_bytes(page({"@type": "NewsArticle"}, head=head), "n.html")


def test_bare_json_ld_document() -> None:
    feed = parse_bytes(json.dumps(blog([UPDATE_A])).encode(), "b.jsonld")
    assert feed.format is Format.JSONLD and feed.entries[0].headline == "A"


def test_deep_json_ld_is_refused_or_skipped() -> None:
    deep = '{"@type": "LiveBlogPosting", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(InputError):
        parse_bytes(page(deep), "deep.html")
    with pytest.raises(InputError, match="nested deeper"):
        parse_bytes(deep.encode(), "deep.json")


def test_updates_carrying_the_blogs_own_id_are_told_apart() -> None:
    same = {"@id": "https://e.org/l", "url": "https://e.org/l"}
    feed = parse_bytes(page(blog([UPDATE_A | same, UPDATE_B | same])), "s.html")
    assert [e.headline for e in feed.entries] == ["A", None]
    assert feed.warnings == ()
    assert all(e.key.startswith(("h:", "p:")) for e in feed.entries)
