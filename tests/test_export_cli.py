"""`liveread export` and `liveread import-annotations` through the real installed binary."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from liveread.storage import Store
from tests.conftest import SAMPLES
from tests.export_helpers import front_matter
from tests.export_samples import apply_edits, build, import_samples
from tests.test_cli_import import LIVEREAD, digest

OLD = "2025-01-01T00:00:00Z"
"""When the annotations of the --since-last test were made."""


def run(*args: str, db: Path, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVEREAD_DB": str(db)}
    if config is not None:
        env["LIVEREAD_CONFIG"] = str(config)
    return subprocess.run(
        [LIVEREAD, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.fixture
def annotated_db(tmp_path: Path) -> Path:
    """The samples, imported under their real paths (as `liveread import` does), annotated."""
    db = tmp_path / "annotated.db"
    with Store.open(db) as store:
        build(store, root=SAMPLES)
    return db


def test_export_writes_one_file_per_source_to_the_export_dir(
    annotated_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    config = tmp_path / "config.toml"
    config.write_text(f"export_dir = {json.dumps(str(out))}\n")
    proc = run("export", db=annotated_db, config=config)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "Rail strike day two Northvales commuters stranded as drivers walk out.md",
        "Storm Odile live Port Avren harbour wall breached as evacuations widen.md",
        "Velmark Assembly election results count night as it happened.md",
    ]
    assert sorted(proc.stdout.splitlines()) == sorted(
        f"{out / name}: {n}"
        for name, n in zip(names, ["1 entry", "3 entries", "2 entries"], strict=True)
    )
    storm = out / names[1]
    meta = front_matter(storm.read_text())
    assert meta["source"] == str(SAMPLES / "harbour-storm-later.txt")  # where it was last read
    assert meta["entries"] == 3
    # Exporting again replaces the files in place: same names, nothing new.
    again = run("export", db=annotated_db, config=config)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == names


def test_a_file_changed_by_the_user_is_added_to_unless_forced(
    annotated_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("export", "--source", "1", "-o", f"{out}/", db=annotated_db).returncode == 0
    (path,) = out.iterdir()
    path.write_text(path.read_text() + "\nMy own conclusions.\n")
    before = digest(path)
    proc = run("export", "--source", "1", "-o", str(out), db=annotated_db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{path}: edited since exported; nothing new to add\n"
    assert digest(path) == before
    # A JSON file the user changed is still refused.
    json_path = tmp_path / "all.json"
    assert run("export", "--format", "json", "-o", str(json_path), db=annotated_db).returncode == 0
    json_path.write_text(json_path.read_text().replace("Storm", "Gale", 1))
    refused = run("export", "--format", "json", "-o", str(json_path), db=annotated_db)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"liveread: {json_path}: changed since liveread exported it; not overwritten"
        " (--force replaces it)\n"
    )
    forced = run("export", "--source", "1", "-o", str(out), "--force", db=annotated_db)
    assert forced.returncode == 0, forced.stderr
    assert "My own conclusions" not in path.read_text()
    assert sorted(p.name for p in out.iterdir()) == [path.name]


def test_stdout_tag_and_all(annotated_db: Path) -> None:
    proc = run("export", "--source", "1", "-o", "-", db=annotated_db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('---\ntitle: "Storm Odile live')
    assert "## Night-time high tide is ‘the real test’, says harbour master" in proc.stdout
    tagged = run("export", "--tag", "key", "-o", "-", db=annotated_db)
    assert tagged.returncode == 0, tagged.stderr
    assert tagged.stdout.count("\n## ") == 2  # one entry in each of two blogs
    assert tagged.stdout.count("---\ntitle: ") == 2
    everything = run("export", "--all", "--source", "3", "-o", "-", db=annotated_db)
    with Store.open(annotated_db) as store:
        assert everything.stdout.count("\n## ") == store.count_entries(3) == 12
    none = run("export", "--tag", "no-such-tag", "-o", "-", db=annotated_db)
    assert none.returncode == 0
    assert none.stdout == ""
    assert none.stderr == "liveread: nothing to export: no annotated entries tagged 'no-such-tag'\n"


def test_markdown_to_one_file_needs_one_source(annotated_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.md"
    proc = run("export", "-o", str(target), db=annotated_db)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"liveread: {target}: 3 sources to export and Markdown holds one:"
        " choose one with --source ID, or give a directory\n"
    )
    assert not target.exists()
    assert run("export", "-o", str(target), "--source", "2", db=annotated_db).returncode == 0
    assert front_matter(target.read_text())["entries"] == 2


def test_unwritable_target_is_one_clear_error(annotated_db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    proc = run("export", "-o", f"{blocker}/sub/", db=annotated_db)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"liveread: {blocker}/sub: cannot create the directory")
    assert proc.stderr.count("\n") == 1


def test_json_round_trip_through_the_cli(annotated_db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "annotations.json"
    proc = run("export", "--format", "json", "-o", str(exported), db=annotated_db)
    assert proc.returncode == 0, proc.stderr
    total = json.loads(exported.read_text())["total"]
    fresh = tmp_path / "fresh.db"
    with Store.open(fresh) as store:
        apply_edits(store, import_samples(store, SAMPLES), SAMPLES)
    first = run("import-annotations", str(exported), db=fresh)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"{exported}: {total} imported, 0 already present, 0 skipped\n"
    second = run("import-annotations", str(exported), db=fresh)
    assert second.stdout == f"{exported}: 0 imported, {total} already present, 0 skipped\n"
    back = tmp_path / "back.json"
    assert run("export", "--format", "json", "-o", str(back), db=fresh).returncode == 0

    def annotations(path: Path) -> object:
        return json.loads(path.read_text())["annotations"]

    assert annotations(back) == annotations(exported)


def test_import_of_a_file_that_is_not_ours(annotated_db: Path, tmp_path: Path) -> None:
    before = digest(annotated_db)
    for content, problem in [
        ("# notes\n", "not JSON (Expecting value at line 1)"),
        ('{"type": "AnnotationCollection", "items": []}', "not a liveread annotation export"),
    ]:
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        proc = run("import-annotations", str(bad), db=annotated_db)
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"liveread: {bad}: {problem}")
        assert proc.stdout == ""
    missing = run("import-annotations", str(tmp_path / "nope.json"), db=annotated_db)
    assert missing.stderr == f"liveread: {tmp_path / 'nope.json'}: no such file\n"
    assert digest(annotated_db) == before


def test_import_reports_skipped_annotations(annotated_db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "a.json"
    assert run("export", "--format", "json", "-o", str(exported), db=annotated_db).returncode == 0
    document = json.loads(exported.read_text())
    document["annotations"] *= 2  # every annotation twice: the copies are "already present"
    exported.write_text(json.dumps(document))
    only_rail = tmp_path / "rail.db"
    assert run("import", str(SAMPLES / "rail-strike.txt"), db=only_rail).returncode == 0
    proc = run("import-annotations", str(exported), db=only_rail)
    assert proc.returncode == 2
    imported, already, skipped = proc.stdout.split(": ", 1)[1].split(", ")
    assert (imported, already) == ("2 imported", "2 already present")
    lines = proc.stderr.splitlines()
    assert lines[0].startswith(f"liveread: {exported}: annotation 1 skipped: no blog in the")
    assert int(skipped.split()[0]) > 20
    assert lines[-1].endswith("more skipped")
    assert len(lines) == 21


def test_since_last_exports_only_what_changed_since_each_blogs_last_export(
    annotated_db: Path,
) -> None:
    # The annotations were made long ago (times are kept to the second: no waiting).
    with sqlite3.connect(annotated_db) as conn:
        for table in ("highlights", "notes"):
            conn.execute(f"UPDATE {table} SET created_at = ?, updated_at = ?", (OLD, OLD))
    conn.close()
    # Never exported: --since-last is everything.
    first = run("export", "--since-last", "--source", "1", "-o", "-", db=annotated_db)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("\n## ") == 3
    nothing = run("export", "--since-last", "--source", "1", "-o", "-", db=annotated_db)
    assert nothing.returncode == 0 and nothing.stdout == ""
    assert nothing.stderr == (
        "liveread: nothing to export: no highlights or notes new or changed since the last export\n"
    )
    with Store.open(annotated_db) as store:
        entry = next(e for e in store.annotated_entries(1) if e.notes)
        store.add_note(entry.entry.id, "A second look, after the export.")
    later = run("export", "--since-last", "--source", "1", "-o", "-", db=annotated_db)
    assert later.returncode == 0, later.stderr
    assert later.stdout.count("\n## ") == 1
    assert "A second look, after the export." in later.stdout
    # The entry's earlier note was exported already, so it is not repeated.
    assert entry.notes[0].text.split("\n")[0] not in later.stdout


def test_since_last_into_an_edited_export_keeps_what_its_section_held(
    annotated_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "storm.md"
    assert run("export", "--source", "1", "-o", str(path), db=annotated_db).returncode == 0
    exported = datetime.fromisoformat(front_matter(path.read_text())["exported_at"])
    edited = path.read_text() + "\nMy own line.\n"
    path.write_text(edited)

    def stamp(seconds: int) -> str:
        return (exported + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")

    with Store.open(annotated_db) as store:
        entry = store.annotated_entries(1)[0].entry
        store.add_note(entry.id, "Added before the last export.")
        store.add_note(entry.id, "Added after the last export.")
    with sqlite3.connect(annotated_db) as conn:
        # The first note came with the export; the export of a moment later saw it; the
        # second came after that.
        for text, at in (("Added before the last export.", 0), ("Added after the last export.", 5)):
            conn.execute(
                "UPDATE notes SET created_at = ?, updated_at = ? WHERE text = ?",
                (stamp(at), stamp(at), text),
            )
        conn.execute(
            "UPDATE app_state SET value = ? WHERE name = 'last_export:1'",
            ((exported + timedelta(seconds=1)).isoformat(),),
        )
    conn.close()
    proc = run("export", "--since-last", "--source", "1", "-o", str(path), db=annotated_db)
    assert proc.returncode == 0, proc.stderr
    text = path.read_text()
    # The section holds everything new since the file was exported, not only the latest.
    section = text[text.index("<!-- liveread:added:start") :]
    assert section.count("Added before the last export.") == 1
    assert section.count("Added after the last export.") == 1
    assert text.startswith(edited)
