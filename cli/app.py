"""`liveread [PATH|URL]` / `liveread open`: the reader app (imported only when asked for)."""

from __future__ import annotations

import argparse


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `open` verb, which `liveread` alone and `liveread PATH|URL` also run."""
    p = sub.add_parser(
        "open",
        parents=[common],
        help="open the reader (the default)",
        description="Open the reader; with SOURCE, import it first and show it.",
    )
    p.add_argument("source", nargs="?", metavar="PATH|URL", help="a live blog to import and open")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the Textual app."""
    from liveread.cli.output import problem
    from liveread.cli.upgrading import upgrade_bar
    from liveread.kernel.paths import resolve_db_path
    from liveread.tui.launch import launch

    path = resolve_db_path(getattr(args, "db", None))
    with upgrade_bar(path) as on_upgrade:
        return launch(path, args.source, problem=problem, on_upgrade=on_upgrade)
