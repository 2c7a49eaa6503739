"""The plain-text live-blog dump (see the README's "Formats" section).

Line 1 is ` date YYYY-MM-DD <title>`; every other non-blank line is a headline, a paragraph
or a time line. The rules, in the order they are applied to a line:

- a time line (`14:32`, `14.32 GMT`, `2.15pm`, `2h ago`) starts the entry that follows it;
- a line that ends like a sentence (`.`, `!`, `?`, `…`, possibly followed by closing quotes or
  brackets), ends in `:`, `;` or `,`, or is longer than 25 words is a paragraph;
- anything else is a headline.

Line 2 is the standfirst when it is headline-shaped, or when it is sentence-shaped and
followed by a headline. A headline-shaped standfirst followed directly by paragraphs is also
the first entry's headline: that entry has no other. A paragraph with no headline of its own
stays with the entry above. Joining every entry's paragraphs gives back every paragraph line
of the file, in order: nothing is dropped or duplicated (but past the 1,000,000 characters
an entry may hold, which is cut with a warning). More than `MAX_ENTRIES` entries are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from liveread.ingest.dates import clock_minutes
from liveread.ingest.limits import MAX_BODY_CHARS, MAX_ENTRIES
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.kernel.progress import EVERY, Phase, Progress
from liveread.kernel.text import clean_line, fingerprint

DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.IGNORECASE)
"""Line 1 of a dump: the word `date`, an ISO date, the title."""

_TIME_LINE = re.compile(
    r"""^(?:
        (?P<h>\d{1,2})[:.](?P<m>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>GMT|UTC|Z)?\s*(?P<other>[A-Z]{2,5})?
      | \d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago
      | just\s+now
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"""(?:[.!?…]|\.\.\.)[”"’'»)\]]*$""")
"""What a paragraph ends with (the "..." form is one of `.`); `_kind` tests the same with
string methods, as a search would try the pattern at every position of a long paragraph."""
_CONTINUES = re.compile(r"[:;,]$")
HEADLINE_MAX_WORDS = 25
"""A longer line is a paragraph even if it lacks final punctuation."""
_ENDS = ".!?…"
_CLOSERS = "”\"’'»)]"
_PARAGRAPH_LAST = _ENDS + ":;,"
"""A line ending in one of these is a paragraph (`_SENTENCE_END` or `_CONTINUES`)."""
_MANY_WORDS_CHARS = 2 * HEADLINE_MAX_WORDS
"""26 words take at least 51 characters: a line this short need not be split to count them."""
_TIME, _PARA, _HEAD = "time", "para", "head"


def is_time_line(line: str) -> bool:
    """True for a line that only gives a time (`14:32`, `14.32 GMT`, `2h ago`)."""
    return _TIME_LINE.match(line) is not None


def is_paragraph_line(line: str) -> bool:
    """True for a line shaped like a paragraph rather than a headline."""
    return bool(
        _SENTENCE_END.search(line)
        or _CONTINUES.search(line)
        or len(line.split()) > HEADLINE_MAX_WORDS
    )


def _kind(line: str) -> str:
    """`is_time_line`, then `is_paragraph_line`, for a clean line that is not empty, by cheap
    character tests first: this runs on every line of a dump of 100,000 entries."""
    first = line[0]
    # `_TIME_LINE` starts with a digit (`\d` is any Unicode digit) or the j of "just now";
    # a non-ASCII first character is left to the pattern, whatever case-folding does.
    if ("0" <= first <= "9" or first in "jJ" or first > "\x7f") and _TIME_LINE.match(line):
        return _TIME
    last = line[-1]
    if last in _PARAGRAPH_LAST:
        return _PARA
    if last in _CLOSERS:
        bare = line.rstrip(_CLOSERS)
        if bare and bare[-1] in _ENDS:
            return _PARA
    if len(line) > _MANY_WORDS_CHARS and len(line.split()) > HEADLINE_MAX_WORDS:
        return _PARA
    return _HEAD


def looks_like_dump(text: str) -> bool:
    """True when the first non-blank line is a dump's date line."""
    for line in text.splitlines():
        if line.strip():
            return DATE_LINE.match(line) is not None
    return False


@dataclass(slots=True)
class _Draft:
    headline: str | None = None
    time: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    size: int = 0
    cut: bool = False

    def empty(self) -> bool:
        return self.headline is None and not self.paragraphs

    def add(self, line: str) -> None:
        # Past the length an entry is cut to anyway, more text is not even kept.
        if self.size > MAX_BODY_CHARS:
            self.cut = True
            return
        self.paragraphs.append(line)
        self.size += len(line) + 2


def parse_text_dump(text: str, where: str, progress: Progress | None = None) -> ParsedFeed:
    """Parse a dump; raises `InputError` naming `where` if it is not one. `progress`, if
    given, hears the count of entries found every `kernel.progress.EVERY` of them.

    Lines are cleaned, then sorted into entries one at a time, so a dump of more than
    `MAX_ENTRIES` entries is refused as soon as the one over the limit begins.
    """
    lines = _clean_lines(text)
    if not lines:
        raise InputError(where, "empty file, nothing to import")
    head = DATE_LINE.match(lines[0])
    if head is None:
        raise InputError(
            where, "not a live-blog dump: expected a first line ' date YYYY-MM-DD <title>'"
        )
    try:
        blog_date = date.fromisoformat(head.group(1))
    except ValueError:
        raise InputError(where, f"line 1: {head.group(1)!r} is not a valid date") from None
    title = (head.group(2) or "").strip() or f"Live blog of {blog_date.isoformat()}"
    standfirst, drafts = _split_entries(lines, 1, where, progress)
    if not drafts:
        raise InputError(where, "no entries after the date line")
    entries = _finish(drafts, blog_date)
    if progress is not None:
        progress(Phase.READING, len(entries), len(entries))
    cut = sum(1 for d in drafts if d.cut or d.size > MAX_BODY_CHARS)
    warnings = (
        (f"cut {cut:,} entr{'y' if cut == 1 else 'ies'} longer than {MAX_BODY_CHARS:,} characters",)
        if cut
        else ()
    )
    return ParsedFeed(
        format=Format.TEXT,
        title=title,
        entries=entries,
        standfirst=standfirst,
        blog_date=blog_date.isoformat(),
        warnings=warnings,
    )


def _clean_lines(text: str) -> list[str]:
    """The non-blank lines of `text`, cleaned. A line longer than any entry may be is cut
    first, so cleaning never works on more than that."""
    most = MAX_BODY_CHARS
    # `clean_line`'s own first test, here to spare most lines the call.
    return [
        line
        for raw in text.splitlines()
        if (
            line := raw.strip()
            if len(raw) <= most and "  " not in raw and raw.isprintable()
            else clean_line(raw[: most + 1])
        )
    ]


def _split_entries(
    lines: list[str], begin: int, where: str, progress: Progress | None = None
) -> tuple[str | None, list[_Draft]]:
    """The standfirst and the entries of `lines[begin:]`, in page order."""
    opening = lines[begin : begin + 2]
    kinds = [_kind(x) for x in opening]
    standfirst: str | None = None
    drafts: list[_Draft] = []
    current: _Draft | None = None
    if kinds:
        following = kinds[1] if len(kinds) > 1 else None
        if kinds[0] == _HEAD:
            standfirst = opening[0]
            if following == _PARA:
                # The standfirst doubles as the first entry's headline.
                current = _Draft(headline=opening[0])
            begin += 1
        elif kinds[0] == _PARA and following in (_HEAD, _TIME):
            standfirst = opening[0]
            begin += 1
    for i in range(begin, len(lines)):
        line = lines[i]
        kind = _kind(line)
        if kind is _PARA:
            if current is None:
                current = _Draft()
            current.add(line)
            continue
        if kind is _HEAD and current is not None and current.empty():
            current.headline = line
            continue
        if current is not None and not current.empty():
            drafts.append(current)
            found = len(drafts)
            if found > MAX_ENTRIES:
                raise InputError(
                    where, f"too many entries (more than the limit of {MAX_ENTRIES:,})"
                )
            if progress is not None and found % EVERY == 0:
                progress(Phase.READING, found, None)
        current = _Draft(time=line) if kind is _TIME else _Draft(headline=line)
    if current is not None and not current.empty():
        drafts.append(current)
    if len(drafts) > MAX_ENTRIES:
        raise InputError(where, f"too many entries (more than the limit of {MAX_ENTRIES:,})")
    return standfirst, drafts


_DAY = timedelta(days=1)


def _bounded_body(paragraphs: list[str]) -> str:
    body = "\n\n".join(paragraphs)
    if len(body) > MAX_BODY_CHARS:
        body = body[:MAX_BODY_CHARS].rstrip() + "…"
    return body


def _finish(drafts: list[_Draft], blog_date: date) -> tuple[ParsedEntry, ...]:
    # Keys and dates are worked out from the bottom (oldest) up: new entries arrive on top,
    # so counting repeats from the bottom keeps every older entry's key stable.
    seen: dict[str, int] = {}
    midnight = datetime(blog_date.year, blog_date.month, blog_date.day, tzinfo=UTC)
    last_minutes: int | None = None
    out: list[ParsedEntry] = []
    for draft in reversed(drafts):
        basis = draft.headline or (draft.paragraphs[0] if draft.paragraphs else draft.time or "")
        base = ("h:" if draft.headline else "p:") + fingerprint(basis)
        repeat = seen[base] = seen.get(base, 0) + 1
        key = base if repeat == 1 else f"{base}~{repeat}"
        published: datetime | None = None
        assumed = False
        clock = clock_minutes(draft.time) if draft.time else None
        if clock is not None:
            minutes, has_zone = clock
            if last_minutes is not None and minutes < last_minutes:
                midnight += _DAY  # the page crossed midnight going up
            last_minutes = minutes
            published = midnight + timedelta(minutes=minutes)
            assumed = not has_zone
        out.append(
            ParsedEntry(
                key=key,
                headline=draft.headline,
                body=_bounded_body(draft.paragraphs),
                published=published,
                time_label=draft.time,
                time_assumed_utc=assumed,
            )
        )
    out.reverse()
    return tuple(out)
