"""RSS and Atom: identity, malformed and truncated feeds, and XML entity attacks."""

from __future__ import annotations

import tracemalloc

import pytest
from pytest_httpserver import HTTPServer

from liveread.ingest import parse_bytes
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format
from liveread.kernel.text import fingerprint
from liveread.storage import Store


def rss(items: str, *, head: str = "", channel: str = "<title>Blog</title>") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{head}<rss version="2.0"><channel>{channel}'
        f"{items}</channel></rss>"
    ).encode()


def item(
    guid: str | None = None, link: str | None = None, title: str = "T", text: str = "x."
) -> str:
    parts = [f"<title>{title}</title>", f"<description>{text}</description>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if link is not None:
        parts.append(f"<link>{link}</link>")
    return "<item>" + "".join(parts) + "</item>"


def test_keys_guid_then_link_then_fingerprint() -> None:
    feed = parse_bytes(
        rss(
            item(guid="abc", link="https://e.org/live#1", title="One")
            + item(link="https://e.org/live#2", title="Two")
            + item(title="Three")
            + item(title="", text="Only a paragraph.")
        ),
        "t.xml",
    )
    assert [e.key for e in feed.entries] == [
        "abc",
        "https://e.org/live#2",
        "h:" + fingerprint("Three"),
        "p:" + fingerprint("Only a paragraph."),
    ]
    assert feed.entries[3].headline is None


def test_shared_link_identifies_no_entry() -> None:
    # Live-blog feeds often link every item to the page itself.
    feed = parse_bytes(
        rss(
            item(link="https://e.org/live", title="A") + item(link="https://e.org/live", title="B")
        ),
        "t.xml",
    )
    assert [e.key for e in feed.entries] == ["h:" + fingerprint("A"), "h:" + fingerprint("B")]


def test_repeated_guid_keeps_the_first_and_warns() -> None:
    feed = parse_bytes(
        rss(item(guid="g", title="New") + item(guid="g", title="Old") + item(guid="h")), "t.xml"
    )
    assert [(e.key, e.headline) for e in feed.entries] == [("g", "New"), ("h", "T")]
    assert feed.warnings == ("1 entry repeats the id of an entry above; kept the first of each",)


def test_same_guid_in_two_feeds_never_collides(store: Store) -> None:
    a = parse_bytes(rss(item(guid="post-1", title="From A")), "a.xml")
    b = parse_bytes(rss(item(guid="post-1", title="From B")), "b.xml")
    store.import_feed("https://a.example/feed", a)
    store.import_feed("https://b.example/feed", b)
    assert sorted(e.headline or "" for e in store.entries()) == ["From A", "From B"]


def test_edited_entry_becomes_a_revision(store: Store) -> None:
    store.import_feed("u", parse_bytes(rss(item(guid="g", text="First text.")), "u"))
    result = store.import_feed("u", parse_bytes(rss(item(guid="g", text="Fixed text.")), "u"))
    assert (result.new, result.updated) == (0, 1)
    entry = next(store.entries())
    assert entry.body == "Fixed text." and entry.revisions == 1


def test_html_in_titles_and_bodies_leaves_no_tags_or_entities() -> None:
    feed = parse_bytes(
        rss(
            item(
                guid="g",
                title="Rates &amp;amp; rents",
                text="&lt;p&gt;A &amp;amp; B&lt;/p&gt;"
                "&lt;p&gt;C&amp;#8217;s &lt;i&gt;D&lt;/i&gt;&lt;/p&gt;",
            )
        ),
        "t.xml",
    )
    entry = feed.entries[0]
    assert entry.body == "A & B\n\nC’s D"
    assert "<" not in entry.body and "&" not in entry.body.replace("A & B", "")


def test_atom_is_atom() -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:x</id>'
        b"<entry><id>urn:1</id><title>E</title><updated>2025-01-02T03:04:05Z</updated>"
        b"<content>Text.</content></entry></feed>"
    )
    feed = parse_bytes(data, "a.atom")
    assert feed.format is Format.ATOM and feed.entries[0].key == "urn:1"
    assert feed.blog_date == "2025-01-02"


def test_truncated_feed_imports_complete_entries_and_warns() -> None:
    whole = rss(
        item(guid="3", text="Three.")
        + item(guid="2", text="Two.")
        + item(guid="1", text="One, cut")
    )
    cut = whole[: whole.index(b"One, cut") + 4]
    feed = parse_bytes(cut, "cut.xml")
    assert [e.key for e in feed.entries] == ["3", "2"]
    assert len(feed.warnings) == 1
    assert feed.warnings[0].startswith("not well-formed XML (")
    assert feed.warnings[0].endswith("skipped 1 entry cut off at the end")


def test_malformed_but_complete_feed_imports_with_a_warning() -> None:
    data = rss(item(guid="1", title="Fish & chips", text="Tasty."))
    feed = parse_bytes(data, "bad.xml")
    assert feed.entries[0].headline == "Fish & chips"
    assert feed.warnings and "imported what could be read" in feed.warnings[0]


def test_nothing_usable_is_refused() -> None:
    with pytest.raises(InputError, match=r"^x\.xml: not a readable feed"):
        parse_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><ti', "x.xml")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        parse_bytes(b"<?xml version='1.0'?><catalog><book>Hi</book></catalog>", "x.xml")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + ']><rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
)
QUADRATIC = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + "a" * 50_000 + '">]>'
    '<rss version="2.0"><channel><title>' + "&a;" * 50_000 + "</title></channel></rss>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<rss version="2.0"><channel><title>&xxe;</title></channel></rss>'
)
PARAMETER = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
    '<rss version="2.0"><channel><title>t</title></channel></rss>'
)


@pytest.mark.parametrize(
    "document",
    [BILLION_LAUGHS, QUADRATIC, EXTERNAL, PARAMETER],
    ids=["billion-laughs", "quadratic", "external", "parameter"],
)
def test_entity_declarations_refused_before_parsing(document: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"^bomb\.xml: refused: the XML declares entities"):
            parse_bytes(document.encode(), "bomb.xml")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024 + 4 * len(document)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-7", "cp037"])
def test_entities_hidden_by_an_encoding_are_still_refused(encoding: str) -> None:
    text = EXTERNAL.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    with pytest.raises(InputError, match="declares entities"):
        parse_bytes(text.encode(encoding), "enc.xml")


def test_external_dtd_is_never_fetched(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/rss.dtd").respond_with_data("")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{httpserver.url_for("/rss.dtd")}">'
        '<rss version="0.91"><channel><title>Old</title><item><title>I</title>'
        "<description>d.</description></item></channel></rss>"
    )
    feed = parse_bytes(document.encode(), "old.xml")
    assert feed.title == "Old" and len(feed.entries) == 1
    assert httpserver.log == []


def test_other_encodings_are_read() -> None:
    text = (
        '<?xml version="1.0" encoding="iso-8859-1"?>'
        '<rss version="2.0"><channel><title>Café</title></channel></rss>'
    )
    feed = parse_bytes(text.encode("iso-8859-1"), "l1.xml")
    assert feed.title == "Café"
    utf16 = text.replace("iso-8859-1", "utf-16").encode("utf-16")
    assert parse_bytes(utf16, "u16.xml").title == "Café"


def test_control_characters_never_reach_the_entry() -> None:
    feed = parse_bytes(
        rss(item(guid="g", title="Red \x1b]8;;x\x07alert", text="&lt;p&gt;A\x1b[2Jb&lt;/p&gt;")),
        "c.xml",
    )
    entry = feed.entries[0]
    assert "\x1b" not in (entry.headline or "") and "\x1b" not in entry.body
