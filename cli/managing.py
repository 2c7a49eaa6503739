"""`liveread remove SOURCE [--force]` and `liveread rename SOURCE NAME`: whole live blogs.

SOURCE is a blog's id, its file, URL or `sample:<file>`, or its title (see
`services.managing.find_source`). Removing a blog that holds annotations asks on the
terminal first (refused with exit 2 when there is no terminal to ask on, unless `--force`);
either way its annotations are exported to JSON beside the database before anything is
deleted: `--force` skips the question, never the export.
"""

from __future__ import annotations

import argparse
import sys

from liveread.cli.common import open_store
from liveread.cli.output import clean, problem, say


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `remove` and `rename` verbs."""
    p = sub.add_parser(
        "remove",
        parents=[common],
        help="remove a live blog (its annotations are exported to JSON first)",
        description=(
            "Remove SOURCE (an id, a file, a URL or a title; see 'sources') with its entries."
            " A blog holding annotations is exported to a JSON file beside the database first;"
            " you are asked before it is removed unless --force."
        ),
    )
    p.add_argument("source", metavar="SOURCE", help="id, file, URL or title of the live blog")
    p.add_argument(
        "--force", action="store_true", help="do not ask (the annotations are still exported)"
    )
    p.set_defaults(handler=run_remove)
    p = sub.add_parser(
        "rename",
        parents=[common],
        help="give a live blog your own name",
        description="Show SOURCE under NAME everywhere; an empty NAME goes back to its title.",
    )
    p.add_argument("source", metavar="SOURCE", help="id, file, URL or title of the live blog")
    p.add_argument("name", metavar="NAME", help="the new name ('' for the page's own title)")
    p.set_defaults(handler=run_rename)


def _agreed(question: str) -> bool:
    """Ask on the terminal; False when there is none to ask on, or on anything but yes."""
    if not sys.stdin.isatty():
        return False
    sys.stderr.write(clean(question) + " [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline(100)
    return answer.strip().lower() in ("y", "yes")


def run_remove(args: argparse.Namespace) -> int:
    """Remove the blog; exit 2 when it holds annotations and the user did not agree."""
    from liveread.services import managing

    with open_store(args) as store:
        source = managing.find_source(store, args.source)
        removal = managing.plan_removal(store, source.id)
        if removal.must_ask and not args.force:
            if not sys.stdin.isatty():
                problem(
                    f"{args.source}: holds annotations; not removed (--force removes it,"
                    " exporting them to JSON first)"
                )
                return 2
            if not _agreed(removal.question()):
                problem(f"{args.source}: not removed")
                return 2
        removed = managing.remove(store, removal)
    say(removed.summary())
    return 0


def run_rename(args: argparse.Namespace) -> int:
    """Rename the blog and say what it is called now."""
    from liveread.services import managing

    with open_store(args) as store:
        source = managing.find_source(store, args.source)
        renamed = managing.rename(store, source.id, args.name)
    say(f"{renamed.id}: now called {renamed.title!r}")
    return 0
