"""An import tells a plain callback how far it has got, and the result is the same."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer

from bench.generate import dump_text
from liveread.ingest import read_file
from liveread.kernel.progress import EVERY, Phase
from liveread.services.sources import import_source
from liveread.storage import Store
from tests.conftest import SAMPLES

Call = tuple[Phase, int, int | None]


def test_a_dump_reports_every_thousand_entries_then_the_total(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(dump_text(3 * EVERY + 5), encoding="utf-8")
    calls: list[Call] = []
    feed = read_file(path, lambda *call: calls.append(call))
    total = 3 * EVERY + 5
    assert calls == [
        (Phase.READING, EVERY, None),
        (Phase.READING, 2 * EVERY, None),
        (Phase.READING, 3 * EVERY, None),
        (Phase.READING, total, total),
    ]
    assert feed == read_file(path)


def test_other_formats_report_once_when_read() -> None:
    calls: list[Call] = []
    feed = read_file(SAMPLES / "glenmoor-wildfire.xml", lambda *call: calls.append(call))
    assert calls == [(Phase.READING, len(feed.entries), len(feed.entries))]


def test_an_import_reports_reading_then_storing_what_it_stored(
    tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(dump_text(1_500), encoding="utf-8")
    calls: list[Call] = []
    outcome = import_source(store, str(path), progress=lambda *call: calls.append(call))
    assert outcome.result is not None and outcome.result.new == 1_500
    assert calls == [
        (Phase.READING, 1_000, None),
        (Phase.READING, 1_500, 1_500),
        (Phase.STORING, 0, 1_500),
        (Phase.STORING, 1_500, 1_500),
    ]


def test_a_url_reports_its_entries_once_fetched_then_storing(
    store: Store, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/live.xml").respond_with_data(
        (SAMPLES / "glenmoor-wildfire.xml").read_bytes(), content_type="application/rss+xml"
    )
    calls: list[Call] = []
    outcome = import_source(
        store, httpserver.url_for("/live.xml"), progress=lambda *call: calls.append(call)
    )
    assert outcome.result is not None
    count = outcome.result.new
    assert count > 0
    assert calls == [
        (Phase.READING, count, count),
        (Phase.STORING, 0, count),
        (Phase.STORING, count, count),
    ]
