"""Two processes annotating one database at the same moment: no error reaches either."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from liveread.storage import Store
from tests.feedmaker import LOCATION, storm

ACTIONS = 60
"""How many rounds of actions each worker does."""

WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from liveread.storage import Store

    db, me, go, rounds = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    with Store.open(db) as store:
        ids = [e.id for e in store.entries()]
        (go.parent / f"ready-{me}").touch()
        while not go.exists():
            time.sleep(0.005)
        for i in range(rounds):
            entry_id = ids[i % len(ids)]
            store.add_tags(entry_id, [f"w{me}", "both"])
            store.toggle_tag(entry_id, f"flip{me}")
            note = store.add_note(entry_id, f"worker {me} round {i}")
            store.update_note(note.id, f"worker {me} round {i} checked")
            highlight = store.add_highlight_quote(entry_id, "the", "green" if me else "blue")
            store.set_highlight_note(highlight.id, f"w{me}")
            store.set_starred(entry_id, i % 2 == 0)
            store.search("harbour")
            store.annotated_entries()
            if i % 10 == 9:
                store.undo()  # the last action: the star
                store.redo()
    print("done", me)
    """
)


def test_two_processes_annotating_at_once_never_fail(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.import_feed(LOCATION, storm())
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), str(me), str(go), str(ACTIONS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in (0, 1)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{me}").exists() for me in (0, 1)):
        assert time.monotonic() < deadline, "workers never got ready"
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        time.sleep(0.01)
    go.touch()
    outputs = [w.communicate(timeout=300) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    assert [err for _, err in outputs] == ["", ""]
    assert [out for out, _ in outputs] == ["done 0\n", "done 1\n"]
    with Store.open(db_path) as store:
        everything = store.annotated_entries()
        notes = [n.text for a in everything for n in a.notes]
        assert len(notes) == 2 * ACTIONS
        assert all(text.endswith("checked") for text in notes)
        highlights = [h for a in everything for h in a.highlights]
        assert len(highlights) == 2 * ACTIONS
        assert sorted({h.note for h in highlights if h.note}) == ["w0", "w1"]
        for annotated in everything:
            assert {"both", "w0", "w1"} <= set(annotated.tags)
