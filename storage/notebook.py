"""The notebook's read: every highlight and entry note of every live blog, newest first.

Three queries inside one read snapshot, however many items: the highlights with their entries'
headlines and blogs' names, the entry notes likewise, and the tags of the entries those items
are on. Only the first words of a body without a headline are read (the item's headline).
The read is bounded: the newest NOTEBOOK_LIMIT items, each query limited in SQL, and a count
of them all so the screen can say how many more there are.
"""

from __future__ import annotations

import json
from collections import defaultdict

from liveread.kernel.notebook import ItemStatus, NotebookItem, newest_first
from liveread.storage.core import StoreCore
from liveread.storage.rows import from_iso, highlight_tags_from_column

NOTEBOOK_LIMIT = 20_000
"""The most items the notebook reads: the newest ones; the screen says how many more there are."""

_SNIPPET = 200
"""Characters of a headline-less body read for its stand-in headline (twelve words)."""

_ENTRY = (
    "e.id, e.source_id, coalesce(s.name, s.title), e.headline,"
    f" CASE WHEN coalesce(e.headline, '') = '' THEN substr(e.body, 1, {_SNIPPET}) END"
)
"""The entry and blog columns every item row starts with (aliases `e`, `s`)."""

_HIGHLIGHTS = (
    f"SELECT {_ENTRY}, h.id, h.exact, h.color, h.note,"
    " CASE WHEN h.status = 'orphaned' THEN 'orphaned'"
    " WHEN h.original IS NOT NULL THEN 'changed' ELSE 'anchored' END,"
    " h.original, h.created_at, h.tags"
    " FROM highlights h JOIN entries e ON e.id = h.entry_id JOIN sources s ON s.id = e.source_id"
    " ORDER BY h.created_at DESC, h.id DESC LIMIT ?"
)
_NOTES = (
    f"SELECT {_ENTRY}, n.id, n.text, n.created_at"
    " FROM notes n JOIN entries e ON e.id = n.entry_id JOIN sources s ON s.id = e.source_id"
    " ORDER BY n.created_at DESC, n.id DESC LIMIT ?"
)
_TAGS = (
    "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
    " WHERE et.entry_id IN (SELECT value FROM json_each(?)) ORDER BY t.name"
)
"""The tags of the entries the items read are on (their ids as a JSON array)."""


def _headline(headline: object, body: object) -> str:
    if headline:
        return str(headline)
    words = str(body or "").split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


_STATUSES = {status.value: status for status in ItemStatus}
"""A status as the highlights query words it (orphaned, else changed once its words were
edited, else anchored)."""


class NotebookMixin(StoreCore):
    """The notebook's one read."""

    def notebook(self, limit: int = NOTEBOOK_LIMIT) -> list[NotebookItem]:
        """The newest `limit` highlights and entry notes of every live blog, newest first
        (`notebook_count` says how many there are in all)."""
        with self._snapshot() as conn:
            marked = conn.execute(_HIGHLIGHTS, (limit,)).fetchall()
            noted = conn.execute(_NOTES, (limit,)).fetchall()
            # The tags of just these items' entries: a page read costs a page.
            entry_ids = {row[0] for row in marked} | {row[0] for row in noted}
            names: dict[int, list[str]] = defaultdict(list)
            for entry_id, name in conn.execute(_TAGS, (json.dumps(sorted(entry_ids)),)):
                names[entry_id].append(str(name))
        # Made once per entry or per distinct value, not once per item: an entry with many
        # highlights shares its tags and headline, and most highlights share the few tag
        # lists in use (up to the bound, 20,000 items, are built when the whole is read).
        tags = {entry_id: tuple(found) for entry_id, found in names.items()}
        headlines: dict[int, str] = {}
        own: dict[object, tuple[str, ...]] = {None: ()}
        items: list[NotebookItem] = []
        add = items.append
        for (
            eid,
            sid,
            blog,
            headline,
            body,
            hid,
            exact,
            color,
            note,
            status,
            original,
            made,
            own_tags,
        ) in marked:
            shown = headlines.get(eid)
            if shown is None:
                shown = headlines[eid] = _headline(headline, body)
            mine = own.get(own_tags)
            if mine is None:
                mine = own[own_tags] = highlight_tags_from_column(own_tags)
            add(
                NotebookItem(
                    kind="highlight",
                    id=hid,
                    entry_id=eid,
                    source_id=sid,
                    blog=str(blog),
                    headline=shown,
                    quote=str(exact),
                    color=str(color),
                    note=str(note or ""),
                    tags=tags.get(eid, ()),
                    status=_STATUSES[str(status)],
                    created_at=from_iso(made),
                    original=None if original is None else str(original),
                    highlight_tags=mine,
                )
            )
        for eid, sid, blog, headline, body, nid, text, made in noted:
            shown = headlines.get(eid)
            if shown is None:
                shown = headlines[eid] = _headline(headline, body)
            add(
                NotebookItem(
                    kind="note",
                    id=nid,
                    entry_id=eid,
                    source_id=sid,
                    blog=str(blog),
                    headline=shown,
                    quote="",
                    color=None,
                    note=str(text),
                    tags=tags.get(eid, ()),
                    status=ItemStatus.ANCHORED,
                    created_at=from_iso(made),
                )
            )
        return newest_first(items)[:limit]

    def notebook_count(self) -> int:
        """How many highlights and entry notes there are, in every live blog."""
        rows = self._fetch(
            "SELECT (SELECT count(*) FROM highlights) + (SELECT count(*) FROM notes)"
        )
        return int(str(rows[0][0]))
