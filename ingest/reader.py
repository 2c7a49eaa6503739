"""Entry points: recognise a source's format from its content and hand it to its parser."""

from __future__ import annotations

from pathlib import Path

from ingest.decode import MAX_FILE_BYTES, decode_text
from ingest.plaintext import looks_like_dump, parse_text_dump
from liveread.errors import InputError
from liveread.model import ParsedFeed

EXPECTED = "expected a live-blog dump whose first line is ' date YYYY-MM-DD <title>'"


def parse_bytes(data: bytes, where: str) -> ParsedFeed:
    """Detect the format of `data` from its content (never its name) and parse it."""
    text = decode_text(data, where)
    if looks_like_dump(text):
        return parse_text_dump(text, where)
    raise InputError(where, f"not a live blog liveread can read ({EXPECTED})")


def read_file(path: Path) -> ParsedFeed:
    """Read and parse a file; every problem is an `InputError` naming the path."""
    where = str(path)
    try:
        if path.is_dir():
            raise InputError(where, "is a directory, not a live-blog file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(where, f"too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except PermissionError:
        raise InputError(where, "permission denied") from None
    except IsADirectoryError:
        raise InputError(where, "is a directory, not a live-blog file") from None
    except OSError as exc:
        raise InputError(where, exc.strerror or "cannot be read") from None
    return parse_bytes(data, where)
