"""`liveread remove` and `liveread rename` through the real installed binary: every exit code."""

from __future__ import annotations

import json
from pathlib import Path

from liveread.storage import Store
from tests.conftest import SAMPLES
from tests.test_cli_import import run


def _sources(db: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in run("sources", "--json", db=db).stdout.splitlines()]


def test_remove_a_blog_without_annotations(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    run("import", str(SAMPLES / "harbour-storm.txt"), str(SAMPLES / "count-night.txt"), db=db)
    proc = run("remove", str(SAMPLES / "harbour-storm.txt"), db=db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Removed 'Storm Odile live")
    assert "(34 entries)" in proc.stdout and "exported" not in proc.stdout
    assert [s["location"] for s in _sources(db)] == [str(SAMPLES / "count-night.txt")]
    assert list(tmp_path.glob("*.json")) == []


def test_remove_with_annotations_refuses_without_a_terminal_then_force_exports(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    run("import", str(SAMPLES / "rail-strike.txt"), db=db)
    with Store.open(db) as store:
        (source,) = store.sources()
        entry = next(store.entries(source.id))
        store.add_note(entry.id, "Ask the union")
    refused = run("remove", str(source.id), db=db)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        f"liveread: {source.id}: holds annotations; not removed (--force removes it,"
        " exporting them to JSON first)"
    )
    assert len(_sources(db)) == 1 and list(tmp_path.glob("*.json")) == []
    forced = run("remove", "--force", source.title, db=db)
    assert forced.returncode == 0, forced.stderr
    (exported,) = tmp_path.glob("removed-*.json")
    assert str(exported) in forced.stdout
    assert "Ask the union" in exported.read_text(encoding="utf-8")
    assert _sources(db) == []


def test_remove_and_rename_of_no_such_blog_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    run("import", str(SAMPLES / "rail-strike.txt"), db=db)
    for args in (("remove", "99"), ("rename", "nothing here", "x")):
        proc = run(*args, db=db)
        assert proc.returncode == 2
        assert proc.stderr.startswith("liveread: ") and "no such live blog" in proc.stderr
        assert len(proc.stderr.splitlines()) == 1


def test_rename_shows_everywhere_and_blank_restores(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    run("import", str(SAMPLES / "rail-strike.txt"), db=db)
    (before,) = _sources(db)
    proc = run("rename", str(before["id"]), "Strike desk \x1b]0;x\x07", db=db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{before['id']}: now called 'Strike desk'"
    assert _sources(db)[0]["title"] == "Strike desk"
    too_long = run("rename", "Strike desk", "x" * 201, db=db)
    assert too_long.returncode == 2 and "longer than 200" in too_long.stderr
    assert run("rename", "strike desk", "", db=db).returncode == 0
    assert _sources(db)[0]["title"] == before["title"]


def test_import_a_sample_by_name(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    proc = run("import", "sample:rail-strike.txt", db=db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "sample:rail-strike.txt: 12 new, 0 updated, 0 unchanged"
    assert [s["location"] for s in _sources(db)] == ["sample:rail-strike.txt"]
    bad = run("import", "sample:nope.txt", db=tmp_path / "b.db")
    assert bad.returncode == 2
    assert bad.stderr.startswith(
        "liveread: sample:nope.txt: liveread ships no such sample (it ships aldmoor-water.html,"
    )
    assert len(bad.stderr.splitlines()) == 1
    assert not (tmp_path / "b.db").exists()
