"""Deterministic synthetic live blogs for benchmarks: same seed, same bytes."""

from __future__ import annotations

import random

_WORDS = [
    "council",
    "harbour",
    "ferry",
    "minister",
    "storm",
    "police",
    "count",
    "ballot",
    "river",
    "bridge",
    "power",
    "outage",
    "shelter",
    "evacuation",
    "rescue",
    "crews",
    "wind",
    "flood",
    "warning",
    "update",
    "vote",
    "turnout",
    "result",
    "mayor",
    "hospital",
    "school",
    "road",
    "closed",
    "reopened",
    "statement",
    "spokesperson",
    "officials",
    "residents",
]


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(_WORDS) for _ in range(words)]
    picked[0] = picked[0].capitalize()
    return " ".join(picked)


def dump_text(entries: int, *, seed: int = 7) -> str:
    """A plain-text dump with `entries` entries, newest first, some with time lines."""
    rng = random.Random(seed)
    lines = [
        " date 2025-01-01 Synthetic live blog for benchmarks",
        "A standfirst for the synthetic blog",
    ]
    for i in range(entries, 0, -1):
        if i % 3 == 0:
            lines.append(f"{(i // 60) % 24:02d}:{i % 60:02d}")
        lines.append(f"{_sentence(rng, rng.randint(4, 10))} number {i}")
        for _ in range(rng.randint(1, 3)):
            lines.append(_sentence(rng, rng.randint(12, 40)) + ".")
    return "\n".join(lines) + "\n"
