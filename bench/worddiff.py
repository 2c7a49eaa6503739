"""The word diff of the changes view (`d`), beside the line diff it replaced, in the same run.

- a long entry: 200 paragraphs of 80 words, ten of them edited (a few words each, one
  paragraph added and one removed), compared word by word (`kernel.worddiff.word_diff`);
- a long paragraph: one of 5,000 words with ten words changed along it.

The floor is the bare library call on the same words: one `difflib.SequenceMatcher` over
each text's words (`str.split`), its opcodes and nothing else (no paragraphs, no runs between
the words, no spans). Both are medians of RUNS runs; the target bounds our time against the
floor's (`ratio<=3`). The quick run is the same size: it takes a second or two.
"""

from __future__ import annotations

import difflib
import random
from pathlib import Path

from bench.core import Figure
from bench.generate import WORDS
from bench.views import median_of
from liveread.kernel.worddiff import word_diff

RUNS = 7
"""Runs of each measurement (ours and the floor alike)."""


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def _edited(rng: random.Random, paragraph: str, changes: int) -> str:
    """`paragraph` with `changes` words replaced, spread along it."""
    words = paragraph.split(" ")
    for at in rng.sample(range(len(words)), changes):
        words[at] = rng.choice(WORDS).upper()
    return " ".join(words)


def long_entry(rng: random.Random) -> tuple[list[str], list[str]]:
    """Two versions of a 200-paragraph entry: ten paragraphs edited, one added, one removed."""
    old = [_paragraph(rng, 80) for _ in range(200)]
    new = list(old)
    for at in range(5, 200, 20):
        new[at] = _edited(rng, new[at], 4)
    new.insert(50, _paragraph(rng, 60))
    del new[120]
    return old, new


def long_paragraph(rng: random.Random) -> tuple[list[str], list[str]]:
    """Two versions of one 5,000-word paragraph, ten words changed."""
    old = _paragraph(rng, 5000)
    return [old], [_edited(rng, old, 10)]


def _figure(name: str, old: list[str], new: list[str]) -> Figure:
    a, b = "\n\n".join(old), "\n\n".join(new)
    diff = word_diff(a, b)
    assert "".join(s.text for s in diff.old) == a and "".join(s.text for s in diff.new) == b
    ours = median_of(RUNS, lambda: word_diff(a, b))
    words_a, words_b = a.split(), b.split()
    floor = median_of(RUNS, lambda: difflib.SequenceMatcher(None, words_a, words_b).get_opcodes())
    return Figure(name, ours * 1000, "ms", floor * 1000, "ratio<=3", 3.0)


def run(scratch: Path, quick: bool) -> list[Figure]:
    """The two word-diff figures (nothing is written to `scratch`; `quick` changes nothing)."""
    rng = random.Random(29)
    return [
        _figure("worddiff_entry_200par_ms", *long_entry(rng)),
        _figure("worddiff_paragraph_5000w_ms", *long_paragraph(rng)),
    ]
