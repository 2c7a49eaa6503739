"""The export benchmark runs (its quick variant) and exports what it says it does."""

from __future__ import annotations

from pathlib import Path

from bench.export import run
from liveread.export.files import TargetState, target_state
from tests.export_helpers import front_matter


def test_quick_export_bench_runs(tmp_path: Path) -> None:
    (figure,) = run(tmp_path, quick=True)
    assert figure.name == "export_1k_annotations_md"
    assert figure.baseline is not None and figure.baseline > 0
    exported = tmp_path / "export.md"
    assert target_state(exported) is TargetState.UNCHANGED
    meta = front_matter(exported.read_text(encoding="utf-8"))
    assert meta["entries"] == 500
    assert exported.read_text(encoding="utf-8").count("\n> ") == 500
