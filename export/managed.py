"""Adding to a Markdown export the user has edited: a section liveread owns, the rest theirs.

An export the user changed (their own lines, reordered headings, anything) is never replaced.
What is new since it was exported (new highlights and notes, edited notes, recoloured
highlights, quotes whose words changed) goes into one section between two marker lines, HTML
comments that Obsidian and every CommonMark reader hide:

    <!-- liveread:added:start since="2025-11-02T09:30:00Z" -->
    ...
    <!-- liveread:added:end -->

The first addition puts the section at the end of the file; later ones rewrite it in place,
wherever the user moved it, from everything changed since the original export (the `since`
of its start marker, taken from the front matter's `exported_at` the first time). So the
user's text before and after the section is kept byte for byte, the section is added once,
and exporting again with nothing new gives the same bytes. A highlight or note already in
the user's text word for word (as the original export wrote it) is not repeated.

Markers that are damaged (one missing, two starts, the end before the start), or an edited
file that no longer says when it was exported, are refused with `ExportConflictError`: the
file is left as it is and `--force` replaces it. Content can never write a marker line: every
line of content is escaped (`<` becomes `&lt;`) or indented.

Pure: the old text and the model in, the new text out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from liveread.export.changes import changed_since
from liveread.export.markdown import entry_blocks, highlight_text, iso_utc, note_text, tag_bodies
from liveread.export.template import Templates
from liveread.kernel.errors import ExportConflictError
from liveread.kernel.model import AnnotatedEntry

START_PREFIX = "<!-- liveread:added:start"
"""How the section's first line starts; it goes on with `since="<time>" -->`."""
END = "<!-- liveread:added:end -->"
"""The section's last line."""
SINCE_MARGIN = timedelta(seconds=2)
"""Changes this close before the export's time count as new: the time is written in whole
seconds and stamped after the entries were read. One that the export did hold is found in
the user's text and not repeated."""

_SINCE = re.compile(r'since="([^"]{1,40})"')
_DAMAGED = (
    f"the section liveread adds to ({START_PREFIX} ... -->, {END}) is damaged;"
    " not changed (--force replaces the file)"
)
_UNDATED = (
    "changed since liveread exported it, and its front matter no longer says when"
    " (exported_at); not changed (--force replaces it)"
)


@dataclass(frozen=True, slots=True)
class Layout:
    """An edited export, cut around liveread's section."""

    before: str
    """The user's text before the section (the whole file when there is none yet)."""
    after: str
    """The user's text after the section's end line."""
    since: datetime
    """What is newer than this goes in the section."""
    has_section: bool
    """Whether the file holds the section already."""


@dataclass(frozen=True, slots=True)
class Addition:
    """What adding to an edited export gives."""

    text: str
    """The whole new file."""
    entries: int
    """How many entries the section holds."""
    changed: bool
    """False when the file stays byte for byte as it was."""


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def exported_at(text: str) -> datetime | None:
    """The `exported_at` of the front matter at the top of `text`, if it is still there."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return None
    for line in lines[1:200]:
        line = line.rstrip("\r")
        if line == "---":
            return None
        if line.startswith("exported_at:"):
            try:
                value = json.loads(line[len("exported_at:") :])
            except ValueError:
                return None
            return _parse_time(value) if isinstance(value, str) else None
    return None


def read_layout(text: str, where: str) -> Layout:
    """Cut `text` (an edited export at `where`) around liveread's section."""
    starts: list[tuple[int, int, str]] = []
    ends: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        bare = line.strip()
        if bare.startswith(START_PREFIX) and bare.endswith("-->"):
            starts.append((offset, offset + len(line) + 1, bare))
        elif bare == END:
            ends.append((offset, offset + len(line) + 1))
        offset += len(line) + 1
    if not starts and not ends:
        since = exported_at(text)
        if since is None:
            raise ExportConflictError(where, _UNDATED)
        return Layout(text, "", since, has_section=False)
    if len(starts) != 1 or len(ends) != 1 or ends[0][0] < starts[0][1]:
        raise ExportConflictError(where, _DAMAGED)
    (start, _, marker), (_, after) = starts[0], ends[0]
    found = _SINCE.search(marker)
    since = _parse_time(found.group(1)) if found else None
    if since is None:
        raise ExportConflictError(where, _DAMAGED)
    return Layout(text[:start], text[after:], since, has_section=True)


def _unseen(
    entries: Sequence[AnnotatedEntry], seen: str, templates: Templates | None
) -> list[AnnotatedEntry]:
    """Each entry without the highlights and notes `seen` already holds word for word."""
    kept: list[AnnotatedEntry] = []
    for item in entries:
        highlights = tuple(
            h for h in item.highlights if highlight_text(h, templates, item.entry) not in seen
        )
        notes = tuple(n for n in item.notes if note_text(n) not in seen)
        if highlights or notes:
            kept.append(replace(item, highlights=highlights, notes=notes))
    return kept


def section(
    entries: Sequence[AnnotatedEntry],
    since: datetime,
    bodies: dict[str, str],
    templates: Templates | None = None,
) -> str:
    """The section's lines, from its start marker to its end marker (no final newline)."""
    when = iso_utc(since)
    intro = (
        f"*Added by liveread since this note was exported ({when[:10]} {when[11:16]} UTC):"
        " new and changed highlights and notes. liveread rewrites this part on every export;"
        " write your own notes outside it.*"
    )
    blocks = [f'{START_PREFIX} since="{when}" -->', intro]
    for item in entries:
        blocks.extend(entry_blocks(item, bodies, templates))
    blocks.append(END)
    return "\n\n".join(blocks)


def add_to_export(
    existing: str,
    entries: Sequence[AnnotatedEntry],
    *,
    where: str,
    templates: Templates | None = None,
) -> Addition:
    """The edited export `existing` (at `where`) with what is new in `entries` (every entry
    the export covers, as now) in liveread's section, shaped by `templates`; the user's text
    untouched."""
    layout = read_layout(existing, where)
    changed = changed_since(entries, layout.since - SINCE_MARGIN)
    fresh = _unseen(changed, layout.before + layout.after, templates)
    if not fresh and not layout.has_section:
        return Addition(existing, 0, changed=False)
    bodies = tag_bodies(name for item in entries for name in item.tags)
    block = section(fresh, layout.since, bodies, templates) + "\n"
    if layout.has_section:
        text = layout.before + block + layout.after
    else:
        before = layout.before
        gap = (
            ""
            if not before or before.endswith("\n\n")
            else "\n"
            if before.endswith("\n")
            else "\n\n"
        )
        text = before + gap + block
    return Addition(text, len(fresh), changed=text != existing)
