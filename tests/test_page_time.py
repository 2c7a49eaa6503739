"""The page's own zone, read back from an entry's time label (and its stored instant)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from liveread.kernel.page_time import PageZone, offset_name, page_zone

AT = datetime(2025, 11, 7, 23, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("label", "offset", "name"),
    [
        ("23:10 GMT", 0, "GMT"),
        ("14.32 CEST", 120, "CEST"),
        ("9.41am BST", 60, "BST"),
        ("Updated 18:05 EDT", -240, "EDT"),
        ("10:15 (AEDT)", 660, "AEDT"),
        ("09:41 +01:00", 60, "UTC+1"),
        ("09:41 +0530", 330, "UTC+5:30"),
        ("09:41 UTC-3", -180, "UTC-3"),
        ("09:41 GMT+2", 120, "UTC+2"),
    ],
)
def test_a_zone_written_in_the_label_is_the_pages(label: str, offset: int, name: str) -> None:
    # Whatever the stored instant: the label says it.
    assert page_zone(label, AT) == PageZone(timedelta(minutes=offset), name)
    assert page_zone(label, None) == PageZone(timedelta(minutes=offset), name)


@pytest.mark.parametrize(
    ("label", "offset"),
    [("00:10", 60), ("00.10", 60), ("12:10 am", 60), ("22:10", -60), ("04:40", 330)],
)
def test_a_bare_clock_gives_its_difference_from_the_instant(label: str, offset: int) -> None:
    assert page_zone(label, AT) == PageZone(timedelta(minutes=offset), offset_name(
        timedelta(minutes=offset)
    ))


@pytest.mark.parametrize(
    "label", [None, "", "2h ago", "Just now", "the ist of it", "23:17", "ist 10:00", "x" * 200]
)
def test_nothing_is_guessed(label: str | None) -> None:
    # `23:17` is 7 minutes off the instant: no zone's offset, so the clock is of something else.
    assert page_zone(label, AT) is None


def test_a_clock_taken_as_utc_has_no_page_zone() -> None:
    assert page_zone("00:10", AT, assumed_utc=True) is None
    assert page_zone("00:10", None) is None


def test_offset_names() -> None:
    assert offset_name(timedelta(0)) == "UTC"
    assert offset_name(timedelta(hours=-3, minutes=-30)) == "UTC-3:30"
    assert offset_name(timedelta(hours=13)) == "UTC+13"
    assert PageZone(timedelta(hours=1), "BST").tzinfo().tzname(None) == "BST"
