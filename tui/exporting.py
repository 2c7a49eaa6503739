"""Exports started from the app: `e` (the shown live blog, or what the filter shows, to a file
the user picks) and `E` (every live blog's annotated entries into the export directory).

The screen only starts them. Every file and database touch runs in a thread worker (the
default file name looks at the export directory, so even that); the dialog and the questions
come back to the event loop. A file the user changed since liveread wrote it, or one liveread
did not write, is replaced only after the user says yes. Any failure is one notification
naming the file or directory; nothing is half-written (`export.files.write_export` is atomic).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from liveread.kernel.errors import ExportWriteError, LivereadError
from liveread.kernel.model import AnnotatedEntry, Source
from liveread.storage import Store
from liveread.tui.display import plain
from liveread.tui.working import off_loop

if TYPE_CHECKING:
    from textual.screen import Screen

    from liveread.export.files import TargetState
    from liveread.kernel.settings import Settings
    from liveread.tui.port import MainPort
    from liveread.tui.screens.export import ExportChoice

T = TypeVar("T")

NOTHING_HINT = "choose All entries to export every entry"
"""Said when a live blog has no annotated entries to export."""


def export_directory(settings: Settings) -> Path:
    """The export directory: the config's `export_dir`, else the platform's documents dir."""
    from liveread.kernel.paths import default_export_dir

    if settings.export_dir:
        return Path(settings.export_dir).expanduser()
    return default_export_dir()


def entries_word(count: int) -> str:
    """`1 entry`, `3 entries`."""
    return f"{count:,} entr{'y' if count == 1 else 'ies'}"


def _make_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ExportWriteError(str(directory), f"cannot create the directory ({reason})") from None


def default_path(source: Source, directory: Path) -> Path:
    """(Blocking) the file `source` exports to in `directory` (its earlier export, if any)."""
    from liveread.export.files import safe_filename

    return safe_filename(source.title, directory, owner=source.location)


def gather(
    store: Store, source_id: int, query: str, annotated_only: bool
) -> tuple[Source, list[AnnotatedEntry]]:
    """(Blocking) the source and the entries to export: all of its entries, or only those the
    filter `query` keeps (when not empty); with `annotated_only`, only the marked ones."""
    source = store.source(source_id)
    if not query:
        return source, store.annotated_entries(source_id, annotated_only=annotated_only)
    count = store.count_filtered(source_id, query)
    ids = [e.id for e in store.filter_entries(source_id, query, 0, count)]
    return source, store.annotated_entries(entry_ids=ids, annotated_only=annotated_only)


def render(source: Source, entries: Sequence[AnnotatedEntry]) -> str:
    """The Markdown note of `entries`, stamped now."""
    from liveread import __version__
    from liveread.export.markdown import render_markdown

    return render_markdown(source, entries, exported_at=datetime.now(UTC), version=__version__)


def write(path: Path, text: str, force: bool) -> None:
    """(Blocking) write atomically, making the directory first."""
    from liveread.export.files import write_export

    _make_directory(path.parent)
    write_export(path, text, force=force)


def target(path: Path, source: Source) -> Path:
    """The file a typed path means: a directory means this source's file inside it."""
    return default_path(source, path) if path.is_dir() else path


def state_of(path: Path) -> TargetState:
    """(Blocking) what is at `path` now."""
    from liveread.export.files import target_state

    return target_state(path)


def replace_question(state: TargetState) -> str:
    """The question asked before replacing a file that is not an untouched liveread export."""
    from liveread.export.files import TargetState

    if state is TargetState.CHANGED:
        return "This file was changed since liveread exported it. Replace it?"
    return "This file was not written by liveread. Replace it?"


@dataclass(frozen=True, slots=True)
class AllReport:
    """What `E` did."""

    directory: Path
    """Where the files went."""
    written: tuple[Path, ...] = ()
    """Files written."""
    conflicts: tuple[tuple[Path, str], ...] = ()
    """Files not replaced yet (changed by the user, or not liveread's), with the new text."""
    problems: tuple[str, ...] = field(default=())
    """One line per file that could not be written."""


def export_every_source(store: Store, directory: Path) -> AllReport:
    """(Blocking) every live blog with annotated entries, one file each, into `directory`."""
    from liveread.export.files import TargetState

    _make_directory(directory)
    written: list[Path] = []
    conflicts: list[tuple[Path, str]] = []
    problems: list[str] = []
    for source in store.sources():
        entries = store.annotated_entries(source.id, annotated_only=True)
        if not entries:
            continue
        text = render(source, entries)
        try:
            path = default_path(source, directory)
            if state_of(path) in (TargetState.CHANGED, TargetState.FOREIGN):
                conflicts.append((path, text))
                continue
            write(path, text, force=False)
        except LivereadError as exc:
            problems.append(str(exc))
        else:
            written.append(path)
    return AllReport(directory, tuple(written), tuple(conflicts), tuple(problems))


class Exporter:
    """Runs the app's exports for the main screen: dialogs on the event loop, I/O in threads."""

    def __init__(self, port: MainPort) -> None:
        """Make an exporter for the screen behind `port` (its store, options, live blog)."""
        self.screen = port
        """The screen whose live blog is exported."""

    @property
    def directory(self) -> Path:
        """The export directory from the user's settings."""
        from liveread.kernel.settings import Settings

        return export_directory(Settings(export_dir=self.screen.options.export_dir))

    def _in_thread(self, work: Callable[[], None], name: str) -> None:
        async def flow() -> None:
            await off_loop(work, "Could not export")

        self.screen.run_flow(flow, name=name, group="export")

    def _later(self, callback: Callable[..., object], *args: object) -> None:
        """(Worker thread) run `callback(*args)` on the event loop."""
        self.screen.app.call_from_thread(callback, *args)

    def _dialog(self, dialog: Screen[T], answered: Callable[[T], None]) -> None:
        """Open `dialog` now; `answered(its answer)` once it is closed."""
        answer = self.screen.ask(dialog)

        async def flow() -> None:
            answered(await answer)

        self.screen.run_flow(flow, name="export-dialog", group="export-dialog")

    def _problem(self, message: str) -> None:
        self.screen.problem("Could not export", message)

    def _say(self, message: str) -> None:
        self.screen.say(plain(message), title="Export", timeout=8)

    def _key(self, binding_id: str) -> str:
        """The first key of a binding after the user's keymap, as people write it."""
        from liveread.tui import actions

        return actions.first_key(binding_id, self.screen.options.keymap) or binding_id

    # -- e: the shown live blog -----------------------------------------------------------

    def export_shown(self) -> None:
        """Ask where to export the shown live blog (or what the filter shows), then do it."""
        source = self.screen.source
        if source is None:
            self.screen.say("There is no live blog to export.")
            return
        query = self.screen.filter_query.strip()
        self._in_thread(partial(self._prepare, source, query), "export-prepare")

    def _prepare(self, source: Source, query: str) -> None:
        """(Worker thread) the proposed file, and what to call the export in the dialog."""
        try:
            path = default_path(source, self.directory)
            what = plain(source.title)
            if query:
                shown = self.screen.store.count_filtered(source.id, query)
                what = f"{entries_word(shown)} of {what} shown by the filter {plain(query)}"
        except (LivereadError, OSError) as exc:
            self._later(self._problem, str(exc))
            return
        self._later(self._ask, source, query, what, path)

    def _ask(self, source: Source, query: str, what: str, path: Path) -> None:
        from liveread.tui.screens.export import ExportScreen

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._in_thread(partial(self._export, source, query, choice, False), "export")

        self._dialog(ExportScreen(what, path, keymap=self.screen.options.keymap), chosen)

    def _export(self, source: Source, query: str, choice: ExportChoice, force: bool) -> None:
        """(Worker thread) gather, ask before replacing what must not be replaced, write."""
        from liveread.export.files import TargetState

        path = choice.path
        try:
            path = target(choice.path, source)
            fresh, entries = gather(self.screen.store, source.id, query, choice.annotated_only)
            if not entries:
                what = "annotated entries" if choice.annotated_only else "entries"
                hint = f"; {NOTHING_HINT}" if choice.annotated_only else ""
                self._later(self._say, f"Nothing to export: no {what} in {fresh.title}{hint}.")
                return
            if not force:
                state = state_of(path)
                if state in (TargetState.CHANGED, TargetState.FOREIGN):
                    self._later(self._confirm, source, query, choice, path, state)
                    return
            write(path, render(fresh, entries), force=force)
        except (LivereadError, OSError) as exc:
            message = str(exc) if isinstance(exc, LivereadError) else f"{path}: {exc}"
            self._later(self._problem, message)
            return
        self._later(self._say, f"Exported {entries_word(len(entries))} to {path}")

    def _confirm(
        self, source: Source, query: str, choice: ExportChoice, path: Path, state: TargetState
    ) -> None:
        from liveread.tui.screens.confirm import ConfirmScreen
        from liveread.tui.screens.export import ExportChoice

        def answered(yes: bool | None) -> None:
            if yes:
                again = ExportChoice(path, choice.annotated_only)
                self._in_thread(partial(self._export, source, query, again, True), "export")
            else:
                self._say(f"Not exported: {path} was left as it was.")

        self._dialog(
            ConfirmScreen(replace_question(state), str(path), keymap=self.screen.options.keymap),
            answered,
        )

    # -- E: every live blog ---------------------------------------------------------------

    def export_all(self) -> None:
        """Export every live blog's annotated entries into the export directory."""
        self._in_thread(self._export_all, "export-all")

    def _export_all(self) -> None:
        directory = self.directory
        try:
            report = export_every_source(self.screen.store, directory)
        except (LivereadError, OSError) as exc:
            message = str(exc) if isinstance(exc, LivereadError) else f"{directory}: {exc}"
            self._later(self._problem, message)
            return
        self._later(self._all_done, report)

    def _all_done(self, report: AllReport) -> None:
        for problem in report.problems:
            self._problem(problem)
        written = len(report.written)
        if written:
            noun = "live blog" if written == 1 else "live blogs"
            self._say(f"Exported {written} {noun} to {report.directory}")
        elif not report.conflicts and not report.problems:
            self._say(
                "Nothing to export: no live blog has annotated entries"
                f" ({self._key('export.source')} exports every entry of one)."
            )
        if report.conflicts:
            self._confirm_all(report)

    def _confirm_all(self, report: AllReport) -> None:
        from liveread.tui.screens.confirm import ConfirmScreen

        count = len(report.conflicts)
        names = ", ".join(path.name for path, _ in report.conflicts)
        question = (
            f"{count} file{'' if count == 1 else 's'} in {report.directory} changed since"
            " liveread exported them (or are not liveread's). Replace them?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._in_thread(partial(self._replace, report), "export-replace")
            else:
                self._say(f"Left {count} changed file{'' if count == 1 else 's'} as they were.")

        self._dialog(ConfirmScreen(question, names, keymap=self.screen.options.keymap), answered)

    def _replace(self, report: AllReport) -> None:
        """(Worker thread) write the files the user agreed to replace."""
        replaced = 0
        for path, text in report.conflicts:
            try:
                write(path, text, force=True)
            except LivereadError as exc:
                self._later(self._problem, str(exc))
            else:
                replaced += 1
        if replaced:
            noun = "file" if replaced == 1 else "files"
            self._later(self._say, f"Replaced {replaced} changed {noun} in {report.directory}")
