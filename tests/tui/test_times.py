"""Every view writes an entry's time the same way: a zone-less page time is never converted."""

from __future__ import annotations

from datetime import timedelta, timezone

from liveread.ingest import read_file
from liveread.storage import Store
from liveread.tui.display import TimeDisplay
from liveread.tui.screens.timeline import timeline_rows
from liveread.tui.widgets.reader_document import meta_line
from tests.conftest import SAMPLES


def test_a_zone_less_time_is_shown_as_written_everywhere(store: Store) -> None:
    sid = store.import_feed("storm", read_file(SAMPLES / "harbour-storm.txt")).source_id
    entry = next(e for e in store.entries(sid) if e.time_label == "18:52")
    assert entry.time_assumed_utc
    # A reader two hours east of UTC: a conversion would say 20:52.
    times = TimeDisplay(timezone(timedelta(hours=2)))
    assert times.published(entry) == "Tue 14 Oct 2025, 18:52 (no zone given)"
    assert "18:52 (no zone given)" in meta_line(entry, None, times).plain
    ((_, row),) = timeline_rows([entry], {sid: "Storm"}, times)
    assert "18:52 (no zone given)" in row.plain and "20:52" not in row.plain


def test_a_time_with_a_zone_is_converted(store: Store) -> None:
    sid = store.import_feed("storm", read_file(SAMPLES / "harbour-storm.txt")).source_id
    entry = next(e for e in store.entries(sid) if e.time_label == "09.05 GMT")
    assert not entry.time_assumed_utc
    assert TimeDisplay(timezone(timedelta(hours=2))).published(entry) == (
        "Tue 14 Oct 2025, 11:05 UTC+02:00"
    )
