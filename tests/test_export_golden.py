"""Golden Markdown exports of the annotated sample blogs, compared byte for byte.

To regenerate after a deliberate change of layout, run with LIVEREAD_REGENERATE_GOLDEN=1 and
review the diff of tests/golden/export/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

from liveread.export.markdown import render_markdown
from liveread.export.note_markdown import note_blocks
from liveread.storage import Store
from tests.export_helpers import (
    EXPORTED_AT,
    front_matter,
    headings,
    html_tokens,
    parse_body,
)
from tests.export_samples import FILES, build

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
REGENERATE = os.environ.get("LIVEREAD_REGENERATE_GOLDEN") == "1"
VERSION = "0.0.0-golden"


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs from its golden file"


def test_golden_markdown_of_annotated_samples(store: Store) -> None:
    ids = build(store)
    for source_id, name in zip(ids, FILES, strict=True):
        source = store.source(source_id)
        entries = store.annotated_entries(source_id, annotated_only=True)
        text = render_markdown(source, entries, exported_at=EXPORTED_AT, version=VERSION)
        check(name.replace(".txt", ".md"), text)
        tokens = parse_body(text)
        assert html_tokens(tokens) == []
        found = headings(tokens)
        assert found[0] == ("h1", source.title)
        assert [t for t in found if t[0] == "h2"] == [("h2", e.entry.title) for e in entries]
        # One quote per highlight, and a note's own Markdown quotes (notes stay Markdown).
        note_quotes = sum(
            block.kind == "blockquote"
            for e in entries
            for text in [*(n.text for n in e.notes), *(h.note or "" for h in e.highlights)]
            for block in note_blocks(text)
        )
        quotes = [t for t in tokens if t.type == "blockquote_open" and t.level == 0]
        assert len(quotes) == sum(len(e.highlights) for e in entries) + note_quotes
        meta = front_matter(text)
        assert meta["title"] == source.title
        assert meta["source"] == source.location
        assert meta["entries"] == len(entries)
        assert meta["exported_at"] == "2025-11-02T09:30:00Z"


def test_golden_markdown_of_every_entry(store: Store) -> None:
    ids = build(store)
    rail = ids[2]
    entries = store.annotated_entries(rail)
    assert len(entries) == store.count_entries(rail)
    text = render_markdown(store.source(rail), entries, exported_at=EXPORTED_AT, version=VERSION)
    check("rail-strike-all.md", text)


def test_same_database_same_bytes(store: Store) -> None:
    ids = build(store)
    for source_id in ids:
        source = store.source(source_id)
        first = render_markdown(
            source, store.annotated_entries(source_id), exported_at=EXPORTED_AT, version=VERSION
        )
        again = render_markdown(
            store.source(source_id),
            store.annotated_entries(source_id),
            exported_at=EXPORTED_AT,
            version=VERSION,
        )
        assert first == again
