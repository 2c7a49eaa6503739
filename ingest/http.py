"""httpx, imported without its command-line tool.

httpx's package imports `httpx._main` (the `httpx` command) whenever click, pygments and rich
are installed, as they are beside Textual; that loads all three, a large part of what a 304
poll costs. liveread never runs that command. httpx itself falls back to a stub `main` when
the import of `_main` fails (its own path for an install without the CLI extras), so a `None`
in `sys.modules` for that one name makes it take that path. Imported before httpx anywhere
else in the process, this changes nothing else about httpx.
"""

from __future__ import annotations

import sys

if "httpx" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]

import httpx  # noqa: E402 - must come after the entry above

__all__ = ["httpx"]
