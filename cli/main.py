"""The `liveread` command: argument parsing and dispatch to one module per verb group.

`liveread` alone opens the app; `liveread PATH|URL` imports that source and opens it; every
other verb is a script-friendly command with a proper exit code: 0 ok, 2 bad input (a line
on stderr names the file or URL), 3 database trouble, 130 interrupted. The verbs are thin:
they parse arguments, call `liveread.services`, and word the result through `cli.output`.
Bad arguments (an id out of range, an argument that is not UTF-8) are one line too, and so
is a bare word that is neither a command nor a file: "no such command; did you mean …?".

Every command pays for what this module imports before it runs, so it imports next to
nothing: `--version` answers before argparse is loaded, `--help` builds the parser from the
verb table without importing a verb module, and a verb imports only its own group
(`cli.verbs`). Ctrl-C anywhere is one line on stderr and exit 130.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from liveread import __version__
from liveread.cli.verbs import COMMANDS
from liveread.kernel.errors import LivereadError

if TYPE_CHECKING:
    import argparse
    import sqlite3

Handler = Callable[["argparse.Namespace"], int]


def problem(line: str) -> None:
    """`cli.output.problem`, imported when there is one (it loads the text hygiene)."""
    from liveread.cli.output import problem as say_problem

    say_problem(line)


def build_parser(verbs: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser (`cli.parser`): with `verbs`, only their groups are imported."""
    from liveread.cli.parser import build_parser as build

    return build(verbs)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `liveread` script; returns the exit code."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        # Ctrl-C in a search, an import or a follow: whatever was being written was one
        # transaction, rolled back; one line says so, and no traceback.
        problem("interrupted")
        return 130


def _run(args_list: list[str]) -> int:
    if args_list == ["--version"]:
        # Answered before argparse is even built: the cheapest thing a script can ask.
        sys.stdout.write(f"liveread {__version__}\n")
        return 0
    bad = not_utf8(args_list)
    if bad is not None:
        problem(bad)
        return 2
    first = _first_positional(args_list)
    if first is not None and first not in COMMANDS:
        from liveread.cli.typos import unknown_command

        mistyped = unknown_command(first, COMMANDS)
        if mistyped is not None:
            problem(mistyped)
            return 2
        # `liveread PATH|URL`: open that source in the app.
        args_list = ["open", *args_list]
    elif first is None and not {"-h", "--help", "--version"} & set(args_list):
        args_list = ["open", *args_list]
    args = build_parser(_verbs(args_list)).parse_args(args_list)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        # The verb argparse chose is not the one read off the line (an unusual option
        # order): build the parser in full and read the line again.
        args = build_parser().parse_args(args_list)
        handler = getattr(args, "handler", None)
    if handler is None:
        problem("no command given (see liveread --help)")
        return 2
    try:
        return handler(args)
    except LivereadError as exc:
        problem(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        # `liveread entries --json | head` closes the pipe early: not an error.
        sys.stderr.close()
        return 0
    except Exception as exc:
        database_error = _database_error(exc)
        if database_error is None:
            raise
        # Damage or a locked file the store did not foresee: still one line, never a traceback.
        problem(f"database error: {database_error}")
        return 3


def _database_error(exc: Exception) -> sqlite3.DatabaseError | None:
    """`exc` if it is an SQLite error (sqlite3 is loaded by then if it can be one)."""
    module = sys.modules.get("sqlite3")
    if module is not None and isinstance(exc, module.DatabaseError):
        found: sqlite3.DatabaseError = exc
        return found
    return None


def _verbs(args_list: list[str]) -> list[str]:
    """The verb the line runs (its first positional word), as a list for `build_parser`."""
    first = _first_positional(args_list)
    return [] if first is None else [first]


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
