"""The notebook benchmark runs and measures what it says it does: 10,000 highlights and 1,000
notes across 100 blogs, each filter line keeping some items and not all."""

from __future__ import annotations

from pathlib import Path

from bench.notebook import FILTERS, run
from liveread.kernel.notebook import ItemStatus, filter_items, parse_notebook_filter
from liveread.storage import Store


def test_the_notebook_bench_runs_on_what_it_says(tmp_path: Path) -> None:
    opened, rest, filtered = run(tmp_path, quick=True)
    assert opened.name == "notebook_open_10k_ms"
    assert rest.name == "notebook_rest_10k_ms"
    assert filtered.name == "notebook_filter_10k_ms"
    for figure in (opened, rest, filtered):
        assert figure.baseline is not None and figure.baseline > 0 and figure.value > 0
    with Store.open(tmp_path / "notebook.db") as store:
        assert len(store.sources()) == 100
        items = store.notebook()
    assert sum(i.kind == "highlight" for i in items) == 10_000
    assert sum(i.kind == "note" for i in items) == 1_000
    assert {i.status for i in items} == set(ItemStatus)
    for line in FILTERS:
        kept = filter_items(items, parse_notebook_filter(line))
        assert 0 < len(kept) < len(items), line
