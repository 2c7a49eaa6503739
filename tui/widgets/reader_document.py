"""What the reader shows for one entry, as one rich `Text` with a map of its parts.

The document is the headline, the meta line, the tag chips, the link, the body with its
highlights as coloured backgrounds and its links numbered (`Photo[1]`), the list of those
links, the orphaned highlights, the highlights whose words an edit changed (each with the words
first highlighted), then the notes (their Markdown shown with emphasis by
`tui.widgets.note_text`) and the highlights with a note or tags of their own. Every piece of
content is cleaned and added as plain Text (never markup). Beside the Text the document keeps
where the body starts and how each of its characters maps to an offset of the stored body
(the display folds a few things, such as blank lines, that the store keeps, and adds the link
markers, which map to the stored offset just after their linked words), and which
ranges are a highlight or a note, so the cursor can say what it is on.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Literal

from rich.style import Style
from rich.text import Text

from liveread.kernel.found import found_spans
from liveread.kernel.model import AnnotatedEntry, Entry, Highlight, Link, Note, Source
from liveread.tui.display import TimeDisplay, block_text, line_text, plain
from liveread.tui.widgets.note_text import note_text

HIGHLIGHT_STYLES: dict[str, Style] = {
    "yellow": Style(color="black", bgcolor="#f2d45c"),
    "green": Style(color="black", bgcolor="#8fd18b"),
    "blue": Style(color="black", bgcolor="#8fbcff"),
    "pink": Style(color="black", bgcolor="#f5a3cf"),
    "orange": Style(color="black", bgcolor="#ffb45e"),
}
"""How each highlight colour (`liveread.kernel.colors`) looks in the body."""

TAG_STYLE = Style(color="black", bgcolor="#b6c2d9")
"""A tag chip."""

MATCH_STYLE = Style(bold=True, underline=True, color="black", bgcolor="#e8c170")
"""A searched word in the headline or the body (under any highlight drawn over it)."""

CHANGED_STYLE = Style(underline=True)
"""Drawn over a highlight whose words an edit changed, until the user accepts them."""

TargetKind = Literal["highlight", "note"]
"""What a range of the document is: a highlight in the body, or a note (or highlight note)."""


@dataclass(frozen=True, slots=True)
class Target:
    """A range of the document that stands for one annotation."""

    kind: TargetKind
    """A highlight or a note."""
    id: int
    """The highlight's or note's id."""
    start: int
    """Where the range starts in the document."""
    end: int
    """Where it ends (exclusive)."""


@dataclass(frozen=True, slots=True)
class BodyMap:
    """The body as shown, and how its offsets map to the stored body's."""

    shown: str
    """The body text as displayed."""
    to_stored: tuple[int, ...] | None = None
    """For each shown character (and the end), its offset in the stored body; None when the
    shown body is the stored body."""

    def stored(self, shown_offset: int) -> int:
        """The stored-body offset of a shown-body offset."""
        if self.to_stored is None:
            return shown_offset
        return self.to_stored[max(0, min(shown_offset, len(self.to_stored) - 1))]

    def shown_offset(self, stored_offset: int) -> int:
        """The shown-body offset of a stored-body offset (the nearest one at or after it)."""
        if self.to_stored is None:
            return stored_offset
        return max(0, bisect_right(self.to_stored, stored_offset - 1))


def body_map(stored: str) -> BodyMap:
    """Map the displayed body back to the stored one (identical in the usual case)."""
    shown = block_text(stored).plain.replace("\t", " ")
    if shown == stored:
        return BodyMap(shown)
    mapping: list[int] = []
    matcher = SequenceMatcher(None, shown, stored, autojunk=False)
    last = 0
    for a, b, size in matcher.get_matching_blocks():
        while len(mapping) < a:
            mapping.append(last)
        mapping.extend(range(b, b + size))
        last = b + size
    while len(mapping) < len(shown):
        mapping.append(last)
    mapping.append(len(stored))
    # Keep the map monotonic, so searching it works.
    for i in range(1, len(mapping)):
        mapping[i] = max(mapping[i], mapping[i - 1])
    return BodyMap(shown, tuple(mapping))


def marker_places(shown: str, links: tuple[Link, ...]) -> list[tuple[int, int]]:
    """(shown-body offset just after the linked words, link number) for each link whose words
    are found in the body, searching on from the previous one so that links keep their order;
    a link with no words (a bare URL, an image) or words not found gets no marker."""
    places: list[tuple[int, int]] = []
    cursor = 0
    for number, link in enumerate(links, 1):
        words = plain(link.text).strip()
        if not words:
            continue
        found = shown.find(words, cursor)
        if found < 0:
            continue
        cursor = found + len(words)
        places.append((cursor, number))
    return places


def with_markers(body: BodyMap, places: list[tuple[int, int]]) -> tuple[BodyMap, list[int]]:
    """`body` with `[n]` after each place, and the shown-body offsets where the markers start.

    A marker's characters map to the stored offset at its place (just after the linked
    words), so a highlight's stored offsets land on the same words with or without markers,
    and a selection that spans a marker stores only the body's own text."""
    if not places:
        return body, []
    old = body.to_stored or tuple(range(len(body.shown) + 1))
    pieces: list[str] = []
    mapping: list[int] = []
    starts: list[int] = []
    last = 0
    for place, number in places:
        pieces.append(body.shown[last:place])
        mapping.extend(old[last:place])
        marker = f"[{number}]"
        starts.append(sum(len(p) for p in pieces))
        pieces.append(marker)
        mapping.extend([old[place]] * len(marker))
        last = place
    pieces.append(body.shown[last:])
    mapping.extend(old[last:])
    return BodyMap("".join(pieces), tuple(mapping)), starts


def links_list(links: tuple[Link, ...], styles: dict[str, Style]) -> Text:
    """`[1] Photo  https://…`, one line per link, every part cleaned plain Text."""
    lines = Text("\n", end="")
    rows: list[Text] = []
    for number, link in enumerate(links, 1):
        row = Text(f"[{number}] ", end="")
        words = plain(link.text).strip()
        if words:
            row.append_text(line_text(words))
            row.append("  ")
        row.append_text(line_text(link.url, styles["link"]))
        rows.append(row)
    return lines.join(rows)


@dataclass(frozen=True, slots=True)
class Document:
    """The reader's text for one entry, and where its parts are."""

    text: Text
    """Everything shown, before wrapping."""
    body_start: int = 0
    """Offset of the body in `text`."""
    body: BodyMap = field(default_factory=lambda: BodyMap(""))
    """The body as shown and its map to the stored body."""
    targets: tuple[Target, ...] = ()
    """Highlights and notes, by document range."""

    @property
    def body_end(self) -> int:
        """Offset just after the body in `text`."""
        return self.body_start + len(self.body.shown)

    def target_at(self, offset: int) -> Target | None:
        """The highlight or note at a document offset, if any."""
        for target in self.targets:
            if target.start <= offset < target.end:
                return target
        return None

    def body_span(self, start: int, end: int) -> tuple[int, int] | None:
        """A document range clipped to the body, as stored-body offsets; None if it has no
        part in the body."""
        start, end = max(start, self.body_start), min(end, self.body_end)
        if start >= end:
            return None
        return (
            self.body.stored(start - self.body_start),
            self.body.stored(end - self.body_start),
        )


def meta_line(entry: Entry, source: Source | None, times: TimeDisplay) -> Text:
    """`Fri 8 May 2026, 05:48 UTC · by Name · Blog title · edited 2×`, as plain Text."""
    parts: list[Text] = []
    when = times.published(entry)
    if when is not None:
        parts.append(Text(when))
    elif entry.time_label:
        parts.append(line_text(entry.time_label))
    updated = times.updated(entry)
    if updated is not None and entry.updated != entry.published:
        parts.append(Text("updated " + updated))
    if entry.author:
        parts.append(Text("by ") + line_text(entry.author))
    if source is not None:
        parts.append(line_text(source.title))
    if entry.revisions:
        parts.append(Text(f"edited {entry.revisions}×", style="bold"))
    if not entry.present:
        parts.append(Text("no longer on the page", style="bold"))
    return Text(" · ", end="").join(parts)


def _quote(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def build_document(
    entry: Entry,
    source: Source | None,
    annotated: AnnotatedEntry | None,
    times: TimeDisplay,
    styles: dict[str, Style],
    *,
    marked: tuple[str, ...] = (),
    blog: str | None = None,
) -> Document:
    """The document for `entry`; `annotated` adds tags, highlights and notes when it is about
    the same entry. `styles` gives the component styles (headline, meta, link, heading);
    `marked` the searched words to show in the headline and body; `blog` the entry's blog
    title when it is not `source`'s (a list of several blogs' entries)."""
    if annotated is not None and annotated.entry.id != entry.id:
        annotated = None
    text = Text(end="")
    if entry.headline:
        headline = line_text(entry.headline, styles["headline"])
        _mark(headline, 0, headline.plain, marked)
        text.append_text(headline)
        text.append("\n\n")
    if blog is not None and source is not None:
        source = replace(source, title=blog)
    meta = meta_line(entry, source, times)
    flags = []
    if entry.starred:
        flags.append("★ starred")
    if entry.pinned:
        flags.append("◆ key event")
    if flags:
        meta = Text(" · ", end="").join([meta, Text(" · ".join(flags), style="bold")])
    meta.stylize(styles["meta"])
    text.append_text(meta)
    text.append("\n\n")
    if annotated is not None and annotated.tags:
        for index, tag in enumerate(annotated.tags):
            if index:
                text.append(" ")
            text.append_text(line_text(f" #{tag} ", TAG_STYLE))
            if tag in annotated.rule_tags:
                # Added by an [[autotag]] rule, not by the user: say so beside the chip.
                text.append(" ")
                text.append_text(line_text("(rule)", styles["meta"]))
        text.append("\n\n")
    if entry.categories:
        # The newsroom's own labels: shown as words, never as the user's tag chips.
        filed = "Filed under: " + " · ".join(entry.categories)
        text.append_text(line_text(filed, styles["meta"]))
        text.append("\n\n")
    if entry.url:
        text.append_text(line_text(entry.url, styles["link"]))
        text.append("\n\n")
    plain_body = body_map(entry.body)
    places = marker_places(plain_body.shown, entry.links)
    body, markers = with_markers(plain_body, places)
    body_start = len(text.plain)
    text.append(body.shown)
    _mark(text, body_start, body.shown, marked)
    # A highlight that starts just after linked words starts after their marker.
    skip: dict[int, int] = {}
    for start, (_, number) in zip(markers, places, strict=True):
        skip[start] = start + len(f"[{number}]")
        text.stylize(styles["link"], body_start + start, body_start + skip[start])
    targets: list[Target] = []
    highlights = annotated.highlights if annotated is not None else ()
    orphans: list[Highlight] = []
    for highlight in highlights:
        span = _placed(entry.body, body, highlight, skip)
        if span is None:
            orphans.append(highlight)
            continue
        start, end = body_start + span[0], body_start + span[1]
        style = HIGHLIGHT_STYLES.get(highlight.color, HIGHLIGHT_STYLES["yellow"])
        if highlight.original is not None:
            style += CHANGED_STYLE
        text.stylize(style, start, end)
        targets.append(Target("highlight", highlight.id, start, end))
    if entry.links:
        text.append("\n\n")
        text.append_text(Text("Links", style=styles["heading"]))
        text.append("\n")
        text.append_text(links_list(entry.links, styles))
    if orphans:
        text.append("\n\n")
        text.append_text(
            Text("Orphaned highlights (an edit removed their words)", style=styles["heading"])
        )
        for highlight in orphans:
            text.append("\n")
            start = len(text.plain)
            text.append_text(line_text(f"“{_quote(highlight.exact)}”", "italic"))
            _tag_chips(text, highlight.tags)
            if highlight.note:
                text.append(" — ")
                text.append_text(note_text(highlight.note, one_line=True))
            targets.append(Target("highlight", highlight.id, start, len(text.plain)))
    changed = [h for h in highlights if h.original is not None and h not in orphans]
    if changed:
        text.append("\n\n")
        text.append_text(Text("Highlights whose words changed", style=styles["heading"]))
        for highlight in changed:
            text.append("\n")
            start = len(text.plain)
            text.append_text(line_text(f"“{_quote(highlight.exact)}”", "italic"))
            text.append_text(changed_words_line(highlight))
            targets.append(Target("highlight", highlight.id, start, len(text.plain)))
    # A highlight with a note or tags of its own is listed with them under the notes.
    noted = [h for h in highlights if (h.note or h.tags) and h not in orphans]
    notes: tuple[Note, ...] = annotated.notes if annotated is not None else ()
    if notes or noted:
        text.append("\n\n")
        text.append_text(Text("Notes", style=styles["heading"]))
        for note in notes:
            text.append("\n\n")
            start = len(text.plain)
            text.append_text(note_text(note.text))
            targets.append(Target("note", note.id, start, len(text.plain)))
        for highlight in noted:
            text.append("\n\n")
            start = len(text.plain)
            text.append_text(line_text(f"“{_quote(highlight.exact, 60)}”", "italic"))
            _tag_chips(text, highlight.tags)
            if highlight.note:
                text.append(" ")
                text.append_text(note_text(highlight.note))
            targets.append(Target("highlight", highlight.id, start, len(text.plain)))
    return Document(text, body_start, body, tuple(targets))


def _tag_chips(text: Text, tags: tuple[str, ...]) -> None:
    """A highlight's own tags after its quote, as the entry's tag chips look."""
    for tag in tags:
        text.append(" ")
        text.append_text(line_text(f" #{tag} ", TAG_STYLE))


def changed_words_line(highlight: Highlight) -> Text:
    """` — words changed: first highlighted as ‘…’`, the first words as plain Text."""
    first = _quote(highlight.original or "")
    return Text(" — ", end="") + line_text(f"words changed: first highlighted as ‘{first}’")


def _mark(text: Text, start: int, shown: str, marked: tuple[str, ...]) -> None:
    """Style the searched words found in `shown`, which sits at `start` in `text`."""
    for begin, end in found_spans(shown, marked) if marked else ():
        text.stylize(MATCH_STYLE, start + begin, start + end)


def _placed(
    stored: str, body: BodyMap, highlight: Highlight, skip: dict[int, int]
) -> tuple[int, int] | None:
    """Where an anchored highlight is in the shown body; None for an orphan (or one whose
    offsets no longer fit the body shown, until the data is read again)."""
    if highlight.status != "anchored":
        return None
    if not 0 <= highlight.start < highlight.end <= len(stored):
        return None
    if stored[highlight.start : highlight.end] != highlight.exact:
        return None
    start, end = body.shown_offset(highlight.start), body.shown_offset(highlight.end)
    start = skip.get(start, start)
    return (start, end) if start < end else None
