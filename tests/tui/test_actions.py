"""The one key table: every binding named and explained, keys declared once, and the keys the
annotation issue needs still free."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from liveread.tui import actions
from liveread.tui.app import LivereadApp
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.export import ExportScreen
from liveread.tui.screens.keys import KeysScreen
from liveread.tui.screens.main import MainScreen
from liveread.tui.screens.quick_tags import QuickTagsScreen
from liveread.tui.widgets.sources import SourceList

ANNOTATION_KEYS = {"t", "s", "p", "v", "h", "a", "x", "u", "ctrl+r", "slash", "f", "T", "d"}
ANNOTATION_KEYS |= {str(n) for n in range(1, 10)}
"""Keys issue 5 (annotations) binds: tags, quick tags, star, pin, selection, highlight, note,
delete, undo, redo, search, filter, timeline, diff."""

EXPORT_KEYS = {"e", "E"}
"""Keys issue 6 binds: export the shown blog, export every blog."""


def test_every_action_has_a_unique_id_and_a_tooltip() -> None:
    ids = [a.id for a in actions.ACTIONS]
    assert len(ids) == len(set(ids))
    for action in actions.ACTIONS:
        assert action.tooltip.endswith("."), action.id
        assert action.description, action.id


def test_the_classes_bind_exactly_the_table() -> None:
    for cls, scope in (
        (LivereadApp, "app"),
        (MainScreen, "main"),
        (SourceList, "sources"),
        (KeysScreen, "keys"),
        (ConfirmScreen, "confirm"),
        (ExportScreen, "export"),
    ):
        bindings = [b for b in cls.BINDINGS if isinstance(b, Binding)]
        assert len(bindings) == len(cls.BINDINGS), cls
        assert {b.id for b in bindings} == {a.id for a in actions.in_scope(scope)}, cls
        assert all(b.tooltip for b in bindings), cls


def test_the_export_keys_are_bound_on_the_main_screen() -> None:
    bound = {
        key for a in actions.ACTIONS if a.scope == "main" for key in actions.effective_keys(a, {})
    }
    assert bound >= EXPORT_KEYS


def test_the_annotation_keys_are_bound_on_the_main_screen_or_the_reader() -> None:
    bound = {
        key
        for a in actions.ACTIONS
        if a.scope in ("main", "reader")
        for key in actions.effective_keys(a, {})
    }
    assert bound >= ANNOTATION_KEYS


def test_keymap_helpers() -> None:
    action = actions.action_by_id("entries.next")
    assert action is not None
    assert actions.effective_keys(action, {}) == ["j", "down"]
    assert actions.effective_keys(action, {"entries.next": "x, ctrl+n"}) == ["x", "ctrl+n"]
    assert actions.unknown_ids({"entries.next": "x", "nope": "y"}) == ["nope"]
    assert actions.key_label("question_mark") == "?"


def test_no_list_view_in_the_app() -> None:
    # The entry list must stay virtualised: ListView builds a widget per row.
    root = Path(actions.__file__).parent
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "ListView" not in text and "ListItem" not in text, path


def test_clashes_are_found_where_keys_are_in_force_together() -> None:
    assert actions.clashes({}) == []
    assert actions.clashes({"entries.next": "q"}) == ["q: entries.next, app.quit"]
    assert actions.clashes({"panes.sources": "?"}) == ["question_mark: panes.sources, app.keys"]
    # The sources pane's own j and k shadow the entry keys on purpose: no clash.
    assert actions.clashes({"sources.down": "x"}) == []


def test_every_row_runs_a_method_of_the_class_that_binds_it() -> None:
    # One typed action per verb: a row names `action_<verb>` of its class (or of the app or
    # the screen, by namespace) with arguments that method takes, never a verb string.
    from textual.actions import parse

    from liveread.tui.screens.diff import DiffScreen
    from liveread.tui.screens.links import LinksScreen
    from liveread.tui.screens.note_editor import NoteEditor
    from liveread.tui.screens.notebook import NotebookScreen
    from liveread.tui.screens.pick import PickScreen
    from liveread.tui.screens.prompt import PromptScreen
    from liveread.tui.screens.search_prompt import SearchPrompt
    from liveread.tui.widgets.reader import Reader

    owners: dict[str, tuple[type, ...]] = {
        "app": (LivereadApp,),
        "main": (MainScreen,),
        "sources": (SourceList,),
        "reader": (Reader,),
        "keys": (KeysScreen,),
        "confirm": (ConfirmScreen,),
        "view": (PickScreen, DiffScreen),
        "editor": (NoteEditor,),
        "prompt": (PromptScreen,),
        "export": (ExportScreen,),
        "links": (LinksScreen,),
        "legend": (QuickTagsScreen,),
        "search": (SearchPrompt,),
        "notebook": (NotebookScreen,),
    }
    namespaces: dict[str, type] = {"app": LivereadApp, "screen": MainScreen}
    for row in actions.ACTIONS:
        namespace, name, arguments = parse(row.action)
        classes = (namespaces[namespace],) if namespace else owners[row.scope]
        for cls in classes:
            method = getattr(cls, f"action_{name}", None)
            assert callable(method), f"{row.id}: {cls.__name__} has no action_{name}"
            code = method.__code__
            takes = code.co_argcount - 1
            defaults = len(method.__defaults__ or ())
            assert takes - defaults <= len(arguments) <= takes, (row.id, arguments)
