"""The app's remaining actions as verbs: `read`, `unread`, `delete-note`, `delete-highlight`.

Each prints one line per thing it changed. Every id is checked before anything is written, so
an unknown id (exit 2, one line on stderr) leaves the database as it was. A deletion from the
command line is final: the app's undo covers only what was done in that app.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from liveread.cli.common import open_store, row_id
from liveread.cli.output import say


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `read`, `unread`, `delete-note` and `delete-highlight`."""
    for verb, value in (("read", True), ("unread", False)):
        p = sub.add_parser(verb, parents=[common], help=f"mark entries {verb}")
        p.add_argument(
            "entries", type=row_id, nargs="+", metavar="ENTRY", help="entry ids (see 'entries')"
        )
        p.set_defaults(handler=run_read, value=value)
    for verb, what in (("delete-note", "note"), ("delete-highlight", "highlight")):
        p = sub.add_parser(verb, parents=[common], help=f"delete a {what}")
        p.add_argument(
            "ids", type=row_id, nargs="+", metavar="ID", help=f"{what} ids (see 'entries --json')"
        )
        p.set_defaults(handler=run_delete, what=what)


def run_read(args: argparse.Namespace) -> int:
    """`read` / `unread`: set the read state, saying which entries already were so."""
    word = "read" if args.value else "unread"
    with open_store(args) as store:
        before = {entry_id: store.entry(entry_id).read for entry_id in args.entries}
        for entry_id, was in before.items():
            if was != args.value:
                store.set_read(entry_id, args.value)
    for entry_id, was in before.items():
        say(f"entry {entry_id}: {word}" + (" (already)" if was == args.value else ""))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """`delete-note` / `delete-highlight`: delete each, naming the entry it was on."""
    delete: Callable[[int], None]
    with open_store(args) as store:
        if args.what == "note":
            owners = {note_id: store.note(note_id).entry_id for note_id in args.ids}
            delete = store.delete_note
        else:
            owners = {hid: store.highlight(hid).entry_id for hid in args.ids}
            delete = store.delete_highlight
        for item_id in owners:
            delete(item_id)
    for item_id, entry_id in owners.items():
        say(f"entry {entry_id}: {args.what} {item_id} deleted")
    return 0
