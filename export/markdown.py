"""One live blog's entries and annotations as a Markdown note (Obsidian-ready).

The layout (README, "Exporting"): YAML front matter; `# blog title`; then for each entry, in
the order given (page order: newest first), `## headline`, a line with its time, link,
⭐/📌 and `#tags`, each anchored highlight as a block quote with its colour (and the colour's
meaning from the config), its own tags, a deep link to its words on the web page (a text
fragment) and its note beneath,
the entry's notes, and its orphaned highlights under `### Orphaned highlights`.

Pure: model in, text out. Every piece of content goes through `export.escape`, and every
list is put in a fixed order, so the same database always gives the same bytes apart from
the `exported_at` line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from liveread.export import seal
from liveread.export.deeplink import deep_link
from liveread.export.escape import (
    inline,
    link_target,
    obsidian_tag,
    paragraphs,
    quote_block,
    yaml_list,
)
from liveread.export.escape import yaml_string as q
from liveread.export.note_markdown import note_blocks
from liveread.export.template import DEFAULT_ENTRY, DEFAULT_HIGHLIGHT, Markdown, Templates
from liveread.export.template import render as render_template
from liveread.kernel.colors import color_label
from liveread.kernel.model import AnnotatedEntry, Entry, Highlight, Note, Source


def iso_utc(value: datetime) -> str:
    """`2025-10-14T18:52:00Z`: how every time in an export's header is written."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def tag_bodies(names: Iterable[str]) -> dict[str, str]:
    """Each tag name's Obsidian tag body (no `#`), distinct names always getting distinct
    bodies.

    `obsidian_tag` folds what Obsidian cannot hold into `-`, so `a b`, `a.b` and `a-b` would
    all be `#a-b`. Where names collide, the one already spelled like the body (`a-b`) keeps
    it and each other gets `-` and a few hex digits of a hash of its name (`#a-b-1f0c9e`): the
    same name always gets the same suffix. Names with nothing usable left are absent.
    """
    by_body: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        body = obsidian_tag(name)
        if body:
            by_body.setdefault(body, []).append(name)
    out: dict[str, str] = {}
    taken = set(by_body)
    for body, group in by_body.items():
        if len(group) == 1:
            out[group[0]] = body
            continue
        for name in group:
            if name == body:
                out[name] = body
                continue
            digest = hashlib.sha256(name.encode("utf-8", errors="replace")).hexdigest()
            width = 6
            while f"{body}-{digest[:width]}" in taken:
                width += 2
            out[name] = f"{body}-{digest[:width]}"
            taken.add(out[name])
    return out


def entry_tags(entry: AnnotatedEntry, bodies: Mapping[str, str] | None = None) -> list[str]:
    """The entry's tags as Obsidian tag bodies (no `#`), de-duplicated and sorted.

    `bodies` (from `tag_bodies` over every tag of the export) keeps distinct tags distinct;
    without it, the entry's own tags are kept apart from each other only.
    """
    known = tag_bodies(entry.tags) if bodies is None else bodies
    return sorted({known[name] for name in entry.tags if name in known})


def _front_matter(
    source: Source,
    entries: Sequence[AnnotatedEntry],
    exported_at: datetime,
    version: str,
    bodies: Mapping[str, str],
) -> list[str]:
    tags = sorted({tag for entry in entries for tag in entry_tags(entry, bodies)})
    lines = ["---", f"title: {q(source.title)}", f"source: {q(source.location)}"]
    if source.url and source.url != source.location:
        lines.append(f"url: {q(source.url)}")
    if source.blog_date:
        lines.append(f"blog_date: {q(source.blog_date)}")
    lines += [
        f"exported_at: {q(iso_utc(exported_at))}",
        f"entries: {len(entries)}",
        f"tags: {yaml_list(tags)}",
        f"liveread_version: {q(version)}",
        f"{seal.CHECKSUM_KEY}: {q(seal.placeholder())}",
        "---",
    ]
    return lines


def _when(entry: Entry) -> str | None:
    if entry.published is not None:
        when = entry.published.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        # A page time with no zone was taken as UTC: say so rather than claim it.
        return when + (" (time zone not given)" if entry.time_assumed_utc else " UTC")
    if entry.time_label:
        return inline(entry.time_label) or None
    return None


def _meta_line(item: AnnotatedEntry, bodies: Mapping[str, str]) -> str | None:
    entry = item.entry
    parts: list[str] = []
    when = _when(entry)
    if when:
        parts.append(when)
    url = link_target(entry.url)
    if url:
        parts.append(f"[link]({url})")
    if entry.starred:
        parts.append("⭐ starred")
    if entry.pinned:
        parts.append("📌 pinned")
    if not entry.present:
        parts.append("no longer on the page")
    elif entry.revisions:
        parts.append("edited")
    tags = entry_tags(item, bodies)
    if tags:
        parts.append(" ".join(f"#{tag}" for tag in tags))
    return " · ".join(parts) if parts else None


def _label_then_text(label: str, text: str | None) -> list[str]:
    """`label — first paragraph of the note`, then the note's other blocks, its Markdown
    kept (`export.note_markdown`); a note that opens with a list or quote starts below it."""
    blocks = note_blocks(text) if text else []
    if not blocks:
        return [label]
    if blocks[0].kind != "paragraph":
        return [label, *(block.text for block in blocks)]
    return [f"{label} — {blocks[0].text}", *(block.text for block in blocks[1:])]


ENTRY_WHAT = "the config's [export] entry template"
"""How an error in the entry template is named."""
HIGHLIGHT_WHAT = "the config's [export] highlight template"
"""How an error in the highlight template is named."""


def highlight_link(highlight: Highlight, entry: Entry | None) -> str | None:
    """The deep link to an anchored highlight's words on the entry's web page (a text
    fragment, `export.deeplink`), safe inside `(...)`; None off the web or for an orphan."""
    if entry is None or highlight.orphaned or entry.body[highlight.start : highlight.end] != (
        highlight.exact
    ):
        return None
    return link_target(deep_link(entry.url, entry.body, highlight.start, highlight.end))


def highlight_tags(highlight: Highlight) -> list[str]:
    """The highlight's own tags as Obsidian tags (`#verify`), sorted."""
    return [f"#{body}" for body in sorted(tag_bodies(highlight.tags).values())]


def _highlight_label(
    highlight: Highlight, meanings: tuple[tuple[str, str], ...], link: str | None
) -> str:
    colour = inline(color_label(highlight.color, meanings)) or "highlight"
    label = f"*{colour}*"
    if highlight.orphaned:
        label += " (orphaned: the text changed)"
    elif highlight.original is not None:
        label += f" (the words changed; first highlighted as “{inline(highlight.original)}”)"
    tags = highlight_tags(highlight)
    if tags:
        label += " · " + " ".join(tags)
    if link:
        label += f" · [at the quote]({link})"
    return label


def _highlight_blocks(
    highlight: Highlight, templates: Templates | None = None, entry: Entry | None = None
) -> list[str]:
    quote = "\n".join(quote_block(highlight.exact) or ["> …"])
    meanings = templates.meanings if templates else ()
    link = highlight_link(highlight, entry)
    label = _highlight_label(highlight, meanings, link)
    labelled = _label_then_text(label, highlight.note)
    source = templates.highlight if templates else None
    if source is None:
        # DEFAULT_HIGHLIGHT, written out: the same bytes (tests check), without Jinja's cost.
        return ["\n\n".join([quote, *labelled])]
    note = "\n\n".join(b.text for b in note_blocks(highlight.note)) if highlight.note else ""
    context = {
        "quote": Markdown(quote),
        "label": Markdown(label),
        "note": Markdown(note),
        "labelled": [Markdown(block) for block in labelled],
        "text": highlight.exact,
        "color": highlight.color,
        "color_label": color_label(highlight.color, meanings),
        "tags": highlight_tags(highlight),
        "link": Markdown(link or ""),
        "note_text": highlight.note or "",
        "orphaned": highlight.orphaned,
        "original": highlight.original,
    }
    return [render_template(source, DEFAULT_HIGHLIGHT, HIGHLIGHT_WHAT, context)]


def _note_blocks(note: Note) -> list[str]:
    return _label_then_text("**Note**", note.text)


def _ordered_highlights(highlights: Iterable[Highlight]) -> tuple[list[Highlight], list[Highlight]]:
    anchored = sorted(
        (h for h in highlights if not h.orphaned), key=lambda h: (h.start, h.end, h.id)
    )
    orphaned = sorted((h for h in highlights if h.orphaned), key=lambda h: h.id)
    return anchored, orphaned


def highlight_text(
    highlight: Highlight, templates: Templates | None = None, entry: Entry | None = None
) -> str:
    """A highlight as the export writes it: its quote, colour (with its meaning), own tags,
    deep link (given its `entry`) and note."""
    return "\n\n".join(_highlight_blocks(highlight, templates, entry))


def note_text(note: Note) -> str:
    """An entry's note as the export writes it."""
    return "\n\n".join(_note_blocks(note))


def entry_blocks(
    item: AnnotatedEntry, bodies: Mapping[str, str], templates: Templates | None = None
) -> list[str]:
    """One entry as the export writes it: heading, meta line, highlights, notes, orphans,
    through the entry template (`export.template`)."""
    entry = item.entry
    anchored, orphaned = _ordered_highlights(item.highlights)
    heading = inline(entry.title) or "(untitled entry)"
    meta = _meta_line(item, bodies) or ""
    marks = [highlight_text(h, templates, entry) for h in anchored]
    notes = [note_text(n) for n in sorted(item.notes, key=lambda n: (n.created_at, n.id))]
    lost = [highlight_text(h, templates, entry) for h in orphaned]
    source = templates.entry if templates else None
    if source is None:
        # DEFAULT_ENTRY, written out: the same bytes (tests check), without Jinja's cost.
        blocks = [f"## {heading}", *([meta] if meta else []), *marks, *notes]
        if lost:
            blocks += ["### Orphaned highlights", *lost]
        return blocks
    context = {
        "heading": Markdown(heading),
        "meta": Markdown(meta),
        "highlights": [Markdown(text) for text in marks],
        "notes": [Markdown(text) for text in notes],
        "orphaned": [Markdown(text) for text in lost],
        "title": entry.title,
        "url": link_target(entry.url) or "",
        "time": _when(entry) or "",
        "author": entry.author or "",
        "tags": [f"#{tag}" for tag in entry_tags(item, bodies)],
        "starred": entry.starred,
        "pinned": entry.pinned,
        "edited": entry.revisions > 0,
    }
    text = render_template(source, DEFAULT_ENTRY, ENTRY_WHAT, context)
    return [text] if text else []


def render_markdown(
    source: Source,
    entries: Sequence[AnnotatedEntry],
    *,
    exported_at: datetime,
    version: str,
    templates: Templates | None = None,
) -> str:
    """The Markdown note for `source` with `entries` (in the order given), sealed.

    `exported_at` is the only input that may differ between two exports of the same data;
    `version` is liveread's version, written in the front matter; `templates` (from the
    config) shape each entry and highlight, the built-in layout when None.
    """
    bodies = tag_bodies(name for item in entries for name in item.tags)
    blocks = ["\n".join(_front_matter(source, entries, exported_at, version, bodies))]
    blocks.append(f"# {inline(source.title) or '(untitled live blog)'}")
    if source.standfirst:
        blocks.extend("\n".join(para) for para in paragraphs(source.standfirst))
    for item in entries:
        blocks.extend(entry_blocks(item, bodies, templates))
    return seal.seal("\n\n".join(blocks) + "\n")
