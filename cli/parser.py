"""The `liveread` argument parser, built from the verb table (`cli.verbs`).

Kept apart from `cli.main` so that `liveread --version` answers without loading argparse.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn, cast

from liveread import __version__
from liveread.cli.verbs import group_of, register_verbs


def _db_option(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if suppress else None,
        help="database file (default: $LIVEREAD_DB, else the user data dir)",
    )


class _Parser(argparse.ArgumentParser):
    """argparse with its errors on one line (its usage block is what `--help` is for)."""

    def error(self, message: str) -> NoReturn:
        """Print `liveread: VERB: what was wrong (see --help)` and exit 2."""
        verb = self.prog.removeprefix("liveread").strip()
        problem(f"{verb + ': ' if verb else ''}{message} (see {self.prog} --help)")
        raise SystemExit(2)


def problem(line: str) -> None:
    """`cli.output.problem`, imported when there is one (it loads the text hygiene)."""
    from liveread.cli.output import problem as say_problem

    say_problem(line)


def build_parser(verbs: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: with `verbs`, only their groups are imported and registered in
    full (the rest are listed with their help line); without, every verb is."""
    parser = _Parser(
        prog="liveread",
        description="Read and annotate live blogs in the terminal.",
        epilog="Run 'liveread' alone to open the reader, or 'liveread PATH|URL' to open a blog.",
    )
    parser.add_argument("--version", action="version", version=f"liveread {__version__}")
    _db_option(parser, suppress=False)
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )
    common = _Parser(add_help=False)
    _db_option(common, suppress=True)
    groups = None if verbs is None else frozenset(filter(None, map(group_of, verbs)))
    register_verbs(sub, common, groups)
    return parser
