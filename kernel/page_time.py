"""The page's own time zone, read back from the time an entry's page wrote.

A post's instant is stored in UTC; how the page wrote it (`23:10 GMT`, `14.32 CEST`,
`9:41 +01:00`, or a bare `14:32`) is kept as its time label. The page's zone comes from that
label: a zone abbreviation or a UTC offset written in it, else (for a bare clock time, when
the instant came from elsewhere on the page with its own offset) the difference between the
label's clock and the stored instant. Nothing is guessed beyond that: a label that says
nothing of a zone, or an entry whose time was taken as UTC for want of one, has no page zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

ABBREVIATIONS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "SAST": 2, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
    "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AWST": 8, "ACST": 9.5, "ACDT": 10.5,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip
"""Zone abbreviations newsrooms write after a time, with their offsets in hours. Ambiguous
ones (IST is India's and Ireland's) are left out: an unknown zone is better than a wrong one."""

MAX_LABEL_CHARS = 100
"""Labels longer than this are not read for a zone (stored labels are shorter)."""


@dataclass(frozen=True, slots=True)
class PageZone:
    """The zone a page wrote its times in."""

    offset: timedelta
    """Its offset from UTC."""
    name: str
    """How it is named: the page's abbreviation (`GMT`), else `UTC+1`, `UTC-3:30`."""

    def tzinfo(self) -> timezone:
        """As a fixed-offset zone carrying the name."""
        return timezone(self.offset, self.name)


def offset_name(offset: timedelta) -> str:
    """`UTC`, `UTC+1`, `UTC-3:30`."""
    minutes = round(offset.total_seconds() / 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _offset_in(token: str) -> timedelta | None:
    """`+01:00`, `+0100`, `-5`, `UTC+1`, `GMT-03:30` -> the offset; None for anything else."""
    for prefix in ("UTC", "GMT"):
        if token.upper().startswith(prefix) and len(token) > len(prefix):
            token = token[len(prefix) :]
            break
    if len(token) < 2 or token[0] not in "+-":
        return None
    digits = token[1:].replace(":", "")
    if not digits.isdigit() or len(digits) not in (1, 2, 3, 4):
        return None
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > 14 or minutes >= 60:
        return None
    offset = timedelta(hours=hours, minutes=minutes)
    return -offset if token[0] == "-" else offset


def _clock_in(label: str) -> tuple[int, int] | None:
    """The first clock time in a label (`14:32`, `14.32`, `9.41am`, `2:05 pm`), if any."""
    words = label.replace(",", " ").split()
    for index, word in enumerate(words):
        lowered = word.lower()
        meridiem = ""
        for suffix in ("am", "pm", "a.m.", "p.m."):
            if lowered.endswith(suffix):
                meridiem, lowered = suffix[0], lowered[: -len(suffix)]
                break
        if not meridiem and index + 1 < len(words):
            following = words[index + 1].lower()
            if following in ("am", "pm", "a.m.", "p.m."):
                meridiem = following[0]
        for separator in (":", "."):
            hours_text, found, minutes_text = lowered.partition(separator)
            if not found or not hours_text.isdigit() or len(minutes_text) != 2:
                continue
            if not minutes_text.isdigit():
                continue
            hours, minutes = int(hours_text), int(minutes_text)
            if meridiem:
                if not 1 <= hours <= 12:
                    continue
                hours = hours % 12 + (12 if meridiem == "p" else 0)
            if hours < 24 and minutes < 60:
                return hours, minutes
    return None


def page_zone(
    label: str | None, published: datetime | None, assumed_utc: bool = False
) -> PageZone | None:
    """The zone the page wrote this entry's time in, if its label says or shows it."""
    if not label or len(label) > MAX_LABEL_CHARS:
        return None
    for token in label.replace(",", " ").replace("(", " ").replace(")", " ").split():
        hours = ABBREVIATIONS.get(token.upper().rstrip("."))
        if hours is not None and token.isupper():
            return PageZone(timedelta(hours=hours), token.upper().rstrip("."))
        offset = _offset_in(token)
        if offset is not None:
            return PageZone(offset, offset_name(offset))
    if published is None or assumed_utc:
        return None
    clock = _clock_in(label)
    if clock is None:
        return None
    utc = published.astimezone(UTC)
    written = clock[0] * 60 + clock[1]
    minutes = (written - (utc.hour * 60 + utc.minute)) % (24 * 60)
    if minutes > 14 * 60:
        minutes -= 24 * 60
    if minutes % 15:
        return None  # not a zone's offset: the label's clock is of something else
    offset = timedelta(minutes=minutes)
    return PageZone(offset, offset_name(offset))
