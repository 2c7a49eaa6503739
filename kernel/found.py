"""Where the words of a search occur in a text: the spans the list and the reader highlight.

Search finds whole words (SQLite FTS5's unicode61 tokens, case folded); this finds the same
words again in what is shown, so a match is highlighted only where it is a word of its own:
`port` is found in "the port reopened" but not in "airport". A term ending in `*` is a prefix
and marks the whole word it starts (`harb*` marks "harbour"); a phrase marks each of its words.
Pure string work, no regular expressions: what the user typed is never a pattern.
"""

from __future__ import annotations

from collections.abc import Iterable

from liveread.kernel.query import search_terms


def marked_words(query: str) -> tuple[str, ...]:
    """The words to highlight for a search as typed: every word of its terms (the excluded
    `-words` are not on screen), each lower-cased, a prefix keeping its `*`."""
    return marked_terms(search_terms(query).words)


def marked_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """The words to highlight for search terms (a filter's free words, say)."""
    words: list[str] = []
    for term in terms:
        for word in _words(term):
            words.append(word)
    return tuple(dict.fromkeys(words))


def _words(term: str) -> list[str]:
    """A term split into its words the way the index splits them (at anything not a letter
    or digit); a trailing `*` stays on the last word."""
    prefix = term.endswith("*")
    pieces: list[str] = []
    current: list[str] = []
    for ch in term.rstrip("*").lower():
        if ch.isalnum():
            current.append(ch)
        elif current:
            pieces.append("".join(current))
            current = []
    if current:
        pieces.append("".join(current))
    if prefix and pieces and len(pieces[-1]) >= 2:
        pieces[-1] += "*"
    return pieces


def found_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every place one of `words` (from `marked_words`) occurs in `text` as a
    word of its own, in order, never overlapping."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters change length when lower-cased; offsets must stay the text's own.
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    spans: list[tuple[int, int]] = []
    for word in words:
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if not core:
            continue
        at = lowered.find(core)
        while at >= 0:
            end = at + len(core)
            starts_word = at == 0 or not lowered[at - 1].isalnum()
            if prefix:
                while end < len(lowered) and lowered[end].isalnum():
                    end += 1
                ends_word = True
            else:
                ends_word = end == len(lowered) or not lowered[end].isalnum()
            if starts_word and ends_word:
                spans.append((at, end))
            at = lowered.find(core, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
