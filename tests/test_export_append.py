"""Adding to an export the user edited: golden files, the user's bytes intact, idempotence.

The edited file is `golden/append/edited.md`, an export of an invented blog that a user then
changed (a summary under the title, a reworded heading, a line of their own in the middle,
conclusions at the end, one line with Windows line endings). Each step's whole result is
compared byte for byte with its golden file. To regenerate after a deliberate change of
layout, run with LIVEREAD_REGENERATE_GOLDEN=1 and review the diff of tests/golden/append/.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from liveread.export.managed import END, START_PREFIX, add_to_export
from liveread.export.markdown import render_markdown
from liveread.kernel.errors import ExportConflictError
from liveread.kernel.model import AnnotatedEntry
from tests.export_helpers import (
    EXPORTED_AT,
    annotated,
    front_matter,
    make_entry,
    make_highlight,
    make_note,
    make_source,
    markdown_parser,
)

GOLDEN = Path(__file__).resolve().parent / "golden" / "append"
REGENERATE = os.environ.get("LIVEREAD_REGENERATE_GOLDEN") == "1"
BEFORE = datetime(2025, 11, 1, 20, 0, tzinfo=UTC)
"""When the first annotations were made: before the export."""
LATER = datetime(2025, 11, 3, 8, 15, tzinfo=UTC)
"""When the new ones were made: after it."""
LATEST = datetime(2025, 11, 4, 7, 0, tzinfo=UTC)
SOURCE = make_source("Ferry strike live: crossings cancelled for a second day")
WHERE = "notes/ferry.md"


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs from its golden file"


def original() -> list[AnnotatedEntry]:
    at = {"created_at": BEFORE, "updated_at": BEFORE}
    first = annotated(
        make_entry(1, headline="Morning sailings cancelled"),
        tags=("strike",),
        highlights=(
            make_highlight(
                "All morning sailings from Tarrow are cancelled", color="pink", id=101, **at
            ),
        ),
        notes=(make_note("Check the **timetable** against the notice.", id=201, **at),),
    )
    second = annotated(
        make_entry(2, headline="Union sets out its demands"),
        highlights=(
            make_highlight("a four per cent rise", color="yellow", entry_id=2, id=102, **at),
        ),
    )
    return [first, second]


def later(entries: list[AnnotatedEntry]) -> list[AnnotatedEntry]:
    """After the export: a new highlight, an edited note, a quote whose words changed, and a
    third entry highlighted for the first time."""
    first, second = entries
    at = {"created_at": LATER, "updated_at": LATER}
    note = "- ask the *operator*\n- and the port"
    new = make_highlight(
        "Passengers are advised not to travel", id=103, color="blue", note=note, **at
    )
    edited_note = replace(
        first.notes[0], text="Timetable checked: **three** sailings.", updated_at=LATER
    )
    changed = replace(
        second.highlights[0],
        exact="a five per cent rise",
        original="a four per cent rise",
        updated_at=LATER,
    )
    third = annotated(
        make_entry(3, headline="Talks at the harbour office"),
        highlights=(make_highlight("talks will resume at noon", entry_id=3, id=104, **at),),
    )
    return [
        replace(first, highlights=(*first.highlights, new), notes=(edited_note,)),
        replace(second, highlights=(changed,)),
        third,
    ]


def edited_export() -> str:
    """The user's edited file (its golden file is checked in; rebuilt on regeneration)."""
    path = GOLDEN / "edited.md"
    if REGENERATE:
        text = render_markdown(SOURCE, original(), exported_at=EXPORTED_AT, version="9.9.9")
        text = text.replace(
            "\n# Ferry strike live: crossings cancelled for a second day\n",
            "\n# Ferry strike live: crossings cancelled for a second day\n\n"
            "My summary: the strike is about pay, not safety.\r\n",
        )
        text = text.replace("## Union sets out its demands", "## The union's demands (my title)")
        text = text.replace("*yellow*", "*yellow*\n\nI asked the union for the full list.")
        text += "\n## My conclusions\n\nThe operator has not answered yet."  # no final newline
        path.write_bytes(text.encode("utf-8"))
    return path.read_bytes().decode("utf-8")


def test_new_annotations_are_added_once_in_liveread_section() -> None:
    edited = edited_export()
    first = add_to_export(edited, later(original()), where=WHERE)
    check("added.md", first.text)
    assert first.changed and first.entries == 3
    # Every byte the user wrote is still there, in order, and the section comes after it.
    assert first.text.startswith(edited)
    assert first.text.count(START_PREFIX) == 1 and first.text.count(END) == 1
    # The highlight and note already in the user's text are not repeated; the new, edited
    # and changed ones are there once.
    section = first.text[len(edited) :]
    assert "All morning sailings" not in section
    assert section.count("Passengers are advised not to travel") == 1
    assert section.count("Timetable checked: **three** sailings.") == 1
    assert "first highlighted as “a four per cent rise”" in section
    assert section.count("talks will resume at noon") == 1
    # The file still reads as Markdown: the front matter as it was, the section's markers
    # as the only HTML, and no heading lost.
    assert front_matter(first.text) == front_matter(edited)
    tokens = markdown_parser().parse(first.text)
    html = [t.content.strip() for t in tokens if t.type == "html_block"]
    assert html == [f'{START_PREFIX} since="2025-11-02T09:30:00Z" -->', END]
    # Exporting again with nothing new changes nothing at all.
    again = add_to_export(first.text, later(original()), where=WHERE)
    assert not again.changed and again.text == first.text


def test_the_section_is_rewritten_in_place_and_text_after_it_kept() -> None:
    edited = edited_export()
    first = add_to_export(edited, later(original()), where=WHERE)
    # The user writes below the section, then adds one more note in the app.
    theirs = first.text + "\r\nWritten below liveread's section.\r\n"
    entries = later(original())
    newest = make_note(
        "Strike called off at **07:00**.", entry_id=3, id=202, created_at=LATEST, updated_at=LATEST
    )
    entries[2] = replace(entries[2], notes=(newest,))
    second = add_to_export(theirs, entries, where=WHERE)
    check("added-again.md", second.text)
    assert second.text.startswith(edited)
    assert second.text.endswith(f"{END}\n\r\nWritten below liveread's section.\r\n")
    assert second.text.count(START_PREFIX) == 1
    assert second.text.count("Strike called off at **07:00**.") == 1
    assert second.text.count("talks will resume at noon") == 1
    assert add_to_export(second.text, entries, where=WHERE).text == second.text


def test_an_edited_export_with_nothing_new_is_left_as_it_is() -> None:
    edited = edited_export()
    same = add_to_export(edited, original(), where=WHERE)
    assert not same.changed and same.text == edited and same.entries == 0


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t.replace(END, ""), "is damaged"),
        (lambda t: t.replace(END, END + "\n" + END), "is damaged"),
        (lambda t: t + "\n" + t[t.index(START_PREFIX) :], "is damaged"),
        (lambda t: t.replace('since="2025-11-02T09:30:00Z"', 'since="soon"'), "is damaged"),
    ],
)
def test_damaged_markers_are_refused_and_nothing_changes(damage: object, message: str) -> None:
    first = add_to_export(edited_export(), later(original()), where=WHERE)
    assert callable(damage)
    broken = damage(first.text)
    with pytest.raises(ExportConflictError) as caught:
        add_to_export(broken, later(original()), where=WHERE)
    assert str(caught.value).startswith(f"{WHERE}: the section liveread adds to")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_an_edited_export_that_no_longer_says_when_is_refused() -> None:
    edited = edited_export().replace('exported_at: "2025-11-02T09:30:00Z"\n', "")
    with pytest.raises(ExportConflictError, match="no longer says when"):
        add_to_export(edited, later(original()), where=WHERE)


def test_changed_since_keeps_new_and_undated_annotations_only() -> None:
    from liveread.export.changes import changed_since

    old = make_highlight("old words", id=301, created_at=BEFORE, updated_at=BEFORE)
    recoloured = make_highlight("recoloured", id=302, created_at=BEFORE, updated_at=LATER)
    undated = make_highlight("from another tool", id=303)
    note = make_note("old note", id=304, created_at=BEFORE, updated_at=BEFORE)
    quiet = annotated(make_entry(1), highlights=(old,), notes=(note,))
    busy = annotated(make_entry(2), highlights=(old, recoloured, undated), notes=(note,))
    kept = changed_since([quiet, busy], EXPORTED_AT)
    assert [(k.entry.id, k.highlights, k.notes) for k in kept] == [(2, (recoloured, undated), ())]
    # Exactly at the moment counts as changed: times are kept to the second.
    assert changed_since([quiet], BEFORE) == [quiet]
