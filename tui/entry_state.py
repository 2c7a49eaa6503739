"""An entry as committed, read back after an action, and the words the app's notifications
use for tags and quotes.

Every write is committed (the Store's methods return only once their transaction has) before
the screen changes or says anything: the list row's markers and the reader are updated from
what was read back afterwards, never from what the action meant to write.
"""

from __future__ import annotations

from dataclasses import dataclass

from liveread.kernel.model import AnnotatedEntry, Entry
from liveread.storage import Store
from liveread.tui.widgets.entry_list import RowMarks


@dataclass(frozen=True, slots=True)
class Refreshed:
    """One entry read back after an action: what the screen shows of it."""

    entry: Entry
    """The entry (flags, read state)."""
    annotated: AnnotatedEntry
    """Its tags, highlights and notes."""

    @property
    def marks(self) -> RowMarks:
        """Its list row's markers."""
        annotated = self.annotated
        return RowMarks(annotated.tags, bool(annotated.highlights or annotated.notes))


def read_back(store: Store, entry_id: int) -> Refreshed:
    """(Blocking) the entry and its annotations as now committed."""
    return Refreshed(store.entry(entry_id), store.annotated_entry(entry_id))
