"""`liveread import SOURCE...`: read files (and, with the feeds issue, URLs) into the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liveread.commands.common import open_store
from liveread.errors import InputError


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `import` verb."""
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import live blogs from files",
        description="Import each SOURCE in its own transaction; prints one line per source.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file path of a live blog")
    p.set_defaults(handler=run)


def location_of(source: str) -> str:
    """The key a source is stored under: the absolute path of a file."""
    return str(Path(source).expanduser().resolve())


def run(args: argparse.Namespace) -> int:
    """Import every source; exit 2 if any failed (the others are still imported)."""
    from ingest import read_file

    failed = False
    store = None  # opened at the first good source: bad input alone never creates a database
    try:
        for source in args.sources:
            try:
                feed = read_file(Path(source).expanduser())
            except InputError as exc:
                print(f"liveread: {exc}", file=sys.stderr)
                failed = True
                continue
            if store is None:
                store = open_store(args)
            result = store.import_feed(location_of(source), feed)
            for warning in result.warnings:
                print(f"liveread: {source}: warning: {warning}", file=sys.stderr)
            print(f"{source}: {result.summary()}", flush=True)
    finally:
        if store is not None:
            store.close()
    return 2 if failed else 0
