"""Exporting annotations: one live blog or every one, to Markdown or JSON files.

The one way `liveread export` and the app's `e` / `E` choose entries, render them, name the
files and write them. Every file is written atomically (`export.files.write_export`). A file
the user changed since liveread wrote it, or one liveread did not write, is never replaced
without a yes: the CLI refuses it (unless `--force`), the app sets it aside and asks
(`set_aside=True`), then writes it with `force`. Blocking: call it from a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel.errors import ExportConflictError, ExportWriteError, InputError, LivereadError
from liveread.kernel.model import AnnotatedEntry, Source

if TYPE_CHECKING:
    from liveread.export.files import TargetState
    from liveread.export.template import Templates
    from liveread.kernel.settings import Settings
    from liveread.storage import Store

Group = tuple[Source, Sequence[AnnotatedEntry]]
"""One live blog and the entries of it to export."""

EXTENSIONS = {"markdown": ".md", "json": ".json"}
"""The file name ending of each export format."""


def export_directory(settings: Settings) -> Path:
    """The export directory: the config's `export_dir`, else the platform's documents dir."""
    from liveread.kernel.paths import default_export_dir

    if settings.export_dir:
        return Path(settings.export_dir).expanduser()
    return default_export_dir()


def make_directory(directory: Path) -> None:
    """Create `directory` (and its parents); `ExportWriteError` naming it if that fails."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ExportWriteError(str(directory), f"cannot create the directory ({reason})") from None


def default_path(source: Source, directory: Path, fmt: str = "markdown") -> Path:
    """The file `source` exports to in `directory` (its earlier export there, if any)."""
    from liveread.export.files import safe_filename

    return safe_filename(source.title, directory, owner=source.location, extension=EXTENSIONS[fmt])


def target(path: Path, source: Source) -> Path:
    """The file a typed path means: a directory means this source's file inside it."""
    return default_path(source, path) if path.is_dir() else path


def gather(
    store: Store, source_id: int, query: str, annotated_only: bool
) -> tuple[Source, list[AnnotatedEntry]]:
    """The source and the entries to export: all of its entries, or only those the filter
    `query` keeps (when not empty); with `annotated_only`, only the marked ones."""
    source = store.source(source_id)
    if not query:
        return source, store.annotated_entries(source_id, annotated_only=annotated_only)
    count = store.count_filtered(source_id, query)
    ids = [e.id for e in store.filter_entries(source_id, query, 0, count)]
    return source, store.annotated_entries(entry_ids=ids, annotated_only=annotated_only)


def select_groups(
    store: Store, source_id: int | None, *, annotated_only: bool = True, tag: str | None = None
) -> list[Group]:
    """What to export: one source (even with nothing in it), or every source that has
    entries to export; with `tag`, only entries carrying it."""
    if source_id is not None:
        source = store.source(source_id)
        return [
            (source, store.annotated_entries(source_id, annotated_only=annotated_only, tag=tag))
        ]
    # Every blog's in one read (in source order, as the sources are listed), then split: the
    # annotated set is built once, not once per blog.
    by_source: dict[int, list[AnnotatedEntry]] = {}
    for item in store.annotated_entries(annotated_only=annotated_only, tag=tag):
        by_source.setdefault(item.entry.source_id, []).append(item)
    return [(s, by_source[s.id]) for s in store.sources() if s.id in by_source]


LAST_EXPORT = "last_export:"
"""The app state name (followed by the source's id) of the time a live blog was last exported."""


def last_export(store: Store, source_id: int) -> datetime | None:
    """When the live blog `source_id` was last exported (by the CLI or the app), if ever."""
    value = store.app_state(f"{LAST_EXPORT}{source_id}")
    if value is None:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)


def record_export(store: Store, groups: Sequence[Group], stamp: datetime) -> None:
    """Keep `stamp` (taken before the entries were read) as each group's last export.

    Kept to the second, as annotation times are: a change in the same second as the export
    is exported again next time rather than never."""
    kept = stamp.astimezone(UTC).replace(microsecond=0).isoformat()
    for source, _ in groups:
        store.set_app_state(f"{LAST_EXPORT}{source.id}", kept)


def since_last(store: Store, groups: Sequence[Group]) -> list[Group]:
    """Each group with only the highlights and notes changed since its last export (all of
    them for a live blog never exported); groups left with nothing are dropped."""
    from liveread.export.changes import changed_since

    kept: list[Group] = []
    for source, entries in groups:
        since = last_export(store, source.id)
        fresh = list(entries) if since is None else changed_since(entries, since)
        if fresh:
            kept.append((source, fresh))
    return kept


def templates_of(settings: Settings) -> Templates | None:
    """The config's `[export]` templates and `[colors]` meanings, or None for the built-in
    layout with no meanings."""
    from liveread.export.template import Templates

    if (
        settings.entry_template is None
        and settings.highlight_template is None
        and not settings.colors
    ):
        return None
    return Templates(settings.entry_template, settings.highlight_template, settings.colors)


def render(
    groups: Sequence[Group],
    fmt: str,
    exported_at: datetime | None = None,
    templates: Templates | None = None,
) -> list[str]:
    """One Markdown document per source (shaped by `templates`), or one JSON document for
    all of them."""
    from liveread import __version__

    stamp = exported_at or datetime.now(UTC)
    if fmt == "json":
        from liveread.export.annotations_json import render_json

        meanings = templates.meanings if templates else ()
        return [render_json(groups, exported_at=stamp, version=__version__, meanings=meanings)]
    from liveread.export.markdown import render_markdown

    return [
        render_markdown(
            source, entries, exported_at=stamp, version=__version__, templates=templates
        )
        for source, entries in groups
    ]


def render_one(source: Source, entries: Sequence[AnnotatedEntry]) -> str:
    """The Markdown note of one live blog's `entries`, stamped now."""
    (text,) = render([(source, entries)], "markdown")
    return text


def state_of(path: Path) -> TargetState:
    """What is at `path` now."""
    from liveread.export.files import target_state

    return target_state(path)


def must_ask(path: Path, fmt: str = "markdown") -> TargetState | None:
    """What is at `path` when it must not be replaced without a yes (not liveread's; for
    JSON also changed by the user, since a Markdown export the user changed is added to,
    see `write_markdown`); None when it may be written."""
    from liveread.export.files import TargetState

    state = state_of(path)
    asks = (
        (TargetState.FOREIGN,) if fmt == "markdown" else (TargetState.CHANGED, TargetState.FOREIGN)
    )
    return state if state in asks else None


def write(path: Path, text: str, force: bool) -> None:
    """Write atomically, making the directory first; `ExportConflictError` for a file that
    must not be replaced (unless `force`)."""
    from liveread.export.files import write_export

    make_directory(path.parent)
    write_export(path, text, force=force)


@dataclass(frozen=True, slots=True)
class Written:
    """One export file written."""

    path: Path
    """Where."""
    entries: int
    """How many entries it holds (when `added`: how many liveread's section holds)."""
    added: bool = False
    """True when the file was a Markdown export the user had edited, so what is new went into
    the section liveread owns (`export.managed`) and the user's text stayed as it was."""
    unchanged: bool = False
    """With `added`: nothing was new, and the file was left byte for byte as it was."""


def write_markdown(
    path: Path,
    source: Source,
    entries: Sequence[AnnotatedEntry],
    *,
    force: bool = False,
    exported_at: datetime | None = None,
    templates: Templates | None = None,
    unfiltered: Sequence[AnnotatedEntry] | None = None,
) -> Written:
    """Write one live blog's Markdown export to `path`; to a file the user edited since
    liveread wrote it, add what is new to liveread's section instead (unless `force`, which
    replaces it). A file liveread did not write is refused (`ExportConflictError`).

    `unfiltered` (with `--since-last`, the entries before `since_last` kept only the latest
    changes) is what an edited file's section is built from: the section holds everything
    changed since that file was exported, so it must not shrink to the latest changes."""
    from liveread.export.files import TargetState, read_export, write_atomic
    from liveread.export.managed import add_to_export

    if force or state_of(path) is not TargetState.CHANGED:
        (text,) = render([(source, entries)], "markdown", exported_at, templates)
        write(path, text, force=force)
        return Written(path, len(entries))
    existing = read_export(path)
    if existing is None:
        raise ExportWriteError(str(path), "cannot read the export to add to it")
    every = entries if unfiltered is None else unfiltered
    addition = add_to_export(existing, every, where=str(path), templates=templates)
    if addition.changed:
        # The user may have saved the file meanwhile: their newer text is never lost.
        if read_export(path) != existing:
            raise ExportConflictError(str(path), "changed while exporting; not changed, try again")
        write_atomic(path, addition.text)
    return Written(path, addition.entries, added=True, unchanged=not addition.changed)


@dataclass(frozen=True, slots=True)
class DirectoryReport:
    """What an export into a directory did."""

    directory: Path
    """Where the files went."""
    written: tuple[Written, ...] = ()
    """Files written."""
    conflicts: tuple[tuple[Path, str], ...] = ()
    """Files set aside (changed by the user, or not liveread's), with the new text."""
    problems: tuple[str, ...] = field(default=())
    """One line per file that could not be written (or was refused)."""


def export_to_directory(
    groups: Sequence[Group],
    directory: Path,
    fmt: str = "markdown",
    *,
    force: bool = False,
    set_aside: bool = False,
    templates: Templates | None = None,
    unfiltered: Mapping[int, Sequence[AnnotatedEntry]] | None = None,
) -> DirectoryReport:
    """One file per group into `directory`. A file that must not be replaced is refused (a
    problem) or, with `set_aside`, kept for the caller to ask about; `force` replaces it.
    `unfiltered`: each source's entries before `since_last` (see `write_markdown`)."""
    make_directory(directory)
    exported_at = datetime.now(UTC)
    written: list[Written] = []
    conflicts: list[tuple[Path, str]] = []
    problems: list[str] = []
    for source, entries in groups:
        try:
            path = default_path(source, directory, fmt)
            if set_aside and not force and must_ask(path, fmt) is not None:
                (text,) = render([(source, entries)], fmt, exported_at, templates)
                conflicts.append((path, text))
                continue
            if fmt == "markdown":
                # Renders the whole note, or only liveread's section of a file the user edited.
                done = write_markdown(
                    path,
                    source,
                    entries,
                    force=force,
                    exported_at=exported_at,
                    templates=templates,
                    unfiltered=(unfiltered or {}).get(source.id),
                )
            else:
                (text,) = render([(source, entries)], fmt, exported_at, templates)
                write(path, text, force=force)
                done = Written(path, len(entries))
        except LivereadError as exc:
            problems.append(str(exc))
        else:
            written.append(done)
    return DirectoryReport(directory, tuple(written), tuple(conflicts), tuple(problems))


def export_every_source(
    store: Store, directory: Path, templates: Templates | None = None
) -> DirectoryReport:
    """Every live blog with annotated entries, one Markdown file each, into `directory`;
    files liveread did not write set aside for the caller to ask about."""
    stamp = datetime.now(UTC)
    groups = select_groups(store, None)
    report = export_to_directory(groups, directory, set_aside=True, templates=templates)
    done = {written.path for written in report.written}
    record_export(store, [g for g in groups if default_path(g[0], directory) in done], stamp)
    return report


def export_to_file(
    groups: Sequence[Group],
    path: Path,
    fmt: str,
    *,
    force: bool,
    templates: Templates | None = None,
    unfiltered: Mapping[int, Sequence[AnnotatedEntry]] | None = None,
) -> Written:
    """Every group into the one file `path` (Markdown holds one live blog, JSON any number).
    `unfiltered`: each source's entries before `since_last` (see `write_markdown`)."""
    if fmt == "markdown" and len(groups) > 1:
        raise InputError(
            str(path),
            f"{len(groups)} sources to export and Markdown holds one:"
            " choose one with --source ID, or give a directory",
        )
    if fmt == "markdown" and groups:
        ((source, entries),) = groups
        return write_markdown(
            path,
            source,
            entries,
            force=force,
            templates=templates,
            unfiltered=(unfiltered or {}).get(source.id),
        )
    (text,) = render(groups, fmt, None, templates)
    write(path, text, force=force)
    return Written(path, sum(len(entries) for _, entries in groups))


def replace_all(conflicts: Sequence[tuple[Path, str]]) -> tuple[int, list[str]]:
    """Write the set-aside files the user agreed to replace: how many, and the problems."""
    replaced = 0
    problems: list[str] = []
    for path, text in conflicts:
        try:
            write(path, text, force=True)
        except LivereadError as exc:
            problems.append(str(exc))
        else:
            replaced += 1
    return replaced, problems
