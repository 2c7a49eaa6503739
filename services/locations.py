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

    Raises `InputError` for a URL liveread cannot fetch (not http or https). A bundled
    sample (`sample:<file>`) is stored by that name.
    """
    if sample_name(source) is not None:
        return source
    if is_url(source):
        from liveread.ingest.urls import normalise_url

        return normalise_url(source)
    return file_location(source)


SAMPLE_PREFIX = "sample:"
"""How a bundled sample is stored: `sample:<file>`, found in the installed package on every
read, so reinstalling liveread (or an editable install) never strands it."""


def sample_location(name: str) -> str:
    """The stored name of the bundled sample file `name`."""
    return SAMPLE_PREFIX + name


def sample_name(source: str) -> str | None:
    """The sample file a `sample:<file>` source names; None for anything else."""
    if source.startswith(SAMPLE_PREFIX):
        return source[len(SAMPLE_PREFIX) :]
    return None


def sample_file(source: str) -> Path:
    """The installed file of a `sample:<file>` source; `InputError` naming it if liveread
    ships no such sample."""
    from liveread.kernel.errors import InputError
    from liveread.sample_feeds import bundled_files, sample_path

    name = sample_name(source) or ""
    path = sample_path(name)
    if path is None:
        shipped = ", ".join(p.name for p in bundled_files())
        raise InputError(source, f"liveread ships no such sample (it ships {shipped})")
    return path
