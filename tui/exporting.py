"""Exports started from the app: `e` (the shown live blog, or what the filter shows, to a file
the user picks) and `E` (every live blog's annotated entries into the export directory).

The screen only starts them. Every file and database touch runs in a thread worker (the
default file name looks at the export directory, so even that); the dialog and the questions
come back to the event loop; the export work itself is `liveread.services.exporting`, the same as
`liveread export`. A Markdown export the user edited is added to (what is new goes into
liveread's own section, `export.managed`); a file liveread did not write is replaced only
after the user says yes. Any failure is one notification
naming the file or directory; nothing is half-written (`export.files.write_export` is atomic).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import Source
from liveread.services.exporting import (
    DirectoryReport,
    default_path,
    export_directory,
    export_every_source,
    gather,
    must_ask,
    record_export,
    replace_all,
    target,
    templates_of,
    write_markdown,
)
from liveread.services.wording import plural
from liveread.tui.display import plain
from liveread.tui.working import off_loop

if TYPE_CHECKING:
    from textual.screen import Screen

    from liveread.export.files import TargetState
    from liveread.export.template import Templates
    from liveread.tui.port import MainPort
    from liveread.tui.screens.export import ExportChoice

T = TypeVar("T")

NOTHING_HINT = "choose All entries to export every entry"
"""Said when a live blog has no annotated entries to export."""


def replace_question(state: TargetState) -> str:
    """The question asked before replacing a file that is not an untouched liveread export."""
    from liveread.export.files import TargetState

    if state is TargetState.CHANGED:
        return "This file was changed since liveread exported it. Replace it?"
    return "This file was not written by liveread. Replace it?"


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

    @property
    def templates(self) -> Templates | None:
        """The config's export templates, or None for the built-in layout."""
        from liveread.kernel.settings import Settings

        entry, highlight = self.screen.options.export_templates
        colors = self.screen.options.colors
        return templates_of(
            Settings(entry_template=entry, highlight_template=highlight, colors=colors)
        )

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
        if self.screen.view is not None or self.screen.everywhere:
            # The list holds several blogs' entries; an export is of one blog.
            self.screen.say("Export writes one live blog: escape first to go back to it.")
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
                what = f"{plural(shown, 'entry')} of {what} shown by the filter {plain(query)}"
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
        path = choice.path
        stamp = datetime.now(UTC)
        try:
            path = target(choice.path, source)
            fresh, entries = gather(self.screen.store, source.id, query, choice.annotated_only)
            if not entries:
                what = "annotated entries" if choice.annotated_only else "entries"
                hint = f"; {NOTHING_HINT}" if choice.annotated_only else ""
                self._later(self._say, f"Nothing to export: no {what} in {fresh.title}{hint}.")
                return
            state = None if force else must_ask(path)
            if state is not None:
                self._later(self._confirm, source, query, choice, path, state)
                return
            done = write_markdown(path, fresh, entries, force=force, templates=self.templates)
            record_export(self.screen.store, [(fresh, entries)], stamp)
        except (LivereadError, OSError) as exc:
            message = str(exc) if isinstance(exc, LivereadError) else f"{path}: {exc}"
            self._later(self._problem, message)
            return
        if not done.added:
            self._later(self._say, f"Exported {plural(len(entries), 'entry')} to {path}")
        elif done.unchanged:
            self._later(self._say, f"Nothing new to add to {path} (you edited it; kept as it is)")
        else:
            self._later(
                self._say,
                f"Added to {path}: you edited it, so your text was kept and liveread's section"
                f" at its end now holds {plural(done.entries, 'entry')}",
            )

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
            report = export_every_source(self.screen.store, directory, self.templates)
        except (LivereadError, OSError) as exc:
            message = str(exc) if isinstance(exc, LivereadError) else f"{directory}: {exc}"
            self._later(self._problem, message)
            return
        self._later(self._all_done, report)

    def _all_done(self, report: DirectoryReport) -> None:
        for problem in report.problems:
            self._problem(problem)
        written = len(report.written)
        if written:
            self._say(f"Exported {plural(written, 'live blog')} to {report.directory}")
        elif not report.conflicts and not report.problems:
            self._say(
                "Nothing to export: no live blog has annotated entries"
                f" ({self._key('export.source')} exports every entry of one)."
            )
        if report.conflicts:
            self._confirm_all(report)

    def _confirm_all(self, report: DirectoryReport) -> None:
        from liveread.tui.screens.confirm import ConfirmScreen

        count = len(report.conflicts)
        names = ", ".join(path.name for path, _ in report.conflicts)
        question = (
            f"{plural(count, 'file')} in {report.directory} changed since"
            " liveread exported them (or are not liveread's). Replace them?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._in_thread(partial(self._replace, report), "export-replace")
            else:
                self._say(f"Left {plural(count, 'changed file')} as they were.")

        self._dialog(ConfirmScreen(question, names, keymap=self.screen.options.keymap), answered)

    def _replace(self, report: DirectoryReport) -> None:
        """(Worker thread) write the files the user agreed to replace."""
        replaced, problems = replace_all(report.conflicts)
        for problem in problems:
            self._later(self._problem, problem)
        if replaced:
            self._later(
                self._say, f"Replaced {plural(replaced, 'changed file')} in {report.directory}"
            )
