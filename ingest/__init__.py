"""Bytes in, `liveread.kernel.model` out: format detection and one parser module per format.

Knows nothing of SQLite or Textual. Every failure is an `InputError` naming where the bytes
came from; nothing here writes anywhere.
"""

from liveread.ingest.reader import parse_bytes, read_file

__all__ = ["parse_bytes", "read_file"]
