"""The upgrade bench on a small scale database: the file is put back before 0013 and
upgraded again with its progress reported; both sides leave an exact index."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bench import scale, upgrade
from liveread.storage import Store
from liveread.storage.schema import MIGRATIONS
from tests.test_search_scale import fts_ok


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 400-entry scale database (20 blogs of 20) in the test's dir."""
    monkeypatch.setattr(scale, "BLOGS", 20)
    monkeypatch.setattr(scale, "ANNOTATIONS", 200)
    return scale.database(tmp_path / "cache", 400)


def test_put_back_then_upgraded_with_progress(small: Path, tmp_path: Path) -> None:
    work = tmp_path / "work.db"
    shutil.copyfile(small, work)
    upgrade.put_back_before_0013(work)
    conn = sqlite3.connect(work)
    assert upgrade.STEP not in MIGRATIONS.applied_names(conn)
    conn.close()
    reports = upgrade.upgrade_with_progress(work)
    assert reports[0].done == 0 and reports[-1].finished and reports[-1].total == 400
    fts_ok(work)
    with Store.open(work) as store:
        assert store.reindexed is None
        source = store.sources()[3]
        assert {e.source_id for e in store.search("council", source_id=source.id)} == {
            source.id
        }


def test_the_figure_beside_its_bare_floor(small: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    figure = upgrade.upgrade_figure(small, scratch, "tiny", runs=1)
    assert figure.name == "scale_tiny_upgrade_reindex"
    assert figure.value > 0 and figure.baseline is not None and figure.baseline > 0
    assert figure.target == "ratio<=1.2"
    assert list(scratch.iterdir()) == []  # the working copy is gone
    fts_ok(small)  # the cached database itself was never touched
