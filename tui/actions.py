"""Every key of the reader, declared once.

One row per user action: its stable binding id (what a `[keymap]` table in the config file
names), its default keys, the Textual action it runs (one `action_<verb>` method of the class
that binds it; `tests/tui/test_actions.py` checks each exists), a short description (the
Footer and the command palette) and a tooltip (the Footer's hover text and the `?` keys
panel). Rows are written with keywords and grouped by the class that binds them; the
quick-tag and highlight-colour rows are generated. `bindings()` turns the rows of one scope
into the `BINDINGS` of the class that owns that scope; the palette, the keys panel, the
clash check and the README's keys table read the same rows, so a key is written down once.

Binding ids are part of the user's config files: never rename one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Literal

from textual.binding import Binding, BindingType

from liveread.kernel.colors import HIGHLIGHT_COLORS

Scope = Literal[
    "app", "main", "sources", "reader", "keys", "confirm", "view", "editor", "prompt", "export",
    "links", "legend", "search", "notebook",
]
"""Where a row is bound: the App, the main screen, the sources pane, the reader pane (its
cursor and selection), or a modal screen (keys panel, yes/no, a view, the note editor, the
export dialog, the links chooser, the quick tags legend, the notebook)."""

Section = Literal[
    "Entries", "Reader", "Annotate", "Find", "Panes", "Sources", "App", "Export", "Dialogs"
]
"""The heading a row is listed under in the keys panel."""


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyRow:
    """One user action and its default keys."""

    id: str
    """Stable binding id, used in the config file's `[keymap]` table."""
    keys: str
    """Default keys, comma separated, in Textual's key names (`j,down`, `question_mark`)."""
    action: str
    """The Textual action it runs, e.g. `next_entry`, `quick_tag(1)` or `app.quit`."""
    description: str
    """Its name in the command palette and the keys panel."""
    tooltip: str
    """One sentence saying what it does: Footer hover text, palette help, keys panel."""
    scope: Scope
    """Which class binds it."""
    section: Section
    """Heading in the keys panel."""
    show: bool = False
    """Shown in the Footer."""
    label: str = ""
    """The Footer's one-word label; the description when empty."""
    palette: bool = True
    """Offered in the command palette."""
    group: Binding.Group | None = None
    """Footer group: actions sharing one are shown as one item (`j k move`)."""
    priority: bool = False
    """Checked before the focused widget's own keys (the screen's `check_action` hands the
    key back to a pane that has its own use for it, such as the sources pane's arrows)."""

    def binding(self) -> Binding:
        """The Textual binding for this row."""
        return Binding(
            self.keys,
            self.action,
            self.label or self.description,
            show=self.show,
            tooltip=self.tooltip,
            id=self.id,
            group=self.group,
            priority=self.priority,
        )


# The rows below are aligned by hand as a table.
# fmt: off

_MOVE = Binding.Group("move", compact=True)
_SCROLL = Binding.Group("scroll", compact=True)

# -- the main screen (`screens.main.MainScreen`): they work from every pane ------------------
# The keys that move the focus or the selection are priority keys: handled as they arrive, so
# a key typed straight after one goes where the focus went (a plain key travels through the
# focused pane first and would be overtaken by the priority keys typed after it).

_entries = partial(KeyRow, scope="main", section="Entries")
_panes = partial(KeyRow, scope="main", section="Panes")
_annotate = partial(KeyRow, scope="main", section="Annotate")
_find = partial(KeyRow, scope="main", section="Find")

MAIN_KEYS: tuple[KeyRow, ...] = (
    _entries(id="entries.next", keys="j,down", action="next_entry", description="Next entry",
             tooltip="Select the entry below in the list.",
             show=True, group=_MOVE, label="move", priority=True),
    _entries(id="entries.previous", keys="k,up", action="previous_entry",
             description="Previous entry", tooltip="Select the entry above in the list.",
             show=True, group=_MOVE, label="move", priority=True),
    _entries(id="entries.first", keys="g,home", action="first_entry", description="First entry",
             tooltip="Select the first entry in the list (the newest).", priority=True),
    _entries(id="entries.last", keys="G,end", action="last_entry", description="Last entry",
             tooltip="Select the last entry in the list (the oldest).", priority=True),
    _entries(id="entries.next_unread", keys="n", action="next_unread", description="Next unread",
             tooltip="Select the next unread entry, wrapping round to the top.",
             show=True, label="unread"),
    _entries(id="entries.previous_unread", keys="N", action="previous_unread",
             description="Previous unread",
             tooltip="Select the previous unread entry, wrapping round to the bottom."),
    _entries(id="entries.toggle_read", keys="m", action="toggle_read", description="Read/unread",
             tooltip="Mark the selected entry read, or unread again.", show=True, label="read"),
    _entries(id="entries.open_link", keys="o", action="open_link", description="Open link",
             tooltip="Offer the selected entry's own link and the links in its text by"
             " number; the one you choose is shown, then opened in your browser.",
             label="open"),
    _entries(id="entries.copy_link", keys="y", action="copy_link", description="Copy link",
             tooltip="Copy a link of the selected entry to the clipboard: its own link, or"
             " the one you choose by number when its text has links.", label="copy"),
    _entries(id="entries.mark", keys="space", action="toggle_mark", description="Mark",
             tooltip="Mark the selected entry for a bulk action, or unmark it; with marks,"
             " t, 1-9, s, p and m act on every marked entry as one undoable step.",
             label="mark"),
    _entries(id="entries.mark_all", keys="asterisk", action="mark_all",
             description="Mark all shown",
             tooltip="Mark every entry the list shows (the filter or search results)."),
    _entries(id="entries.unmark_all", keys="U", action="unmark_all",
             description="Clear marks",
             tooltip="Unmark every marked entry (escape does it too, before clearing the"
             " filter)."),
    KeyRow(id="reader.page_down", keys="pagedown", action="reader_page_down",
           description="Scroll down", tooltip="Scroll the entry's text down by a page.",
           scope="main", section="Reader", show=True, group=_SCROLL, label="scroll"),
    KeyRow(id="reader.page_up", keys="pageup", action="reader_page_up",
           description="Scroll up", tooltip="Scroll the entry's text up by a page.",
           scope="main", section="Reader", show=True, group=_SCROLL, label="scroll"),
    _panes(id="panes.focus_next", keys="tab", action="app.focus_next", description="Next pane",
           tooltip="Move the focus to the next pane.", priority=True),
    _panes(id="panes.focus_previous", keys="shift+tab", action="app.focus_previous",
           description="Previous pane", tooltip="Move the focus to the previous pane.",
           priority=True),
    _panes(id="panes.sources", keys="b", action="toggle_sources", description="Sources",
           tooltip="Show or hide the list of live blogs, to switch between them (in the"
           " reader, b moves back a word).",
           show=True, label="sources", priority=True),
    KeyRow(id="sources.reload", keys="r", action="reload", description="Reload",
           tooltip="Read the selected live blog again from its file or web address.",
           scope="main", section="Sources", label="reload"),
    KeyRow(id="sources.reload_all", keys="R", action="reload_all", description="Reload all",
           tooltip="Read every live blog again from its file or web address.",
           scope="main", section="Sources"),
    KeyRow(id="sources.add", keys="plus", action="add_source",
           description="Add a live blog…",
           tooltip="Add a live blog: a file (the path completes as you type), a web address,"
           " or sample:<file>.", scope="main", section="Sources"),
    KeyRow(id="sources.rename", keys="C", action="rename_source",
           description="Rename live blog",
           tooltip="Give the selected live blog a name of your own (empty: the page's title).",
           scope="main", section="Sources"),
    KeyRow(id="sources.remove", keys="D", action="remove_source",
           description="Remove live blog",
           tooltip="Remove the selected live blog; one holding annotations asks first and"
           " exports them to JSON beside the database before anything is deleted.",
           scope="main", section="Sources"),
    KeyRow(id="sources.mark_read", keys="A", action="mark_source_read",
           description="Mark blog read",
           tooltip="Mark every entry of the selected live blog read.",
           scope="main", section="Sources"),
    _annotate(id="tags.prompt", keys="t", action="tag_prompt", description="Tag",
              tooltip="Add tags to the selected entry, or remove them with -name"
              " (comma separated); with the reader's cursor on a highlight, to the highlight.",
              label="tag"),
    *(
        _annotate(id=f"tags.quick_{n}", keys=str(n), action=f"quick_tag({n})",
                  description=f"Quick tag {n}",
                  tooltip=f"Add or remove quick tag {n} (quick_tags in the config file).")
        for n in range(1, 10)
    ),
    _annotate(id="tags.legend", keys="L", action="quick_legend", description="Quick tags",
              tooltip="Show which tag each of the keys 1-9 adds or removes.",
              label="legend"),
    _annotate(id="entries.star", keys="s", action="star", description="Star",
              tooltip="Star the selected entry, or unstar it.", label="star"),
    _annotate(id="entries.pin", keys="p", action="pin", description="Key event",
              tooltip="Mark the selected entry as a key event (pinned), or unmark it.",
              label="pin"),
    _annotate(id="highlight.start", keys="v", action="select", description="Select",
              tooltip="Start a selection at the reader's cursor, to highlight it.",
              label="select"),
    _annotate(id="notes.edit", keys="a", action="note", description="Note",
              tooltip="Write a note on the entry, or on the highlight under the reader's"
              " cursor.", label="note"),
    _annotate(id="annotations.delete", keys="x", action="delete", description="Delete",
              tooltip="Delete the highlight or note under the reader's cursor (u undoes)."),
    _annotate(id="highlight.accept_change", keys="c", action="accept_highlight_change",
              description="Accept changed words",
              tooltip="Take the words an edit changed the highlight under the reader's cursor"
              " to as its quote, so it no longer shows as changed (u undoes)."),
    _annotate(id="annotations.undo", keys="u", action="undo", description="Undo",
              tooltip="Undo the last annotation action; again for the one before.",
              label="undo"),
    _annotate(id="annotations.redo", keys="ctrl+r", action="redo", description="Redo",
              tooltip="Redo the last undone annotation action.", label="redo"),
    _find(id="find.search", keys="slash", action="search", description="Search",
          tooltip="Search headlines, bodies and notes of this live blog (g then / or tab in"
          " the prompt: every live blog); the list shows the matches.", label="search"),
    _find(id="find.filter", keys="f", action="filter", description="Filter",
          tooltip="Filter the list with the query language (tag:x, starred, unread,"
          " since:2h, source:name, words…).", label="filter"),
    _find(id="find.clear", keys="escape", action="clear", description="Clear filter",
          tooltip="Leave the search results or the filter: every entry again."),
    _find(id="views.timeline", keys="T", action="timeline", description="Key events",
          tooltip="Show the key events (pinned entries) of every live blog as a timeline."),
    _find(id="views.orphans", keys="O", action="orphans", description="Orphans",
          tooltip="List the highlights whose words an edit removed (orphaned)."),
    _find(id="views.notebook", keys="H", action="notebook", description="Notebook",
          tooltip="Show every highlight and note of every live blog, newest first, to"
          " filter and go to."),
    _find(id="views.diff", keys="d", action="diff", description="Changes",
          tooltip="Show what the newsroom changed between the revisions of the selected"
          " entry."),
)
"""Keys of the main screen."""

# -- the sources pane (`widgets.sources.SourceList`) -----------------------------------------

_sources = partial(KeyRow, scope="sources", section="Sources", palette=False)

SOURCES_KEYS: tuple[KeyRow, ...] = (
    _sources(id="sources.down", keys="j", action="cursor_down", description="Down",
             tooltip="Highlight the next live blog in the sources pane."),
    _sources(id="sources.up", keys="k", action="cursor_up", description="Up",
             tooltip="Highlight the previous live blog in the sources pane."),
    _sources(id="sources.first", keys="g", action="first", description="First",
             tooltip="Highlight the first live blog in the sources pane."),
    _sources(id="sources.last", keys="G", action="last", description="Last",
             tooltip="Highlight the last live blog in the sources pane."),
    _sources(id="sources.close", keys="escape", action="screen.hide_sources",
             description="Close", tooltip="Hide the sources pane."),
)
"""Keys of the sources pane (its j, k, g and G shadow the entry keys while it has the focus)."""

# -- the reader's cursor and selection (`widgets.reader.Reader`, while it has the focus) ----

_reader = partial(KeyRow, scope="reader", section="Reader", palette=False)


def _caret(id: str, keys: str, how: str, description: str, tooltip: str) -> KeyRow:
    return _reader(id=id, keys=keys, action=f"caret('{how}')", description=description,
                   tooltip=tooltip)


READER_KEYS: tuple[KeyRow, ...] = (
    _caret("reader.left", "left", "left", "Cursor left",
           "Move the reader's cursor (or the end of the selection) one character left."),
    _caret("reader.right", "right", "right", "Cursor right",
           "Move the reader's cursor one character right."),
    _caret("reader.up", "up", "up", "Cursor up", "Move the reader's cursor one line up."),
    _caret("reader.down", "down", "down", "Cursor down",
           "Move the reader's cursor one line down."),
    _caret("reader.word_next", "w,ctrl+right", "word_next", "Next word",
           "Move the reader's cursor to the next word."),
    _caret("reader.word_previous", "b,ctrl+left", "word_previous", "Previous word",
           "Move the reader's cursor back a word."),
    _caret("reader.sentence_next", "right_parenthesis", "sentence_next", "Next sentence",
           "Move the reader's cursor to the next sentence."),
    _caret("reader.sentence_previous", "left_parenthesis", "sentence_previous",
           "Previous sentence", "Move the reader's cursor back a sentence."),
    _caret("reader.paragraph_next", "right_curly_bracket", "paragraph_next", "Next paragraph",
           "Move the reader's cursor to the next paragraph."),
    _caret("reader.paragraph_previous", "left_curly_bracket", "paragraph_previous",
           "Previous paragraph", "Move the reader's cursor back a paragraph."),
    _reader(id="highlight.make", keys="h,enter", action="highlight(None)",
            description="Highlight",
            tooltip="Highlight the selection (keyboard or mouse) in the first colour."),
    *(
        _reader(id=f"highlight.color_{n}", keys=str(n), action=f"highlight('{color}')",
                description=f"Highlight {color}",
                tooltip=f"While selecting: highlight the selection in {color}.")
        for n, color in enumerate(HIGHLIGHT_COLORS, 1)
    ),
    _reader(id="highlight.cancel", keys="escape", action="cancel_selection",
            description="Cancel selection", tooltip="Drop the selection without highlighting."),
)
"""Keys of the reader pane while it has the focus."""

# -- the app (`app.LivereadApp`) ---------------------------------------------------------------

_app = partial(KeyRow, scope="app", section="App")

APP_KEYS: tuple[KeyRow, ...] = (
    _app(id="app.keys", keys="question_mark", action="app.show_keys", description="Keys",
         tooltip="List every key and what it does.", show=True, label="keys"),
    _app(id="app.palette", keys="ctrl+p", action="app.command_palette", description="Palette",
         tooltip="Search every command, and go to a live blog by name.",
         palette=False, priority=True, label="palette"),
    _app(id="app.quit", keys="q", action="app.quit", description="Quit",
         tooltip="Leave liveread; your place in every live blog is kept.",
         show=True, label="quit"),
)
"""Keys that work on every screen."""

EXPORT_KEYS: tuple[KeyRow, ...] = (
    KeyRow(id="export.source", keys="e", action="export_source", description="Export",
           tooltip="Export the shown live blog, or what the filter shows, to a Markdown"
           " file you choose.", scope="main", section="Export", label="export"),
    KeyRow(id="export.all", keys="E", action="export_all", description="Export all",
           tooltip="Export the annotated entries of every live blog to Markdown files in"
           " the export directory.", scope="main", section="Export"),
)
"""The main screen's export keys (listed after the app's in the palette)."""

# -- the dialogs (`screens.*`) -----------------------------------------------------------------

_dialog = partial(KeyRow, section="Dialogs", palette=False)

DIALOG_KEYS: tuple[KeyRow, ...] = (
    _dialog(id="view.close", keys="escape,q", action="close", description="Close",
            tooltip="Close the view and go back to the list.", scope="view",
            show=True, label="close"),
    _dialog(id="view.down", keys="j", action="move('down')", description="Down",
            tooltip="Highlight the next row of the view.", scope="view",
            show=True, group=_MOVE, label="move"),
    _dialog(id="view.up", keys="k", action="move('up')", description="Up",
            tooltip="Highlight the previous row of the view.", scope="view",
            show=True, group=_MOVE, label="move"),
    _dialog(id="view.first", keys="g", action="move('first')", description="First",
            tooltip="Highlight the first row of the view.", scope="view"),
    _dialog(id="view.last", keys="G", action="move('last')", description="Last",
            tooltip="Highlight the last row of the view.", scope="view"),
    _dialog(id="view.open", keys="enter", action="open", description="Go to entry",
            tooltip="Show the chosen entry in the list and the reader.", scope="view",
            show=True, label="go"),
    _dialog(id="notebook.close", keys="escape,q", action="close", description="Close",
            tooltip="Close the notebook (from its filter line: back to the list).",
            scope="notebook", show=True, label="close"),
    _dialog(id="notebook.down", keys="j", action="move('down')", description="Down",
            tooltip="Highlight the next highlight or note of the notebook.", scope="notebook",
            show=True, group=_MOVE, label="move"),
    _dialog(id="notebook.up", keys="k", action="move('up')", description="Up",
            tooltip="Highlight the previous highlight or note of the notebook.",
            scope="notebook", show=True, group=_MOVE, label="move"),
    _dialog(id="notebook.first", keys="g", action="move('first')", description="First",
            tooltip="Highlight the newest highlight or note of the notebook.", scope="notebook"),
    _dialog(id="notebook.last", keys="G", action="move('last')", description="Last",
            tooltip="Highlight the oldest highlight or note of the notebook.", scope="notebook"),
    _dialog(id="notebook.filter", keys="slash,f", action="type_filter", description="Filter",
            tooltip="Filter the notebook: color:pink, tag:x, blog:name,"
            " status:anchored/changed/orphaned and words.", scope="notebook",
            show=True, label="filter"),
    _dialog(id="notebook.open", keys="enter", action="open", description="Go to entry",
            tooltip="Show the entry of the highlighted highlight or note in the list and the"
            " reader.", scope="notebook", show=True, label="go"),
    _dialog(id="editor.save", keys="ctrl+s", action="save", description="Save note",
            tooltip="Save the note and close the editor.", scope="editor",
            show=True, label="save"),
    _dialog(id="editor.cancel", keys="escape", action="cancel", description="Close editor",
            tooltip="Close the editor; asks first if the note was changed.", scope="editor",
            priority=True, show=True, label="close"),
    _dialog(id="prompt.cancel", keys="escape", action="cancel", description="Close prompt",
            tooltip="Close the prompt (tags, search, filter) without changing anything.",
            scope="prompt", show=True, label="close"),
    _dialog(id="search_prompt.scope", keys="tab", action="toggle_scope",
            description="This blog / every blog",
            tooltip="In the search prompt: search every live blog instead of the shown one,"
            " or the other way round.", scope="search"),
    _dialog(id="export_dialog.cancel", keys="escape", action="cancel", description="Cancel",
            tooltip="Close the export dialog without writing anything.", scope="export",
            show=True, label="cancel"),
    _dialog(id="keys.close", keys="escape,q,question_mark", action="close",
            description="Close", tooltip="Close the keys panel.", scope="keys",
            show=True, label="close"),
    _dialog(id="confirm.yes", keys="y,enter", action="answer(True)", description="Yes",
            tooltip="Confirm: for example, open the link shown.", scope="confirm",
            show=True, label="yes"),
    _dialog(id="confirm.no", keys="n,escape", action="answer(False)", description="No",
            tooltip="Cancel and close the dialog.", scope="confirm",
            show=True, label="no"),
    *(
        _dialog(id=f"links.pick_{n}", keys=str(n), action=f"pick({n})",
                description=f"Link {n}",
                tooltip=f"Choose link {n} of the entry (0 is the entry's own link).",
                scope="links")
        for n in range(10)
    ),
    _dialog(id="links.open", keys="enter", action="open", description="Choose link",
            tooltip="Choose the highlighted link of the entry.", scope="links",
            show=True, label="choose"),
    _dialog(id="links.close", keys="escape,q", action="close", description="Close",
            tooltip="Close the links without opening any.", scope="links",
            show=True, label="close"),
    _dialog(id="legend.close", keys="escape,q,L", action="close", description="Close",
            tooltip="Close the quick tags legend.", scope="legend", show=True, label="close"),
)
"""Keys of the modal screens."""

ACTIONS: tuple[KeyRow, ...] = (
    MAIN_KEYS + SOURCES_KEYS + READER_KEYS + APP_KEYS + EXPORT_KEYS + DIALOG_KEYS
)
# fmt: on
"""The one table of keys: Footer, BINDINGS, the command palette and the keys panel read it."""

SECTIONS: tuple[Section, ...] = (
    "Entries",
    "Reader",
    "Annotate",
    "Find",
    "Panes",
    "Sources",
    "App",
    "Export",
    "Dialogs",
)
"""Keys panel headings, in order."""

_BY_ID = {action.id: action for action in ACTIONS}


def bindings(scope: Scope) -> list[BindingType]:
    """The Textual bindings of every row in `scope`, for a class's `BINDINGS`."""
    return [action.binding() for action in ACTIONS if action.scope == scope]


def in_scope(scope: Scope) -> Iterator[KeyRow]:
    """The rows bound by `scope`, in table order."""
    return (action for action in ACTIONS if action.scope == scope)


def action_by_id(binding_id: str) -> KeyRow | None:
    """The row with this binding id, if there is one."""
    return _BY_ID.get(binding_id)


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """Binding ids in a user's keymap that name no row (usually a typo in the config)."""
    return sorted(binding_id for binding_id in keymap if binding_id not in _BY_ID)


_TOGETHER: tuple[frozenset[Scope], ...] = (
    frozenset({"main", "app"}),
    frozenset({"sources"}),
    frozenset({"reader"}),
    frozenset({"keys"}),
    frozenset({"confirm"}),
    frozenset({"view"}),
    frozenset({"editor"}),
    frozenset({"prompt", "search"}),
    frozenset({"export"}),
    frozenset({"links"}),
    frozenset({"legend"}),
    frozenset({"notebook"}),
)
"""Scopes whose keys are in force at the same time (the sources pane's and the reader's own
keys are meant to shadow the main screen's while that pane has the focus)."""


def clashes(keymap: Mapping[str, str]) -> list[str]:
    """`b: entries.next, panes.sources` for every key a keymap gives to two actions at once."""
    found: list[str] = []
    for scopes in _TOGETHER:
        owners: dict[str, list[str]] = {}
        for action in ACTIONS:
            if action.scope in scopes:
                for key in effective_keys(action, keymap):
                    owners.setdefault(_normal_key(key), []).append(action.id)
        found.extend(f"{key}: {', '.join(ids)}" for key, ids in owners.items() if len(ids) > 1)
    return sorted(found)


_SHORT_KEYS = {
    "?": "question_mark",
    "/": "slash",
    " ": "space",
    "(": "left_parenthesis",
    ")": "right_parenthesis",
    "{": "left_curly_bracket",
    "}": "right_curly_bracket",
    "*": "asterisk",
}


def _normal_key(key: str) -> str:
    return _SHORT_KEYS.get(key, key)


def effective_keys(action: KeyRow, keymap: Mapping[str, str]) -> list[str]:
    """The keys that run `action` once the user's keymap is applied."""
    keys = keymap.get(action.id, action.keys)
    return [key.strip() for key in keys.split(",") if key.strip()]


_KEY_NAMES = {
    "question_mark": "?",
    "space": "space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "slash": "/",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "ctrl+left": "ctrl+←",
    "ctrl+right": "ctrl+→",
    "plus": "+",
    "asterisk": "*",
}


def key_label(key: str) -> str:
    """How a Textual key name is written for people (`question_mark` -> `?`)."""
    return _KEY_NAMES.get(key, key)


def first_key(binding_id: str, keymap: Mapping[str, str]) -> str | None:
    """The first key of a binding once `keymap` is applied, as people write it."""
    action = action_by_id(binding_id)
    keys = effective_keys(action, keymap) if action is not None else []
    return key_label(keys[0]) if keys else None
