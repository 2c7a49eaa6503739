"""Writing exports to disk: safe file names, overwrite protection, atomic replacement.

- `safe_filename` turns a blog title into a short name that stays inside the export
  directory, whatever the title holds (`../`, `/`, NUL, reserved device names, 300
  characters, emoji, right-to-left marks), and keeps one name per source: the same source
  re-exports to the same file, another source with the same title gets `-2`, `-3`, ...
- `target_state` tells whether an existing file is a liveread export the user has not changed
  since (its checksum, see `export.seal`, still matches), one they changed, or not ours at all.
- `write_export` refuses to replace a changed or foreign file unless forced, then calls
  `write_atomic`: a temporary file in the same directory, written, fsynced, renamed over the
  target, the directory fsynced. Readers see the old file or the new one, never a mix; on any
  error the temporary file is removed and the old file is untouched.

Temporary files are named `.<name>.liveread-tmp-<pid>-<random>`. One left by an exporter that
was killed is removed by the next export to the same directory.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
import unicodedata
from enum import StrEnum
from pathlib import Path

from liveread.export import seal
from liveread.kernel.errors import ExportConflictError, ExportWriteError, InputError
from liveread.kernel.reading import read_bounded
from liveread.kernel.text import clean_line

TEMP_MARK = ".liveread-tmp-"
"""What every temporary file's name contains, after the target's name."""
MAX_STEM_CHARS = 80
"""The longest file name stem made from a title, in characters."""
MAX_STEM_BYTES = 120
"""... and in UTF-8 bytes, so name, suffix and temporary-file decoration fit in 255 bytes."""
FALLBACK_STEM = "untitled"
"""The stem for a title with nothing usable in it."""

# Device names Windows reserves with any extension (and in any case).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{name}{n}" for name in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}
_APOSTROPHES = "'’ʼ‘`"
_TEMP_NAME = re.compile(r"^\.(?P<base>.*)" + re.escape(TEMP_MARK) + r"(?P<pid>\d+)-[0-9a-f]+$")


def _stem_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return ""
    category = unicodedata.category(ch)
    if category[0] in "LM" or category == "Nd" or ch in "_,.":
        return ch
    if category == "Pd":
        return "-"
    return " "


def _truncate(stem: str) -> str:
    cut = stem[:MAX_STEM_CHARS]
    while len(cut.encode("utf-8")) > MAX_STEM_BYTES:
        cut = cut[:-1]
    if len(cut) < len(stem):
        # Prefer ending on a word boundary, as long as that keeps most of the name.
        space = cut.rfind(" ")
        if space >= len(cut) // 2:
            cut = cut[:space]
    return cut


def safe_stem(title: str) -> str:
    """A file name stem for `title`: letters, digits, marks, spaces, `-_,.`; short; not hidden,
    not a reserved device name, never empty.
    """
    text = unicodedata.normalize("NFC", clean_line(title))
    stem = "".join(_stem_char(ch) for ch in text)
    stem = re.sub(r"\s+", " ", stem)
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = re.sub(r"-{2,}", "-", stem)
    stem = _truncate(stem.strip(" .-_,")).strip(" .-_,")
    if not stem:
        return FALLBACK_STEM
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem


class TargetState(StrEnum):
    """What is at an export's target path."""

    MISSING = "missing"
    """Nothing: writing creates it."""
    UNCHANGED = "unchanged"
    """A liveread export nobody changed since: safe to replace."""
    CHANGED = "changed"
    """A liveread export the user changed: ask (app) or refuse (CLI) before replacing."""
    FOREIGN = "foreign"
    """Something liveread did not write (or cannot read): ask or refuse before replacing."""


MAX_EXISTING_BYTES = 512 * 1024 * 1024
"""An existing file at an export's path larger than this is not read (so not ours)."""


def _read_text(path: Path) -> str | None:
    # Bounded, and never waits on a FIFO or reads a device placed at the export's path.
    try:
        return read_bounded(path, MAX_EXISTING_BYTES, what="an export").decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return None


def read_export(path: Path) -> str | None:
    """The text of the file at `path` (bounded), or None when it is not readable UTF-8 text."""
    return _read_text(path)


def target_state(path: Path) -> TargetState:
    """Whether `path` may be replaced without asking the user."""
    if not os.path.lexists(path):
        return TargetState.MISSING
    if path.is_dir():
        return TargetState.FOREIGN
    text = _read_text(path)
    if text is None or not seal.is_sealed(text):
        return TargetState.FOREIGN
    return TargetState.UNCHANGED if seal.verify(text) else TargetState.CHANGED


def export_owner(path: Path) -> str | None:
    """The location of the source a liveread export at `path` was made from, if it is one.

    Markdown: the front matter's `source:`; JSON: the only entry of `sources`. A file that is
    neither (or a JSON export of several sources) has no owner.
    """
    if not path.is_file():
        return None
    text = _read_text(path)
    if text is None or not seal.is_sealed(text):
        return None
    if text.startswith("---\n"):
        for line in text.split("\n")[1:]:
            if line == "---":
                break
            if line.startswith("source: "):
                with contextlib.suppress(ValueError):
                    value = json.loads(line[len("source: ") :])
                    return value if isinstance(value, str) else None
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    sources = document.get("sources") if isinstance(document, dict) else None
    if isinstance(sources, list) and len(sources) == 1 and isinstance(sources[0], dict):
        location = sources[0].get("location")
        return location if isinstance(location, str) else None
    return None


def safe_filename(title: str, directory: Path, *, owner: str, extension: str = ".md") -> Path:
    """The path in `directory` that the export of the source at `owner` (its location) uses.

    The stem comes from `title`; a name already used by something else (another source's
    export, a file of the user's) moves on to `-2`, `-3`, ...; a name holding this source's
    own earlier export is reused, so re-exporting replaces it.
    """
    stem = safe_stem(title)
    for n in range(1, 10_000):
        name = f"{stem}{'' if n == 1 else f'-{n}'}{extension}"
        path = directory / name
        if not os.path.lexists(path) or export_owner(path) == owner:
            return path
    raise ExportWriteError(str(directory / f"{stem}{extension}"), "no free file name left")


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def _temp_base(name: str) -> str:
    # Keep the temporary name within 255 bytes whatever the target's name.
    return name.encode("utf-8")[:150].decode("utf-8", "ignore")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def remove_stale_temps(path: Path) -> int:
    """Remove temporary files for `path` left by exporters that are no longer running.

    Returns how many were removed. A temporary file of a live process (another export in
    progress) is left alone.
    """
    base = _temp_base(path.name)
    removed = 0
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    for name in names:
        match = _TEMP_NAME.match(name)
        if match is None or match.group("base") != base:
            continue
        pid = int(match.group("pid"))
        if pid == os.getpid() or _pid_alive(pid):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path.parent / name)
            removed += 1
    return removed


def _fsync_directory(directory: Path) -> None:
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return  # Windows: directories cannot be opened for fsync
    try:
        fd = os.open(directory, os.O_RDONLY | flags)
    except OSError:
        return
    try:
        # Best effort: the rename is done; some file systems refuse fsync on a directory.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) so that it is always the old or the new file, whole.

    Raises `ExportWriteError` naming `path` when the directory is not writable or the disk is
    full; the previous file is then untouched and no temporary file is left.
    """
    data = text.encode("utf-8")
    directory = path.parent
    remove_stale_temps(path)
    temp = directory / f".{_temp_base(path.name)}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        # 0o666 and the umask give the file the mode any new file of the user's gets.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(temp, flags, 0o666)
    except OSError as exc:
        raise ExportWriteError(str(path), f"cannot write the export ({_reason(exc)})") from None
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise ExportWriteError(
                str(path), f"cannot write the export ({_reason(exc)}); the previous file is intact"
            ) from None
        raise
    _fsync_directory(directory)


def write_export(path: Path, text: str, *, force: bool = False) -> TargetState:
    """Write an export to `path` atomically, unless the file there must not be replaced.

    A file the user changed since liveread wrote it, or one liveread did not write, raises
    `ExportConflictError` (the app asks, the CLI refuses) unless `force`. Returns what was
    there before.
    """
    state = target_state(path)
    if not force and state is TargetState.CHANGED:
        raise ExportConflictError(
            str(path), "changed since liveread exported it; not overwritten (--force replaces it)"
        )
    if not force and state is TargetState.FOREIGN:
        raise ExportConflictError(
            str(path), "exists and is not a liveread export; not overwritten (--force replaces it)"
        )
    write_atomic(path, text)
    return state
