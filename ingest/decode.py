"""Turning a source's bytes into text, refusing what is not text."""

from __future__ import annotations

import codecs

from liveread.kernel.errors import InputError

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused, counted while they are read (a 100,000-entry dump,
the most entries any format may have, is ~40 MB; a fetched body may have 10 MiB). Parsing
takes a few times a file's size in memory, so this bound is also the memory bound."""


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM) to str; binary or other encodings get one clear error."""
    if not data.strip():
        raise InputError(where, "empty file, nothing to import")
    if b"\x00" in data[:65536]:
        raise InputError(where, _nul_problem(data[:4096]))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            where, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise InputError(where, "binary data (NUL bytes), not a text live blog")
    return text


def _nul_problem(head: bytes) -> str:
    if _looks_wide(head):
        return "UTF-16 or UTF-32 text without a byte order mark; save it as UTF-8 (or with a BOM)"
    return "binary data (NUL bytes), not a text live blog"


def _looks_wide(head: bytes) -> bool:
    """True when `head` reads as mostly-ASCII text in UTF-16 or UTF-32 (no BOM)."""
    head = head[: len(head) - len(head) % 4]
    if len(head) < 8:
        return False
    for codec in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if all(c.isprintable() or c in "\r\n\t" for c in text) and sum(
            c.isascii() for c in text
        ) * 2 >= len(text):
            return True
    return False


# UTF-32 first: its little-endian BOM begins with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def utf8_from_bom(data: bytes, where: str) -> bytes:
    """The one encoding rule every format shares: UTF-8 (BOM or not) is read as it is, and
    UTF-16 or UTF-32 that starts with its byte order mark is turned into UTF-8 (with a UTF-8
    BOM, so every reader after this knows it for certain). Wide text without a BOM is left
    as it is: XML declares its encoding, everything else is then refused as binary.
    """
    for bom, codec, name in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    where,
                    f"starts with a {name} byte order mark but is not valid {name}"
                    f" (offset {exc.start + len(bom)})",
                ) from None
            return codecs.BOM_UTF8 + text.encode("utf-8")
    return data
