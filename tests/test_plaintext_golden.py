"""Golden files: every bundled plain-text dump against its hand-written expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from liveread.ingest import read_file
from liveread.kernel.model import Format
from tests.conftest import SAMPLES

DUMPS = sorted(SAMPLES.glob("*.txt"))


def _expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (SAMPLES / "expected" / f"{path.stem}.json").read_text(encoding="utf-8")
    )
    return data


def test_there_are_samples_to_check() -> None:
    assert len(DUMPS) >= 3


@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.name)
def test_dump_matches_golden(path: Path) -> None:
    feed = read_file(path)
    want = _expected(path)
    assert feed.format is Format.TEXT
    assert feed.title == want["title"]
    assert feed.blog_date == want["date"]
    assert feed.standfirst == want["standfirst"]
    got = [
        {
            "headline": e.headline,
            "time": e.time_label,
            "paragraphs": e.body.split("\n\n") if e.body else [],
        }
        for e in feed.entries
    ]
    assert got == want["entries"]


@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.name)
def test_keys_are_unique_and_positions_follow_the_page(path: Path) -> None:
    feed = read_file(path)
    keys = [e.key for e in feed.entries]
    assert len(set(keys)) == len(keys)


def test_later_snapshot_keeps_every_older_key() -> None:
    first = {e.key: e for e in read_file(SAMPLES / "harbour-storm.txt").entries}
    later = {e.key: e for e in read_file(SAMPLES / "harbour-storm-later.txt").entries}
    # The old top entry has no headline of its own: in the later page its paragraphs follow
    # the fifth new entry's and, per the format, stay with it. Every other key survives.
    missing = set(first) - set(later)
    assert len(missing) == 1
    changed = [k for k in first if k in later and first[k].body != later[k].body]
    assert len(changed) == 1
    assert "3,100" in later[changed[0]].body and "2,700" in first[changed[0]].body
