"""The README's keys table is the key table: every binding id with its default keys."""

from __future__ import annotations

import re
from pathlib import Path

from liveread.tui import actions

README = Path(__file__).resolve().parents[2] / "README.md"
_KEY_NAMES = {
    "?": "question_mark",
    "/": "slash",
    "(": "left_parenthesis",
    ")": "right_parenthesis",
    "{": "left_curly_bracket",
    "}": "right_curly_bracket",
    "+": "plus",
    "*": "asterisk",
}
"""How the README writes keys whose Textual names are words."""

_ROW = re.compile(r"^\| (?P<keys>.+?) \| (?P<what>.+?) \| `(?P<id>[a-z0-9_.]+)` \|$", re.MULTILINE)


def test_readme_lists_every_binding_with_its_default_keys() -> None:
    rows = {m["id"]: m for m in _ROW.finditer(README.read_text(encoding="utf-8"))}
    assert set(rows) == {a.id for a in actions.ACTIONS}
    for action in actions.ACTIONS:
        row = rows[action.id]
        keys = [k.strip().strip("`") for k in row["keys"].split(",")]
        keys = [_KEY_NAMES.get(k, k) for k in keys]
        assert keys == action.keys.split(","), action.id
        assert row["what"] == action.tooltip, action.id
