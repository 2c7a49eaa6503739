"""The project's own exceptions: every failure a user can cause ends in one of these.

Each carries a one-line message that names the file or URL and what was wrong, so the CLI can
print it on stderr and the app can show it as a notification, never as a traceback.
"""

from __future__ import annotations


class LivereadError(Exception):
    """Base of every error liveread reports to the user as one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(LivereadError):
    """A source (file, URL, bytes) that cannot be read as any live blog liveread knows."""

    exit_code = 2

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class FetchError(InputError):
    """A URL that could not be fetched (network, status, size cap, redirects)."""


class StorageError(LivereadError):
    """The database could not be opened, migrated or written."""

    exit_code = 3


class NotFoundError(LivereadError):
    """An id given on the command line names no row (entry, source, note, highlight)."""

    exit_code = 2


class ExportWriteError(InputError):
    """An export could not be written (unwritable directory, full disk); the old file is intact."""


class ExportConflictError(InputError):
    """The export's target was changed by the user (or is not a liveread export): not overwritten.

    The app asks before overwriting; the CLI refuses unless `--force`.
    """


class ReadCancelled(LivereadError):
    """A long read stopped because its caller no longer wants the answer (the next key, or
    quitting): nothing to report, nothing was written."""
