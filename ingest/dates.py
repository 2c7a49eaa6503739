"""Dates as feeds write them, to timezone-aware UTC, with a flag for "no zone was given".

Fast paths first (ISO 8601 via `datetime.fromisoformat`, RFC 822 via `email.utils`), since a
big feed has thousands of dates; python-dateutil reads everything else. A date without a zone
is taken as UTC and flagged, so the reader can say the time may be off.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

MAX_DATE_CHARS = 100
"""Longer strings are not dates (and would make dateutil slow)."""

_HOUR = 3600
# RFC 822's zones plus the European ones feeds use; any other abbreviation is ambiguous
# (IST, CST...), so the time is taken as UTC and flagged rather than guessed.
_ZONES: dict[str, int] = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR,
    "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR,
    "PDT": -7 * _HOUR,
    "WET": 0,
    "WEST": 1 * _HOUR,
    "BST": 1 * _HOUR,
    "CET": 1 * _HOUR,
    "CEST": 2 * _HOUR,
    "EET": 2 * _HOUR,
    "EEST": 3 * _HOUR,
}
# A sentinel default: a result still in year 1 means the text named no year ("14:32",
# "Mar 2"), and dateutil would otherwise fill in today's date.
_NO_YEAR = datetime(1, 1, 1)
_HAS_DIGIT = re.compile(r"\d")

_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})[:.](?P<m>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>GMT|UTC|Z)?"
    r"\s*(?P<other>[A-Z]{2,5})?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A moment read from a feed."""

    value: datetime
    """Timezone-aware, in UTC."""
    assumed_utc: bool
    """True when the text gave no zone and UTC was assumed."""
    offset_minutes: int | None = None
    """The page's own UTC offset in the text (`+01:00` is 60), when it named one."""


def _utc(value: datetime) -> ParsedDate | None:
    try:
        offset = value.utcoffset()
        if value.tzinfo is None or offset is None:
            return ParsedDate(value.replace(tzinfo=UTC), True)
        return ParsedDate(value.astimezone(UTC), False, int(offset.total_seconds()) // 60)
    except (OverflowError, ValueError):
        return None


def parse_date(text: str | None) -> ParsedDate | None:
    """The moment `text` names, or None when it is not a full date (never raises)."""
    if not text:
        return None
    text = text.strip()
    if len(text) > MAX_DATE_CHARS or not _HAS_DIGIT.search(text):
        return None
    try:
        return _utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    rfc = _rfc822(text)
    if rfc is not None:
        return rfc
    return _dateutil(text)


def _rfc822(text: str) -> ParsedDate | None:
    try:
        value = parsedate_to_datetime(text)
    except (ValueError, IndexError, TypeError, OverflowError):
        return None
    if value.tzinfo is None:
        # No zone, `-0000`, or a name email.utils does not know (CET): dateutil may know it.
        return None
    return _utc(value)


def _dateutil(text: str) -> ParsedDate | None:
    try:
        with warnings.catch_warnings():
            # An unknown zone name warns and gives a naive time, which is flagged below.
            warnings.simplefilter("ignore")
            value = dateutil_parser.parse(text, default=_NO_YEAR, tzinfos=_ZONES)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    if value.year == 1:
        return None
    return _utc(value)


def clock_minutes(label: str) -> tuple[int, bool] | None:
    """Minutes after midnight of a clock time (`14:32`, `2.15pm`, `14:32 GMT`) and whether it
    named UTC; None for anything else."""
    match = _CLOCK.match(label.strip())
    if match is None:
        return None
    hours, minutes = int(match.group("h")), int(match.group("m"))
    ampm = (match.group("ampm") or "").lower()
    if ampm.startswith("p") and hours < 12:
        hours += 12
    elif ampm.startswith("a") and hours == 12:
        hours = 0
    if hours > 23 or minutes > 59:
        return None
    # Only GMT/UTC/Z are unambiguous; another zone abbreviation (BST, CET) stays in the
    # label and the time is flagged as taken for UTC.
    return hours * 60 + minutes, match.group("tz") is not None and match.group("other") is None
