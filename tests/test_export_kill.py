"""An exporter killed with SIGKILL at random points: the target is always the old or the new
file, whole, and the temporary file a killed run leaves is removed by the next export.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from liveread.export.files import TEMP_MARK, write_atomic

REPO = Path(__file__).resolve().parent.parent
SIZE = 8_000_000
ATTEMPTS = 30

# The exporter: build the new text, say "go", then write it (temp file, fsync, rename).
EXPORTER = """
import sys
from pathlib import Path
from liveread.export.files import write_atomic
text = "new export line\\n" * (int(sys.argv[2]) // 16)
print("go", flush=True)
write_atomic(Path(sys.argv[1]), text)
"""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temps(directory: Path) -> list[str]:
    return sorted(n for n in os.listdir(directory) if TEMP_MARK in n)


def start_exporter(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", EXPORTER, str(path), str(SIZE)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "go\n"
    return proc


def test_sigkill_at_random_points(tmp_path: Path) -> None:
    path = tmp_path / "Storm live.md"
    old_text = "old export line\n" * (SIZE // 16)
    new_hash = digest(("new export line\n" * (SIZE // 16)).encode())
    old_hash = digest(old_text.encode())

    # How long the write itself takes here, to spread the kills across it.
    write_atomic(path, old_text)
    proc = start_exporter(path)
    began = time.perf_counter()
    assert proc.wait(timeout=60) == 0
    duration = time.perf_counter() - began
    assert digest(path.read_bytes()) == new_hash

    rng = random.Random(20251102)
    seen = {"old": 0, "new": 0, "temp left": 0}
    for attempt in range(ATTEMPTS):
        write_atomic(path, old_text)  # the "next export": also removes stale temporaries
        assert temps(tmp_path) == []
        proc = start_exporter(path)
        # Random moments across the write (the test's subject, not a wait); the first at
        # once, so one kill surely lands before the rename on a machine of any speed.
        if attempt:
            time.sleep(rng.uniform(0, duration * 1.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        found = digest(path.read_bytes())
        assert found in (old_hash, new_hash), "the target is neither the old nor the new file"
        seen["old" if found == old_hash else "new"] += 1
        left = temps(tmp_path)
        assert len(left) <= 1, left
        seen["temp left"] += len(left)
    write_atomic(path, old_text)
    assert temps(tmp_path) == []
    assert sorted(os.listdir(tmp_path)) == ["Storm live.md"]
    # Some kills landed before the rename: the old file was really seen surviving them.
    assert seen["old"] > 0, seen


def test_sigkill_of_the_real_liveread_export(tmp_path: Path) -> None:
    """The same through `liveread export`: whatever moment it dies, the file is whole."""
    from liveread.export import seal
    from liveread.storage import Store
    from tests.export_samples import build
    from tests.test_cli_import import LIVEREAD

    db = tmp_path / "annotated.db"
    with Store.open(db) as store:
        storm = build(store)[0]
    out = tmp_path / "out"
    command = [LIVEREAD, "--db", str(db), "export", "--source", str(storm), "-o", f"{out}/"]
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    (path,) = out.iterdir()
    old_text = path.read_text(encoding="utf-8")
    with Store.open(db) as store:
        entry = next(iter(store.entries(storm)))
        store.add_tags(entry.id, ["added later"])
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    duration = time.perf_counter() - began
    assert "#added-later" in path.read_text(encoding="utf-8")

    rng = random.Random(7)
    outcomes = set()
    for attempt in range(12):
        write_atomic(path, old_text)
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt:  # as above: the first kill at once, surely before the rename
            time.sleep(rng.uniform(0, duration * 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        text = path.read_text(encoding="utf-8")
        assert seal.verify(text), "a torn export"
        outcomes.add("#added-later" in text)
        assert len(temps(out)) <= 1
    write_atomic(path, old_text)
    assert sorted(os.listdir(out)) == [path.name]
    assert False in outcomes  # some kills came before the rename
