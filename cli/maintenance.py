"""`liveread backup PATH` and `liveread check`: keeping the one database safe."""

from __future__ import annotations

import argparse
from pathlib import Path

from liveread.cli.common import open_store
from liveread.cli.output import say


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `backup` and `check` verbs."""
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the database to a file (safe while the app runs)",
        description="Copy a consistent snapshot of the database to PATH (SQLite backup API).",
    )
    p.add_argument("path", metavar="PATH", help="the backup file to write")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(handler=run_backup)
    p = sub.add_parser(
        "check",
        parents=[common],
        help="check the database: integrity, indexes, orphans, schema version",
    )
    p.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace) -> int:
    """Write the backup and say how big it is."""
    from liveread.storage.maintenance import backup

    with open_store(args) as store:
        size = backup(store, Path(args.path), force=args.force)
    say(f"{args.path}: backed up ({size:,} bytes)")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Print the health report; exit 1 when the database is damaged."""
    from liveread.storage.maintenance import check

    with open_store(args) as store:
        report = check(store)
        path = store.path
    say(f"database:            {path}")
    say(f"integrity:           {report.integrity}")
    if report.integrity.startswith("damaged:"):
        say("the database cannot be read; restore it from a backup ('liveread backup')")
        return 1
    fk = report.foreign_key_problems
    say(f"foreign keys:        {'ok' if not fk else f'{fk} broken references'}")
    fts = "ok" if report.fts_ok else "damaged (run a backup, then rebuild)"
    say(f"full-text indexes:   {'not checked (read-only)' if report.newer_schema else fts}")
    say(f"schema version:      {report.schema_version}")
    if report.newer_schema:
        say(f"newer schema:        {report.newer_schema}")
    say(f"sources:             {report.sources}")
    say(f"entries:             {report.entries} ({report.gone_entries} no longer present)")
    say(f"revisions kept:      {report.revisions}")
    say(f"orphaned highlights: {report.orphaned_highlights}")
    return 0 if report.ok else 1
