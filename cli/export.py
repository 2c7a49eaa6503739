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

from liveread.cli.common import open_store, row_id, settings
from liveread.cli.output import problem, say
from liveread.services.exporting import EXTENSIONS, Group, Written
from liveread.services.wording import plural

MAX_SKIP_LINES = 20
"""How many skipped annotations are named one by one before the rest are counted."""


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
            " A Markdown export you edited is never replaced (unless --force): what is new goes"
            " into the section liveread owns at its end, between <!-- liveread:added -->"
            " markers. A JSON export you changed, or a file liveread did not write, is refused"
            " unless --force."
        ),
    )
    p.add_argument("--source", type=row_id, metavar="ID", help="only this source (see 'sources')")
    p.add_argument("--tag", metavar="TAG", help="only entries with this tag")
    p.add_argument(
        "--all", action="store_true", dest="all_entries", help="every entry, not only annotated"
    )
    p.add_argument(
        "--format", choices=sorted(EXTENSIONS), default="markdown", help="default: %(default)s"
    )
    p.add_argument(
        "--since-last",
        action="store_true",
        help="only highlights and notes new or changed since each blog's last export",
    )
    p.add_argument("-o", "--output", metavar="PATH|-", help="a directory, a file, or - for stdout")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace files changed since exported (without it an edited Markdown export is"
        " added to)",
    )
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


def _is_directory_target(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).expanduser().is_dir()


def run_export(args: argparse.Namespace) -> int:
    """Export to stdout, one file, or one file per source; exit 2 if a file was refused.
    Each live blog exported is remembered as exported now (for `--since-last`)."""
    from liveread.services import exporting

    # Taken before the entries are read: a change made meanwhile counts as new next time.
    stamp = datetime.now(UTC)
    templates = exporting.templates_of(settings())
    with open_store(args) as store:
        groups = exporting.select_groups(
            store, args.source, annotated_only=not args.all_entries, tag=args.tag
        )
        unfiltered = {source.id: entries for source, entries in groups}
        if args.since_last:
            groups = exporting.since_last(store, groups)
    if not groups:
        what = "entries" if args.all_entries else "annotated entries"
        if args.since_last:
            what = "highlights or notes new or changed since the last export"
        problem(f"nothing to export: no {what}" + (f" tagged {args.tag!r}" if args.tag else ""))
        return 0
    output: str | None = args.output
    if output == "-":
        documents = exporting.render(groups, args.format, stamp, templates)
        sys.stdout.buffer.write("\n".join(documents).encode("utf-8"))
        sys.stdout.flush()
        _remember(args, groups, stamp)
        return 0
    if output is None or _is_directory_target(output):
        if output is None:
            directory = exporting.export_directory(settings())
        else:
            directory = Path(output).expanduser()
        report = exporting.export_to_directory(
            groups,
            directory,
            args.format,
            force=args.force,
            templates=templates,
            unfiltered=unfiltered,
        )
        for done in report.written:
            say(_wrote(done))
        for line in report.problems:
            problem(line)
        written = {done.path for done in report.written}
        kept = [
            group
            for group in groups
            if exporting.default_path(group[0], directory, args.format) in written
        ]
        if kept:
            _remember(args, kept, stamp)
        return 2 if report.problems else 0
    done = exporting.export_to_file(
        groups,
        Path(output).expanduser(),
        args.format,
        force=args.force,
        templates=templates,
        unfiltered=unfiltered,
    )
    say(_wrote(done))
    _remember(args, groups, stamp)
    return 0


def _remember(args: argparse.Namespace, groups: Sequence[Group], stamp: datetime) -> None:
    from liveread.services.exporting import record_export

    with open_store(args) as store:
        record_export(store, groups, stamp)


def _wrote(done: Written) -> str:
    """One line for a file written, or added to (a Markdown export the user edited)."""
    if not done.added:
        return f"{done.path}: {plural(done.entries, 'entry')}"
    if done.unchanged:
        return f"{done.path}: edited since exported; nothing new to add"
    return (
        f"{done.path}: edited since exported; your text kept, liveread's section now holds"
        f" {plural(done.entries, 'entry')}"
    )


def run_import(args: argparse.Namespace) -> int:
    """Parse the file (refused whole if it is not ours), apply it, print what happened."""
    from liveread.services.transfer import apply_annotation_file, read_annotation_file

    path = Path(args.file).expanduser()
    parsed = read_annotation_file(path)
    with open_store(args) as store:
        report = apply_annotation_file(store, parsed)
    say(f"{path}: {report.summary()}")
    for skip in report.skipped[:MAX_SKIP_LINES]:
        problem(f"{path}: annotation {skip.index + 1} skipped: {skip.reason}")
    if len(report.skipped) > MAX_SKIP_LINES:
        problem(f"{path}: ... and {len(report.skipped) - MAX_SKIP_LINES} more skipped")
    return 2 if report.skipped else 0
