"""Bounds every parser applies, so hostile input gives a clear error or a bounded result.

They live in one place so the README, the tests and the parsers agree on the numbers.
"""

from __future__ import annotations

MAX_ENTRIES = 100_000
"""A source with more entries than this is refused (the largest real live blogs have ~20,000)."""

MAX_HEADLINE_CHARS = 1_000
"""Headlines, titles and bylines are cut to this length (with a warning)."""

MAX_BODY_CHARS = 1_000_000
"""An entry's text is cut to this length (with a warning)."""

MAX_RAW_BODY_CHARS = 4 * MAX_BODY_CHARS
"""An entry's raw text or HTML is cut to this length before it is converted and cleaned:
more could never survive the cut above, and converting it would cost seconds per entry."""

MAX_ENTRY_SOURCE = 4 * MAX_RAW_BODY_CHARS
"""One RSS/Atom `<item>` (bytes) or Markdown `##` section (characters) larger than this
refuses the document before its parser starts: the parser would spend a minute on it."""

MAX_CATEGORIES = 50
"""An entry keeps at most this many of its feed's categories (the first ones)."""

MAX_CATEGORY_CHARS = 100
"""A category longer than this is cut (with an ellipsis)."""

MAX_KEY_CHARS = 2_048
"""A feed's own id longer than this is replaced by a hash of it."""

MAX_URL_CHARS = 4_096
"""Longer links are dropped."""

MAX_JSON_BYTES = 64 * 1024 * 1024
"""JSON documents (JSON Feed, JSON-LD) larger than this are refused before parsing."""

MAX_JSON_DEPTH = 64
"""JSON nested deeper than this is refused (real feeds nest fewer than 10 levels)."""

MAX_JSON_NODES = 5_000_000
"""JSON with more values than this (objects, arrays, strings, numbers) is refused."""
