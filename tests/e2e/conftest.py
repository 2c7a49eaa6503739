"""Driving the installed `liveread` binary in a real pseudo-terminal: the screen a user sees
(kept by the pyte terminal emulator) and every byte the program writes."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyte
import pytest

from bench.terminal import PtyProcess

pytestmark = pytest.mark.e2e

SCREEN_TIMEOUT = 60.0
"""Longest wait for something to appear on the screen: far beyond what any step takes on a
loaded machine, so only a program that never shows it reaches it."""

EXIT_TIMEOUT = 30.0
"""Longest wait for the program to exit after `q`."""


def liveread_binary() -> Path:
    """The `liveread` script installed next to this Python (the venv's bin directory)."""
    beside = Path(sys.executable).parent / "liveread"
    if beside.exists():
        return beside
    found = shutil.which("liveread")
    assert found, "the liveread script is not installed (pip install -e '.[test]')"
    return Path(found)


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """Environment for the binary: a fresh database and config path, UTC, a known terminal."""
    env = dict(os.environ)
    env.update(
        LIVEREAD_DB=str(tmp_path / "e2e.db"),
        LIVEREAD_CONFIG=str(tmp_path / "config.toml"),
        TERM="xterm-256color",
        TZ="UTC",
        COLUMNS="120",
        LINES="40",
    )
    env.pop("TEXTUAL", None)
    env.pop("NO_COLOR", None)
    return env


SYNC_QUERY = b"\x1b[?2026$p"
"""A program asking whether the terminal draws whole frames (synchronized output, mode 2026)."""

SYNC_REPLY = b"\x1b[?2026;2$y"
"""The answer of a terminal that does (the mode is known and off until a frame begins)."""

SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"
"""What a program writes around each frame once it knows the terminal draws whole frames."""

FOCUS_IN = b"\x1b[I"
"""What a terminal sends when its window gets the focus back (focus reporting); Textual
takes it as an `AppFocus` event and nothing more."""

_KEYS = {
    "Enter": b"\r",
    # A lone ESC is the escape key only if nothing follows it for Textual's ESCDELAY (0.1 s);
    # a key right behind it (or read in the same chunk by a busy program) would make the
    # pair one alt+key. Another ESC ends it at once, and the focus report that ESC starts is
    # ignored: escape followed by anything is then escape and that thing, on any machine.
    "Escape": b"\x1b" + FOCUS_IN,
    "Tab": b"\t",
    "BTab": b"\x1b[Z",
    "BSpace": b"\x7f",
    "Space": b" ",
    "Up": b"\x1b[A",
    "Down": b"\x1b[B",
    "Right": b"\x1b[C",
    "Left": b"\x1b[D",
    "Home": b"\x1b[H",
    "End": b"\x1b[F",
    "PageUp": b"\x1b[5~",
    "PPage": b"\x1b[5~",
    "PageDown": b"\x1b[6~",
    "NPage": b"\x1b[6~",
    "DC": b"\x1b[3~",
}
"""tmux's key names, as the bytes an xterm sends for them (Escape with a terminator)."""


def key_bytes(key: str) -> bytes:
    """The bytes a terminal sends for a tmux-style key name (`j`, `Enter`, `C-p`, `M-x`);
    any other string is typed as it is."""
    if key in _KEYS:
        return _KEYS[key]
    if len(key) == 3 and key[:2] == "C-":
        return bytes([ord(key[2].lower()) & 0x1F])
    if len(key) == 3 and key[:2] == "M-":
        return b"\x1b" + key[2].encode()
    return key.encode("utf-8")


class Terminal:
    """A real pseudo-terminal running the installed binary, its screen kept by a VT emulator.

    The program gets a genuine PTY (it cannot tell this from a terminal window); pyte reads
    every byte it writes and keeps the screen a user would see. Nothing outside Python is
    needed, so the suite runs on any machine with the test extras installed. Key names follow
    tmux's (`Enter`, `Escape`, `C-p`), and every byte written is kept in `output`.

    Like a modern terminal, it says it supports synchronized output, so Textual wraps each
    frame in begin/end marks; the screen a test reads is the one after the last whole frame,
    never a frame half written (which a busy machine delivers in pieces).

    Nothing here waits for time to pass: keys are typed at once (the program handles them in
    order), and a test waits for what the screen shows (`wait_for`, `wait_gone`,
    `wait_until`), each wait bounded by a named timeout that only a failure reaches.
    """

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.env = env
        """Environment of the program started."""
        self.tmp_path = tmp_path
        """The test's scratch directory."""
        self.proc: PtyProcess | None = None
        """The running program, if started."""
        self.output = bytearray()
        """Every byte the program has written, over all its runs."""
        self._screen = pyte.Screen(120, 40)
        self._stream = pyte.ByteStream(self._screen)
        self._shown = ""
        self._in_frame = False
        self._run_start = 0
        self._lock = threading.Lock()
        # Signalled whenever the screen changes or the program's terminal closes.
        self._changed = threading.Condition(self._lock)
        self._reader: threading.Thread | None = None

    def start(self, *args: str, width: int = 120, height: int = 40) -> None:
        """Run `liveread ARGS` in a fresh `width`x`height` terminal (a re-run replaces it)."""
        self.kill()
        with self._lock:
            self._screen = pyte.Screen(width, height)
            self._stream = pyte.ByteStream(self._screen)
            self._shown = ""
            self._in_frame = False
            self._run_start = len(self.output)
        self.proc = PtyProcess([str(liveread_binary()), *args], self.env, (width, height))
        self._reader = threading.Thread(target=self._pump, args=(self.proc,), daemon=True)
        self._reader.start()

    def _pump(self, proc: PtyProcess) -> None:
        try:
            while True:
                try:
                    # The timeout only lets the thread notice a program that has ended.
                    ready, _, _ = select.select([proc.master], [], [], 0.05)
                    if not ready:
                        if proc.proc.poll() is not None and not self._pending(proc):
                            return
                        continue
                    chunk = os.read(proc.master, 65536)
                except (OSError, ValueError):
                    return
                if not chunk:
                    return
                with self._changed:
                    # Look back a little: a mark may have been split between two reads.
                    since = max(self._run_start, len(self.output) - len(SYNC_QUERY) + 1)
                    self.output += chunk
                    self._stream.feed(chunk)
                    recent = bytes(self.output[since:])
                    if SYNC_QUERY in recent:
                        with contextlib.suppress(OSError):  # the program has just gone
                            proc.write(SYNC_REPLY)
                    start, end = recent.rfind(SYNC_START), recent.rfind(SYNC_END)
                    if start != end:  # at least one mark: the later one says where we are
                        self._in_frame = start > end
                    if not self._in_frame:
                        self._shown = self._display()
                        self._changed.notify_all()
        finally:
            with self._changed:
                self._shown = self._display()
                self._changed.notify_all()

    @staticmethod
    def _pending(proc: PtyProcess) -> bool:
        try:
            ready, _, _ = select.select([proc.master], [], [], 0)
        except (OSError, ValueError):
            return False
        return bool(ready)

    def send(self, *keys: str) -> None:
        """Press keys (tmux key names: `j`, `Enter`, `Escape`, `C-p`), all at once: the
        program reads them in order. Wait on the screen where a key's effect must be there
        before the next key means what the test wants."""
        assert self.proc is not None, "start the program first"
        self.proc.write(b"".join(key_bytes(key) for key in keys))

    def _display(self) -> str:
        return "\n".join(line.rstrip() for line in self._screen.display)

    def screen(self) -> str:
        """The text on the screen after the last whole frame, trailing spaces trimmed (as
        `tmux capture-pane -p`)."""
        with self._lock:
            return self._shown

    def wait_until(
        self, holds: Callable[[str], object], what: str, timeout: float = SCREEN_TIMEOUT
    ) -> str:
        """Wait until `holds(screen text)` is true; the screen then. Fails naming `what`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                screen = self._shown
                if holds(screen):
                    return screen
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen}")
                self._changed.wait(left)

    def wait_for(self, text: str, timeout: float = SCREEN_TIMEOUT) -> str:
        """Wait until `text` is on the screen; the screen then."""
        return self.wait_until(lambda screen: text in screen, f"{text!r} to appear", timeout)

    def wait_gone(self, text: str, timeout: float = SCREEN_TIMEOUT) -> str:
        """Wait until `text` is no longer on the screen; the screen then."""
        return self.wait_until(lambda screen: text not in screen, f"{text!r} to go", timeout)

    def wait_exit(self, timeout: float = EXIT_TIMEOUT) -> int:
        """Wait for the program to end; its exit code."""
        assert self.proc is not None, "start the program first"
        try:
            code = self.proc.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"liveread did not exit; the screen:\n{self.screen()}") from None
        if self._reader is not None:
            self._reader.join(timeout=EXIT_TIMEOUT)
        return code

    @property
    def pid(self) -> int:
        """The program's process id."""
        assert self.proc is not None, "start the program first"
        return self.proc.proc.pid

    def kill(self) -> None:
        """Stop the program if it runs and close its terminal."""
        if self.proc is not None:
            self.proc.close()
            if self._reader is not None:
                self._reader.join(timeout=EXIT_TIMEOUT)
            self.proc = None
            self._reader = None


def sources_have_keys(screen: str) -> bool:
    """Whether the sources pane is open and has the keys: drawn, and the footer no longer
    offers the entry list's moves."""
    lines = screen.splitlines()
    return "Live blogs" in screen and bool(lines) and "↑↓ move" not in lines[-1]


@pytest.fixture
def terminal(tmp_path: Path, app_env: dict[str, str]) -> Iterator[Terminal]:
    """A private pseudo-terminal running the binary, closed after the test (its key names
    are tmux's, which the first end-to-end tests drove)."""
    session = Terminal(tmp_path, app_env)
    try:
        yield session
    finally:
        session.kill()


def screen_lines(output: bytes, size: tuple[int, int] = (250, 40)) -> list[str]:
    """The non-empty lines a terminal of `size` (columns, rows) shows once it has been sent
    `output`: what a user sees after a bar was drawn and erased, however it was erased."""
    screen = pyte.Screen(*size)
    pyte.ByteStream(screen).feed(output)
    return [line.rstrip() for line in screen.display if line.strip()]
