"""Text hygiene shared by ingest and display: content is data, never terminal control.

Feed text goes through `clean_text` when it is stored and again when it is shown, so an
escape sequence that reached the database by any route still never reaches the terminal.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# ECMA-48 sequences, 7-bit and 8-bit forms. String-type sequences (OSC, DCS, SOS, PM, APC)
# run to their terminator (BEL or ST) or, if truncated, to the end of the text: a lone
# unterminated OSC must not leave its payload behind as visible junk either.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\]|\x9d) .*? (?:\x07|\x1b\\|\x9c|$)          # OSC
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]) .*? (?:\x1b\\|\x9c|$)  # DCS SOS PM APC
    | (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?                  # CSI
    | \x1b [ -/]* [0-~]?                                     # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
# What is left after the sequences: C0 controls but tab and newline, DEL, C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi overrides and isolates can reorder what a terminal shows (the "Trojan Source" trick);
# the plain marks (LRM, RLM, ALM) are kept, right-to-left text needs them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NEEDS_WORK = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences, C0/C1 controls (but newline) and bidi overrides.

    Tabs become spaces: their width depends on the terminal, not the text.
    """
    # Every character the sequences and controls are made of is unprintable: a cheap test
    # that lets most text skip the search (multi-line text is unprintable for its newlines
    # alone, and testing it without them is cheaper than the search).
    if text.isprintable() or text.replace("\n", "").isprintable():
        return text
    if _NEEDS_WORK.search(text) is None:
        return text
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROLS.sub("", text)
    return _BIDI_CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """A single display line: controls stripped, runs of white space folded, ends trimmed."""
    if "  " not in text and text.isprintable():
        # Printable means no control, no tab, newline or other space than " " (those are
        # separators, not printable): nothing to strip or fold but the ends.
        return text.strip()
    line = strip_controls(text).replace("\n", " ")
    if line.isascii() and "  " not in line and "\t" not in line:
        return line.strip()  # no run of spaces to fold (the common case, without the regex)
    return _SPACES.sub(" ", line).strip()


QUOTE_SHOWN = 40
"""How many characters of a quote or note a message shows before `…`."""


def short_quote(text: str, limit: int = QUOTE_SHOWN) -> str:
    """`“the first words…”` of a quote or note, on one clean line, for a message."""
    flat = clean_line(text)
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


def clean_text(text: str) -> str:
    """Multi-line content: controls stripped, each line's trailing space trimmed."""
    cleaned = strip_controls(text)
    if cleaned.isascii() and " \n" not in cleaned and not cleaned.endswith(" "):
        # Controls are gone, so a space is the only white space that can end a line: none does.
        return cleaned.strip("\n")
    return "\n".join(line.rstrip() for line in cleaned.split("\n")).strip("\n")


_FOLD_PUNCT = re.compile(r"[^\w\s]")
# The same fold for ASCII text as one bytes table, lower case included: what `_FOLD_PUNCT`
# would turn into a space is found by asking the pattern itself, so the two paths cannot
# disagree; white space becomes a plain space too, as `bytes.split` knows less of it than
# `str.split` (the unit and record separators).
_ASCII_FOLD = bytes(
    (32 if _FOLD_PUNCT.match(chr(c)) or chr(c).isspace() else ord(chr(c).lower())) if c < 128 else c
    for c in range(256)
)


def _ascii_key(text: str) -> bytes:
    """`normalise_for_key(text)` as bytes, for ASCII `text`: NFKC leaves ASCII as it is,
    casefold is lower() there and no ASCII character is a format character."""
    return b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split())


class _FormatChars(dict[int, int | None]):
    """Invisible format characters (Unicode category Cf) mapped to deletion, every other
    code point to itself: a `str.translate` table filled in as characters are met, so no
    key ever pays for a scan of all 1.1 million code points."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Cf" else code
        self[code] = kept
        return kept


_FORMAT_CHARS = _FormatChars()


def normalise_for_key(text: str) -> str:
    """Fold text for identity: NFKC, case-folded, punctuation dropped, white space collapsed.

    Two headlines that differ only in quote style, case or spacing get the same key.
    """
    if text.isascii():
        return _ascii_key(text).decode("ascii")
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FORMAT_CHARS)
    folded = _FOLD_PUNCT.sub(" ", folded)
    return " ".join(folded.split())


def fingerprint(text: str) -> str:
    """A short stable hash of normalised text, used as an entry key where a feed gives none."""
    if text.isascii():  # `_ascii_key`, spelled out: this runs once per entry of an import
        key = b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split())
    else:
        key = normalise_for_key(text).encode("utf-8")
    return hashlib.sha256(key).hexdigest()[:20]


def content_hash(*parts: str | None) -> str:
    """Hash of an entry's visible text; a change of it on re-import makes a revision."""
    h = hashlib.sha256()
    for part in parts:
        h.update((part or "").encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()
