"""Annotation transfer: a JSON annotation export (`liveread export --format json`) merged into
this database, the use case behind `liveread import-annotations`.

The file is read with a bound that holds while reading (a FIFO, `/dev/zero` or a file that
grows is refused, not read for ever), parsed whole before anything is written (a file that
is not ours is refused), then applied in one transaction by `storage.annotation_import`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel import reading
from liveread.kernel.records import AnnotationFile, TransferReport

if TYPE_CHECKING:
    from liveread.storage import Store

MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""The largest annotation file `import-annotations` reads."""


def read_bounded(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of the annotation export at `path`, refused (`InputError` naming the path) if
    it is not a regular file or grows past `limit` while it is read."""
    return reading.read_bounded(path, limit, what="an annotation export")


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
