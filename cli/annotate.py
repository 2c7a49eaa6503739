"""Annotating from scripts: `tag`, `untag`, `star`, `unstar`, `pin`, `unpin`, `note`,
`highlight` and `search`.

Each verb is one committed transaction and prints one line saying what it did. An unknown
entry id, an empty tag, an unknown colour or a quote that is not in the entry's body ends
with one line on stderr and exit code 2, and changes nothing.
"""

from __future__ import annotations

import argparse
import sys

from liveread.cli.common import count, open_store, row_id, settings
from liveread.cli.output import json_line, say
from liveread.kernel.colors import DEFAULT_COLOR, HIGHLIGHT_COLORS, resolve_color
from liveread.kernel.errors import InputError
from liveread.kernel.tags import normalise_tags
from liveread.kernel.text import clean_line
from liveread.services.wording import plural, quoted_names


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the annotation verbs and `search`."""
    p = sub.add_parser("tag", parents=[common], help="add tags to an entry")
    p.add_argument("entry", type=row_id, metavar="ENTRY", help="entry id (see 'entries')")
    p.add_argument("tags", nargs="+", metavar="TAG", help="tag names (commas also separate)")
    p.set_defaults(handler=run_tag, remove=False, rule=None)
    p = sub.add_parser(
        "untag",
        parents=[common],
        help="remove tags from an entry",
        description="Remove tags from an entry; or, with --rule TAG and no ENTRY, take back"
        " every TAG an [[autotag]] rule added (each is remembered as removed, so the rule"
        " does not add it again; the tags you added yourself stay).",
    )
    # Optional here only so that `untag --rule TAG` needs none; run_tag insists otherwise.
    p.add_argument(
        "entry", type=row_id, nargs="?", metavar="ENTRY", help="entry id (see 'entries')"
    )
    p.add_argument("tags", nargs="*", metavar="TAG", help="tag names (commas also separate)")
    p.add_argument("--rule", metavar="TAG", help="take back what the auto-tag rules added")
    p.set_defaults(handler=run_tag, remove=True)
    for verb, column, helptext in (
        ("star", "starred", "star an entry"),
        ("pin", "pinned", "mark an entry as a key event (pinned)"),
    ):
        p = sub.add_parser(verb, parents=[common], help=helptext)
        p.add_argument("entry", type=row_id, metavar="ENTRY", help="entry id")
        p.add_argument("--off", action="store_true", help=f"un{verb} it instead")
        p.set_defaults(handler=run_flag, column=column, value=True)
        p = sub.add_parser(f"un{verb}", parents=[common], help=f"un{verb} an entry")
        p.add_argument("entry", type=row_id, metavar="ENTRY", help="entry id")
        p.set_defaults(handler=run_flag, column=column, value=False, off=False)
    p = sub.add_parser("note", parents=[common], help="add a Markdown note to an entry")
    p.add_argument("entry", type=row_id, metavar="ENTRY", help="entry id")
    p.add_argument("text", metavar="TEXT", help="the note ('-' reads it from standard input)")
    p.set_defaults(handler=run_note)
    p = sub.add_parser(
        "highlight",
        parents=[common],
        help="highlight a quote in an entry",
        description="Highlight the first place the quote occurs in the entry's body. Curly and"
        " straight quotes, dashes and white space may differ; exit 2 if it is not there.",
    )
    p.add_argument("entry", type=row_id, metavar="ENTRY", help="entry id")
    p.add_argument("quote", metavar="QUOTE", help="the exact words to highlight")
    p.add_argument(
        "--color",
        "--colour",
        metavar="COLOR",
        default=DEFAULT_COLOR,
        help=f"highlight colour: {', '.join(HIGHLIGHT_COLORS)}, or the meaning the config's"
        f' [colors] table gives one (pink = "disputed"); default {DEFAULT_COLOR}',
    )
    p.add_argument("--note", metavar="TEXT", help="a note on the highlight")
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="a tag of the highlight's own (not the entry's); repeat for more",
    )
    p.set_defaults(handler=run_highlight)
    p = sub.add_parser(
        "search",
        parents=[common],
        help="full-text search of headlines, bodies and notes",
        description="Entries holding every word, best match first among the newest 1,000"
        ' matches (more kept by a narrower query or --source). "a phrase", pref*, -word to'
        " exclude. One line per entry, or --json lines as 'entries --json'.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    p.add_argument("--source", type=row_id, metavar="ID", help="only this source's entries")
    p.add_argument("--limit", type=count, default=200, metavar="N", help="at most N (default 200)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=run_search)


def _split(tags: list[str]) -> list[str]:
    return [piece for tag in tags for piece in tag.split(",") if piece.strip()] or tags


MAX_NOTE_BYTES = 16 * 1024 * 1024
"""The longest note `note ENTRY -` reads from standard input."""


def _stdin_text() -> str:
    raw = getattr(sys.stdin, "buffer", None)  # absent where standard input is already text
    data = raw.read(MAX_NOTE_BYTES + 1) if raw is not None else sys.stdin.read(MAX_NOTE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > MAX_NOTE_BYTES:
        raise InputError("standard input", f"too long for a note (over {MAX_NOTE_BYTES:,} bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("standard input", "not UTF-8 text") from None


def run_tag(args: argparse.Namespace) -> int:
    """`tag` / `untag`: print what changed and what already was so."""
    from liveread.kernel.tags import normalise_tag, normalise_tags

    if args.rule is not None:
        if args.entry is not None or args.tags:
            raise InputError("untag --rule", "takes a tag name only, no ENTRY or TAG")
        name = normalise_tag(args.rule)
        with open_store(args) as store:
            untagged = store.untag_rule(name)
        if untagged:
            say(f"untagged {plural(untagged, 'entry')} '{clean_line(name)}' (added by rules)")
        else:
            say(f"no entry has '{clean_line(name)}' from a rule")
        return 0
    if args.entry is None or not args.tags:
        raise InputError("untag", "needs ENTRY and TAG (or --rule TAG)")
    names = normalise_tags(_split(args.tags))
    with open_store(args) as store:
        if args.remove:
            changed = store.remove_tags(args.entry, names)
            verb, already = "untagged", "was not tagged"
        else:
            changed = store.add_tags(args.entry, names)
            verb, already = "tagged", "already tagged"
    parts = []
    if changed:
        parts.append(f"{verb} {quoted_names(changed)}")
    unchanged = [name for name in names if name not in changed]
    if unchanged:
        parts.append(f"{already} {quoted_names(unchanged)}")
    say(f"entry {args.entry}: {'; '.join(parts)}")
    return 0


def run_flag(args: argparse.Namespace) -> int:
    """`star`, `unstar`, `pin`, `unpin`."""
    value = args.value and not args.off
    with open_store(args) as store:
        setter = store.set_starred if args.column == "starred" else store.set_pinned
        changed = setter(args.entry, value)
    word = args.column if value else "un" + args.column
    say(f"entry {args.entry}: {word}" + ("" if changed else " (already)"))
    return 0


def run_note(args: argparse.Namespace) -> int:
    """`note`: add a note, from the argument or standard input."""
    text = _stdin_text() if args.text == "-" else args.text
    with open_store(args) as store:
        note = store.add_note(args.entry, text)
    say(f"entry {args.entry}: note {note.id} added")
    return 0


def run_highlight(args: argparse.Namespace) -> int:
    """`highlight`: highlight a quote; exit 2 if the body does not hold it."""
    # Resolved before the store opens: a colour nobody defined changes nothing.
    color = resolve_color(args.color, settings().colors)
    tags = normalise_tags(args.tag)
    with open_store(args) as store:
        placement = store.place_highlight_quote(args.entry, args.quote, color, args.note, tags)
    highlight = placement.highlight
    # The same words twice never make a second highlight: say which one holds them.
    how = {"selected": "already there: ", "extended": "extended: "}.get(placement.placed, "")
    tagged = f" {' '.join('#' + clean_line(t) for t in highlight.tags)}" if highlight.tags else ""
    say(
        f"entry {args.entry}: {how}highlight {highlight.id} ({highlight.color}) at"
        f" {highlight.start}-{highlight.end}: {clean_line(highlight.exact)}{tagged}"
    )
    return 0


def run_search(args: argparse.Namespace) -> int:
    """`search`: matching entries, best first."""
    from liveread.cli.listing import entry_json

    query = " ".join(args.query)
    with open_store(args) as store:
        if args.source is not None:
            store.source(args.source)
        found = store.search(query, source_id=args.source, limit=args.limit)
        if args.json:
            annotated = {
                a.entry.id: a for a in store.annotated_entries(entry_ids=[e.id for e in found])
            }
            for entry in found:
                json_line(entry_json(annotated.get(entry.id, entry)))
        else:
            for entry in found:
                say(f"{entry.id:>6}  {entry.source_id:>3}  {clean_line(entry.title)}")
    return 0
