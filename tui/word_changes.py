"""Accepting a highlight's changed words: the main screen's `c` (and the palette's "Accept
changed words").

When the newsroom rewords a highlighted passage, re-anchoring keeps the highlight on the new
words and remembers the first ones; the reader and the notebook show it as changed until the
user accepts the new words. Accepting is one undoable write, committed in a thread before the
screen says so. It acts on the highlight under the reader's cursor (in the body, or its line
under "Highlights whose words changed"); with the cursor elsewhere, on the entry's only changed
highlight, if it has just one.
"""

from __future__ import annotations

from liveread.kernel.model import Highlight
from liveread.kernel.text import short_quote
from liveread.tui.entry_state import Refreshed, read_back
from liveread.tui.port import MainPort
from liveread.tui.working import off_loop


def changed_highlights(highlights: tuple[Highlight, ...]) -> list[Highlight]:
    """The highlights still on the text whose words an edit changed (not yet accepted)."""
    return [h for h in highlights if h.original is not None and not h.orphaned]


class WordChanges:
    """Runs the accept key of one main screen."""

    def __init__(self, port: MainPort) -> None:
        """Make the feature for the screen behind `port`."""
        self.port = port
        """The main screen, as this feature may use it."""

    def _chosen(self) -> Highlight | None:
        """The changed highlight to accept, or None (having said why)."""
        annotated = self.port.annotated
        entry = self.port.entry
        if annotated is None or entry is None or annotated.entry.id != entry.id:
            self.port.say("Select an entry with a highlight whose words changed.")
            return None
        changed = changed_highlights(annotated.highlights)
        target = self.port.target_at_cursor()
        if target is not None and target.kind == "highlight":
            found = next((h for h in annotated.highlights if h.id == target.id), None)
            if found in changed:
                return found
        if len(changed) == 1:
            return changed[0]
        if not changed:
            self.port.say("No highlight of this entry has words an edit changed.")
        else:
            self.port.say(
                f"{len(changed)} highlights' words changed: put the reader's cursor on the one"
                " to accept."
            )
        return None

    def accept(self) -> None:
        """Take the changed words of the chosen highlight as its quote (u undoes)."""
        if self.port.selected() is None:
            return
        highlight = self._chosen()
        if highlight is None:
            return
        store = self.port.store
        highlight_id, entry_id = highlight.id, highlight.entry_id

        def work() -> tuple[str, Refreshed]:
            done = store.accept_highlight_words(highlight_id)
            said = f"Accepted the new words {short_quote(done.exact)} (u undoes)."
            return said, read_back(store, entry_id)

        async def flow() -> None:
            said, refreshed = await off_loop(work, "Could not accept the new words")
            self.port.show_state(refreshed)
            self.port.say(said, timeout=4)

        self.port.run_flow(flow, name="accept-words", group="annotate")
