"""The liveread Textual app (placeholder until the reader lands)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class LivereadApp(App[None]):
    """Placeholder reader: shows the database path."""

    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, db_path: Path, open_source: str | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        """The database this app reads and writes."""
        self.open_source = open_source
        """A source to import and show on start, if given."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"liveread — database {self.db_path}", markup=False)
        yield Footer()
