"""The hostile-input suite, through the app: every file in tests/hostile/ that `liveread import`
accepts goes into one database, and the real installed `liveread` is walked through all of
them in a pseudo-terminal, with every byte it writes kept and the screen it draws read back
(pyte). No escape sequence any file carried reaches the terminal, markup shows literally on
the screen, and the app is still running at the end. (The CLI half of the suite is
tests/test_hostile.py.)"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from liveread.kernel.text import clean_line
from liveread.storage import Store
from tests.e2e.conftest import Terminal, liveread_binary, sources_have_keys
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


def _entries_have_keys(screen: str) -> bool:
    """Whether the entry list has the keys (the footer offers its moves)."""
    return "↑↓ move" in screen.splitlines()[-1]


def test_hostile_files_in_the_app(terminal: Terminal, app_env: dict[str, str]) -> None:
    accepted = _accepted(app_env)
    names = {p.name for p in accepted}
    # The files this suite is about must be among them, or it proves nothing.
    assert {"text-escapes.txt", "rss-escapes.xml", "text-markup.txt", "rss-markup.xml"} <= names
    with Store.open(Path(app_env["LIVEREAD_DB"])) as store:
        titles = [clean_line(s.title)[:12] for s in store.sources()]
    assert len(titles) == len(accepted)

    terminal.start()
    terminal.wait_for("unread")
    # Every blog in turn from the sources pane, in its order (the order they were added):
    # enter shows the highlighted one and hands the focus to the entries, a few of which are
    # read; shift+tab gives the focus back. At the two markup blogs, keep the screen.
    seen: set[str] = set()
    markup_screens: list[str] = []
    terminal.send("b")
    terminal.wait_until(sources_have_keys, "the sources pane to take the keys")
    terminal.send("Home")
    for number, title in enumerate(titles, start=1):
        terminal.send(*(("Enter",) if number == 1 else ("j", "Enter")))
        screen = terminal.wait_until(
            lambda screen, title=title: (
                screen.splitlines()[0].strip().startswith(title) and _entries_have_keys(screen)
            ),
            f"blog {number}, {title!r}, to be shown",
        )
        header = screen.splitlines()[0].strip()
        seen.add(title)
        markup = "[bold red]BOLD[/]" in header
        if markup:
            assert header.startswith(MARKUP)
        terminal.send(*(("j", "j", "k") if markup else ("j", "j", "j")), "BTab")
        screen = terminal.wait_until(sources_have_keys, f"the sources pane after blog {number}")
        if markup:
            markup_screens.append(screen)
    assert len(seen) == len(set(titles)), f"the walk did not reach every blog: {seen}"
    words = "\n".join(markup_screens)
    assert "[@click=app.quit]Click me[/]" in words  # a headline of the text file
    assert "[b]Bold headline[/b] with [i]markup[/i]" in words
    assert len(markup_screens) == 2
    assert terminal.proc is not None and terminal.proc.proc.poll() is None, "content ended the app"
    terminal.send("Escape", "q")
    assert terminal.wait_exit() == 0

    output = bytes(terminal.output)
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
    # Content may hold U+FFFD itself (a lone surrogate is repaired to it): only a replacement
    # character the decoding made, not one sent as UTF-8, means bytes that are not UTF-8.
    assert text.count("\ufffd") == output.count("\ufffd".encode()), "bytes that are not UTF-8"
    assert MARKUP.encode() in output
