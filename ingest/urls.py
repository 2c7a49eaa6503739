"""Web addresses: which strings are URLs, the form a followed URL is stored under, safe links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from liveread.ingest.http import httpx
from liveread.ingest.limits import MAX_URL_CHARS
from liveread.kernel.errors import InputError

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def looks_like_url(text: str) -> bool:
    """True for anything written as `scheme://...` (whether or not liveread can fetch it)."""
    return _SCHEME.match(text.strip()) is not None


def normalise_url(text: str) -> str:
    """The form a URL source is stored and fetched under; `InputError` if it cannot be fetched.

    Scheme and host are lower-cased, a default port and the fragment are dropped and an empty
    path becomes `/`, so `HTTPS://Example.org` and `https://example.org/#top` are one source.
    """
    raw = text.strip()
    try:
        url = httpx.URL(raw)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise InputError(raw, "not a valid URL") from None
    if not url.scheme:
        raise InputError(raw, "not a URL (expected http://... or https://...)")
    if url.scheme not in ("http", "https"):
        raise InputError(raw, f"only http and https URLs can be fetched, not {url.scheme}:")
    if not url.host:
        raise InputError(raw, "the URL has no host name")
    parts = urlsplit(str(url.copy_with(fragment=None)))
    if not parts.path:
        parts = parts._replace(path="/")
    return urlunsplit(parts)


def safe_link(text: str | None) -> str | None:
    """`text` if it is an absolute http(s) URL with no spaces or controls, else None."""
    if not text:
        return None
    link = text.strip()
    if len(link) > MAX_URL_CHARS or not link[:8].lower().startswith(("http://", "https://")):
        return None
    if len(link) <= len("https://"):
        return None
    # Printable ASCII with no space holds none of the unsafe characters: skip the search.
    if not (link.isascii() and link.isprintable() and " " not in link) and _UNSAFE.search(link):
        return None
    return link
