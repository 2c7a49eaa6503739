"""`liveread import SOURCE...`: read files and URLs into the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.cli.common import open_store
from liveread.kernel.errors import InputError
from liveread.kernel.paths import resolve_db_path

if TYPE_CHECKING:
    from liveread.storage import Store


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `import` verb."""
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import live blogs from files and URLs",
        description=(
            "Import each SOURCE (a file or an http(s) URL) in its own transaction; prints one"
            " line per source. A URL imported before is fetched conditionally."
        ),
    )
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="file path or http(s) URL of a live blog"
    )
    p.set_defaults(handler=run)


def location_of(source: str) -> str:
    """The key a file source is stored under: its absolute path."""
    return str(Path(source).expanduser().resolve())


def run(args: argparse.Namespace) -> int:
    """Import every source; exit 2 if any failed (the others are still imported)."""
    from liveread.ingest import read_file
    from liveread.ingest.urls import looks_like_url
    from liveread.services.sync import fetch_url, store_fetched

    failed = False
    store: Store | None = None  # opened at the first good source: bad input alone never
    # creates a database (an existing one is opened first for a URL's stored validators)
    try:
        for source in args.sources:
            try:
                if looks_like_url(source):
                    if store is None and resolve_db_path(getattr(args, "db", None)).exists():
                        store = open_store(args)
                    fetched = fetch_url(store, source)
                    if store is None:
                        store = open_store(args)
                    outcome = store_fetched(store, fetched)
                    warnings = outcome.result.warnings if outcome.result else ()
                    line = outcome.summary()
                else:
                    feed = read_file(Path(source).expanduser())
                    if store is None:
                        store = open_store(args)
                    result = store.import_feed(location_of(source), feed)
                    warnings, line = result.warnings, result.summary()
            except InputError as exc:
                print(f"liveread: {exc}", file=sys.stderr)
                failed = True
                continue
            for warning in warnings:
                print(f"liveread: {source}: warning: {warning}", file=sys.stderr)
            print(f"{source}: {line}", flush=True)
    finally:
        if store is not None:
            store.close()
    return 2 if failed else 0
