"""Where the reader's cursor can go: wrapping text into lines with known offsets, and moving
by character, word, sentence, paragraph and line.

Pure functions over a plain string (the reader's whole document), so each rule is tested on
its own. Offsets are character offsets into that string; a cursor sits *before* the
character at its offset (the end of the text is a valid place too).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from rich.cells import cell_len

Line = tuple[int, int]
"""One wrapped line as (start, end) offsets: `text[start:end]`, without the newline."""

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n\s*")


def wrap_lines(text: str, width: int) -> list[Line]:
    """Break `text` into lines of at most `width` cells, at spaces where it can (a word longer
    than a line is folded). Spaces at a break stay at the end of the line they follow, so
    every character belongs to exactly one line (newlines belong to none)."""
    width = max(1, width)
    lines: list[Line] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        if start == end:
            lines.append((start, start))
        else:
            narrow = cell_len(paragraph) == len(paragraph)
            at = start
            while at < end:
                stop = _fit(text, at, end, width, narrow)
                if stop >= end:
                    lines.append((at, end))
                    break
                brk = _break_before(text, at, stop)
                lines.append((at, brk))
                at = brk
        start = end + 1
    return lines


def _fit(text: str, at: int, end: int, width: int, narrow: bool) -> int:
    """The offset after the last character from `at` that fits in `width` cells."""
    if narrow:
        return min(end, at + width)
    used = 0
    stop = at
    while stop < end:
        used += cell_len(text[stop])
        if used > width:
            break
        stop += 1
    return max(stop, at + 1)


def _break_before(text: str, at: int, stop: int) -> int:
    """Where a line starting at `at` that must end by `stop` breaks: after the spaces that
    follow its last whole word, or at `stop` (folding) when there is no space."""
    if text[stop] == " ":
        while stop < len(text) and text[stop] == " ":
            stop += 1
        return stop
    space = text.rfind(" ", at, stop)
    if space <= at:
        return stop
    return space + 1


def line_of(lines: Sequence[Line], offset: int) -> int:
    """The index of the line the cursor at `offset` is on."""
    starts = [line[0] for line in lines]
    return max(0, bisect_right(starts, offset) - 1)


def column_cells(text: str, line: Line, offset: int) -> int:
    """How many cells from the line's start to `offset`."""
    return cell_len(text[line[0] : max(line[0], min(offset, line[1]))])


def offset_at_cells(text: str, line: Line, cells: int) -> int:
    """The offset in `line` of the character at `cells` cells from its start (its end when
    the line is shorter)."""
    used = 0
    for at in range(line[0], line[1]):
        used += cell_len(text[at])
        if used > cells:
            return at
    return line[1]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def word_next(text: str, offset: int) -> int:
    """The start of the next word (or the end of the text)."""
    at = offset
    while at < len(text) and _is_word(text[at]):
        at += 1
    while at < len(text) and not _is_word(text[at]):
        at += 1
    return at


def word_previous(text: str, offset: int) -> int:
    """The start of this word, or of the previous one when already at a start."""
    at = offset
    while at > 0 and not _is_word(text[at - 1]):
        at -= 1
    while at > 0 and _is_word(text[at - 1]):
        at -= 1
    return at


def sentence_next(text: str, offset: int) -> int:
    """The start of the next sentence (after `.`, `!`, `?` or a line break), or the end."""
    found = _SENTENCE_END.search(text, offset)
    return found.end() if found else len(text)


def sentence_previous(text: str, offset: int) -> int:
    """The start of this sentence, or of the previous one when already at a start."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text, 0, max(0, offset))]
    starts = [s for s in starts if s < offset]
    return starts[-1] if starts else 0


def paragraph_next(text: str, offset: int) -> int:
    """The start of the next paragraph, or the end of the text."""
    found = _PARAGRAPH_BREAK.search(text, offset)
    return found.end() if found else len(text)


def paragraph_previous(text: str, offset: int) -> int:
    """The start of this paragraph, or of the previous one when already at a start."""
    starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, max(0, offset))]
    starts = [s for s in starts if s < offset]
    return starts[-1] if starts else 0


def line_move(text: str, lines: Sequence[Line], offset: int, delta: int) -> int:
    """The offset `delta` lines up (negative) or down, in the same cell column."""
    if not lines:
        return offset
    index = line_of(lines, offset)
    target = max(0, min(len(lines) - 1, index + delta))
    if target == index:
        return offset
    column = column_cells(text, lines[index], offset)
    return offset_at_cells(text, lines[target], column)
