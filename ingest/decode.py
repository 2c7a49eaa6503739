"""Turning a source's bytes into text, refusing what is not text."""

from __future__ import annotations

from liveread.kernel.errors import InputError

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Files larger than this are refused before they are read (a 100,000-entry dump is ~40 MB)."""


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM) to str; binary or other encodings get one clear error."""
    if not data.strip():
        raise InputError(where, "empty file, nothing to import")
    if b"\x00" in data[:65536]:
        raise InputError(where, "binary data (NUL bytes), not a text live blog")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            where, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise InputError(where, "binary data (NUL bytes), not a text live blog")
    return text
