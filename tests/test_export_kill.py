"""An exporter killed with SIGKILL at every step of its write: the target is always the old or
the new file, whole, and the temporary file a killed run leaves is removed by the next export.

The kill points are the steps of the write (`tests.killpoint`: each call into and return from
`os.open`, `os.write`, `os.fsync`, `os.replace`...), not moments, so each has one right answer:
the old file until `os.replace` has run (its return step), the new one from then on.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from liveread.export.files import TEMP_MARK, write_atomic
from tests.killpoint import find, kill_at, trace

SIZE = 1_000_000

# The exporter: build the new text, then write it (temp file, fsync, rename).
EXPORTER = """
import sys
from pathlib import Path
from liveread.export.files import write_atomic
text = "new export line\\n" * (int(sys.argv[2]) // 16)
write_atomic(Path(sys.argv[1]), text)
"""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temps(directory: Path) -> list[str]:
    return sorted(n for n in os.listdir(directory) if TEMP_MARK in n)


def test_sigkill_at_every_step(tmp_path: Path) -> None:
    path = tmp_path / "Storm live.md"
    old_text = "old export line\n" * (SIZE // 16)
    new_hash = digest(("new export line\n" * (SIZE // 16)).encode())
    old_hash = digest(old_text.encode())
    command = ["-c", EXPORTER, str(path), str(SIZE)]

    write_atomic(path, old_text)
    steps = trace(command)
    assert digest(path.read_bytes()) == new_hash
    renamed = find(steps, "return os.replace")
    assert find(steps, "call os.write") < find(steps, "call os.fsync") < renamed

    seen = {"old": 0, "new": 0, "temp left": 0}
    for step in range(1, len(steps) + 1):
        write_atomic(path, old_text)  # the "next export": also removes stale temporaries
        assert temps(tmp_path) == []
        kill_at(step, command)
        found = digest(path.read_bytes())
        expected = new_hash if step >= renamed else old_hash
        assert found == expected, f"killed at {steps[step - 1]} (step {step})"
        seen["old" if found == old_hash else "new"] += 1
        left = temps(tmp_path)
        assert len(left) <= 1, left
        seen["temp left"] += len(left)
    write_atomic(path, old_text)
    assert temps(tmp_path) == []
    assert sorted(os.listdir(tmp_path)) == ["Storm live.md"]
    # Kills between creating the temporary file and the rename leave it behind.
    assert seen["temp left"] > 0, seen


def test_sigkill_of_the_real_liveread_export(tmp_path: Path) -> None:
    """The same through `liveread export`: whichever step it dies at, the file is whole."""
    from liveread.export import seal
    from liveread.storage import Store
    from tests.export_samples import build

    db = tmp_path / "annotated.db"
    with Store.open(db) as store:
        storm = build(store)[0]
    out = tmp_path / "out"
    command = ["liveread", "--db", str(db), "export", "--source", str(storm), "-o", f"{out}/"]
    trace(command)
    (path,) = out.iterdir()
    old_text = path.read_text(encoding="utf-8")
    with Store.open(db) as store:
        entry = next(iter(store.entries(storm)))
        store.add_tags(entry.id, ["added later"])
    write_atomic(path, old_text)
    steps = trace(command)
    assert "#added-later" in path.read_text(encoding="utf-8")
    renamed = find(steps, "return os.replace")
    # Before each call of the file's write, just after the rename, at the end; and the first,
    # middle and last step of the reading before it.
    writing = find(steps, "call os.open")
    calls = [k for k in range(writing, len(steps) + 1) if steps[k - 1].startswith("call ")]
    points = sorted({1, writing // 2, writing - 1, *calls, renamed, len(steps)})

    for step in points:
        write_atomic(path, old_text)
        kill_at(step, command)
        text = path.read_text(encoding="utf-8")
        assert seal.verify(text), "a torn export"
        assert ("#added-later" in text) == (step >= renamed), f"killed at {steps[step - 1]}"
        assert len(temps(out)) <= 1
    write_atomic(path, old_text)
    assert sorted(os.listdir(out)) == [path.name]
