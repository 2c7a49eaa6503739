"""`liveread import SOURCE...`: read files and URLs into the database."""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from typing import TYPE_CHECKING

from liveread.cli.common import open_store, settings
from liveread.cli.output import problem, say
from liveread.cli.progress import ImportBar, wanted
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
            " line per source. A URL imported before is fetched conditionally; one imported"
            " for the first time is read with the older pages it links to (config"
            " 'max_pages', default 20 pages)."
        ),
    )
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="file path or http(s) URL of a live blog"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import every source; exit 2 if any failed (the others are still imported)."""
    from liveread.services.autotagging import autotag_summary, use_rules
    from liveread.services.locations import is_url
    from liveread.services.sources import read_source, store_read
    from liveread.services.sync import body_caps

    config = settings()
    max_pages = config.max_pages
    caps = body_caps(config)
    database = resolve_db_path(getattr(args, "db", None))
    failed = False
    store: Store | None = None  # opened at the first good source: bad input alone never
    # creates a database (an existing one is opened first for a URL's stored validators)
    bar = ImportBar.on_stderr() if wanted() else None
    try:
        for source in args.sources:
            try:
                if store is None and is_url(source) and database.exists():
                    store = use_rules(open_store(args), config)
                with bar.showing(source) if bar else nullcontext(None) as progress:
                    read = read_source(
                        store, source, max_pages=max_pages, caps=caps, progress=progress
                    )
                    if store is None:
                        store = use_rules(open_store(args), config)
                    outcome = store_read(store, read, progress)
            except InputError as exc:
                problem(str(exc))
                failed = True
                continue
            for warning in outcome.result.warnings if outcome.result else ():
                problem(f"{source}: warning: {warning}")
            say(f"{source}: {outcome.summary()}")
            tagged = autotag_summary([outcome.result] if outcome.result else [])
            if tagged:
                say(f"{source}: {tagged}")
    finally:
        if store is not None:
            store.close()
    return 2 if failed else 0
