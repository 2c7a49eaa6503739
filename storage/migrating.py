"""The migration set, with sqlite-utils loaded only when a migration has to run.

`MigrationSet` takes migrations with the decorator of `sqlite_utils.migrations.Migrations`
(`@MIGRATIONS(name="0002_...")`) and builds that object on first real use. Opening an
up-to-date database asks only `is_current`, a plain query of sqlite-utils' own
`_sqlite_migrations` table: importing sqlite-utils costs tens of milliseconds, which every
`liveread` start would otherwise pay before showing anything.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pathlib import Path

    import sqlite_utils
    from sqlite_utils.migrations import Migrations

    from liveread.storage.connection import Writer

MIGRATIONS_TABLE = "_sqlite_migrations"
"""Where sqlite-utils records applied migrations (migration_set, name, applied_at)."""

_Step = TypeVar("_Step", bound=Callable[..., None])


@dataclass(frozen=True, slots=True)
class _Registered:
    name: str
    fn: Callable[[sqlite_utils.Database], None]
    transactional: bool


class MigrationSet:
    """An ordered, named set of migrations; a lazy stand-in for sqlite-utils' `Migrations`."""

    def __init__(self, name: str) -> None:
        self.name = name
        """The set's name in the migrations table."""
        # Named like sqlite-utils' own list, so code that swaps it (tests) works the same.
        self._migrations: list[_Registered] = []

    def __call__(
        self, *, name: str | None = None, transactional: bool = True
    ) -> Callable[[_Step], _Step]:
        """Register the decorated function as the next migration."""

        def register(fn: _Step) -> _Step:
            step_name = name or fn.__name__
            if any(s.name == step_name for s in self._migrations):
                raise ValueError(f"migration {step_name!r} is already registered")
            self._migrations.append(_Registered(step_name, fn, transactional))
            return fn

        return register

    def names(self) -> list[str]:
        """Every migration's name, in order."""
        return [s.name for s in self._migrations]

    def applied_names(self, conn: sqlite3.Connection) -> list[str]:
        """Names recorded as applied in this database, in the order they were applied."""
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
        ).fetchone()
        if exists is None:
            return []
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            (self.name,),
        ).fetchall()
        return [str(row[0]) for row in rows]

    def is_current(self, conn: sqlite3.Connection) -> bool:
        """True when every migration has been applied (nothing for sqlite-utils to do)."""
        return set(self.names()) <= set(self.applied_names(conn))

    def refuse_if_newer(self, conn: sqlite3.Connection, writer: Writer, path: Path) -> bool:
        """True, with every write refused, when a newer liveread migrated this file.

        Its tables may follow rules this code does not know: it is read, never written.
        `writer` refuses each write with one line naming both versions, and `PRAGMA
        query_only` backs that up for any statement that would bypass the writer.
        """
        applied = self.applied_names(conn)
        known = self.names()
        if set(applied) <= set(known):
            return False
        conn.execute("PRAGMA query_only = ON")
        writer.refusal = (
            f"{path}: the database has schema version {len(applied)}, newer than this"
            f" liveread knows (version {len(known)}); it is only read, never written:"
            " use a newer liveread to change it"
        )
        return True

    def build(self) -> Migrations:
        """The sqlite-utils `Migrations` holding these steps (imports sqlite-utils)."""
        from sqlite_utils.migrations import Migrations

        built = Migrations(self.name)
        for step in self._migrations:
            built(name=step.name, transactional=step.transactional)(step.fn)
        return built

    def pending(self, db: sqlite_utils.Database) -> list[Any]:
        """Migrations not yet applied (sqlite-utils' own answer)."""
        return list(self.build().pending(db))

    def applied(self, db: sqlite_utils.Database) -> list[Any]:
        """Migrations applied, in order (sqlite-utils' own answer)."""
        return list(self.build().applied(db))

    def apply(
        self, db: sqlite_utils.Database, *, stop_before: str | Iterable[str] | None = None
    ) -> None:
        """Apply every pending migration (up to `stop_before`, as sqlite-utils does)."""
        self.build().apply(db, stop_before=stop_before)
