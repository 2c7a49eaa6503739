"""Every key of the reader, declared once.

One row per user action: its stable binding id (what a `[keymap]` table in the config file
names), its default keys, the Textual action it runs, a short description (the Footer and the
command palette) and a tooltip (the Footer's hover text and the `?` keys panel). `bindings()`
turns the rows of one scope into the `BINDINGS` of the class that owns that scope; the palette
and the keys panel read the same rows, so a key never has to be written down twice.

Binding ids are part of the user's config files: never rename one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

Scope = Literal[
    "app", "main", "sources", "reader", "keys", "confirm", "view", "editor", "prompt", "export"
]
"""Where a row is bound: the App, the main screen, the sources pane, the reader pane (its
cursor and selection), or a modal screen (keys panel, yes/no, a view, the note editor, the
export dialog)."""

Section = Literal[
    "Entries", "Reader", "Annotate", "Find", "Panes", "Sources", "App", "Export", "Dialogs"
]
"""The heading a row is listed under in the keys panel."""


@dataclass(frozen=True, slots=True)
class Action:
    """One user action and its default keys."""

    id: str
    """Stable binding id, used in the config file's `[keymap]` table."""
    keys: str
    """Default keys, comma separated, in Textual's key names (`j,down`, `question_mark`)."""
    action: str
    """The Textual action string it runs, e.g. `next_entry` or `app.quit`."""
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


_MOVE = Binding.Group("move", compact=True)
_SCROLL = Binding.Group("scroll", compact=True)

ACTIONS: tuple[Action, ...] = (
    # -- entries (bound on the main screen, so they work from every pane) --------------------
    Action(
        "entries.next",
        "j,down",
        "next_entry",
        "Next entry",
        "Select the entry below in the list.",
        "main",
        "Entries",
        show=True,
        group=_MOVE,
        label="move",
        priority=True,
    ),
    Action(
        "entries.previous",
        "k,up",
        "previous_entry",
        "Previous entry",
        "Select the entry above in the list.",
        "main",
        "Entries",
        show=True,
        group=_MOVE,
        label="move",
        priority=True,
    ),
    Action(
        "entries.first",
        "g,home",
        "first_entry",
        "First entry",
        "Select the first entry in the list (the newest).",
        "main",
        "Entries",
        priority=True,
    ),
    Action(
        "entries.last",
        "G,end",
        "last_entry",
        "Last entry",
        "Select the last entry in the list (the oldest).",
        "main",
        "Entries",
        priority=True,
    ),
    Action(
        "entries.next_unread",
        "n",
        "next_unread",
        "Next unread",
        "Select the next unread entry, wrapping round to the top.",
        "main",
        "Entries",
        show=True,
        label="unread",
    ),
    Action(
        "entries.toggle_read",
        "m",
        "toggle_read",
        "Read/unread",
        "Mark the selected entry read, or unread again.",
        "main",
        "Entries",
        show=True,
        label="read",
    ),
    Action(
        "entries.open_link",
        "o",
        "open_link",
        "Open link",
        "Open the selected entry's web link in your browser, after showing it to you.",
        "main",
        "Entries",
        label="open",
    ),
    # -- the reader pane --------------------------------------------------------------------
    Action(
        "reader.page_down",
        "space,pagedown",
        "reader_page_down",
        "Scroll down",
        "Scroll the entry's text down by a page.",
        "main",
        "Reader",
        show=True,
        group=_SCROLL,
        label="scroll",
    ),
    Action(
        "reader.page_up",
        "pageup",
        "reader_page_up",
        "Scroll up",
        "Scroll the entry's text up by a page.",
        "main",
        "Reader",
        show=True,
        group=_SCROLL,
        label="scroll",
    ),
    # -- panes ------------------------------------------------------------------------------
    Action(
        "panes.focus_next",
        "tab",
        "app.focus_next",
        "Next pane",
        "Move the focus to the next pane.",
        "main",
        "Panes",
    ),
    Action(
        "panes.focus_previous",
        "shift+tab",
        "app.focus_previous",
        "Previous pane",
        "Move the focus to the previous pane.",
        "main",
        "Panes",
    ),
    Action(
        "panes.sources",
        "b",
        "toggle_sources",
        "Sources",
        "Show or hide the list of live blogs, to switch between them.",
        "main",
        "Panes",
        show=True,
        label="sources",
    ),
    Action(
        "sources.reload",
        "r",
        "reload",
        "Reload",
        "Read every live blog again from its file or web address.",
        "main",
        "Sources",
        label="reload",
    ),
    # -- inside the sources pane ------------------------------------------------------------
    Action(
        "sources.down",
        "j",
        "cursor_down",
        "Down",
        "Highlight the next live blog in the sources pane.",
        "sources",
        "Sources",
        palette=False,
    ),
    Action(
        "sources.up",
        "k",
        "cursor_up",
        "Up",
        "Highlight the previous live blog in the sources pane.",
        "sources",
        "Sources",
        palette=False,
    ),
    Action(
        "sources.close",
        "escape",
        "screen.hide_sources",
        "Close",
        "Hide the sources pane.",
        "sources",
        "Sources",
        palette=False,
    ),
    # -- annotate (main screen: they act on the selected entry from every pane) -----------
    Action(
        "tags.prompt",
        "t",
        "annotate('tag_prompt')",
        "Tag",
        "Add tags to the selected entry, or remove them with -name (comma separated).",
        "main",
        "Annotate",
        label="tag",
    ),
    Action(
        "tags.quick_1",
        "1",
        "annotate('quick_tag', 1)",
        "Quick tag 1",
        "Add or remove quick tag 1 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_2",
        "2",
        "annotate('quick_tag', 2)",
        "Quick tag 2",
        "Add or remove quick tag 2 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_3",
        "3",
        "annotate('quick_tag', 3)",
        "Quick tag 3",
        "Add or remove quick tag 3 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_4",
        "4",
        "annotate('quick_tag', 4)",
        "Quick tag 4",
        "Add or remove quick tag 4 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_5",
        "5",
        "annotate('quick_tag', 5)",
        "Quick tag 5",
        "Add or remove quick tag 5 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_6",
        "6",
        "annotate('quick_tag', 6)",
        "Quick tag 6",
        "Add or remove quick tag 6 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_7",
        "7",
        "annotate('quick_tag', 7)",
        "Quick tag 7",
        "Add or remove quick tag 7 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_8",
        "8",
        "annotate('quick_tag', 8)",
        "Quick tag 8",
        "Add or remove quick tag 8 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "tags.quick_9",
        "9",
        "annotate('quick_tag', 9)",
        "Quick tag 9",
        "Add or remove quick tag 9 (quick_tags in the config file).",
        "main",
        "Annotate",
    ),
    Action(
        "entries.star",
        "s",
        "annotate('star')",
        "Star",
        "Star the selected entry, or unstar it.",
        "main",
        "Annotate",
        label="star",
    ),
    Action(
        "entries.pin",
        "p",
        "annotate('pin')",
        "Key event",
        "Mark the selected entry as a key event (pinned), or unmark it.",
        "main",
        "Annotate",
        label="pin",
    ),
    Action(
        "highlight.start",
        "v",
        "annotate('select')",
        "Select",
        "Start a selection at the reader's cursor, to highlight it.",
        "main",
        "Annotate",
        label="select",
    ),
    Action(
        "notes.edit",
        "a",
        "annotate('note')",
        "Note",
        "Write a note on the entry, or on the highlight under the reader's cursor.",
        "main",
        "Annotate",
        label="note",
    ),
    Action(
        "annotations.delete",
        "x",
        "annotate('delete')",
        "Delete",
        "Delete the highlight or note under the reader's cursor (u undoes).",
        "main",
        "Annotate",
    ),
    Action(
        "annotations.undo",
        "u",
        "annotate('undo')",
        "Undo",
        "Undo the last annotation action; again for the one before.",
        "main",
        "Annotate",
        label="undo",
    ),
    Action(
        "annotations.redo",
        "ctrl+r",
        "annotate('redo')",
        "Redo",
        "Redo the last undone annotation action.",
        "main",
        "Annotate",
        label="redo",
    ),
    Action(
        "find.search",
        "slash",
        "annotate('search')",
        "Search",
        "Search headlines, bodies and notes of this live blog; the list shows the matches.",
        "main",
        "Find",
        label="search",
    ),
    Action(
        "find.filter",
        "f",
        "annotate('filter')",
        "Filter",
        "Filter the list with the query language (tag:x, starred, unread, since:DATE, words…).",
        "main",
        "Find",
        label="filter",
    ),
    Action(
        "find.clear",
        "escape",
        "annotate('clear')",
        "Clear filter",
        "Leave the search results or the filter: every entry again.",
        "main",
        "Find",
    ),
    Action(
        "views.timeline",
        "T",
        "annotate('timeline')",
        "Key events",
        "Show the key events (pinned entries) of every live blog as a timeline.",
        "main",
        "Find",
    ),
    Action(
        "views.orphans",
        "O",
        "annotate('orphans')",
        "Orphans",
        "List the highlights whose words an edit removed (orphaned).",
        "main",
        "Find",
    ),
    Action(
        "views.diff",
        "d",
        "annotate('diff')",
        "Changes",
        "Show what the newsroom changed between the revisions of the selected entry.",
        "main",
        "Find",
    ),
    # -- the reader's cursor and selection (while the reader has the focus) ----------------
    Action(
        "reader.left",
        "left",
        "caret('left')",
        "Cursor left",
        "Move the reader's cursor (or the end of the selection) one character left.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.right",
        "right",
        "caret('right')",
        "Cursor right",
        "Move the reader's cursor one character right.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.up",
        "up",
        "caret('up')",
        "Cursor up",
        "Move the reader's cursor one line up.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.down",
        "down",
        "caret('down')",
        "Cursor down",
        "Move the reader's cursor one line down.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.word_next",
        "w,ctrl+right",
        "caret('word_next')",
        "Next word",
        "Move the reader's cursor to the next word.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.word_previous",
        "b,ctrl+left",
        "caret('word_previous')",
        "Previous word",
        "Move the reader's cursor back a word.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.sentence_next",
        "right_parenthesis",
        "caret('sentence_next')",
        "Next sentence",
        "Move the reader's cursor to the next sentence.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.sentence_previous",
        "left_parenthesis",
        "caret('sentence_previous')",
        "Previous sentence",
        "Move the reader's cursor back a sentence.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.paragraph_next",
        "right_curly_bracket",
        "caret('paragraph_next')",
        "Next paragraph",
        "Move the reader's cursor to the next paragraph.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "reader.paragraph_previous",
        "left_curly_bracket",
        "caret('paragraph_previous')",
        "Previous paragraph",
        "Move the reader's cursor back a paragraph.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "highlight.make",
        "h,enter",
        "highlight(None)",
        "Highlight",
        "Highlight the selection (keyboard or mouse) in the first colour.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "highlight.color_1",
        "1",
        "highlight('yellow')",
        "Highlight yellow",
        "While selecting: highlight the selection in yellow.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "highlight.color_2",
        "2",
        "highlight('green')",
        "Highlight green",
        "While selecting: highlight the selection in green.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "highlight.color_3",
        "3",
        "highlight('blue')",
        "Highlight blue",
        "While selecting: highlight the selection in blue.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "highlight.color_4",
        "4",
        "highlight('pink')",
        "Highlight pink",
        "While selecting: highlight the selection in pink.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "highlight.color_5",
        "5",
        "highlight('orange')",
        "Highlight orange",
        "While selecting: highlight the selection in orange.",
        "reader",
        "Reader",
        palette=False,
    ),
    Action(
        "highlight.cancel",
        "escape",
        "cancel_selection",
        "Cancel selection",
        "Drop the selection without highlighting.",
        "reader",
        "Reader",
        palette=False,
    ),
    # -- views and the note editor ----------------------------------------------------------
    Action(
        "view.close",
        "escape,q",
        "close",
        "Close",
        "Close the view and go back to the list.",
        "view",
        "Dialogs",
        palette=False,
    ),
    Action(
        "view.open",
        "enter",
        "open",
        "Go to entry",
        "Show the chosen entry in the list and the reader.",
        "view",
        "Dialogs",
        palette=False,
    ),
    Action(
        "editor.save",
        "ctrl+s",
        "save",
        "Save note",
        "Save the note and close the editor.",
        "editor",
        "Dialogs",
        palette=False,
    ),
    Action(
        "editor.cancel",
        "escape",
        "cancel",
        "Close editor",
        "Close the editor; asks first if the note was changed.",
        "editor",
        "Dialogs",
        palette=False,
        priority=True,
    ),
    Action(
        "prompt.cancel",
        "escape",
        "cancel",
        "Close prompt",
        "Close the prompt (tags, search, filter) without changing anything.",
        "prompt",
        "Dialogs",
        palette=False,
    ),
    # -- app-wide ---------------------------------------------------------------------------
    Action(
        "app.keys",
        "question_mark",
        "app.show_keys",
        "Keys",
        "List every key and what it does.",
        "app",
        "App",
        show=True,
        label="keys",
    ),
    Action(
        "app.palette",
        "ctrl+p",
        "app.command_palette",
        "Palette",
        "Search every command, and go to a live blog by name.",
        "app",
        "App",
        palette=False,
        priority=True,
        label="palette",
    ),
    Action(
        "app.quit",
        "q",
        "app.quit",
        "Quit",
        "Leave liveread; your place in every live blog is kept.",
        "app",
        "App",
        show=True,
        label="quit",
    ),
    # -- export -----------------------------------------------------------------------------
    Action(
        "export.source",
        "e",
        "export_source",
        "Export",
        "Export the shown live blog, or what the filter shows, to a Markdown file you choose.",
        "main",
        "Export",
        label="export",
    ),
    Action(
        "export.all",
        "E",
        "export_all",
        "Export all",
        "Export the annotated entries of every live blog to Markdown files in the export"
        " directory.",
        "main",
        "Export",
    ),
    Action(
        "export_dialog.cancel",
        "escape",
        "cancel",
        "Cancel",
        "Close the export dialog without writing anything.",
        "export",
        "Dialogs",
        palette=False,
    ),
    # -- dialogs ----------------------------------------------------------------------------
    Action(
        "keys.close",
        "escape,q,question_mark",
        "close",
        "Close",
        "Close the keys panel.",
        "keys",
        "Dialogs",
        palette=False,
    ),
    Action(
        "confirm.yes",
        "y,enter",
        "answer(True)",
        "Yes",
        "Confirm: for example, open the link shown.",
        "confirm",
        "Dialogs",
        palette=False,
    ),
    Action(
        "confirm.no",
        "n,escape",
        "answer(False)",
        "No",
        "Cancel and close the dialog.",
        "confirm",
        "Dialogs",
        palette=False,
    ),
)
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


def in_scope(scope: Scope) -> Iterator[Action]:
    """The rows bound by `scope`, in table order."""
    return (action for action in ACTIONS if action.scope == scope)


def action_by_id(binding_id: str) -> Action | None:
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
    frozenset({"prompt"}),
    frozenset({"export"}),
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
}


def _normal_key(key: str) -> str:
    return _SHORT_KEYS.get(key, key)


def effective_keys(action: Action, keymap: Mapping[str, str]) -> list[str]:
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
}


def key_label(key: str) -> str:
    """How a Textual key name is written for people (`question_mark` -> `?`)."""
    return _KEY_NAMES.get(key, key)
