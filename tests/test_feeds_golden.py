"""Golden files: each bundled feed sample parses to its hand-written expectation."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from liveread.ingest import read_file
from liveread.kernel.model import ParsedEntry, ParsedFeed
from liveread.sample_feeds import first_run_files
from liveread.storage import Store
from tests.conftest import SAMPLES

FEED_SAMPLES = sorted(
    p
    for p in SAMPLES.iterdir()
    if p.is_file() and p.suffix != ".txt" and not p.name.startswith("_") and p.suffix != ".py"
)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry_view(entry: ParsedEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "headline": entry.headline,
        "time": entry.time_label,
        "published": _iso(entry.published),
        "updated": _iso(entry.updated),
        "time_assumed_utc": entry.time_assumed_utc,
        "author": entry.author,
        "url": entry.url,
        "links": [x.url for x in entry.links],
        "categories": list(entry.categories),
        "paragraphs": entry.body.split("\n\n") if entry.body else [],
    }


def _feed_view(feed: ParsedFeed) -> dict[str, Any]:
    return {
        "format": feed.format.value,
        "title": feed.title,
        "date": feed.blog_date,
        "standfirst": feed.standfirst,
        "url": feed.url,
        "coverage_start": _iso(feed.coverage_start),
        "coverage_end": _iso(feed.coverage_end),
        "warnings": list(feed.warnings),
    }


def test_every_feed_format_has_a_sample() -> None:
    formats = {read_file(p).format.value for p in FEED_SAMPLES}
    assert formats == {"rss", "atom", "jsonfeed", "jsonld", "markdown"}


@pytest.mark.parametrize("sample", FEED_SAMPLES, ids=lambda p: p.name)
def test_sample_matches_expectation(sample: Path) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{sample.stem}.json").read_text("utf-8"))
    feed = read_file(sample)
    got = _feed_view(feed)
    for field, value in expected.items():
        if field != "entries":
            assert got[field] == value, field
    assert len(feed.entries) == len(expected["entries"])
    for n, (entry, want) in enumerate(zip(feed.entries, expected["entries"], strict=True)):
        view = _entry_view(entry)
        for field, value in want.items():
            assert view[field] == value, f"entry {n}: {field}"


@pytest.mark.parametrize("sample", FEED_SAMPLES, ids=lambda p: p.name)
def test_sample_detected_from_content_not_name(sample: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "no-extension"
    renamed.write_bytes(sample.read_bytes())
    assert read_file(renamed) == read_file(sample)


def test_first_run_samples_all_import(store: Store) -> None:
    files = first_run_files()
    assert {p.name for p in FEED_SAMPLES} <= {p.name for p in files}
    for path in files:
        result = store.import_feed(str(path), read_file(path))
        assert result.new > 0, path.name
        assert not result.warnings, path.name
    assert len(store.sources()) == len(files)
