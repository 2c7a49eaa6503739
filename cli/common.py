"""What the verbs share: opening the store named by --db / LIVEREAD_DB, the settings, ids."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from liveread.cli.output import problem
from liveread.kernel.paths import resolve_db_path

if TYPE_CHECKING:
    from liveread.kernel.settings import Settings
    from liveread.storage import Store

MAX_ID = 2**63 - 1
"""The largest id SQLite can hold; a larger one names no row."""


def open_store(args: argparse.Namespace) -> Store:
    """The Store at the path the user chose (imported here to keep `liveread --help` fast)."""
    from liveread.cli.upgrading import upgrade_bar
    from liveread.storage import Store

    path = resolve_db_path(getattr(args, "db", None))
    # An upgrade that rebuilds the search index shows a bar on a terminal (quiet for scripts).
    with upgrade_bar(path) as on_upgrade:
        return Store.open(path, on_upgrade=on_upgrade)


def settings() -> Settings:
    """The user's settings; a broken config file is one line on stderr, then the defaults."""
    from liveread.kernel.paths import config_path
    from liveread.kernel.settings import load_settings

    loaded = load_settings(config_path())
    if loaded.problem:
        problem(loaded.problem)
    return loaded.settings


def _whole(text: str, what: str) -> int:
    """`text` as a whole number from 1 to 2^63 - 1, else argparse's one-line complaint."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what} (a whole number): {text!r}") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} is out of range for {what} (1 to {MAX_ID})")
    return value


def row_id(text: str) -> int:
    """An id on the command line (entry, source): a whole number from 1 to 2^63 - 1."""
    return _whole(text, "an id")


def count(text: str) -> int:
    """A count on the command line (`--limit`, `--polls`): a whole number from 1 to 2^63 - 1."""
    return _whole(text, "a count")
