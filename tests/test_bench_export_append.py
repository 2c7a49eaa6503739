"""The benchmark of adding to an edited export runs (quick) and adds what it says it does."""

from __future__ import annotations

from pathlib import Path

from bench.export_append import NEW, run
from liveread.export.managed import END, START_PREFIX


def test_quick_export_append_bench_runs(tmp_path: Path) -> None:
    (figure,) = run(tmp_path, quick=True)
    assert figure.name == "export_add_200_highlights_md"
    assert figure.baseline is not None and figure.baseline > 0
    text = (tmp_path / "export.md").read_text(encoding="utf-8")
    assert text.count(START_PREFIX) == 1 and text.count(END) == 1
    section = text[text.index(START_PREFIX) :]
    assert section.count("\n> ") == NEW
    assert "My conclusions, written after the export.\n\n" + START_PREFIX in text
