"""Annotation transfer: a JSON annotation export (`liveread export --format json`) merged into
this database, the use case behind `liveread import-annotations`.

The file is read with a bound that holds while reading (a FIFO, `/dev/zero` or a file that
grows is refused, not read for ever), parsed whole before anything is written (a file that
is not ours is refused), then applied in one transaction by `storage.annotation_import`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel.errors import InputError
from liveread.kernel.records import AnnotationFile, TransferReport

if TYPE_CHECKING:
    from liveread.storage import Store

MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""The largest annotation file `import-annotations` reads."""

_STEP = 1024 * 1024


def read_bounded(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of the regular file at `path`, refused once more than `limit` have been read.

    Every problem is an `InputError` naming the path.
    """
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except PermissionError:
        raise InputError(where, "permission denied") from None
    except OSError as exc:
        raise InputError(where, exc.strerror or "cannot be read") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(where, "is a directory, not an annotation export")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(where, "not a regular file (a device, pipe or socket)")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, _STEP):
            size += len(chunk)
            if size > limit:
                raise InputError(where, f"too large (the limit is {limit:,} bytes)")
            chunks.append(chunk)
    except OSError as exc:
        raise InputError(where, exc.strerror or "cannot be read") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_annotation_file(path: Path) -> AnnotationFile:
    """Read and parse the annotation export at `path`; `InputError` if it is not one."""
    from liveread.export.annotations_json import parse_annotations

    return parse_annotations(read_bounded(path), str(path))


def apply_annotation_file(store: Store, parsed: AnnotationFile) -> TransferReport:
    """Apply a parsed export to `store` in one transaction; what it added, found, skipped."""
    from liveread.storage.annotation_import import apply_annotations

    return apply_annotations(store, parsed.records, malformed=parsed.malformed)


def import_annotations(store: Store, path: Path) -> TransferReport:
    """Read, parse and apply the annotation export at `path` (one transaction)."""
    return apply_annotation_file(store, read_annotation_file(path))
