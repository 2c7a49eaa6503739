"""Keeping highlights on the right words when the newsroom edits an entry: pure functions.

A highlight is stored as offsets into the body plus its quote and a little context before and
after it (the W3C TextQuoteSelector idea). When the body changes, `reanchor` finds each quote
again, in this order:

1. the quote with its context, exactly (nearest to where it used to be when it occurs twice);
2. the quote alone, exactly, the candidate whose surroundings agree best with the old context
   (then the nearest) winning;
3. the best fuzzy match near where the quote should be: around its old position mapped
   through a paragraph-level diff of the old and new bodies, next to surviving context, or
   around surviving pieces of the quote itself. Only a close enough match is taken.

A quote that cannot be placed gets None: the caller keeps it as orphaned, never drops it.
Every search is bounded (a few windows of a few hundred characters each), so a thousand
highlights on a 200 KB entry re-anchor well inside a second.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

CONTEXT_CHARS = 32
"""How much text before and after a quote is kept to find it again."""

_MAX_CANDIDATES = 64
"""At most this many exact occurrences of a quote are scored against its context."""
_QUOTE_ALONE_MIN = 12
"""A shorter quote found without any of its context is only taken near its old place."""
_FUZZY_MIN = 4
"""Quotes shorter than this are never matched fuzzily."""
_FUZZY_SHORT = 16
"""Quotes shorter than this need surviving context on at least one side to match fuzzily."""
_CONTEXT_PROBE = 16
"""How much of the prefix (its end) and suffix (its start) is looked for on its own."""
_MAX_WINDOWS = 16
"""At most this many windows are scored for one fuzzy search."""
_SNAP_LIMIT = 40
"""How far a fuzzy match's ends may move to reach a word boundary."""


class Method(StrEnum):
    """How a highlight was placed in the new body."""

    CONTEXT = "context"
    """Quote and context found exactly."""
    QUOTE = "quote"
    """The quote found exactly, its context changed."""
    FUZZY = "fuzzy"
    """The quote's words changed; the closest span was taken."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a highlight is: offsets into a body and the text that pins them down."""

    start: int
    """Start offset (characters)."""
    end: int
    """End offset, exclusive."""
    exact: str
    """The highlighted text, `body[start:end]`."""
    prefix: str
    """Up to CONTEXT_CHARS characters before the quote."""
    suffix: str
    """Up to CONTEXT_CHARS characters after the quote."""


@dataclass(frozen=True, slots=True)
class Placement:
    """A highlight placed in a new body."""

    anchor: Anchor
    """Its offsets, text and context in the new body."""
    method: Method
    """How it was found."""


def anchor_span(body: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """The anchor of `body[start:end]`, with `context` characters either side."""
    return Anchor(
        start=start,
        end=end,
        exact=body[start:end],
        prefix=body[max(0, start - context) : start],
        suffix=body[end : end + context],
    )


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """`start`/`end` moved inward past white space at either end (a span may become empty)."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def is_anchored(body: str, anchor: Anchor) -> bool:
    """True when the anchor's offsets still hold its quote in `body`."""
    return 0 <= anchor.start < anchor.end <= len(body) and body[anchor.start : anchor.end] == (
        anchor.exact
    )


# Typographic characters a user types differently in a shell, each folded to one character so
# offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2026": "…",
    }
)


def find_quote(body: str, quote: str) -> tuple[int, int] | None:
    """Where a quote a user typed occurs first in `body`, as (start, end); None if nowhere.

    Tried in order: exactly; then with curly quotes, dashes and no-break spaces folded and any
    run of white space matching any other; then the same ignoring case. The span returned is
    of the body's own text, ends trimmed of white space.
    """
    words = quote.split()
    if not words:
        return None
    at = body.find(quote)
    if at >= 0:
        start, end = trim_span(body, at, at + len(quote))
        if start < end:
            return start, end
    folded_body = body.translate(_FOLD)
    pattern = r"\s+".join(re.escape(word.translate(_FOLD)) for word in words)
    for flags in (0, re.IGNORECASE):
        match = re.search(pattern, folded_body, flags)
        if match is not None:
            return match.start(), match.end()
    return None


def reanchor(
    new_body: str, anchors: Sequence[Anchor], old_body: str | None = None
) -> list[Placement | None]:
    """Place each anchor in `new_body`; None for one that cannot be placed (an orphan).

    `old_body`, the text the anchors' offsets refer to, is optional: with it, old offsets are
    mapped through a paragraph diff, which makes the search near the right place.
    """
    positions = _PositionMap(old_body, new_body) if old_body is not None else None
    placements: list[Placement | None] = []
    for anchor in anchors:
        hint = _hint(anchor, old_body, positions)
        placements.append(_place(new_body, anchor, hint))
    return placements


def reanchor_one(new_body: str, anchor: Anchor, old_body: str | None = None) -> Placement | None:
    """`reanchor` for a single anchor."""
    return reanchor(new_body, [anchor], old_body)[0]


# -- where a quote should be ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hint:
    """Where in the new body the quote's start probably is: `at`, give or take `radius`."""

    at: int
    radius: int
    mapped: bool
    """True when derived from a diff of the bodies, False for the bare old offset."""

    def distance(self, pos: int) -> int:
        return max(0, abs(pos - self.at) - self.radius)


_CHUNK = re.compile(r"[^\n]*\n*")


def _chunks(text: str) -> tuple[list[str], list[int]]:
    """Lines (each with the blank lines after it) as compared, and where each starts."""
    pieces = [m.group() for m in _CHUNK.finditer(text) if m.group()]
    starts = []
    at = 0
    for piece in pieces:
        starts.append(at)
        at += len(piece)
    starts.append(at)
    # Compared without their newlines: a last paragraph that gains one after it is unchanged.
    return [piece.rstrip("\n") for piece in pieces], starts


class _PositionMap:
    """Old offsets to new ones, through a line-level diff (lines compared whole, by hash)."""

    def __init__(self, old: str, new: str) -> None:
        # rapidfuzz is loaded on first use: it costs every app start ~25 ms otherwise.
        from rapidfuzz.distance import Indel

        old_lines, self._old_starts = _chunks(old)
        new_lines, self._new_starts = _chunks(new)
        # (old_lo, old_hi, new_lo, new_hi, equal) line ranges; a delete next to an insert is
        # one replaced block, so an edited paragraph maps onto its new version.
        self._blocks: list[tuple[int, int, int, int, bool]] = []
        pending: tuple[int, int, int, int] | None = None
        for op in Indel.opcodes(old_lines, new_lines):
            if op.tag == "equal":
                if pending is not None:
                    self._blocks.append((*pending, False))
                    pending = None
                self._blocks.append((op.src_start, op.src_end, op.dest_start, op.dest_end, True))
            elif pending is None:
                pending = (op.src_start, op.src_end, op.dest_start, op.dest_end)
            else:
                pending = (pending[0], op.src_end, pending[2], op.dest_end)
        if pending is not None:
            self._blocks.append((*pending, False))
        self._block_starts = [b[0] for b in self._blocks]

    def map(self, pos: int) -> tuple[int, int]:
        """Where the old offset `pos` is in the new text, and how uncertain that is."""
        line = max(0, bisect_right(self._old_starts, pos) - 1)
        at = bisect_right(self._block_starts, line) - 1
        # An insertion has an empty old range, so several blocks can start at one line: the
        # one that actually contains it (or the last) is wanted.
        while at + 1 < len(self._blocks) and self._blocks[at][1] <= line:
            at += 1
        if at < 0 or not self._blocks:
            return 0, 0
        old_lo, old_hi, new_lo, new_hi, equal = self._blocks[at]
        if equal and old_lo <= line < old_hi:
            new_line = new_lo + (line - old_lo)
            return self._new_starts[new_line] + pos - self._old_starts[line], 0
        # A replaced stretch: as far into its new text as `pos` was into the old.
        old_start, old_end = self._old_starts[old_lo], self._old_starts[old_hi]
        new_start, new_end = self._new_starts[new_lo], self._new_starts[new_hi]
        fraction = (pos - old_start) / max(1, old_end - old_start)
        estimate = new_start + round(fraction * (new_end - new_start))
        return estimate, (new_end - new_start) // 2 + 1


def _hint(anchor: Anchor, old_body: str | None, positions: _PositionMap | None) -> _Hint:
    if positions is not None and old_body is not None and is_anchored(old_body, anchor):
        at, radius = positions.map(anchor.start)
        # Beyond a few quote lengths, the context and the quote's own pieces are better guides.
        return _Hint(at, min(radius, max(256, 2 * len(anchor.exact))), True)
    return _Hint(anchor.start, 0, False)


# -- exact stages -------------------------------------------------------------------------------


def _find_near(body: str, needle: str, hint: _Hint, count: int) -> list[int]:
    """Up to `count` occurrences of `needle`, nearest the hint first. Searching outward from
    the hint stops as soon as enough are found: a common needle never costs a full count."""
    if not needle:
        return []
    origin = min(max(0, hint.at), len(body))
    found: list[int] = []
    at = body.find(needle, origin)
    while at >= 0 and len(found) < count:
        found.append(at)
        at = body.find(needle, at + 1)
    # rfind(needle, 0, end) gives the last start s with s + len(needle) <= end.
    step = len(needle) - 1
    at = body.rfind(needle, 0, origin + step)
    backwards = 0
    while at >= 0 and backwards < count:
        found.append(at)
        backwards += 1
        at = body.rfind(needle, 0, at + step)
    return sorted(found, key=lambda pos: (hint.distance(pos), pos))[:count]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(body: str, anchor: Anchor, start: int, end: int) -> int:
    before = body[max(0, start - len(anchor.prefix)) : start]
    after = body[end : end + len(anchor.suffix)]
    return _common_suffix(anchor.prefix, before) + _common_prefix(anchor.suffix, after)


def _placed(body: str, start: int, end: int, method: Method) -> Placement:
    return Placement(anchor_span(body, start, end), method)


def _place(body: str, anchor: Anchor, hint: _Hint) -> Placement | None:
    exact = anchor.exact
    if not exact:
        return None
    n = len(exact)
    # The common case first: nothing moved, or the hint lands exactly on the quote.
    for start in dict.fromkeys((hint.at, anchor.start)):
        if body.startswith(exact, start) and _context_score(body, anchor, start, start + n) == (
            len(anchor.prefix) + len(anchor.suffix)
        ):
            return _placed(body, start, start + n, Method.CONTEXT)
    whole = anchor.prefix + exact + anchor.suffix
    spots = _find_near(body, whole, hint, 1)
    if spots:
        start = spots[0] + len(anchor.prefix)
        return _placed(body, start, start + n, Method.CONTEXT)
    candidates = _find_near(body, exact, hint, _MAX_CANDIDATES)
    if candidates:
        best = max(
            candidates, key=lambda s: (_context_score(body, anchor, s, s + n), -hint.distance(s))
        )
        score = _context_score(body, anchor, best, best + n)
        near = hint.mapped and hint.distance(best) <= n + CONTEXT_CHARS
        if n >= _QUOTE_ALONE_MIN or score >= 4 or near:
            return _placed(body, best, best + n, Method.QUOTE)
    return _fuzzy(body, anchor, hint)


# -- fuzzy stage --------------------------------------------------------------------------------


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _context_windows(body: str, anchor: Anchor, hint: _Hint) -> list[tuple[int, int]]:
    """Where the quote should be: its mapped old place, and next to surviving context."""
    n = len(anchor.exact)
    slack = max(16, n // 2)
    windows: list[tuple[int, int]] = []
    if hint.mapped:
        windows.append((hint.at - hint.radius - slack, hint.at + hint.radius + n + slack))
    probe = anchor.prefix[-_CONTEXT_PROBE:]
    if len(probe) >= 6:
        for at in _find_near(body, probe, hint, 4):
            windows.append((at + len(probe) - 4, at + len(probe) + n + slack))
    probe = anchor.suffix[:_CONTEXT_PROBE]
    if len(probe) >= 6:
        for at in _find_near(body, probe, hint, 4):
            windows.append((at - n - slack, at + 4))
    return windows


def _seed_windows(body: str, anchor: Anchor, hint: _Hint) -> list[tuple[int, int]]:
    """Around pieces of the quote itself that survived the edit (a long quote that moved as
    well as changed). Two pieces must agree on where the quote starts: one short piece alone
    turns up all over a long body."""
    n = len(anchor.exact)
    if n < 24:
        return []
    slack = max(16, n // 2)
    size = 12
    starts: list[tuple[int, int]] = []  # (implied start, which piece)
    for piece, offset in enumerate((0, n // 2 - size // 2, n - size)):
        for at in _find_near(body, anchor.exact[offset : offset + size], hint, 3):
            starts.append((at - offset, piece))
    starts.sort()
    agree = n // 4 + 8
    windows = []
    for i, (start, piece) in enumerate(starts):
        neighbours = starts[max(0, i - 8) : i + 9]
        if any(other != piece and abs(s - start) <= agree for s, other in neighbours):
            windows.append((start - slack, start + n + slack))
    return windows


def _merged(windows: list[tuple[int, int]], length: int, n: int) -> list[tuple[int, int]]:
    """Windows clamped to the body, at least a quote long, overlapping ones merged (up to a
    bounded size), nearest-evidence order kept as far as merging allows."""
    cap = 4 * n + 1024
    out: list[list[int]] = []
    for lo, hi in windows[: _MAX_WINDOWS * 2]:
        lo, hi = max(0, lo), min(length, hi)
        if hi - lo < n:
            lo, hi = max(0, min(lo, hi - n)), min(length, max(hi, lo + n))
        if hi <= lo:
            continue
        for window in out:
            if (
                lo <= window[1]
                and hi >= window[0]
                and max(hi, window[1]) - min(lo, window[0]) <= cap
            ):
                window[0], window[1] = min(lo, window[0]), max(hi, window[1])
                break
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out][:_MAX_WINDOWS]


def _nearest_find(body: str, needle: str, lo: int, hi: int, target: int) -> int | None:
    """The occurrence of `needle` inside body[lo:hi] that starts nearest `target`."""
    best: int | None = None
    at = body.find(needle, max(0, lo), hi)
    while at >= 0:
        if best is None or abs(at - target) < abs(best - target):
            best = at
        at = body.find(needle, at + 1, hi)
    return best


def _refine(body: str, anchor: Anchor, start: int, end: int) -> tuple[int, int] | None:
    """The span of `body` near [start, end) that best lines up with the quote."""
    # rapidfuzz is loaded on first use: it costs every app start ~25 ms otherwise.
    from rapidfuzz.distance import Indel

    exact = anchor.exact
    n = len(exact)
    pad = max(8, n // 4)
    lo, hi = max(0, start - pad), min(len(body), end + pad)
    region = body[lo:hi]
    blocks = [op for op in Indel.opcodes(exact, region) if op.tag == "equal"]
    # Single stray letters matched in the padding would drag the ends outward.
    solid = [op for op in blocks if op.src_end - op.src_start >= 3] or blocks
    if not solid:
        return None
    first, last = solid[0], solid[-1]
    # Quote characters before the first (after the last) matching block were presumably
    # replaced one for one...
    new_start = lo + max(0, first.dest_start - first.src_start)
    new_end = lo + min(len(region), last.dest_end + (n - last.src_end))
    # ...unless the old context survived next to the span, which pins an end exactly.
    tail = anchor.prefix[-8:]
    if len(tail) >= 4:
        found = _nearest_find(
            body, tail, lo - len(tail), lo + first.dest_start, new_start - len(tail)
        )
        if found is not None:
            new_start = found + len(tail)
    head = anchor.suffix[:8]
    if len(head) >= 4:
        found = _nearest_find(body, head, lo + last.dest_end, hi + len(head), new_end)
        if found is not None:
            new_end = found
    if not n // 3 <= new_end - new_start <= 3 * n + 8:
        return None
    return new_start, new_end


def _snap(body: str, anchor: Anchor, start: int, end: int) -> tuple[int, int]:
    """Ends moved to word boundaries where the original quote had them, white space trimmed."""
    exact = anchor.exact
    starts_mid_word = bool(anchor.prefix) and _is_word(anchor.prefix[-1]) and _is_word(exact[0])
    ends_mid_word = bool(anchor.suffix) and _is_word(anchor.suffix[0]) and _is_word(exact[-1])
    start, end = trim_span(body, start, end)
    if not starts_mid_word:
        limit = max(0, start - _SNAP_LIMIT)
        while start > limit and start < end and _is_word(body[start - 1]) and _is_word(body[start]):
            start -= 1
    if not ends_mid_word:
        limit = min(len(body), end + _SNAP_LIMIT)
        while end < limit and end > start and _is_word(body[end]) and _is_word(body[end - 1]):
            end += 1
    return start, end


def _sides_supported(body: str, anchor: Anchor, start: int, end: int) -> int:
    """On how many sides (0-2) the old context still touches the span."""
    sides = 0
    if anchor.prefix:
        before = body[max(0, start - len(anchor.prefix)) : start].rstrip()
        want = min(6, len(anchor.prefix.rstrip()))
        sides += want > 0 and _common_suffix(anchor.prefix.rstrip(), before) >= want
    else:
        sides += not body[:start].strip()
    if anchor.suffix:
        after = body[end : end + len(anchor.suffix)].lstrip()
        want = min(6, len(anchor.suffix.lstrip()))
        sides += want > 0 and _common_prefix(anchor.suffix.lstrip(), after) >= want
    else:
        sides += not body[end:].strip()
    return sides


def _accept(similarity: float, sides: int, n: int) -> bool:
    """Close enough: the stronger the surviving context, the more the words may have changed."""
    if sides >= 2:
        return similarity >= 0.6
    if sides == 1:
        return similarity >= 0.7
    return n >= _FUZZY_SHORT and similarity >= 0.8


def _fuzzy(body: str, anchor: Anchor, hint: _Hint) -> Placement | None:
    # rapidfuzz is loaded on first use: it costs every app start ~25 ms otherwise.
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    exact = anchor.exact
    n = len(exact)
    if n < _FUZZY_MIN or not body:
        return None
    best: tuple[float, int, int, int] | None = None
    # The quote's own surviving pieces are looked for (across the whole body) only when its
    # place and context gave nothing good enough.
    for stage in (_context_windows, _seed_windows):
        windows = _merged(stage(body, anchor, hint), len(body), n)
        scored = []
        for lo, hi in windows:
            found = fuzz.partial_ratio_alignment(exact, body[lo:hi], score_cutoff=50)
            if found is not None:
                scored.append((found.score, lo + found.dest_start, lo + found.dest_end))
        scored.sort(key=lambda s: (-s[0], hint.distance(s[1])))
        seen: set[tuple[int, int]] = set()
        for _, rough_start, rough_end in scored[:4]:
            refined = _refine(body, anchor, rough_start, rough_end)
            if refined is None:
                continue
            start, end = _snap(body, anchor, *refined)
            if start >= end or (start, end) in seen:
                continue
            seen.add((start, end))
            similarity = Indel.normalized_similarity(exact, body[start:end])
            sides = _sides_supported(body, anchor, start, end)
            if not _accept(similarity, sides, n):
                continue
            rank = (similarity + 0.05 * sides, -hint.distance(start), start, end)
            if best is None or rank[:2] > best[:2]:
                best = rank
        if best is not None:
            break
    if best is None:
        return None
    return _placed(body, best[2], best[3], Method.FUZZY)
