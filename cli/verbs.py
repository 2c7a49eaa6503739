"""The CLI's verbs, one module per group; each module has `register(subparsers, common)`.

Importing a verb module costs its imports (the store, the exporter, the reader app), and every
command pays for whatever it imports before it runs. So the registry is a table written out by
hand, not the modules themselves: `VERBS` names each verb, the group module that registers it
and the help line `liveread --help` shows. `main` imports only the group of the verb on the
command line and adds the others as bare entries with their help line; `liveread --help` and
`liveread --version` import no verb module at all. A test compares the table with what the
modules register, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    SubParsers = argparse._SubParsersAction  # the type argparse gives no public name
    Registrar = Callable[[SubParsers[argparse.ArgumentParser], argparse.ArgumentParser], None]

VERBS: tuple[tuple[str, str, str], ...] = (
    ("open", "app", "open the reader (the default)"),
    ("import", "importing", "import live blogs from files and URLs"),
    ("follow", "following", "poll a live blog URL and import what is new, until Ctrl-C"),
    ("sources", "listing", "list the live blogs in the database"),
    ("entries", "listing", "list entries, newest first"),
    ("tag", "annotate", "add tags to an entry"),
    ("untag", "annotate", "remove tags from an entry"),
    ("star", "annotate", "star an entry"),
    ("unstar", "annotate", "unstar an entry"),
    ("pin", "annotate", "mark an entry as a key event (pinned)"),
    ("unpin", "annotate", "unpin an entry"),
    ("note", "annotate", "add a Markdown note to an entry"),
    ("highlight", "annotate", "highlight a quote in an entry"),
    ("search", "annotate", "full-text search of headlines, bodies and notes"),
    ("read", "state", "mark entries read"),
    ("unread", "state", "mark entries unread"),
    ("delete-note", "state", "delete a note"),
    ("delete-highlight", "state", "delete a highlight"),
    ("export", "export", "export annotations to Markdown (Obsidian-ready) or JSON"),
    ("import-annotations", "export", "merge a JSON annotation export into the database"),
    ("backup", "maintenance", "copy the database to a file (safe while the app runs)"),
    ("check", "maintenance", "check the database: integrity, indexes, orphans, schema version"),
    ("remove", "managing", "remove a live blog (its annotations are exported to JSON first)"),
    ("rename", "managing", "give a live blog your own name"),
)
"""(verb, group module in `liveread.cli`, help line), in the order `liveread --help` lists them;
a group's verbs in the order its `register` adds them."""

COMMANDS: frozenset[str] = frozenset(verb for verb, _, _ in VERBS)
"""Every verb's name."""

GROUPS: tuple[str, ...] = tuple(dict.fromkeys(group for _, group, _ in VERBS))
"""The group modules, in `--help` order."""


def group_of(verb: str) -> str | None:
    """The group module that registers `verb`, or None for a word that is no verb."""
    return next((group for name, group, _ in VERBS if name == verb), None)


def registrar(group: str) -> Registrar:
    """The `register` function of one group module (importing that module, and only it)."""
    from importlib import import_module

    register: Registrar = import_module(f"liveread.cli.{group}").register
    return register


def register_verbs(
    sub: SubParsers[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    groups: frozenset[str] | None,
) -> None:
    """Add the verbs to `sub`: every group's by its module when `groups` is None; else the
    verbs of `groups` by their module, or when `groups` is empty (`liveread --help`) every verb
    as a bare entry with its help line and no handler."""
    for group in GROUPS:
        if groups is None or group in groups:
            registrar(group)(sub, common)
            continue
        if groups:
            # A verb's own line needs no other verb: argparse reads the same first word.
            continue
        for verb, owner, helptext in VERBS:
            if owner == group:
                sub.add_parser(verb, help=helptext, add_help=False).set_defaults(handler=None)
