"""The hostile-input suite, through the app: every file in tests/hostile/ that `liveread import`
accepts goes into one database, and the real installed `liveread` is walked through all of
them in tmux, with every byte it writes to the terminal kept (`tmux pipe-pane`). No escape
sequence any file carried reaches the terminal, markup shows literally on the screen, and
the app is still running at the end. (The CLI half of the suite is tests/test_hostile.py.)"""

from __future__ import annotations

import re
import shlex
import subprocess
import time
from pathlib import Path

import pytest

from liveread.text import clean_line
from storage import Store
from tests.e2e.conftest import Tmux, liveread_binary
from tests.test_hostile import HOSTILE

pytestmark = pytest.mark.e2e

MARKUP = "[bold red]BOLD[/] [@click=app.quit]quit[/] [link=https://evil.invalid]link[/link]"
"""The start of the title of the two markup files (text and RSS), as it must appear."""

OWN_OSC = {b"22"}
"""Operating system commands Textual itself sends (22: the mouse pointer's shape)."""


def _accepted(env: dict[str, str]) -> list[Path]:
    """Import every hostile file with one run of the real CLI (each file stands on its own:
    a refused one is a line on stderr); the ones it accepted, from its stdout."""
    proc = subprocess.run(
        [str(liveread_binary()), "import", *map(str, HOSTILE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr, proc.stderr
    done = {line.rpartition(": ")[0] for line in proc.stdout.splitlines()}
    return [path for path in HOSTILE if str(path) in done]


def _start_recorded(tmux: Tmux, record: Path) -> None:
    """Start liveread in tmux with every byte it writes appended to `record`.

    The program waits a moment before it starts, so the pipe is in place for its first byte.
    """
    script = tmux.tmp_path / "recorded.sh"
    script.write_text(
        f"sleep 1\n{shlex.quote(str(liveread_binary()))}\n"
        f"echo $? > {shlex.quote(str(tmux.exit_file))}\nsleep 600\n",
        encoding="utf-8",
    )
    tmux._tmux("new-session", "-d", "-s", "main", "-x", "120", "-y", "40", f"sh {script}")
    tmux.running = True
    tmux._tmux("pipe-pane", "-O", "-t", "main", f"cat >> {shlex.quote(str(record))}")


def test_hostile_files_in_the_app(tmux: Tmux, app_env: dict[str, str], tmp_path: Path) -> None:
    accepted = _accepted(app_env)
    names = {p.name for p in accepted}
    # The files this suite is about must be among them, or it proves nothing.
    assert {"text-escapes.txt", "rss-escapes.xml", "text-markup.txt", "rss-markup.xml"} <= names
    with Store.open(Path(app_env["LIVEREAD_DB"])) as store:
        titles = [clean_line(s.title)[:12] for s in store.sources()]
    assert len(titles) == len(accepted)

    record = tmp_path / "terminal.bytes"
    _start_recorded(tmux, record)
    tmux.wait_for("unread")
    # Every blog in turn from the sources pane (b b: closed and opened again, which gives
    # it the focus), reading a few entries of each; at the markup blogs, keep the screen.
    seen: set[str] = set()
    markup_screens: list[str] = []
    tmux.send("b")
    tmux.wait_for("Live blogs")
    for step in range(3 * len(titles)):
        header = tmux.screen().splitlines()[0].strip()
        seen.update(t for t in titles if header.startswith(t))
        if "[bold red]BOLD[/]" in header:
            assert header.startswith(MARKUP)
            tmux.send("j", "j", "k")
            markup_screens.append(tmux.screen())
        else:
            tmux.send("j", "j", "j", pause=0.05)
        if len(seen) == len(set(titles)):
            break
        tmux.send(*(("b", "b") if step else ()), "j", "Enter")
    assert len(seen) == len(set(titles)), f"the walk did not reach every blog: {seen}"
    words = "\n".join(markup_screens)
    assert "[@click=app.quit]Click me[/]" in words  # a headline of the text file
    assert "[b]Bold headline[/b] with [i]markup[/i]" in words
    assert not tmux.exit_file.exists(), "content ended the app"
    tmux.send("Escape", "q")
    assert tmux.wait_exit() == 0
    time.sleep(0.3)

    output = record.read_bytes()
    assert b"\x1b[?1049h" in output, "the recording missed the start"
    # The payloads content carried: window titles, clipboard writes, hyperlinks, DCS, CSI.
    assert b"owned title" not in output
    assert b"cm0gLXJmIH4K" not in output
    assert b"\x1b]52;" not in output and b"\x1b]0;" not in output and b"\x1b]8;" not in output
    assert b"\x1bP" not in output
    assert b"\x1b[2J" not in output and b"\x1b[5m" not in output
    assert set(re.findall(rb"\x1b\](\d+);", output)) <= OWN_OSC
    text = output.decode("utf-8", "replace")
    assert not [hex(ord(c)) for c in text if 0x80 <= ord(c) <= 0x9F], "8-bit C1 controls"
    assert "\ufffd" not in text, "the terminal was sent bytes that are not UTF-8"
    assert MARKUP.encode() in output
