"""Two processes annotating one database at the same moment: no error reaches either."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from liveread.storage import Store
from tests.feedmaker import LOCATION, storm

ACTIONS = 60
"""How many rounds of actions each worker does."""

WAIT = 300
"""Longest a worker may take (seconds): only a hang reaches it."""

WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from liveread.storage import Store

    db, me, rounds = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    with Store.open(db) as store:
        ids = [e.id for e in store.entries()]
        print("ready", flush=True)
        sys.stdin.readline()  # both start when the test says go
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


def test_two_processes_annotating_at_once_never_fail(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.import_feed(LOCATION, storm())
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), str(me), str(ACTIONS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in (0, 1)
    ]
    for worker in workers:  # each has opened the database (a worker that failed says why)
        assert worker.stdout is not None
        if worker.stdout.readline() != "ready\n":
            raise AssertionError(worker.communicate(timeout=WAIT))
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [w.communicate(timeout=WAIT) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    assert [err for _, err in outputs] == ["", ""]
    assert [out for out, _ in outputs] == ["done 0\n", "done 1\n"]  # after "ready", read above
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
