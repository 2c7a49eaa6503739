"""Driving the installed `liveread` binary: in tmux (to read the screen a user sees) and in a
pseudo-terminal (to see every byte it writes)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

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


class Tmux:
    """One tmux server on its own socket, running one session of 120x40."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.socket = f"liveread-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        """The `-L` socket name, unique to this test."""
        self.env = env
        """Environment of the program started."""
        self.tmp_path = tmp_path
        """Where the start script and the exit code file go."""
        self.exit_file = tmp_path / "exit-code"
        """The program's exit code is written here when it ends."""
        self.running = False
        """Whether the server and its session have been started."""

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            check=True,
            capture_output=True,
            text=True,
            env=self.env,
        )
        return result.stdout

    def start(self, *args: str, width: int = 120, height: int = 40) -> None:
        """Run `liveread ARGS` in a new detached session."""
        self.exit_file.unlink(missing_ok=True)
        command = " ".join(shlex.quote(a) for a in [str(liveread_binary()), *args])
        script = self.tmp_path / "start.sh"
        script.write_text(
            f"{command}\necho $? > {shlex.quote(str(self.exit_file))}\nsleep 600\n",
            encoding="utf-8",
        )
        run = f"sh {shlex.quote(str(script))}"
        if self.running:
            # A second run in the same terminal, as a user would start it again.
            self._tmux("respawn-pane", "-k", "-t", "main", run)
        else:
            self._tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), run)
            self.running = True

    def send(self, *keys: str, pause: float = 0.15) -> None:
        """Press keys (tmux key names: `j`, `Enter`, `Escape`, `C-p`)."""
        for key in keys:
            self._tmux("send-keys", "-t", "main", key)
            time.sleep(pause)

    def screen(self) -> str:
        """The text on the screen now."""
        return self._tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Wait until `text` is on the screen; the screen then."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen:\n{screen}")
            time.sleep(0.1)

    def wait_exit(self, timeout: float = 15.0) -> int:
        """Wait for the program to end; its exit code."""
        deadline = time.monotonic() + timeout
        while not (self.exit_file.exists() and self.exit_file.read_text().strip()):
            if time.monotonic() > deadline:
                raise AssertionError(f"liveread did not exit; the screen:\n{self.screen()}")
            time.sleep(0.1)
        return int(self.exit_file.read_text().strip())

    def kill(self) -> None:
        """Stop the server and everything in it."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        self.running = False


@pytest.fixture
def tmux(tmp_path: Path, app_env: dict[str, str]) -> Iterator[Tmux]:
    """A private tmux server, killed after the test."""
    assert shutil.which("tmux"), "tmux is needed for the end-to-end tests (apt-get install tmux)"
    session = Tmux(tmp_path, app_env)
    try:
        yield session
    finally:
        session.kill()
