"""Every line the CLI prints, on stdout or stderr, goes through here.

File names, URLs, server messages, titles and tag names can hold terminal escape sequences (a
server can put OSC 52 in its reason phrase, a file can be named with a CSI in it). Each line
gets the cleaning content gets (`kernel.text.strip_controls`: escape sequences, C0/C1
controls and bidi overrides removed, a newline folded to a space), keeping the spaces the CLI
lays out itself (aligned columns). JSON lines keep their data exact and escape those
characters instead.
"""

from __future__ import annotations

import json
import re
import sys

from liveread.kernel.text import strip_controls

_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def clean(line: str) -> str:
    """`line` as the terminal may see it: no control or escape sequences, one line."""
    return strip_controls(line).replace("\n", " ")


def say(line: str) -> None:
    """One line on stdout (flushed: scripts read the CLI line by line)."""
    sys.stdout.write(clean(line) + "\n")
    sys.stdout.flush()


def warn(line: str) -> None:
    """One line on stderr, as written (progress and per-poll notes)."""
    sys.stderr.write(clean(line) + "\n")
    sys.stderr.flush()


def problem(line: str) -> None:
    """`liveread: <line>` on stderr: an error or a warning naming the file or URL."""
    warn(f"liveread: {line}")


def json_line(obj: object) -> None:
    """One JSON object per line, UTF-8 as is (not \\u escapes), for `jq` and scripts; the
    characters a terminal would act on (C1 controls, bidi overrides) are escaped."""
    text = json.dumps(obj, ensure_ascii=False)
    text = _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")
