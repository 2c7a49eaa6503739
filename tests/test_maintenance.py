"""`liveread backup` and `liveread check`, and migrations that fail."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import sqlite_utils

from liveread.ingest import read_file
from liveread.kernel.errors import InputError, StorageError
from liveread.storage import Store
from liveread.storage.maintenance import backup, check
from liveread.storage.schema import MIGRATIONS
from tests.conftest import SAMPLES
from tests.test_cli_import import run


def _entries(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        conn.close()


def test_backup_is_a_whole_consistent_database(store: Store, tmp_path: Path) -> None:
    store.import_feed("storm", read_file(SAMPLES / "harbour-storm.txt"))
    target = tmp_path / "copy.db"
    assert backup(store, target) > 0
    assert _entries(target) == 34
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not list(tmp_path.glob(".copy.db.liveread-tmp-*"))


def test_backup_refuses_to_overwrite_without_force(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_text("precious")
    with pytest.raises(InputError, match="already exists"):
        backup(store, target)
    assert target.read_text() == "precious"
    backup(store, target, force=True)
    assert _entries(target) == 0


def test_backup_while_another_connection_writes(db_path: Path, tmp_path: Path) -> None:
    feeds = [read_file(p) for p in sorted(SAMPLES.glob("*.txt"))]
    with Store.open(db_path) as reader_side:
        stop = threading.Event()

        def writer() -> None:
            with Store.open(db_path) as other:
                n = 0
                while not stop.is_set():
                    other.import_feed(f"copy-{n}", feeds[n % len(feeds)])
                    n += 1

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            for i in range(5):
                target = tmp_path / f"b{i}.db"
                backup(reader_side, target)
                conn = sqlite3.connect(target)
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                conn.close()
        finally:
            stop.set()
            thread.join()


def test_check_reports_a_healthy_database(store: Store) -> None:
    store.import_feed("storm", read_file(SAMPLES / "harbour-storm.txt"))
    store.import_feed("storm", read_file(SAMPLES / "harbour-storm-later.txt"))
    report = check(store)
    assert report.ok
    assert (report.sources, report.entries, report.gone_entries, report.revisions) == (1, 39, 0, 1)
    assert report.schema_version >= 1


def test_check_cli_finds_corruption(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("import", str(SAMPLES / "harbour-storm.txt"), db=db).returncode == 0
    healthy = run("check", db=db)
    assert healthy.returncode == 0 and "integrity:           ok" in healthy.stdout
    data = bytearray(db.read_bytes())
    page = 4096
    # Scribble over a page in the middle of the file (not the header, so it still opens).
    data[page * 3 : page * 3 + 2000] = b"\xa5" * 2000
    db.write_bytes(bytes(data))
    broken = run("check", db=db)
    assert broken.returncode != 0
    assert "Traceback" not in broken.stderr


def test_backup_cli(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    run("import", str(SAMPLES / "rail-strike.txt"), db=db)
    proc = run("backup", str(tmp_path / "b.db"), db=db)
    assert proc.returncode == 0 and "backed up" in proc.stdout
    again = run("backup", str(tmp_path / "b.db"), db=db)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_failed_migration_leaves_the_database_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        store.import_feed("storm", read_file(SAMPLES / "harbour-storm.txt"))
        version = store.schema_version()
    before = list(sqlite3.connect(db_path).iterdump())

    def broken(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE entries ADD COLUMN half_done TEXT")
        db.execute("UPDATE entries SET half_done = 'x'")
        raise sqlite3.OperationalError("simulated failure in the middle of a migration")

    monkeypatch.setattr(MIGRATIONS, "_migrations", [*MIGRATIONS._migrations])
    MIGRATIONS(name="9999_broken")(broken)
    with pytest.raises(StorageError, match="cannot prepare the database"):
        Store.open(db_path)
    assert list(sqlite3.connect(db_path).iterdump()) == before
    monkeypatch.undo()
    with Store.open(db_path) as store:
        assert store.schema_version() == version
