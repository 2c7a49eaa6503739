"""The sample live blogs with a fixed set of annotations: what the export goldens are made of."""

from __future__ import annotations

from pathlib import Path

from liveread.ingest import parse_bytes, read_file
from liveread.kernel.model import Entry
from liveread.storage import Store
from tests.conftest import SAMPLES

FILES = ("harbour-storm.txt", "count-night.txt", "rail-strike.txt")
"""The samples imported, in this order (their source ids are 1, 2, 3)."""
LATER = "harbour-storm-later.txt"
"""The later snapshot of the harbour storm, imported after annotating: it edits one entry."""
EDITED_RAIL = "rail-strike-edited.txt"
"""A made-up later copy of the rail strike whose edit removes a highlighted sentence."""
_REMOVED = (
    'General secretary Brona Kettle said: "We are going back into the room because our members'
    ' want a settlement, not because anything has changed."'
)


def location(name: str, root: Path | None = None) -> str:
    """The location a sample is imported under: relative, so goldens name no machine path."""
    return str(root / name) if root is not None else f"sample_feeds/{name}"


def find(store: Store, source_id: int, headline: str) -> Entry:
    """The entry of a source whose headline starts with `headline`."""
    matches = [e for e in store.entries(source_id) if (e.headline or "").startswith(headline)]
    assert len(matches) == 1, (headline, [e.headline for e in matches])
    return matches[0]


def import_samples(store: Store, root: Path | None = None) -> list[int]:
    """Import the samples; returns their source ids in FILES order."""
    return [
        store.import_feed(location(name, root), read_file(SAMPLES / name)).source_id
        for name in FILES
    ]


def annotate(store: Store, source_ids: list[int]) -> None:
    """The fixed annotations: tags, stars, pins, highlights with notes, notes, hostile text."""
    storm, night, rail = source_ids

    tide = find(store, storm, "Night-time high tide")
    store.set_starred(tide.id, True)
    store.add_tags(tide.id, ["key", "fact check"])
    store.add_highlight_quote(
        tide.id,
        "crews will work through the night to plug the breach",
        "yellow",
        note="Check the tide time against the coastguard's table.",
    )
    store.add_highlight_quote(tide.id, "the lower town floods again, and worse", "pink")
    store.add_note(tide.id, "Ask the harbour master for the survey of the wall.")

    causeway = find(store, storm, "Lisk Island cut off")
    store.set_pinned(causeway.id, True)
    store.add_tags(causeway.id, ["verify", "places/lisk island"])
    store.add_highlight_quote(
        causeway.id, "About 2,700 people live on the island.", "blue", note="Census says 3,050?"
    )

    mayor = find(store, storm, "Mayor calls flood defences")
    store.add_highlight_quote(
        mayor.id, "That is not a flood defence; it is a patchwork", "green", note=None
    )
    store.add_note(
        mayor.id,
        "Quote checked with the mayor's office.\n\n# Not a heading\n---\n> not a quote\n"
        "<b>not html</b> [not](a link) `not code` ==not marked== #not-a-tag 1. not a list",
    )

    result = find(store, night, "Final result")
    store.set_starred(result.id, True)
    store.set_pinned(result.id, True)
    store.add_tags(result.id, ["key", "2026"])
    store.add_highlight_quote(result.id, "Turnout was 58.3%, up from 54.9%", "yellow")

    recount = find(store, night, "Last seat goes to Rural League")
    store.add_tags(recount.id, ["disputed"])
    store.add_note(recount.id, "Velmark First say they will challenge the recount.")

    talks = find(store, rail, "Talks to resume on Friday")
    store.add_tags(talks.id, ["follow-up"])
    store.add_highlight_quote(
        talks.id,
        "We are going back into the room because our members want a settlement",
        "green",
        note="Union line; operator's reply at 15:20.",
    )


def apply_edits(store: Store, ids: list[int], root: Path | None = None) -> None:
    """The later harbour-storm snapshot (one entry reworded: its highlight follows the words)
    and an edited rail strike (one highlighted sentence gone: that highlight is orphaned)."""
    later = store.import_feed(location(LATER, root), read_file(SAMPLES / LATER))
    assert later.source_id == ids[0]  # the same blog, recognised across files
    text = (SAMPLES / FILES[2]).read_text(encoding="utf-8")
    assert _REMOVED in text
    edited = text.replace(_REMOVED, "A second round of talks is pencilled in for next week.")
    where = location(EDITED_RAIL, root)
    rail = store.import_feed(where, parse_bytes(edited.encode("utf-8"), where))
    assert rail.source_id == ids[2] and rail.updated == 1


def build(store: Store, root: Path | None = None) -> list[int]:
    """Import, annotate, then import the edited copies."""
    ids = import_samples(store, root)
    annotate(store, ids)
    apply_edits(store, ids, root)
    return ids
