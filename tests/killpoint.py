"""Killing a child process at a chosen step of its work, never at a chosen moment.

A kill test wants SIGKILL to land before the transaction, in the middle of it, just before the
commit, just after the rename... A kill after a random sleep lands somewhere different on a
loaded machine (often after everything), so the test checks less than it claims. Here the child
names its steps instead, and the parent picks one:

- The child is `python -m tests.killpoint STEP liveread ARGS...` (liveread's CLI, as the
  installed script runs it) or `python -m tests.killpoint STEP -c CODE ARGS...`. Before each
  step it counts one: every SQL statement any of its SQLite connections begins (the driver's
  trace callback) and every call into, and return from, an `os` function made by liveread's
  own code (`os.replace`, `os.fsync`, ...), then the end of the work.
- `STEP` 0 writes each step's name to the pipe it was given, one a line: the trace, from which
  a test chooses its kill points. `STEP` k > 0 writes `here` when it reaches step k and waits
  there for the kill (in `signal.pause`, so nothing else runs).

`trace()` returns the steps of one run; `kill_at()` starts a run, kills it with SIGKILL once it
reaches the step and reaps it. The same input gives the same steps, so step k is the same point
of the work on an idle machine and on a busy one.
"""

from __future__ import annotations

import functools
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
"""The checkout: the child runs from here so that `tests.killpoint` imports."""

REACH_TIMEOUT = 120.0
"""Longest wait for the child to reach its step or end (only a broken child reaches it)."""

FD_VARIABLE = "LIVEREAD_KILLPOINT_FD"
"""Environment variable naming the child's end of the pipe."""

OS_CALLS = ("open", "write", "fsync", "close", "chmod", "replace", "unlink", "rename")
"""The `os` functions whose calls from liveread's code are steps."""


# --- the child ------------------------------------------------------------------------------


class _Steps:
    """The child's side: counts steps and stops at the chosen one."""

    def __init__(self, stop_at: int, fd: int) -> None:
        self.stop_at = stop_at
        """The step to stop at; 0 to report every step and never stop."""
        self.fd = fd
        """Where the steps (or `here`) are written."""
        self.count = 0
        """Steps passed so far."""

    def step(self, name: str) -> None:
        """One step, about to happen."""
        self.count += 1
        if self.stop_at == 0:
            os.write(self.fd, (" ".join(name.split())[:80] + "\n").encode())
        elif self.count == self.stop_at:
            os.write(self.fd, b"here\n")
            while True:  # until the SIGKILL the parent sends on reading `here`
                signal.pause()


def _wrap_os(steps: _Steps, name: str) -> None:
    real = getattr(os, name)

    @functools.wraps(real)
    def counted(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if not caller.startswith("liveread."):
            return real(*args, **kwargs)
        steps.step(f"call os.{name}")
        result = real(*args, **kwargs)
        steps.step(f"return os.{name}")
        return result

    setattr(os, name, counted)


def _wrap_sqlite(steps: _Steps) -> None:
    real = sqlite3.connect

    @functools.wraps(real)
    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real(*args, **kwargs)
        conn.set_trace_callback(lambda sql: steps.step(f"sql {sql}"))
        return conn

    sqlite3.connect = traced  # type: ignore[assignment]


def _child(argv: Sequence[str]) -> int:
    stop_at, kind, *rest = argv
    steps = _Steps(int(stop_at), int(os.environ[FD_VARIABLE]))
    for name in OS_CALLS:
        _wrap_os(steps, name)
    _wrap_sqlite(steps)
    if kind == "liveread":
        from liveread.cli.main import main

        code = main(rest)
    else:
        assert kind == "-c", kind
        sys.argv = ["-c", *rest[1:]]
        exec(compile(rest[0], "<killpoint child>", "exec"), {"__name__": "__main__"})
        code = 0
    steps.step("end")
    return code


# --- the parent -----------------------------------------------------------------------------


def _start(step: int, command: Sequence[str], env: dict[str, str] | None) -> tuple[
    subprocess.Popen[bytes], int
]:
    read, write = os.pipe()
    child_env = {**(os.environ if env is None else env), FD_VARIABLE: str(write)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.killpoint", str(step), *command],
        cwd=REPO,
        env=child_env,
        pass_fds=(write,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    return proc, read


def _read_lines(fd: int, done: Callable[[bytes], bool]) -> bytes:
    """Read `fd` until `done(everything so far)` or end of file, within REACH_TIMEOUT."""
    deadline = time.monotonic() + REACH_TIMEOUT
    data = b""
    while not done(data):
        left = deadline - time.monotonic()
        assert left > 0, f"the child reached no step in {REACH_TIMEOUT} s: {data[-200:]!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def trace(command: Sequence[str], env: dict[str, str] | None = None) -> list[str]:
    """The steps of one whole run of `command` (which must succeed), in order; step k is
    `trace(...)[k - 1]`."""
    proc, fd = _start(0, command, env)
    try:
        data = _read_lines(fd, lambda _: False)
    finally:
        os.close(fd)
    _, err = proc.communicate(timeout=REACH_TIMEOUT)
    assert proc.returncode == 0, f"the traced run failed: {err.decode(errors='replace')}"
    return data.decode().splitlines()


def kill_at(step: int, command: Sequence[str], env: dict[str, str] | None = None) -> None:
    """Run `command` until just before its step `step` (1-based), then SIGKILL it."""
    proc, fd = _start(step, command, env)
    try:
        data = _read_lines(fd, lambda seen: b"here\n" in seen)
    finally:
        os.close(fd)
    if b"here\n" not in data:
        proc.kill()
        _, err = proc.communicate(timeout=REACH_TIMEOUT)
        raise AssertionError(f"the child ended before step {step}: {err.decode()[-500:]}")
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=REACH_TIMEOUT)
    assert proc.returncode == -signal.SIGKILL


def find(steps: Sequence[str], prefix: str, start: int = 0) -> int:
    """The 1-based number of the first step from index `start` that begins with `prefix`."""
    for index in range(start, len(steps)):
        if steps[index].startswith(prefix):
            return index + 1
    raise AssertionError(f"no step {prefix!r} in {steps[start:start + 40]}")


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
