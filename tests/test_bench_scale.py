"""The scale bench on a small database: it is built once and then reused by its hash, its
search floors rank the same sets, its export floor renders the same text, and the import's
20-line floor parse reads the dump into the same entries as liveread."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import scale
from bench.generate import dump_text
from bench.import_dump import floor_parse, import_figures
from liveread.ingest import read_file
from liveread.storage import Store


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 400-entry scale database (20 blogs of 20, 200 annotations) in the test's dir."""
    monkeypatch.setattr(scale, "BLOGS", 20)
    monkeypatch.setattr(scale, "ANNOTATIONS", 200)
    monkeypatch.setattr(scale, "RUNS", 1)
    return scale.database(tmp_path / "cache", 400)


def test_the_database_is_built_once_and_found_again(small: Path, tmp_path: Path) -> None:
    with Store.open(small) as store:
        assert len(store.sources()) == 20 and sum(1 for _ in store.entries()) == 400
        assert len(store.annotated_entries(annotated_only=True)) == 200
    stamp = small.stat().st_mtime_ns
    assert scale.database(tmp_path / "cache", 400) == small
    assert small.stat().st_mtime_ns == stamp
    assert not list((tmp_path / "cache").glob("*.building*"))


def test_search_and_export_figures_beside_their_floors(small: Path) -> None:
    figures = scale.search_figures(small, "tiny") + [scale.export_figure(small, "tiny")]
    names = [f.name for f in figures]
    assert names == [
        "scale_tiny_search_blog_common",
        "scale_tiny_search_blog_rare",
        "scale_tiny_search_all_common",
        "scale_tiny_search_all_rare",
        "scale_tiny_search_slowest",
        "scale_tiny_export_2k_annotations",
    ]
    assert all(f.baseline is not None and f.baseline > 0 for f in figures)


def test_the_floor_parse_reads_the_same_entries(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(dump_text(300), encoding="utf-8")
    parsed = read_file(dump)
    floor = floor_parse(dump)
    assert [(h, b) for _, h, b in floor] == [(e.headline, e.body) for e in parsed.entries]
    figures = import_figures(tmp_path, 300, "tiny")
    assert [f.name for f in figures] == [
        "import_tiny_parse",
        "import_tiny_store",
        "import_tiny_whole",
    ]
