"""What a source the user names is stored under: the one test for "is this a URL".

`liveread PATH|URL`, `liveread import`, the app's first run and reload all ask here, so a
string is a URL (or a file) in the same way everywhere: anything written `scheme://...` is a
URL, and one liveread cannot fetch (`ftp://`, `data://`) is refused as such, never looked for
as a file.
"""

from __future__ import annotations

from pathlib import Path


def is_url(source: str) -> bool:
    """True for anything written as `scheme://...` (a URL, fetchable or not)."""
    from liveread.ingest.urls import looks_like_url

    return looks_like_url(source)


def file_location(source: str) -> str:
    """The key a file source is stored under: its absolute path, `~` expanded."""
    return str(Path(source).expanduser().resolve())


def location_of(source: str) -> str:
    """What a source is stored under: a URL normalised, a file as its absolute path.

    Raises `InputError` for a URL liveread cannot fetch (not http or https).
    """
    if is_url(source):
        from liveread.ingest.urls import normalise_url

        return normalise_url(source)
    return file_location(source)
