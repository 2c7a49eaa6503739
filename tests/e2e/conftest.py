"""Driving the installed `liveread` binary in a real pseudo-terminal: the screen a user sees
(kept by the pyte terminal emulator) and every byte the program writes."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyte
import pytest

from bench.terminal import PtyProcess

pytestmark = pytest.mark.e2e


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


_KEYS = {
    "Enter": b"\r",
    "Escape": b"\x1b",
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
"""tmux's key names, as the bytes an xterm sends for them."""


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
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None

    def start(self, *args: str, width: int = 120, height: int = 40) -> None:
        """Run `liveread ARGS` in a fresh `width`x`height` terminal (a re-run replaces it)."""
        self.kill()
        self._screen = pyte.Screen(width, height)
        self._stream = pyte.ByteStream(self._screen)
        self.proc = PtyProcess([str(liveread_binary()), *args], self.env, (width, height))
        self._reader = threading.Thread(target=self._pump, args=(self.proc,), daemon=True)
        self._reader.start()

    def _pump(self, proc: PtyProcess) -> None:
        while True:
            try:
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
            with self._lock:
                self.output += chunk
                self._stream.feed(chunk)

    @staticmethod
    def _pending(proc: PtyProcess) -> bool:
        try:
            ready, _, _ = select.select([proc.master], [], [], 0)
        except (OSError, ValueError):
            return False
        return bool(ready)

    def send(self, *keys: str, pause: float = 0.15) -> None:
        """Press keys (tmux key names: `j`, `Enter`, `Escape`, `C-p`)."""
        assert self.proc is not None, "start the program first"
        for key in keys:
            self.proc.write(key_bytes(key))
            time.sleep(pause)

    def screen(self) -> str:
        """The text on the screen now, trailing spaces trimmed (as `tmux capture-pane -p`)."""
        with self._lock:
            return "\n".join(line.rstrip() for line in self._screen.display)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Wait until `text` is on the screen; the screen then."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen:\n{screen}")
            time.sleep(0.05)

    def wait_exit(self, timeout: float = 15.0) -> int:
        """Wait for the program to end; its exit code."""
        assert self.proc is not None, "start the program first"
        try:
            code = self.proc.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"liveread did not exit; the screen:\n{self.screen()}") from None
        if self._reader is not None:
            self._reader.join(timeout=5)
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
                self._reader.join(timeout=5)
            self.proc = None
            self._reader = None


@pytest.fixture
def terminal(tmp_path: Path, app_env: dict[str, str]) -> Iterator[Terminal]:
    """A private pseudo-terminal running the binary, closed after the test (its key names
    are tmux's, which the first end-to-end tests drove)."""
    session = Terminal(tmp_path, app_env)
    try:
        yield session
    finally:
        session.kill()
