"""A notebook's worth of annotations on two invented live blogs, with known creation times:
a changed pink highlight, an orphaned blue one, a yellow one, an entry note on an entry without
a headline and a note on the other blog's entry."""

from __future__ import annotations

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store

FERRY = "The ferry to the island sails at nine with forty cars aboard, the harbour office says."
SCHOOL = "The school on the hill stays shut until the road is cleared of fallen trees."
MARKET = "Stalls at the fish market opened early and sold out of crab by eight."


def _feed(title: str, posts: list[tuple[str, str | None, str]]) -> ParsedFeed:
    return ParsedFeed(
        Format.TEXT,
        title,
        tuple(ParsedEntry(key=key, headline=headline, body=body) for key, headline, body in posts),
    )


def stamp(store: Store, table: str, row_id: int, minute: int) -> None:
    """Give a row a known creation time (the store writes the clock's, to the second)."""
    when = f"2026-04-01T10:{minute:02d}:00Z"
    with store.conn:
        store.conn.execute(f"UPDATE {table} SET created_at = ? WHERE id = ?", (when, row_id))


def fill_notebook(store: Store) -> dict[str, int]:
    """Two blogs with annotations (above); names (keys and item names) -> ids."""
    store.import_feed(
        "/blogs/quay",
        _feed("Quay live", [("ferry", "Ferry sails", FERRY), ("school", None, SCHOOL)]),
    )
    store.import_feed("/blogs/island", _feed("Island news", [("market", "Market", MARKET)]))
    ids = {e.key: e.id for e in store.entries()}
    store.add_tags(ids["ferry"], ["verify", "boats"])
    store.add_tags(ids["market"], ["food"])
    changed = store.add_highlight_quote(
        ids["ferry"], "sails at nine with forty cars aboard", "pink", "Check the car count"
    )
    doomed = store.add_highlight_quote(ids["ferry"], "the harbour office says", "blue")
    plain = store.add_highlight_quote(ids["market"], "sold out of crab", None)
    entry_note = store.add_note(ids["school"], "Ask the council when the road opens")
    market_note = store.add_note(ids["market"], "Prices doubled?")
    edited = FERRY.replace("forty", "fifty").replace(", the harbour office says", "")
    store.import_feed(
        "/blogs/quay",
        _feed("Quay live", [("ferry", "Ferry sails", edited), ("school", None, SCHOOL)]),
    )
    stamp(store, "highlights", changed.id, 5)
    stamp(store, "highlights", doomed.id, 1)
    stamp(store, "highlights", plain.id, 9)
    stamp(store, "notes", entry_note.id, 7)
    stamp(store, "notes", market_note.id, 3)
    return {
        **ids,
        "changed": changed.id,
        "doomed": doomed.id,
        "plain": plain.id,
        "entry_note": entry_note.id,
        "market_note": market_note.id,
    }
