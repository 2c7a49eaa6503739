"""Progress of an upgrade that rebuilds the search index.

Most migrations change a few tables in a blink; one that rebuilds the entries' FTS5 index
(0013 put every blog's token into it) reads every entry again and tokenizes it, which at a
million entries takes minutes. That work is one SQL statement, so its progress is told by
SQLite's virtual-machine steps: the progress handler fires every `CHECK_STEPS` steps, and a
rebuild takes about `STEPS_PER_ENTRY` steps an entry (the scan of the content and the
writes of the index's segments; measured: 21.2 at 10k entries, 22.9 at 100k). The count of
entries done is an estimate from that rate, never past the total before the statement ends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

INDEX_REBUILDS = frozenset({"0013_scoped_search_index"})
"""Migrations that rebuild the entries' search index from every entry (their cost follows
the entries; every other migration's is a moment)."""

STEPS_PER_ENTRY = 22
"""SQLite VM steps a rebuild of the entries' index takes per entry (see the docstring)."""

CHECK_STEPS = 20_000
"""VM steps between two reports: about a thousand entries, a few milliseconds."""


@dataclass(frozen=True, slots=True)
class UpgradeProgress:
    """Where an upgrade that rebuilds the search index has got to."""

    done: int
    """Entries indexed so far (an estimate until `finished`)."""
    total: int
    """Entries the rebuild reads."""
    finished: bool = False
    """The upgrade is committed; `done` equals `total`."""


OnUpgrade = Callable[[UpgradeProgress], None]
"""Told of an upgrade's progress, from the thread that opens the database."""


def rebuilds_index(pending: Iterable[str]) -> bool:
    """True when one of the `pending` migrations rebuilds the entries' search index."""
    return not INDEX_REBUILDS.isdisjoint(pending)


def estimate(steps: int, total: int) -> int:
    """Entries done after `steps` VM steps of a rebuild of `total` entries: short of the
    total until the statement has ended (the rate is an average)."""
    return min(steps // STEPS_PER_ENTRY, max(0, total - 1))


@contextmanager
def reporting(conn: sqlite3.Connection, total: int, on_upgrade: OnUpgrade) -> Iterator[None]:
    """Tell `on_upgrade` how far the statements run inside the block have got; once more
    with `finished` when the block ends without an error.

    What the callback raises (a ctrl+c lands there, as the statement's Python code) stops
    the statement and is raised again from the block, not SQLite's "interrupted": the
    caller's transaction rolls back and a KeyboardInterrupt stays one."""
    steps = 0
    raised: BaseException | None = None

    def tick() -> int:
        nonlocal steps, raised
        steps += CHECK_STEPS
        try:
            on_upgrade(UpgradeProgress(estimate(steps, total), total))
        except BaseException as exc:  # noqa: BLE001 - handed back after the statement
            raised = exc
            return 1  # stops the statement
        return 0

    on_upgrade(UpgradeProgress(0, total))
    conn.set_progress_handler(tick, CHECK_STEPS)
    try:
        yield
    except sqlite3.OperationalError:
        if raised is not None:
            raise raised from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    on_upgrade(UpgradeProgress(total, total, finished=True))
