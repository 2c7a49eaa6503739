"""`liveread export` and `liveread import-annotations`: annotations out to Markdown or JSON,
and a JSON export merged back into a database.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from liveread import __version__
from liveread.cli.common import open_store
from liveread.kernel.errors import ExportConflictError, ExportWriteError, InputError

if TYPE_CHECKING:
    from liveread.kernel.model import AnnotatedEntry, Source

    Group = tuple[Source, Sequence[AnnotatedEntry]]

MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""The largest annotation file `import-annotations` reads."""
MAX_SKIP_LINES = 20
"""How many skipped annotations are named one by one before the rest are counted."""
EXTENSIONS = {"markdown": ".md", "json": ".json"}


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `export` and `import-annotations` verbs."""
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export annotations to Markdown (Obsidian-ready) or JSON",
        description=(
            "Export annotated entries (or, with --all, every entry) of one source or of all."
            " Without -o, one file per source goes to the export directory (config"
            " 'export_dir'); -o DIR writes there; -o FILE writes one file; -o - prints."
            " A file changed since liveread wrote it is not replaced unless --force."
        ),
    )
    p.add_argument("--source", type=int, metavar="ID", help="only this source (see 'sources')")
    p.add_argument("--tag", metavar="TAG", help="only entries with this tag")
    p.add_argument(
        "--all", action="store_true", dest="all_entries", help="every entry, not only annotated"
    )
    p.add_argument(
        "--format", choices=sorted(EXTENSIONS), default="markdown", help="default: %(default)s"
    )
    p.add_argument("-o", "--output", metavar="PATH|-", help="a directory, a file, or - for stdout")
    p.add_argument("--force", action="store_true", help="replace files changed since exported")
    p.set_defaults(handler=run_export)
    p = sub.add_parser(
        "import-annotations",
        parents=[common],
        help="merge a JSON annotation export into the database",
        description=(
            "Apply FILE (from 'liveread export --format json') to the entries of the same blogs"
            " in this database, in one transaction. Annotations already present are not added"
            " again; those whose entry is missing are skipped and listed (exit 2)."
        ),
    )
    p.add_argument("file", metavar="FILE", help="a JSON annotation export")
    p.set_defaults(handler=run_import)


def export_dir() -> Path:
    """The export directory: the config's `export_dir`, else the platform's documents dir."""
    from liveread.kernel.paths import config_path, default_export_dir
    from liveread.kernel.settings import load_settings

    loaded = load_settings(config_path())
    if loaded.problem:
        print(f"liveread: {loaded.problem}", file=sys.stderr)
    if loaded.settings.export_dir:
        return Path(loaded.settings.export_dir).expanduser()
    return default_export_dir()


def _render(groups: Sequence[Group], fmt: str, exported_at: datetime) -> list[str]:
    """One document per source for Markdown; one for all of them for JSON."""
    if fmt == "json":
        from liveread.export.annotations_json import render_json

        return [render_json(groups, exported_at=exported_at, version=__version__)]
    from liveread.export.markdown import render_markdown

    return [
        render_markdown(source, entries, exported_at=exported_at, version=__version__)
        for source, entries in groups
    ]


def _write(path: Path, text: str, force: bool, what: str) -> bool:
    from liveread.export.files import write_export

    try:
        write_export(path, text, force=force)
    except (ExportConflictError, ExportWriteError) as exc:
        print(f"liveread: {exc}", file=sys.stderr)
        return False
    print(f"{path}: {what}", flush=True)
    return True


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _is_directory_target(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).expanduser().is_dir()


def _to_directory(directory: Path, groups: Sequence[Group], args: argparse.Namespace) -> int:
    from liveread.export.files import safe_filename

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportWriteError(
            str(directory), f"cannot create the directory ({exc.strerror})"
        ) from None
    exported_at = datetime.now(UTC)
    extension = EXTENSIONS[args.format]
    ok = True
    for source, entries in groups:
        (text,) = _render([(source, entries)], args.format, exported_at)
        path = safe_filename(source.title, directory, owner=source.location, extension=extension)
        ok = _write(path, text, args.force, _entries(len(entries))) and ok
    return 0 if ok else 2


def run_export(args: argparse.Namespace) -> int:
    """Export to stdout, one file, or one file per source; exit 2 if a file was refused."""
    with open_store(args) as store:
        sources = [store.source(args.source)] if args.source is not None else store.sources()
        groups: list[Group] = []
        for source in sources:
            entries = store.annotated_entries(
                source.id, annotated_only=not args.all_entries, tag=args.tag
            )
            if entries or args.source is not None:
                groups.append((source, entries))
    if not groups:
        what = "entries" if args.all_entries else "annotated entries"
        print(
            f"liveread: nothing to export: no {what}"
            + (f" tagged {args.tag!r}" if args.tag else ""),
            file=sys.stderr,
        )
        return 0
    output: str | None = args.output
    if output == "-":
        documents = _render(groups, args.format, datetime.now(UTC))
        sys.stdout.buffer.write("\n".join(documents).encode("utf-8"))
        sys.stdout.flush()
        return 0
    if output is None or _is_directory_target(output):
        directory = export_dir() if output is None else Path(output).expanduser()
        return _to_directory(directory, groups, args)
    path = Path(output).expanduser()
    if args.format == "markdown" and len(groups) > 1:
        raise InputError(
            str(path),
            f"{len(groups)} sources to export and Markdown holds one:"
            " choose one with --source ID, or give a directory",
        )
    (text,) = _render(groups, args.format, datetime.now(UTC))
    count = sum(len(entries) for _, entries in groups)
    return 0 if _write(path, text, args.force, _entries(count)) else 2


def _read_import_file(path: Path) -> bytes:
    from liveread.kernel.reading import read_bounded

    return read_bounded(path, MAX_IMPORT_BYTES, what="an annotation export")


def run_import(args: argparse.Namespace) -> int:
    """Parse the file (refused whole if it is not ours), apply it, print what happened."""
    from liveread.export.annotations_json import parse_annotations
    from liveread.storage.transfer import apply_annotations

    path = Path(args.file).expanduser()
    parsed = parse_annotations(_read_import_file(path), str(path))
    with open_store(args) as store:
        report = apply_annotations(store, parsed.records, malformed=parsed.malformed)
    print(f"{path}: {report.summary()}", flush=True)
    for skip in report.skipped[:MAX_SKIP_LINES]:
        print(
            f"liveread: {path}: annotation {skip.index + 1} skipped: {skip.reason}", file=sys.stderr
        )
    if len(report.skipped) > MAX_SKIP_LINES:
        print(
            f"liveread: {path}: ... and {len(report.skipped) - MAX_SKIP_LINES} more skipped",
            file=sys.stderr,
        )
    return 2 if report.skipped else 0
