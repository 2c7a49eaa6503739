"""What the app keeps between runs, by name: the live blog last read, the theme chosen.

Kept in the database rather than a file of its own: the blog is named by its id, which only
this database gives meaning, and every write is one committed transaction like the rest.
A name holds one short text value; an app state row carries no user data, so writing it
over with an upsert loses nothing.
"""

from __future__ import annotations

from liveread.storage.core import StoreCore

MAX_STATE_CHARS = 200
"""The longest value kept (names and ids are a few characters; a longer one is a bug)."""

LAST_SOURCE = "last_source"
"""The id of the live blog the user was reading when they left."""

THEME = "theme"
"""The theme chosen in the palette, and the config's theme it was chosen over."""


class AppStateMixin(StoreCore):
    """Named values the app keeps between runs."""

    def app_state(self, name: str) -> str | None:
        """The value kept under `name`, if any."""
        with self.writer.lock:
            row = self.conn.execute(
                "SELECT value FROM app_state WHERE name = ?", (name,)
            ).fetchone()
        value = row[0] if row else None
        return value if isinstance(value, str) else None

    def set_app_state(self, name: str, value: str) -> None:
        """Keep `value` under `name` (committed before this returns)."""
        if len(value) > MAX_STATE_CHARS:
            raise ValueError(f"app state {name!r} is longer than {MAX_STATE_CHARS} characters")
        with self.writer.transaction() as conn:
            conn.execute(
                "INSERT INTO app_state (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def last_source(self) -> int | None:
        """The live blog the user was reading last, if one was kept (it may since be gone)."""
        value = self.app_state(LAST_SOURCE)
        return int(value) if value is not None and value.isdigit() else None

    def set_last_source(self, source_id: int) -> None:
        """Keep `source_id` as the live blog the user is reading."""
        self.set_app_state(LAST_SOURCE, str(source_id))
