"""The word-diff benchmark measures what it says: a 200-paragraph entry with ten paragraphs
edited, one added and one removed, and a 5,000-word paragraph with ten words changed."""

from __future__ import annotations

import random
from pathlib import Path

from bench.worddiff import long_entry, long_paragraph, run
from liveread.kernel.worddiff import SpanKind, word_diff


def test_the_inputs_are_what_the_figures_say() -> None:
    old, new = long_entry(random.Random(1))
    assert len(old) == 200 and len(new) == 200
    diff = word_diff("\n\n".join(old), "\n\n".join(new))
    assert sum(p.added for p in diff.paragraphs) == 1
    assert sum(p.removed for p in diff.paragraphs) == 1
    assert sum(p.changed and not (p.added or p.removed) for p in diff.paragraphs) >= 9
    (paragraph,), (edited,) = long_paragraph(random.Random(1))
    assert len(paragraph.split()) == 5000
    (only,) = word_diff(paragraph, edited).paragraphs
    assert 0 < sum(s.kind is SpanKind.INSERTED for s in only.spans) <= 10


def test_the_bench_runs(tmp_path: Path) -> None:
    figures = run(tmp_path, quick=True)
    assert [f.name for f in figures] == ["worddiff_entry_200par_ms", "worddiff_paragraph_5000w_ms"]
    for figure in figures:
        assert figure.value > 0 and figure.baseline is not None and figure.baseline > 0
