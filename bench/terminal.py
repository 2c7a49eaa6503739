"""A program running in a pseudo-terminal: send keys, watch every byte it writes.

Used by the reader benchmark (time to a paint is the time until a marker appears in the
output) and by the end-to-end tests (no escape sequence from content may ever appear in it).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType


class PtyProcess:
    """A child process whose stdin, stdout and stderr are one pseudo-terminal."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int] = (120, 40)
    ) -> None:
        """Start `argv` in a `size` (columns, rows) terminal with environment `env`."""
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        """When the process was started (perf_counter seconds)."""
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            start_new_session=True,
            close_fds=True,
        )
        """The child."""
        os.close(slave)
        self.master = master
        """Our end of the terminal."""
        self.output = bytearray()
        """Every byte the child has written so far."""
        self._eof = False

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write(self, data: bytes) -> None:
        """Type `data` into the terminal."""
        os.write(self.master, data)

    def write_timed(self, data: bytes) -> float:
        """Type `data` into the terminal; the perf_counter time it was all written."""
        os.write(self.master, data)
        return time.perf_counter()

    def _read_some(self, timeout: float) -> bool:
        """Read what is available within `timeout`; False once the child closed the terminal."""
        if self._eof:
            return False
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the child has gone and the terminal is closed
            chunk = b""
        if not chunk:
            self._eof = True
            return False
        self.output += chunk
        return True

    def read_until(self, marker: bytes, timeout: float = 20.0, start: int = 0) -> float:
        """Wait until `marker` appears in the output at or after byte `start`.

        Returns the perf_counter time at which it had arrived; raises TimeoutError if it
        never does (with the tail of the output, to see why).
        """
        deadline = time.perf_counter() + timeout
        searched = start
        while True:
            found = self.output.find(marker, max(start, searched - len(marker)))
            if found >= 0:
                return time.perf_counter()
            searched = len(self.output)
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not self._read_some(min(remaining, 0.05)):
                if self.output.find(marker, start) >= 0:
                    return time.perf_counter()
                tail = bytes(self.output[-400:])
                raise TimeoutError(f"{marker!r} did not appear; last output: {tail!r}")

    def read_until_seen(
        self, seen: Callable[[bytearray, int], bool], timeout: float = 20.0, start: int = 0
    ) -> float:
        """Wait until `seen(output, start)` holds (a test of more than one marker's bytes, such
        as where on the screen it was drawn).

        Returns the perf_counter time at which it first held; raises TimeoutError if it
        never does (with the tail of the output).
        """
        deadline = time.perf_counter() + timeout
        while not seen(self.output, start):
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not self._read_some(min(remaining, 0.05)):
                if seen(self.output, start):
                    break
                tail = bytes(self.output[-400:])
                raise TimeoutError(f"the awaited paint did not appear; last output: {tail!r}")
        return time.perf_counter()

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds` (so the child never blocks on a full terminal)."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self._read_some(deadline - time.perf_counter()):
            pass

    def peak_rss_mb(self) -> float:
        """The child's peak resident memory so far (VmHWM), in MB."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text(encoding="ascii")
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc status")

    def wait(self, timeout: float = 10.0) -> int:
        """Wait for the child to exit while draining its output; its exit code."""
        deadline = time.perf_counter() + timeout
        while self.proc.poll() is None and time.perf_counter() < deadline:
            self._read_some(0.05)
        self.drain(0.1)
        return self.proc.wait(timeout=max(0.1, deadline - time.perf_counter()))

    def close(self) -> None:
        """Stop the child if it still runs and close the terminal."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)
