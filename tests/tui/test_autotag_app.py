"""Auto-tag rules in the app: a reload tags what it brought, the reader says which tags a rule
added, and one `u` right after takes them all back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from liveread.storage import Store
from liveread.tui import importing
from liveread.tui.app import LivereadApp
from tests.tui.conftest import Recorder, ready, wait_for

FIRST = """ date 2026-03-01 Harbour watch: an invented blog for the tests
Ferry timetable back to normal
The operator said every sailing would run today.
"""

LATER = """ date 2026-03-01 Harbour watch: an invented blog for the tests
Drone seen over the outer harbour
Coastguard crews said a small UAV circled the pier.
Second drone report from the marina
Sailors said it flew low over the moorings.
Ferry timetable back to normal
The operator said every sailing would run today.
"""


def _tags(path: Path) -> set[tuple[str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT e.headline, t.name, et.rule FROM entry_tags et"
            " JOIN tags t ON t.id = et.tag_id JOIN entries e ON e.id = et.entry_id"
        ).fetchall()
        return {(str(h), str(n), r) for h, n, r in rows}
    finally:
        conn.close()


async def test_reload_auto_tags_and_one_undo_takes_it_back(
    tmp_path: Path,
    db_path: Path,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[autotag]]\ntag = "drones"\nwords = ["drone", "UAV"]\n', "utf-8")
    blog = tmp_path / "harbour.txt"
    blog.write_text(FIRST, encoding="utf-8")
    importing.import_source(store, str(blog))
    app = make_app(store, config=config)
    async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        blog.write_text(LATER, encoding="utf-8")
        await pilot.press("r")
        notice = "Auto-tagged 2 entries (rule: drones ×2) (u undoes)."
        await wait_for(pilot, lambda: notice in recorder.messages(), "the auto-tag notice")
        assert _tags(db_path) == {
            ("Drone seen over the outer harbour", "drones", "drones"),
            ("Second drone report from the marina", "drones", "drones"),
        }
        await pilot.press("g")
        await wait_for(
            pilot,
            lambda: main.entry is not None and main.entry.title.startswith("Drone seen"),
            "the new top entry selected",
        )
        await wait_for(
            pilot, lambda: "#drones (rule)" in main.reader.text.plain, "the rule's tag shown"
        )
        await pilot.press("u")
        await wait_for(
            pilot,
            lambda: "Undone: untagged 2 entries 'drones'." in recorder.messages(),
            "one undo for the import's tags",
        )
        assert _tags(db_path) == set()
        await wait_for(pilot, lambda: "#drones" not in main.reader.text.plain, "the chip gone")
