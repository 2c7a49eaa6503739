"""The views benchmark runs (its quick variant) and measures what it says it does."""

from __future__ import annotations

from pathlib import Path

from bench.views import VIEWS, run
from liveread.kernel.query import parse_filter
from liveread.storage import Store


def test_quick_views_bench_runs(tmp_path: Path) -> None:
    search, pane = run(tmp_path, quick=True)
    assert search.name == "search_every_blog_10k_ms"
    assert pane.name == "sources_pane_10k_10_views_ms"
    for figure in (search, pane):
        assert figure.baseline is not None and figure.baseline > 0 and figure.value > 0
    with Store.open(tmp_path / "views.db") as store:
        assert len(store.sources()) == 100
        counts = store.view_counts([parse_filter(v) for v in VIEWS])
        # Every view keeps some entries and not all of them; some have read ones among them.
        assert all(0 < total < 10_000 and unread <= total for total, unread in counts), counts
        assert any(unread < total for total, unread in counts)
        assert len(store.search_everywhere("council")) == 200
