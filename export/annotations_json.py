"""Annotations as JSON close to the W3C Web Annotation model, and that JSON read back.

The shape (documented in the README, "Exporting"):

    {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
     "format": "liveread-annotations/2", "liveread_version": "...", "exported_at": "...",
     "liveread_checksum": "sha256:...", "total": N, "sources": [...], "annotations": [...]}

Each annotation is `{"type": "Annotation", "motivation": ..., "target": {"source": ...},
"body": ...}`: `bookmarking` (a star or a pin), `tagging`, `commenting` (a note) or
`highlighting` (a TextQuoteSelector and a TextPositionSelector, the colour as the target's
`styleClass`, with `color_label` (`pink (disputed)`) when the config gives the colour a
meaning, the highlight's note and its own tags as its bodies (`commenting`, `tagging`),
`status`, and `deep_link`, the permalink with a text fragment, when the entry is on the
web). `target.source` is an IRI, as the Web Annotation model requires: the entry's own web
address, else `urn:liveread:<blog location>:<entry key>` (each part percent-encoded).
`target.liveread` names the entry by its blog (location, url, title) and its key and
headline, never by a database id; that is what an import matches on. Format 1 (liveread 0.1)
had those details in `target.source` itself, and is still read.

Pure: rendering is model in, text out; parsing is text in, `liveread.kernel.records` records out,
with each malformed annotation reported, not fatal. A file that is not ours is refused whole.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from liveread.export import seal
from liveread.export.deeplink import deep_link
from liveread.export.markdown import iso_utc
from liveread.kernel.colors import color_label, normalise_color
from liveread.kernel.errors import InputError
from liveread.kernel.jsonsafe import checked
from liveread.kernel.model import AnnotatedEntry, Entry, Highlight, HighlightStatus, Source
from liveread.kernel.records import (
    AnnotationFile,
    EntryRef,
    Flag,
    FlagRecord,
    HighlightRecord,
    NoteRecord,
    Record,
    Skipped,
    TagRecord,
)
from liveread.kernel.tags import normalise_tag
from liveread.kernel.text import clean_line, clean_text, strip_controls

FORMAT_NAME = "liveread-annotations"
"""The `format` marker's name part; the part after `/` is the format's version."""
FORMAT_VERSION = 2
"""The version this code writes and the newest it reads."""
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"
"""The `format` value of a file this version writes."""
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The W3C Web Annotation JSON-LD context."""
MAX_DEPTH = 32
"""Annotation files nest 7 levels; one nested deeper than this is refused whole."""
MAX_VALUES = 20_000_000
"""An annotation file with more JSON values than this is refused whole."""
MAX_OFFSET = 2**62
"""Offsets above this cannot be an entry's (and would not fit SQLite's 64-bit integers)."""

# -- rendering ---------------------------------------------------------------------------


def source_iri(source: Source, entry: Entry) -> str:
    """The IRI of the entry an annotation targets: its http(s) address, else a
    `urn:liveread:` IRI of its blog's location and its key."""
    url = (entry.url or "").strip()
    if url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url):
        return url
    return f"urn:liveread:{quote(source.location, safe='')}:{quote(entry.key, safe='')}"


def _target(source: Source, item: AnnotatedEntry) -> dict[str, Any]:
    entry = item.entry
    return {
        "source": source_iri(source, entry),
        "liveread": {
            "blog": {"title": source.title, "location": source.location, "url": source.url},
            "entry": {"key": entry.key, "headline": entry.headline, "url": entry.url},
        },
    }


def _body(purpose: str, value: str, *, markdown: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "TextualBody", "purpose": purpose, "value": value}
    if markdown:
        body["format"] = "text/markdown"
    return body


def _highlight(
    target: dict[str, Any],
    highlight: Highlight,
    entry: Entry,
    meanings: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    annotation: dict[str, Any] = {
        "type": "Annotation",
        "motivation": "highlighting",
        "status": highlight.status,
        "target": {
            **target,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": highlight.exact,
                    "prefix": highlight.prefix,
                    "suffix": highlight.suffix,
                },
                {"type": "TextPositionSelector", "start": highlight.start, "end": highlight.end},
            ],
            "styleClass": highlight.color,
        },
    }
    if dict(meanings).get(highlight.color):
        annotation["color_label"] = color_label(highlight.color, meanings)
    if highlight.original is not None:
        annotation["original"] = highlight.original
    link = None if highlight.orphaned else _deep_link(highlight, entry)
    if link is not None:
        annotation["deep_link"] = link
    bodies = [_body("commenting", highlight.note, markdown=True)] if highlight.note else []
    bodies += [_body("tagging", name) for name in sorted(set(highlight.tags))]
    if len(bodies) == 1:
        annotation["body"] = bodies[0]
    elif bodies:
        annotation["body"] = bodies
    if highlight.created_at is not None:
        annotation["created"] = iso_utc(highlight.created_at)
    if highlight.updated_at is not None:
        annotation["modified"] = iso_utc(highlight.updated_at)
    return annotation


def _deep_link(highlight: Highlight, entry: Entry) -> str | None:
    if entry.body[highlight.start : highlight.end] != highlight.exact:
        return None
    return deep_link(entry.url, entry.body, highlight.start, highlight.end)


def entry_annotations(
    source: Source, item: AnnotatedEntry, meanings: tuple[tuple[str, str], ...] = ()
) -> list[dict[str, Any]]:
    """Every annotation on one entry: star, pin, tags, highlights, notes, in that fixed order."""
    target = _target(source, item)
    result: list[dict[str, Any]] = []

    def simple(motivation: str, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "Annotation",
            "motivation": motivation,
            "target": dict(target),
            "body": body,
        }

    if item.entry.starred:
        result.append(simple("bookmarking", _body("bookmarking", Flag.STAR.value)))
    if item.entry.pinned:
        result.append(simple("bookmarking", _body("bookmarking", Flag.PIN.value)))
    for name in sorted(set(item.tags)):
        result.append(simple("tagging", _body("tagging", name)))
    anchored = sorted(
        (h for h in item.highlights if not h.orphaned), key=lambda h: (h.start, h.end, h.id)
    )
    orphaned = sorted((h for h in item.highlights if h.orphaned), key=lambda h: h.id)
    result.extend(_highlight(target, h, item.entry, meanings) for h in anchored + orphaned)
    for note in sorted(item.notes, key=lambda n: (n.created_at, n.id)):
        annotation = simple("commenting", _body("commenting", note.text, markdown=True))
        annotation["created"] = iso_utc(note.created_at)
        annotation["modified"] = iso_utc(note.updated_at)
        result.append(annotation)
    return result


def render_json(
    groups: Sequence[tuple[Source, Sequence[AnnotatedEntry]]],
    *,
    exported_at: datetime,
    version: str,
    meanings: tuple[tuple[str, str], ...] = (),
) -> str:
    """Every annotation of the given sources' entries as one JSON document, sealed.

    `groups` pairs each source with its entries in page order; the output keeps that order.
    `meanings` (the config's colour meanings) add each highlight's `color_label`.
    """
    annotations = [
        annotation
        for source, items in groups
        for item in items
        for annotation in entry_annotations(source, item, meanings)
    ]
    document = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "format": FORMAT,
        "liveread_version": version,
        "exported_at": iso_utc(exported_at),
        seal.CHECKSUM_KEY: seal.placeholder(),
        "total": len(annotations),
        "sources": [
            {
                "title": source.title,
                "location": source.location,
                "url": source.url,
                "blog_date": source.blog_date,
            }
            for source, _ in groups
        ],
        "annotations": annotations,
    }
    return seal.seal(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


# -- parsing -----------------------------------------------------------------------------


class _Malformed(Exception):
    """One annotation that cannot be read; its message is the skip reason."""


def _shown(value: object) -> str:
    """A value from the file, quoted for a one-line message: cleaned and cut short."""
    text = clean_line(repr(value) if not isinstance(value, dict | list) else type(value).__name__)
    return text if len(text) <= 60 else text[:59] + "…"


def _opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Malformed(f"'{key}' is not a string")
    return clean_line(value) or None


def _dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Malformed(f"{what} is not an object")
    return value


def _entry_ref(target: Any) -> EntryRef:
    found = _dict(target, "'target'")
    if isinstance(found.get("source"), dict):
        # Format 1 (liveread 0.1): the details were the source itself.
        source, where = _dict(found.get("source"), "'target.source'"), "'target.source"
    else:
        source, where = _dict(found.get("liveread"), "'target.liveread'"), "'target.liveread"
    blog = _dict(source.get("blog"), f"{where}.blog'")
    entry = _dict(source.get("entry"), f"{where}.entry'")
    ref = EntryRef(
        blog_location=_opt_str(blog, "location"),
        blog_url=_opt_str(blog, "url"),
        blog_title=_opt_str(blog, "title"),
        key=_opt_str(entry, "key"),
        headline=_opt_str(entry, "headline"),
    )
    if not (ref.blog_location or ref.blog_url or ref.blog_title):
        raise _Malformed("the target names no blog (location, url or title)")
    if not (ref.key or ref.headline):
        raise _Malformed("the target names no entry (key or headline)")
    return ref


def _bodies(annotation: dict[str, Any]) -> list[dict[str, Any]]:
    body = annotation.get("body")
    if body is None:
        return []
    items = body if isinstance(body, list) else [body]
    return [b for b in items if isinstance(b, dict) and isinstance(b.get("value"), str)]


def _body_value(annotation: dict[str, Any], purpose: str) -> str | None:
    bodies = _bodies(annotation)
    for body in bodies:
        if body.get("purpose") == purpose:
            return str(body["value"])
    return str(bodies[0]["value"]) if bodies else None


def _time(annotation: dict[str, Any], key: str) -> datetime | None:
    value = annotation.get(key)
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
        # A time at the edge of the calendar (0001-01-01T00:00+01:00) has no UTC moment.
        parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else None


def _selectors(target: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    raw = target.get("selector")
    items = raw if isinstance(raw, list) else [raw]
    quote = position = None
    for item in items:
        if isinstance(item, dict) and item.get("type") == "TextQuoteSelector" and quote is None:
            quote = item
        if isinstance(item, dict) and item.get("type") == "TextPositionSelector":
            position = position or item
    return quote, position


def _offset(selector: dict[str, Any], key: str) -> int:
    value = selector.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_OFFSET:
        raise _Malformed(f"TextPositionSelector '{key}' is not a whole number >= 0")
    return value


def _highlight_record(annotation: dict[str, Any], ref: EntryRef) -> HighlightRecord:
    target = _dict(annotation.get("target"), "'target'")
    quote, position = _selectors(target)
    if quote is None:
        raise _Malformed("a highlight without a TextQuoteSelector")
    exact = quote.get("exact")
    if not isinstance(exact, str) or not strip_controls(exact).strip():
        raise _Malformed("the TextQuoteSelector has no 'exact' text")
    prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise _Malformed("the TextQuoteSelector's 'prefix'/'suffix' is not a string")
    start = end = None
    if position is not None:
        start, end = _offset(position, "start"), _offset(position, "end")
        if end < start:
            raise _Malformed("TextPositionSelector 'end' is before 'start'")
    color = target.get("styleClass")
    if not isinstance(color, str) or not clean_line(color):
        raise _Malformed("a highlight without a colour ('target.styleClass')")
    try:
        color = normalise_color(clean_line(color))
    except InputError as exc:
        raise _Malformed(str(exc)) from None
    original = annotation.get("original")
    if original is not None and (not isinstance(original, str) or not original.strip()):
        raise _Malformed("'original' is not a quote")
    status = annotation.get("status", HighlightStatus.ANCHORED)
    if not isinstance(status, str) or status not in tuple(HighlightStatus):
        raise _Malformed(f"unknown highlight status {_shown(status)}")
    # A highlight's note is its commenting body (or one that names no purpose); its tagging
    # bodies are its own tags, never its note.
    notes = [b for b in _bodies(annotation) if b.get("purpose") in ("commenting", None)]
    note = clean_text(str(notes[0]["value"])) if notes else ""
    tags: set[str] = set()
    for body in _bodies(annotation):
        if body.get("purpose") == "tagging":
            try:
                tags.add(normalise_tag(str(body["value"])))
            except InputError:
                continue  # a tag that normalises to nothing is no tag
    return HighlightRecord(
        target=ref,
        start=start,
        end=end,
        exact=strip_controls(exact),
        prefix=strip_controls(prefix),
        suffix=strip_controls(suffix),
        color=color,
        note=note or None,
        status=HighlightStatus(status),
        original=strip_controls(original) if original is not None else None,
        created=_time(annotation, "created"),
        modified=_time(annotation, "modified"),
        tags=tuple(sorted(tags)),
    )


def _record(annotation: Any) -> Record:
    annotation = _dict(annotation, "the annotation")
    if annotation.get("type") != "Annotation":
        raise _Malformed("'type' is not \"Annotation\"")
    motivation = annotation.get("motivation")
    ref = _entry_ref(annotation.get("target"))
    if motivation == "highlighting":
        return _highlight_record(annotation, ref)
    value = _body_value(annotation, str(motivation))
    if motivation == "bookmarking":
        if value not in (Flag.STAR.value, Flag.PIN.value):
            raise _Malformed('a bookmark whose body is neither "star" nor "pin"')
        return FlagRecord(target=ref, flag=Flag(value))
    if motivation == "tagging":
        try:
            return TagRecord(target=ref, name=normalise_tag(value or ""))
        except InputError as exc:
            raise _Malformed(str(exc)) from None
    if motivation == "commenting":
        text = clean_text(value or "")
        if not text.strip():
            raise _Malformed("a note with no text")
        return NoteRecord(
            target=ref,
            text=text,
            created=_time(annotation, "created"),
            modified=_time(annotation, "modified"),
        )
    raise _Malformed(f"unsupported motivation {_shown(motivation)}")


def _format_version(document: dict[str, Any], where: str) -> int:
    marker = document.get("format")
    name, _, number = marker.partition("/") if isinstance(marker, str) else ("", "", "")
    if name != FORMAT_NAME:
        raise InputError(where, f'not a liveread annotation export (expected "format": "{FORMAT}")')
    # isdigit() alone accepts "²" and other digits int() refuses; 9 digits are plenty.
    if not (number.isascii() and number.isdigit()) or len(number) > 9 or int(number) < 1:
        raise InputError(where, f"unknown annotation format {_shown(marker)}")
    if int(number) > FORMAT_VERSION:
        raise InputError(
            where,
            f"written by a newer liveread (format {_shown(marker)[1:-1]}); this version"
            f" reads up to {FORMAT}",
        )
    return int(number)


def parse_annotations(data: bytes | str, where: str) -> AnnotationFile:
    """Read an annotation export. A file that is not one raises `InputError` naming `where`;
    a malformed annotation inside a good file is listed in `malformed`, the rest still read.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(where, "not UTF-8 text, so not a liveread annotation export") from None
    try:
        document = json.loads(data)
    except RecursionError:
        raise InputError(
            where, f"nested deeper than {MAX_DEPTH} levels, so not a liveread annotation export"
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            where, f"not JSON ({exc.msg} at line {exc.lineno}), so not a liveread annotation export"
        ) from None
    except ValueError as exc:
        # Python refuses to convert an integer of more than 4,300 digits.
        raise InputError(
            where, f"not valid JSON ({_shown(str(exc))[1:-1]}), so not a liveread annotation export"
        ) from None
    document = checked(document, where, max_depth=MAX_DEPTH, max_values=MAX_VALUES)
    if not isinstance(document, dict):
        raise InputError(where, "not a liveread annotation export (not a JSON object)")
    _format_version(document, where)
    items = document.get("annotations")
    if not isinstance(items, list):
        raise InputError(where, "the 'annotations' list is missing")
    version = document.get("liveread_version")
    records: list[tuple[int, Record]] = []
    malformed: list[Skipped] = []
    for index, item in enumerate(items):
        try:
            records.append((index, _record(item)))
        except _Malformed as exc:
            malformed.append(Skipped(index, f"malformed: {exc}"))
    return AnnotationFile(
        records=tuple(records),
        malformed=tuple(malformed),
        liveread_version=version if isinstance(version, str) else "unknown",
    )
