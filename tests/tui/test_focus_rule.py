"""Focus moves at once: `tui/` calls `Screen.set_focus`, never `Widget.focus`.

`Widget.focus()` only queues the move on the app, behind whatever keys are already waiting;
a key typed straight after `v` (or at the first frame) then reaches the pane the focus was
leaving. One slip of this kind let a fast `v w w 3` lose its highlight.
"""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"


def queued_focus_calls(source: str) -> list[int]:
    """The lines of `source` that call a `.focus()` method."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "focus"
    ]


def test_tui_never_queues_a_focus_move() -> None:
    found = {
        str(path.relative_to(TUI.parent)): lines
        for path in sorted(TUI.rglob("*.py"))
        if (lines := queued_focus_calls(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_rule_sees_a_focus_call() -> None:
    assert queued_focus_calls("self.query_one(Input).focus()\nself.set_focus(x)\n") == [1]
