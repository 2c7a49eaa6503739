"""Golden pages: each markup family's saved page parses to its expectation, entry by entry,
and its later snapshot keeps every surviving post's key."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.ingest import read_file
from tests.pages_view import FAMILIES, PAGES, entry_view, feed_view

# What each later snapshot changed, from its first: (new key, reworded-headline key, edited-body
# key, scrolled-off key). The ticker has no post ids: its keys are fingerprints, so a reworded
# headline is a new key there and the store's matching (not the parser) must pair them.
LATER = {
    "guardian": ("block-69a0e90c33", "block-69a0d1c822", "block-69a0d7b410", "block-69a0c8aa01"),
    "reach": ("live-post-7010", "live-post-6998", "live-post-6990", "live-post-6982"),
    "independent": ("post-5004", "post-5002", "post-5003", "post-5001"),
    "repubblica": ("post-9004", "post-9003", "post-9002", "post-9001"),
    "wp-liveblog": (
        "liveblog-entry-3312",
        "liveblog-entry-3307",
        "liveblog-entry-3301",
        "liveblog-entry-3290",
    ),
    "amp-live-list": ("item-407", "item-404", "item-406", "item-401"),
    "microdata": ("wpis-331", "wpis-330", "wpis-329", "wpis-320"),
    "generic": ("u-90", "u-88", "u-87", "u-85"),
}


@pytest.mark.parametrize("name", [*FAMILIES, "jsonld-only"])
def test_page_matches_its_golden_file(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    feed = read_file(PAGES / f"{name}.html")
    assert feed_view(feed) == expected["page"]
    got = [entry_view(e) for e in feed.entries]
    assert len(got) == len(expected["entries"])
    for i, (entry, want) in enumerate(zip(got, expected["entries"], strict=True)):
        for field, value in want.items():
            assert entry[field] == value, f"{name} entry {i} ({want['key']}): {field}"
        assert entry == want


@pytest.mark.parametrize("name", FAMILIES)
def test_every_permalink_lands_on_its_post(name: str) -> None:
    html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
    ids = {node.attributes.get("id") for node in LexborHTMLParser(html).css("[id]")}
    for entry in read_file(PAGES / f"{name}.html").entries:
        if entry.url is not None:
            assert urlsplit(entry.url).fragment in ids, entry.url


@pytest.mark.parametrize("name", sorted(LATER))
def test_later_snapshot_keeps_the_keys_of_edited_and_reworded_posts(name: str) -> None:
    first = {e.key: e for e in read_file(PAGES / f"{name}.html").entries}
    later = {e.key: e for e in read_file(PAGES / f"{name}-later.html").entries}
    new, reworded, edited, scrolled_off = LATER[name]
    assert list(later)[0] == new and new not in first
    assert scrolled_off in first and scrolled_off not in later
    assert set(later) - {new} == set(first) - {scrolled_off}
    assert later[reworded].headline != first[reworded].headline
    assert later[reworded].body == first[reworded].body
    assert later[edited].body != first[edited].body
    assert later[edited].headline == first[edited].headline
    for key in set(later) - {new, reworded, edited}:
        assert later[key] == first[key], key


def test_ticker_later_snapshot_keeps_the_keys_of_untouched_and_edited_posts() -> None:
    first = [e.key for e in read_file(PAGES / "ticker.html").entries]
    later = read_file(PAGES / "ticker-later.html").entries
    assert [e.key for e in later][1:] == first[:2]
    assert later[0].headline == "Notunterkunft geöffnet" and later[0].time_label == "13.10 Uhr"
    assert "bis zum Abend" in later[1].body
