"""The live-page benchmark runs (its quick variant) and reads the page it builds."""

from __future__ import annotations

from pathlib import Path

from bench.pages import live_page, run
from liveread.ingest import parse_bytes


def test_quick_pages_bench_gives_its_figure(tmp_path: Path) -> None:
    (figure,) = run(tmp_path, quick=True)
    assert figure.name.startswith("page_100_posts_")
    assert figure.baseline is not None and figure.baseline > 0
    assert figure.value > 0


def test_the_bench_page_reads_as_one_entry_per_post_with_its_own_fields() -> None:
    feed = parse_bytes(live_page(40), "bench.html")
    assert feed.profile == "guardian" and len(feed.entries) == 40
    assert len({e.key for e in feed.entries}) == 40
    assert len({e.published for e in feed.entries}) == 40
    assert all(e.url and e.url.endswith("#" + e.key) for e in feed.entries)
    assert all("Updated at" not in e.body and "Copy link" not in e.body for e in feed.entries)
    assert sum(1 for e in feed.entries if e.headline) == 14
