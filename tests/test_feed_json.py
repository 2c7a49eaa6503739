"""JSON Feed, and the bounds every JSON document is read within."""

from __future__ import annotations

import json
from typing import Any

import pytest

from liveread.ingest import parse_bytes
from liveread.ingest.jsonfeed import parse_json_feed
from liveread.ingest.limits import MAX_ENTRIES, MAX_HEADLINE_CHARS, MAX_JSON_DEPTH
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format


def feed(items: list[Any], **extra: Any) -> bytes:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": items, **extra}
    return json.dumps(doc).encode()


def test_content_html_preferred_then_text_then_summary() -> None:
    parsed = parse_bytes(
        feed(
            [
                {"id": "1", "content_html": "<p>H &amp; <b>1</b></p>", "content_text": "no"},
                {"id": "2", "content_text": "Plain <not a tag>", "summary": "no"},
                {"id": "3", "summary": "Only summary."},
            ]
        ),
        "f.json",
    )
    assert parsed.format is Format.JSONFEED
    assert [e.body for e in parsed.entries] == ["H & 1", "Plain <not a tag>", "Only summary."]
    assert all(e.headline is None for e in parsed.entries)


def test_version_1_0_with_numeric_ids_and_author() -> None:
    data = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "title": "Old",
            "items": [{"id": 7, "title": "T", "content_text": "x", "author": {"name": "Ana"}}],
        }
    ).encode()
    entry = parse_bytes(data, "f.json").entries[0]
    assert (entry.key, entry.author) == ("7", "Ana")


def test_wrong_types_are_treated_as_missing() -> None:
    parsed = parse_bytes(
        feed(
            [
                {"id": ["x"], "title": 5, "content_text": "Kept.", "date_published": {}},
                "not an object",
                42,
            ],
            title=["no"],
            home_page_url="javascript:alert(1)",
        ),
        "f.json",
    )
    assert parsed.title == "Untitled JSON Feed" and parsed.url is None
    assert [e.body for e in parsed.entries] == ["Kept."]
    assert parsed.warnings == ("skipped 2 item(s) that are not JSON objects",)


def test_not_a_json_feed() -> None:
    with pytest.raises(InputError, match="neither a JSON Feed"):
        parse_bytes(b'{"hello": "world"}', "x.json")
    with pytest.raises(InputError, match="not a JSON Feed"):
        parse_json_feed(b"[1, 2]", "x.json")


def test_items_not_a_list_refused() -> None:
    with pytest.raises(InputError, match='"items" is not a list'):
        parse_bytes(feed({"a": 1}), "x.json")  # type: ignore[arg-type]


def test_deep_nesting_refused_without_crashing() -> None:
    for depth in (MAX_JSON_DEPTH + 1, 5_000, 200_000):
        data = (
            b'{"version": "https://jsonfeed.org/version/1.1", "x": '
            + b"[" * depth
            + b"]" * depth
            + b"}"
        )
        with pytest.raises(InputError, match=f"nested deeper than {MAX_JSON_DEPTH} levels"):
            parse_bytes(data, "deep.json")


def test_nesting_within_the_bound_is_fine() -> None:
    nested: Any = "leaf"
    for _ in range(MAX_JSON_DEPTH - 3):
        nested = [nested]
    parsed = parse_bytes(feed([{"id": "1", "content_text": "ok", "_x": nested}]), "f.json")
    assert parsed.entries[0].body == "ok"


def test_too_many_items_refused() -> None:
    with pytest.raises(InputError, match="too many items"):
        parse_bytes(feed([{}] * (MAX_ENTRIES + 1)), "many.json")


def test_huge_strings_are_bounded() -> None:
    parsed = parse_bytes(
        feed([{"id": "1", "title": "w" * 100_000, "content_text": "body"}]), "f.json"
    )
    assert len(parsed.entries[0].headline or "") == MAX_HEADLINE_CHARS


def test_invalid_utf8_bom_and_junk() -> None:
    with pytest.raises(InputError, match="not UTF-8"):
        parse_bytes(b'{"version": "\xff"}', "bad.json")
    bom = b"\xef\xbb\xbf" + feed([{"id": "1", "content_text": "ok"}])
    assert parse_bytes(bom, "bom.json").entries[0].body == "ok"
    with pytest.raises(InputError, match="not valid JSON"):
        parse_bytes(b'{"version": ', "cut.json")
    with pytest.raises(InputError, match="not valid JSON"):
        parse_bytes(b'{"n": ' + b"9" * 10_000 + b"}", "num.json")
