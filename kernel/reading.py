"""Reading a local file the user named, within a size bound counted while it is read.

`st_size` is not trusted: it is 0 for `/dev/zero`, `/dev/urandom`, a FIFO or a file in
`/proc`, and a file can grow after it was measured. So only regular files are read at all,
the file is opened with `O_NONBLOCK` (opening a FIFO that has no writer would otherwise wait
for ever; for a regular file the flag changes nothing), and the read stops as soon as one
byte more than the bound has arrived.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from liveread.kernel.errors import InputError

_CHUNK = 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def too_large(limit: int, detail: str) -> str:
    """The problem text for a file over `limit` bytes."""
    return f"too large ({detail}; the limit is {limit:,} bytes)"


def read_bounded(path: Path, limit: int, *, what: str) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Anything else (a directory, a device, a FIFO, a socket, a missing or unreadable file, a
    file longer than `limit`) raises `InputError` naming `path`; `what` says what the file
    was meant to be ("a live-blog file").
    """
    where = str(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except PermissionError:
        raise InputError(where, "permission denied") from None
    except IsADirectoryError:
        raise InputError(where, f"is a directory, not {what}") from None
    except (OSError, ValueError) as exc:
        raise InputError(where, _strerror(exc)) from None
    try:
        return _read_open(fd, where, limit, what)
    finally:
        os.close(fd)


def _read_open(fd: int, where: str, limit: int, what: str) -> bytes:
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(where, f"is a directory, not {what}")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise InputError(where, f"{kind}, not {what} (only regular files are read)")
        if info.st_size > limit:
            raise InputError(where, too_large(limit, f"{info.st_size:,} bytes"))
        data = bytearray()
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - len(data)))
            if not chunk:
                return bytes(data)
            data += chunk
            if len(data) > limit:
                raise InputError(where, too_large(limit, "it grew while being read"))
    except BlockingIOError:
        raise InputError(where, "not ready to be read (would block)") from None
    except OSError as exc:
        raise InputError(where, _strerror(exc)) from None


def _strerror(exc: Exception) -> str:
    text = exc.strerror if isinstance(exc, OSError) else None
    return text or "cannot be read"
