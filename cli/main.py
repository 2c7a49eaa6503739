"""The `liveread` command: argument parsing and dispatch to one module per verb group.

`liveread` alone opens the app; `liveread PATH|URL` imports that source and opens it; every
other verb is a script-friendly command with a proper exit code: 0 ok, 2 bad input (a line
on stderr names the file or URL), 3 database trouble, 130 interrupted. The verbs are thin:
they parse arguments, call `liveread.services`, and word the result through `cli.output`.
Bad arguments (an id out of range, an argument that is not UTF-8) are one line too, and so
is a bare word that is neither a command nor a file: "no such command; did you mean …?".
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, cast

from liveread import __version__
from liveread.cli.output import problem
from liveread.cli.typos import unknown_command
from liveread.cli.verbs import REGISTRARS
from liveread.kernel.errors import LivereadError

Handler = Callable[[argparse.Namespace], int]


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


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every verb registered."""
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
    for register in REGISTRARS:
        register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `liveread` script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    bad = not_utf8(args_list)
    if bad is not None:
        problem(bad)
        return 2
    parser = build_parser()
    commands = _command_names(parser)
    first = _first_positional(args_list)
    if first is not None and first not in commands:
        mistyped = unknown_command(first, commands)
        if mistyped is not None:
            problem(mistyped)
            return 2
        # `liveread PATH|URL`: open that source in the app.
        args_list = ["open", *args_list]
    elif first is None and not {"-h", "--help", "--version"} & set(args_list):
        args_list = ["open", *args_list]
    args = parser.parse_args(args_list)
    handler: Handler = args.handler
    try:
        return handler(args)
    except LivereadError as exc:
        problem(str(exc))
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
        # Damage or a locked file the store did not foresee: still one line, never a traceback.
        problem(f"database error: {exc}")
        return 3
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `liveread entries --json | head` closes the pipe early: not an error.
        sys.stderr.close()
        return 0


def not_utf8(args: Sequence[str]) -> str | None:
    """The one-line problem with the first argument that is not valid UTF-8, if any.

    Python hands such bytes over as lone surrogates (`surrogateescape`); they can be neither
    stored nor printed, so they are refused here, before anything else is done.
    """
    for number, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return f"argument {number} is not valid UTF-8: {_shown(arg)}"
    return None


def _shown(arg: str) -> str:
    """The argument's bytes, those that are not UTF-8 written as `\\xff`."""
    try:
        raw = arg.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that never was a byte
        raw = arg.encode("utf-8", errors="backslashreplace")
    return raw.decode("utf-8", errors="backslashreplace")


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _first_positional(args: list[str]) -> str | None:
    """The first argument that is neither an option nor the value of `--db PATH`."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


if __name__ == "__main__":
    raise SystemExit(main())
