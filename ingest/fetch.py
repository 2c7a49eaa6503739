"""Fetching a live blog over HTTP(S), within hard bounds, and parsing what came back.

- A total deadline covers everything (DNS, connect, every redirect, headers, body): the whole
  exchange runs under `asyncio.timeout`, so a server that trickles a byte a second, in the
  headers or the body, is cut off on time, not just one that stops sending.
- The body is decoded here (gzip, deflate) with a bounded output per step and counted
  against a cap as it streams, so a compression bomb stops after the cap, not after it has
  filled memory. The caps are settings (`BodyCaps`: `max_page_mib` for web pages, 10 MiB by
  default, `max_feed_mib` for feeds, 50 MiB, since a feed of every post can be larger),
  chosen by the Content-Type; a body of another type is read up to the larger cap and
  refused afterwards if it is a page above the page cap. A refusal names the setting that raises it.
- At most `MAX_REDIRECTS` redirects, http and https only, loops named as such.
- Conditional GET: the caller passes the ETag / Last-Modified it stored; a 304 comes back as
  a result with no feed. Only a validator of printable ASCII is kept or sent (a server's
  non-ASCII ETag cannot be sent back in a header; one stored by an older version is ignored).

Every failure is a `FetchError` (an `InputError`) naming the URL, in one line. Nothing here
touches the database: callers import the result afterwards, outside any network wait.
"""

from __future__ import annotations

import asyncio
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from liveread import __version__
from liveread.ingest.http import httpx
from liveread.kernel.errors import FetchError, InputError
from liveread.kernel.text import clean_line

if TYPE_CHECKING:
    from liveread.kernel.model import ParsedFeed

MiB = 1024 * 1024
"""Bytes in a mebibyte: the caps are set in MiB."""

MAX_BODY_BYTES = 10 * MiB
"""Largest decoded web page accepted by default (10 MiB; setting `max_page_mib`)."""

MAX_FEED_BYTES = 50 * MiB
"""Largest decoded feed (RSS, Atom, JSON Feed) accepted by default (setting `max_feed_mib`)."""

_PAGE_TYPES = ("text/html", "application/xhtml+xml")
"""Content types read against the page cap from the first byte."""

_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
    "application/json",
)
"""Content types read against the feed cap from the first byte."""

MAX_REDIRECTS = 5
"""Most redirects followed for one fetch."""

DEFAULT_DEADLINE = 30.0
"""Seconds one fetch may take in all, redirects included."""

USER_AGENT = f"liveread/{__version__} (+terminal live-blog reader)"
"""What liveread calls itself to servers."""

_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9,"
    " application/xml;q=0.9, text/xml;q=0.8, text/html;q=0.8, text/markdown;q=0.7,"
    " text/plain;q=0.6, */*;q=0.1"
)
_STEP = 64 * 1024
_MAX_VALIDATOR_CHARS = 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class BodyCaps:
    """The largest decoded bodies a fetch accepts (from the settings of the same names)."""

    page_bytes: int = MAX_BODY_BYTES
    """A web page's cap (`max_page_mib`)."""
    feed_bytes: int = MAX_FEED_BYTES
    """A feed's cap (`max_feed_mib`); a body of another type is read to the larger cap."""

    def for_type(self, content_type: str | None) -> tuple[int, str]:
        """The cap to read a body of `content_type` against, and the setting that raises it."""
        kind = (content_type or "").split(";", 1)[0].strip().lower()
        if kind in _PAGE_TYPES:
            return self.page_bytes, "max_page_mib"
        if kind in _FEED_TYPES or self.feed_bytes >= self.page_bytes:
            return self.feed_bytes, "max_feed_mib"
        # An unsaid type under caps set the other way round: the larger one, by its name.
        return self.page_bytes, "max_page_mib"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch found."""

    url: str
    """The URL the content finally came from (after redirects)."""
    feed: ParsedFeed | None
    """The parsed live blog; None when the server said it has not changed (HTTP 304)."""
    etag: str | None
    """The ETag to send next time, if any."""
    last_modified: str | None
    """The Last-Modified to send next time, if any."""

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 Not Modified."""
        return self.feed is None


def fetch_feed(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    caps: BodyCaps | None = None,
) -> FetchResult:
    """Fetch and parse `url` (blocking; for threads and the CLI). See `fetch_feed_async`."""
    return asyncio.run(
        fetch_feed_async(
            url, etag=etag, last_modified=last_modified, deadline=deadline, caps=caps
        )
    )


async def fetch_feed_async(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    caps: BodyCaps | None = None,
) -> FetchResult:
    """Fetch `url`, conditionally if validators are given, and parse the body (`caps`: the
    largest bodies accepted, the defaults when None).

    Raises `FetchError` for network and HTTP trouble, `InputError` for content that is not a
    live blog; both name `url`.
    """
    try:
        async with asyncio.timeout(deadline):
            return await _fetch(url, etag, last_modified, deadline, caps or BodyCaps())
    except TimeoutError:
        raise FetchError(url, f"no complete answer within {deadline:g} s") from None


async def _fetch(
    url: str, etag: str | None, last_modified: str | None, deadline: float, caps: BodyCaps
) -> FetchResult:
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
    etag, last_modified = validator(etag), validator(last_modified)
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    conditional = bool(etag or last_modified)
    timeout = httpx.Timeout(deadline)
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise InputError(url, "not a valid URL") from None
    seen: list[str] = []

    async def refuse_odd_redirect(response: httpx.Response) -> None:
        # httpx works out the next request of every redirect, even one it will not follow,
        # and fails on a `data:` or `javascript:` Location: refuse those first, by name.
        if response.status_code in _REDIRECTS:
            _check_location(url, response.headers.get("location", ""))

    hooks = {"response": [refuse_odd_redirect]}
    async with httpx.AsyncClient(
        timeout=timeout, follow_redirects=False, event_hooks=hooks, transport=_Transports()
    ) as client:
        while True:
            _check_scheme(url, target)
            seen.append(str(target))
            try:
                request = client.build_request("GET", target, headers=headers)
                response = await client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchError(url, f"no complete answer within {deadline:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, _network_problem(exc)) from None
            except httpx.InvalidURL:
                raise FetchError(url, "redirected to an invalid URL") from None
            try:
                if response.status_code in _REDIRECTS:
                    target = _next_hop(url, response, seen)
                    continue
                if response.status_code == 304:
                    if not conditional:
                        raise FetchError(url, "the server answered 304 to a plain request")
                    return FetchResult(
                        url=str(target),
                        feed=None,
                        etag=validator(response.headers.get("etag")) or etag,
                        last_modified=validator(response.headers.get("last-modified"))
                        or last_modified,
                    )
                if response.status_code >= 400:
                    reason = response.reason_phrase or "error"
                    raise FetchError(url, f"HTTP {response.status_code} {reason}")
                if response.status_code != 200:
                    raise FetchError(url, f"unexpected HTTP {response.status_code}, no feed")
                body = await _read_body(url, response, caps)
            except httpx.TimeoutException:
                raise FetchError(url, f"no complete answer within {deadline:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, _network_problem(exc)) from None
            finally:
                await response.aclose()
            # The readers (feedparser, the HTML parser, dateutil) load only once there is a
            # body: a 304 poll needs none of them.
            from liveread.ingest.detect import Kind, sniff
            from liveread.ingest.reader import parse_bytes

            if len(body) > caps.page_bytes and sniff(body) is Kind.HTML:
                # Read against the feed cap (its type was not said), but it is a page.
                raise FetchError(
                    url, _too_big(caps.page_bytes, "max_page_mib", f"a page of {len(body):,} bytes")
                )
            feed = parse_bytes(
                body,
                url,
                content_type=response.headers.get("content-type"),
                base_url=str(target),
            )
            return FetchResult(
                url=str(target),
                feed=feed,
                etag=validator(response.headers.get("etag")),
                last_modified=validator(response.headers.get("last-modified")),
            )


class _Transports(httpx.AsyncBaseTransport):
    """httpx's own transport, one for plain http and one for https, each made when first used.

    Building the https one loads the system's CA bundle into a TLS context, most of what an
    httpx client costs to create; a poll of an http URL (a 304 above all) has no use for it.
    The https transport is httpx's default, verifying as always.
    """

    def __init__(self) -> None:
        self._plain: httpx.AsyncHTTPTransport | None = None
        self._tls: httpx.AsyncHTTPTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` over the transport of its scheme."""
        if request.url.scheme == "https":
            if self._tls is None:
                self._tls = httpx.AsyncHTTPTransport()
            return await self._tls.handle_async_request(request)
        if self._plain is None:
            # No TLS is spoken on a plain connection, so no certificates need loading.
            self._plain = httpx.AsyncHTTPTransport(verify=False)
        return await self._plain.handle_async_request(request)

    async def aclose(self) -> None:
        """Close whichever transports were made."""
        for transport in (self._plain, self._tls):
            if transport is not None:
                await transport.aclose()


def validator(value: str | None) -> str | None:
    """`value` if it can go back to the server as an ETag / Last-Modified header: printable
    ASCII of a sane length. Anything else is dropped (the next fetch is then unconditional)."""
    if not value or len(value) > _MAX_VALIDATOR_CHARS:
        return None
    if not value.isascii() or not value.isprintable():
        return None
    return value


def _check_location(url: str, location: str) -> None:
    try:
        scheme = urlsplit(location.strip()).scheme.lower()
    except ValueError:
        raise FetchError(url, "redirected to an invalid URL") from None
    if scheme and scheme not in ("http", "https"):
        shown = clean_line(scheme)[:20]
        raise FetchError(url, f"redirected to a {shown}: URL; only http and https are followed")


def _check_scheme(url: str, target: httpx.URL) -> None:
    if target.scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https can be fetched, not {target.scheme}:")


def _next_hop(url: str, response: httpx.Response, seen: list[str]) -> httpx.URL:
    location = response.headers.get("location")
    if not location:
        raise FetchError(url, f"HTTP {response.status_code} redirect without a Location")
    try:
        target = response.url.join(location)
    except (httpx.InvalidURL, ValueError):
        raise FetchError(url, "redirected to an invalid URL") from None
    if str(target) in seen:
        raise FetchError(url, f"redirect loop (back to {clean_line(str(target))[:200]})")
    if len(seen) > MAX_REDIRECTS:
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
    return target


def _network_problem(exc: httpx.HTTPError) -> str:
    detail = clean_line(str(exc))[:200]
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({detail or 'connection failed'})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the HTTP protocol ({detail or 'no detail'})"
    return f"network error: {detail or type(exc).__name__}"


async def _read_body(url: str, response: httpx.Response, caps: BodyCaps) -> bytes:
    cap, setting = caps.for_type(response.headers.get("content-type"))
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, _too_big(cap, setting, f"{int(declared):,} bytes announced"))
    decoder = _Decoder(url, response.headers.get("content-encoding", ""), cap, setting)
    body = bytearray()
    async for chunk in response.aiter_raw(_STEP):
        for piece in decoder.feed(chunk, cap - len(body)):
            body += piece
    for piece in decoder.finish(cap - len(body)):
        body += piece
    return bytes(body)


def _too_big(cap: int, setting: str, detail: str) -> str:
    size = f"{cap / MiB:g} MiB"
    return f"the body is larger than the {size} limit ({detail}; the {setting} setting raises it)"


class _Decoder:
    """Content-Encoding undone step by step, never producing more than the room left."""

    def __init__(self, url: str, encoding: str, cap: int, setting: str) -> None:
        self._url = url
        self._cap = cap
        self._setting = setting
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(url, f"unsupported Content-Encoding {clean_line(encoding)[:40]}")
        self._coding = codings[0] if codings else None
        self._inflate: zlib._Decompress | None = None
        self._first = True
        if self._coding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def _too_big(self, detail: str) -> str:
        return _too_big(self._cap, self._setting, detail)

    def feed(self, data: bytes, room: int) -> list[bytes]:
        """Decoded bytes for `data`; `FetchError` as soon as they would exceed `room`."""
        if self._coding is None:
            if len(data) > room:
                raise FetchError(self._url, self._too_big("while downloading"))
            return [data]
        if self._coding == "deflate" and self._first:
            # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
            wrapped = len(data) >= 2 and (data[0] * 256 + data[1]) % 31 == 0
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        self._first = False
        return self._drain(data, room)

    def _drain(self, data: bytes, room: int) -> list[bytes]:
        assert self._inflate is not None
        out: list[bytes] = []
        pending = data
        while True:
            try:
                piece = self._inflate.decompress(pending, room + 1)
            except zlib.error:
                raise FetchError(self._url, "the compressed body is corrupt") from None
            if len(piece) > room:
                raise FetchError(self._url, self._too_big("after decompression"))
            room -= len(piece)
            if piece:
                out.append(piece)
            pending = self._inflate.unconsumed_tail
            if self._inflate.eof and self._inflate.unused_data and self._coding != "deflate":
                # Concatenated gzip members: start the next one.
                pending = self._inflate.unused_data
                self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
                continue
            if not pending:
                return out

    def finish(self, room: int) -> list[bytes]:
        """Whatever the decompressor still holds."""
        if self._inflate is None:
            return []
        try:
            rest = self._inflate.flush()
        except zlib.error:
            raise FetchError(self._url, "the compressed body is corrupt") from None
        if len(rest) > room:
            raise FetchError(self._url, self._too_big("after decompression"))
        return [rest] if rest else []
