"""The JSON annotation export: its W3C-like shape, and reading it back (or refusing it)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from liveread.export import seal
from liveread.export.annotations_json import FORMAT, parse_annotations, render_json
from liveread.kernel.errors import InputError
from liveread.kernel.records import Flag, FlagRecord, HighlightRecord, NoteRecord, TagRecord
from tests.export_helpers import (
    EXPORTED_AT,
    annotated,
    make_entry,
    make_highlight,
    make_note,
    make_source,
)

CREATED = datetime(2025, 10, 14, 12, 0, tzinfo=UTC)
MODIFIED = datetime(2025, 10, 14, 13, 5, tzinfo=UTC)


def sample() -> str:
    source = make_source("Storm live", location="/data/storm.txt", url="https://example.invalid/s")
    entry = make_entry(7, headline="Wall breached", key="k7", starred=True, pinned=True)
    item = annotated(
        entry,
        tags=("key", "fact check"),
        highlights=(
            make_highlight("gone", status="orphaned", color="pink", start=3, end=7),
            make_highlight("Some body", start=0, end=9, prefix="", suffix=" text", note="Why?"),
        ),
        notes=(make_note("Ring back", created_at=CREATED, updated_at=MODIFIED),),
    )
    plain = annotated(make_entry(8, headline=None, key="k8"))
    return render_json([(source, [item, plain])], exported_at=EXPORTED_AT, version="9.9.9")


def test_shape_is_close_to_w3c_web_annotation() -> None:
    document = json.loads(sample())
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    assert document["format"] == FORMAT
    assert document["liveread_version"] == "9.9.9"
    assert document["exported_at"] == "2025-11-02T09:30:00Z"
    assert document["total"] == len(document["annotations"]) == 7
    assert document["sources"] == [
        {
            "title": "Storm live",
            "location": "/data/storm.txt",
            "url": "https://example.invalid/s",
            "blog_date": "2025-10-14",
        }
    ]
    kinds = [(a["motivation"], a.get("body", {}).get("value")) for a in document["annotations"]]
    assert kinds == [
        ("bookmarking", "star"),
        ("bookmarking", "pin"),
        ("tagging", "fact check"),
        ("tagging", "key"),
        ("highlighting", "Why?"),
        ("highlighting", None),
        ("commenting", "Ring back"),
    ]
    assert all(a["type"] == "Annotation" for a in document["annotations"])
    highlight = document["annotations"][4]
    assert highlight["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": "Some body", "prefix": "", "suffix": " text"},
        {"type": "TextPositionSelector", "start": 0, "end": 9},
    ]
    assert highlight["target"]["styleClass"] == "yellow"
    assert highlight["status"] == "anchored"
    assert highlight["body"] == {
        "type": "TextualBody",
        "purpose": "commenting",
        "value": "Why?",
        "format": "text/markdown",
    }
    # An IRI, as the Web Annotation model requires; this entry has no web address of its own.
    assert highlight["target"]["source"] == "urn:liveread:%2Fdata%2Fstorm.txt:k7"
    assert highlight["target"]["liveread"] == {
        "blog": {
            "title": "Storm live",
            "location": "/data/storm.txt",
            "url": "https://example.invalid/s",
        },
        "entry": {"key": "k7", "headline": "Wall breached", "url": None},
    }
    note = document["annotations"][6]
    assert (note["created"], note["modified"]) == ("2025-10-14T12:00:00Z", "2025-10-14T13:05:00Z")
    assert seal.verify(sample())


def test_parse_gives_back_every_record() -> None:
    parsed = parse_annotations(sample().encode(), "a.json")
    assert parsed.malformed == ()
    assert parsed.liveread_version == "9.9.9"
    records = [r for _, r in parsed.records]
    target = records[0].target
    assert (target.blog_location, target.blog_url, target.blog_title) == (
        "/data/storm.txt",
        "https://example.invalid/s",
        "Storm live",
    )
    assert (target.key, target.headline) == ("k7", "Wall breached")
    assert records == [
        FlagRecord(target, Flag.STAR),
        FlagRecord(target, Flag.PIN),
        TagRecord(target, "fact check"),
        TagRecord(target, "key"),
        HighlightRecord(target, 0, 9, "Some body", "", " text", "yellow", "Why?", "anchored"),
        HighlightRecord(target, 3, 7, "gone", "", "", "pink", None, "orphaned"),
        NoteRecord(target, "Ring back", CREATED, MODIFIED),
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"# a markdown file\n", "not JSON"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"type": "AnnotationCollection", "items": []}', "not a liveread annotation export"),
        (b'{"format": "other-tool/1", "annotations": []}', "not a liveread annotation export"),
        (b'{"format": "liveread-annotations/3", "annotations": []}', "newer liveread"),
        (b'{"format": "liveread-annotations/x", "annotations": []}', "unknown annotation format"),
        (b'{"format": "liveread-annotations/1"}', "'annotations' list is missing"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_whole(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_annotations(data, "some/file.json")
    assert str(caught.value).startswith("some/file.json: ")
    assert problem in str(caught.value)


def test_malformed_annotations_are_listed_and_the_rest_read() -> None:
    document = json.loads(sample())
    good = document["annotations"]
    target = good[0]["target"]
    bad = [
        "a string",
        {"type": "Note", "motivation": "commenting"},
        {"type": "Annotation", "motivation": "tagging", "target": {"source": {}}},
        {"type": "Annotation", "motivation": "editing", "target": target},
        {
            "type": "Annotation",
            "motivation": "bookmarking",
            "target": target,
            "body": {"value": "heart"},
        },  # fmt: skip
        {"type": "Annotation", "motivation": "tagging", "target": target, "body": {"value": " "}},
        {"type": "Annotation", "motivation": "highlighting", "target": target},
        {**good[4], "status": "lost"},
        {**good[4], "target": {**good[4]["target"], "styleClass": 3}},
        {
            **good[4],
            "target": {
                **good[4]["target"],
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "x"},
                    {"type": "TextPositionSelector", "start": 5, "end": 2},
                ],
            },
        },  # fmt: skip
        {
            "type": "Annotation",
            "motivation": "tagging",
            "body": {"value": "x"},
            "target": {"source": {"blog": {"title": "T"}, "entry": {"key": None}}},
        },  # fmt: skip
    ]
    document["annotations"] = bad + good
    parsed = parse_annotations(json.dumps(document), "f.json")
    assert [s.index for s in parsed.malformed] == list(range(len(bad)))
    assert all(s.reason.startswith("malformed: ") for s in parsed.malformed)
    reasons = " | ".join(s.reason for s in parsed.malformed)
    for words in ["not an object", "unsupported motivation 'editing'", "neither", "is empty once",
                  "without a TextQuoteSelector", "unknown highlight status", "without a colour",
                  "before 'start'", "names no entry"]:  # fmt: skip
        assert words in reasons
    assert [i for i, _ in parsed.records] == list(range(len(bad), len(bad) + len(good)))


def test_quote_only_highlights_and_body_lists_are_accepted() -> None:
    """A W3C annotation from elsewhere may give only the quote, and a list of bodies."""
    document = {
        "format": FORMAT,
        "annotations": [
            {
                "type": "Annotation",
                "motivation": "highlighting",
                "target": {
                    "source": {"blog": {"title": "T"}, "entry": {"headline": "H"}},
                    "selector": {"type": "TextQuoteSelector", "exact": "words\x1b[31m"},
                    "styleClass": "green",
                },
                "body": [{"type": "TextualBody", "purpose": "commenting", "value": "n\x07"}],
            }
        ],
    }
    parsed = parse_annotations(json.dumps(document), "f.json")
    ((_, record),) = parsed.records
    assert isinstance(record, HighlightRecord)
    assert (record.start, record.end, record.exact, record.note) == (None, None, "words", "n")
    assert parsed.liveread_version == "unknown"


def test_every_annotation_has_one_source_iri() -> None:
    from liveread.export.annotations_json import source_iri

    source = make_source("Storm live", location="/data/storm live.txt")
    on_web = make_entry(1, key="block-1", url="https://example.invalid/live#block-1")
    local = make_entry(2, key="k:2/é")
    assert source_iri(source, on_web) == "https://example.invalid/live#block-1"
    assert source_iri(source, local) == "urn:liveread:%2Fdata%2Fstorm%20live.txt:k%3A2%2F%C3%A9"
    assert source_iri(source, make_entry(3, key="k3", url="javascript:x")).startswith("urn:")
    document = json.loads(sample())
    for annotation in document["annotations"]:
        iri = annotation["target"]["source"]
        assert isinstance(iri, str) and iri.split(":")[0] in ("urn", "http", "https")
        assert " " not in iri


def test_files_written_by_liveread_0_1_are_still_read() -> None:
    document = json.loads(sample())
    document["format"] = "liveread-annotations/1"
    for annotation in document["annotations"]:
        # 0.1 kept the blog and entry details in target.source itself.
        annotation["target"]["source"] = annotation["target"].pop("liveread")
    old = parse_annotations(json.dumps(document), "old.json")
    new = parse_annotations(sample(), "new.json")
    assert old.malformed == ()
    assert old.records == new.records
