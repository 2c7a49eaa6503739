"""The words an edit changed: two texts compared paragraph by paragraph, then word by word.

A text is cut into paragraphs (each keeps the blank lines after it), and the paragraphs of the
old and the new text are aligned first, on their words with the white space ignored, so a
paragraph inserted above another never makes every paragraph below look changed. A pair of
paragraphs that differ is then compared as tokens: words, and the white space or punctuation
between them. Each paragraph comes back as spans in reading order, the same words once, the
deleted words then the inserted ones at each change. Joining the spans of one side gives that
side's text back exactly, character for character (the tests prove it for any two texts), so a
screen can show either side with its changed words marked without losing or adding any.

Pure functions over strings, no I/O: `difflib.SequenceMatcher` does the matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum


class SpanKind(StrEnum):
    """What a span of a compared paragraph is."""

    SAME = "same"
    """In both texts."""
    DELETED = "deleted"
    """Only in the old text."""
    INSERTED = "inserted"
    """Only in the new text."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text of one kind."""

    kind: SpanKind
    """In both texts, only the old, or only the new."""
    text: str
    """The characters, exactly as in the text they come from."""


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """One paragraph of the old text, of the new, or of both, with its changed words marked."""

    spans: tuple[Span, ...]
    """In reading order: the same words once; at each change the deleted, then the inserted."""

    @property
    def changed(self) -> bool:
        """True when any of its words were deleted or inserted."""
        return any(span.kind is not SpanKind.SAME for span in self.spans)

    @property
    def old(self) -> tuple[Span, ...]:
        """The spans of the old text (same and deleted), in order."""
        return tuple(s for s in self.spans if s.kind is not SpanKind.INSERTED)

    @property
    def new(self) -> tuple[Span, ...]:
        """The spans of the new text (same and inserted), in order."""
        return tuple(s for s in self.spans if s.kind is not SpanKind.DELETED)

    @property
    def removed(self) -> bool:
        """True for a paragraph only the old text has."""
        return bool(self.spans) and not self.new

    @property
    def added(self) -> bool:
        """True for a paragraph only the new text has."""
        return bool(self.spans) and not self.old


@dataclass(frozen=True, slots=True)
class WordDiff:
    """Two texts compared: their paragraphs aligned, each with its changed words marked."""

    paragraphs: tuple[ParagraphDiff, ...]
    """Every paragraph of either text, in reading order."""

    @property
    def old(self) -> tuple[Span, ...]:
        """The old text's spans; joined, they are the old text."""
        return tuple(span for p in self.paragraphs for span in p.old)

    @property
    def new(self) -> tuple[Span, ...]:
        """The new text's spans; joined, they are the new text."""
        return tuple(span for p in self.paragraphs for span in p.new)

    @property
    def changed(self) -> bool:
        """True when the texts differ at all."""
        return any(p.changed for p in self.paragraphs)


PAIR_RATIO = 0.5
"""How alike (`_alike`: the share of words in common) an old and a new paragraph must be to
be shown as one paragraph edited, rather than one removed and another added."""

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\W+")
"""A word (apostrophes inside it kept: `don't`, `O’Neill`), or the run of anything else up to
the next word. The two alternatives cover every character, so tokens join back to the text."""

_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n\s*")
"""A blank line (and any white space after it): where a paragraph ends."""


def tokens(text: str) -> list[str]:
    """`text` as words and the runs between them; `"".join(tokens(t)) == t`."""
    return _TOKEN.findall(text)


def paragraphs(text: str) -> list[str]:
    """`text` cut after each blank line; each piece keeps its trailing white space, so
    `"".join(paragraphs(t)) == t`. Leading white space before the first paragraph is a piece
    of its own only when the text is nothing else."""
    pieces: list[str] = []
    at = 0
    for match in _PARAGRAPH_END.finditer(text):
        if match.start() == 0:
            continue  # blank lines at the very start belong to the first paragraph
        pieces.append(text[at : match.end()])
        at = match.end()
    if at < len(text):
        pieces.append(text[at:])
    return pieces


def _words(paragraph: str) -> str:
    """A paragraph's words with its white space folded: what alignment compares."""
    return " ".join(paragraph.split())


def _merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Neighbouring spans of one kind as one span; empty spans dropped."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].kind is span.kind:
            out[-1] = Span(span.kind, out[-1].text + span.text)
        else:
            out.append(span)
    return tuple(out)


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes for two token lists, the common start and end set aside
    first (most edits change a few words in the middle of a paragraph).

    The matcher keeps its `autojunk` heuristic: a token that is more than one in a hundred of
    a long paragraph (a space, `the`) cannot start a match, though a match runs on through it.
    Without that, a paragraph of thousands of words costs seconds (every space is compared
    with every space); with it, the words anchor the matches, which is what a reader sees.
    """
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    middle = SequenceMatcher(None, a[start : len(a) - end], b[start : len(b) - end])
    codes: list[tuple[str, int, int, int, int]] = []
    if start:
        codes.append(("equal", 0, start, 0, start))
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        codes.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    if end:
        codes.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    # Neighbouring equal runs (the start, or the end, beside an equal run of the middle) as one.
    merged: list[tuple[str, int, int, int, int]] = []
    for code in codes:
        if merged and code[0] == "equal" and merged[-1][0] == "equal":
            last = merged.pop()
            code = ("equal", last[1], code[2], last[3], code[4])
        merged.append(code)
    return merged


def diff_paragraph(old: str, new: str) -> ParagraphDiff:
    """Two versions of one paragraph, word by word.

    A run of white space alone between two changes counts as changed on both sides, so
    `[-the cat-][+a dog+]` reads as one change rather than `[-the-][+a+] [-cat-][+dog+]`.
    """
    a, b = tokens(old), tokens(new)
    codes = _opcodes(a, b)
    spans: list[Span] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        spans.append(Span(SpanKind.DELETED, "".join(deleted)))
        spans.append(Span(SpanKind.INSERTED, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            same = "".join(a[i1:i2])
            between = (deleted or inserted) and index + 1 < len(codes)
            if between and not same.strip():
                deleted.append(same)
                inserted.append(same)
                continue
            flush()
            spans.append(Span(SpanKind.SAME, same))
            continue
        deleted.extend(a[i1:i2])
        inserted.extend(b[j1:j2])
    flush()
    return ParagraphDiff(_merged(spans))


def _whole(kind: SpanKind, text: str) -> ParagraphDiff:
    return ParagraphDiff(_merged([Span(kind, text)]))


def _alike(old: str, new: str) -> float:
    """How alike two paragraphs' words are, 0 to 1: the share of words they have in common,
    counted as bags (`quick_ratio`), which takes time in proportion to their length."""
    return SequenceMatcher(None, old.split(), new.split()).quick_ratio()


def _pair_block(old: Sequence[str], new: Sequence[str]) -> list[ParagraphDiff]:
    """Paragraphs that alignment left unmatched, in order: each old one edited into the next
    new one when they are alike enough, else removed (or the new one added)."""
    out: list[ParagraphDiff] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if _alike(old[i], new[j]) >= PAIR_RATIO:
            out.append(diff_paragraph(old[i], new[j]))
            i += 1
            j += 1
        elif len(old) - i >= len(new) - j:
            out.append(_whole(SpanKind.DELETED, old[i]))
            i += 1
        else:
            out.append(_whole(SpanKind.INSERTED, new[j]))
            j += 1
    out.extend(_whole(SpanKind.DELETED, p) for p in old[i:])
    out.extend(_whole(SpanKind.INSERTED, p) for p in new[j:])
    return out


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts: paragraphs aligned first, then the words of each changed pair."""
    a, b = paragraphs(old), paragraphs(new)
    keys_a, keys_b = [_words(p) for p in a], [_words(p) for p in b]
    out: list[ParagraphDiff] = []
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                # Same words; the white space around them may still differ.
                out.append(_whole(SpanKind.SAME, x) if x == y else diff_paragraph(x, y))
        else:
            out.extend(_pair_block(a[i1:i2], b[j1:j2]))
    return WordDiff(tuple(p for p in out if p.spans))
