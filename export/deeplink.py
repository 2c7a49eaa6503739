"""Deep links to a highlight on the web: the entry's permalink with a text fragment.

A text fragment (WICG Scroll-To-Text Fragment, `#:~:text=`) asks the browser to scroll to and
mark the quoted words. The directive is `text=[prefix-,]start[,end][,-suffix]`: a long quote
is named by its first and last words (`start,end`) rather than whole, and a quote found more
than once in the entry's text carries a few words of context before (`prefix-`) and after
(`-suffix`) so the browser picks the right one. Each part is percent-encoded, `-`, `&` and
`,` included (they are the directive's own syntax), as are spaces and non-ASCII characters
(UTF-8). A permalink that already has a fragment (`#block-12`) keeps it: the directive follows
it after `:~:`. Pure: text in, text out.
"""

from __future__ import annotations

from urllib.parse import quote

LONG_QUOTE = 80
"""A quote longer than this many characters (with enough words) is linked by its ends."""
END_WORDS = 4
"""How many words of each end name a long quote (`start,end`)."""
CONTEXT_WORDS = 3
"""How many words of context a quote found more than once carries on each side."""


def encode_part(text: str) -> str:
    """One part of a text directive, percent-encoded: white space folded to one space, and
    everything but letters, digits, `_`, `.` and `~` encoded (`-` as `%2D`)."""
    return quote(" ".join(text.split()), safe="").replace("-", "%2D")


def _count(haystack: str, needle: str) -> int:
    """How many times `needle` occurs in `haystack`, overlaps counted."""
    count, at = 0, haystack.find(needle)
    while at != -1 and needle:
        count += 1
        at = haystack.find(needle, at + 1)
    return count


def text_directive(body: str, start: int, end: int) -> str | None:
    """The `text=` directive for `body[start:end]`; None when the span holds no words."""
    words = body[start:end].split()
    if not words:
        return None
    flat_body = " ".join(body.split())
    quote_text = " ".join(words)
    parts: list[str]
    if len(quote_text) > LONG_QUOTE and len(words) >= 2 * END_WORDS + 1:
        head, tail = " ".join(words[:END_WORDS]), " ".join(words[-END_WORDS:])
        parts = [encode_part(head), encode_part(tail)]
        ambiguous = _count(flat_body, head) > 1 or _count(flat_body, tail) > 1
    else:
        parts = [encode_part(quote_text)]
        ambiguous = _count(flat_body, quote_text) > 1
    if ambiguous:
        before = body[:start].split()[-CONTEXT_WORDS:]
        after = body[end:].split()[:CONTEXT_WORDS]
        if before:
            parts.insert(0, encode_part(" ".join(before)) + "-")
        if after:
            parts.append("-" + encode_part(" ".join(after)))
    return "text=" + ",".join(parts)


def deep_link(url: str | None, body: str, start: int, end: int) -> str | None:
    """`url` with a text fragment for `body[start:end]`; None when there is no http(s)
    permalink to point into or the span is not inside the body."""
    link = (url or "").strip()
    if not link.lower().startswith(("http://", "https://")) or any(c.isspace() for c in link):
        return None
    if not 0 <= start < end <= len(body):
        return None
    directive = text_directive(body, start, end)
    if directive is None:
        return None
    if ":~:" in link:
        link = link.split(":~:", 1)[0]
    joint = ":~:" if "#" in link else "#:~:"
    return f"{link}{joint}{directive}"
