"""Starting the app: open the store, import the samples on first run, then run Textual."""

from __future__ import annotations

import sys
from pathlib import Path

from liveread.errors import LivereadError


def launch(db_path: Path, source: str | None) -> int:
    """Run the reader against `db_path`, optionally importing and showing `source` first."""
    from tui.app import LivereadApp

    try:
        app = LivereadApp(db_path=db_path, open_source=source)
    except LivereadError as exc:
        print(f"liveread: {exc}", file=sys.stderr)
        return exc.exit_code
    app.run()
    return app.return_code or 0
