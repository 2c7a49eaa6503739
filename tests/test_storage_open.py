"""Opening the database: sqlite-utils is loaded only when a migration must run; nested writes
join the outer transaction through savepoints."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from liveread.storage import Store
from liveread.storage.schema import MIGRATIONS


def test_a_new_database_gets_every_migration(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.schema_version() == len(MIGRATIONS.names())
        assert MIGRATIONS.is_current(store.conn)


def test_opening_an_up_to_date_database_does_not_load_sqlite_utils(db_path: Path) -> None:
    Store.open(db_path).close()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from storage import Store\n"
        f"Store.open(Path({str(db_path)!r})).close()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_a_failing_nested_write_is_undone_and_the_outer_one_kept(db_path: Path) -> None:
    with Store.open(db_path) as store:
        with store.writer.transaction() as conn:
            conn.execute("CREATE TABLE scratch (n INTEGER)")
            conn.execute("INSERT INTO scratch VALUES (1)")
            with pytest.raises(sqlite3.IntegrityError), store.writer.transaction() as inner:
                inner.execute("INSERT INTO scratch VALUES (2)")
                raise sqlite3.IntegrityError("simulated")
            conn.execute("INSERT INTO scratch VALUES (3)")
        rows = [r[0] for r in store.conn.execute("SELECT n FROM scratch ORDER BY n")]
    assert rows == [1, 3]
