"""The JSON export as linked data: expanded with a JSON-LD processor (pyld) against the Web
Annotation context, served from a file in tests/ (no network), every annotation names exactly
one source IRI; highlight tags, colour meanings and deep links ride along; and files in
liveread 0.1's format still import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from liveread.export.annotations_json import CONTEXT, parse_annotations, render_json
from liveread.kernel.records import HighlightRecord
from tests.export_helpers import (
    EXPORTED_AT,
    annotated,
    make_entry,
    make_highlight,
    make_note,
    make_source,
)

CONTEXT_FILE = Path(__file__).parent / "jsonld" / "anno-context.jsonld"
OA = "http://www.w3.org/ns/oa#"
BODY = "Crews will work through the night, the harbour master said; crews will rest at dawn."
MEANINGS = (("pink", "disputed"),)


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Serves the Web Annotation context from the file; any other address fails the test."""
    if url.rstrip("/") not in (CONTEXT, CONTEXT.replace("http:", "https:")):
        raise AssertionError(f"the expansion asked for {url}")
    document = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _document() -> dict[str, Any]:
    web = make_source("Storm live", location="https://news.example/storm", url=None)
    on_web = make_entry(
        1, headline="Night shift", key="post-1", body=BODY, url="https://news.example/storm#p1"
    )
    crews = BODY.index("crews will rest")
    item = annotated(
        on_web,
        tags=("verify",),
        highlights=(
            make_highlight(
                "crews will rest", start=crews, end=crews + 15, color="pink", tags=("timing",)
            ),
            make_highlight("Crews will work", note="Who said?", tags=("quote", "crews")),
            make_highlight("gone words", status="orphaned", start=3, end=13),
        ),
        notes=(make_note("Check the **rota**"),),
    )
    offline = annotated(
        make_entry(2, headline=None, key="k 2/ü"),
        highlights=(make_highlight("Some body"),),
    )
    text = render_json(
        [(web, [item]), (make_source("File blog"), [offline])],
        exported_at=EXPORTED_AT,
        version="9.9.9",
        meanings=MEANINGS,
    )
    document: dict[str, Any] = json.loads(text)
    return document


def _expanded(document: dict[str, Any], annotation: dict[str, Any]) -> dict[str, Any]:
    (node,) = jsonld.expand(
        {"@context": document["@context"], **annotation}, {"documentLoader": _loader}
    )
    assert isinstance(node, dict)
    return node


def test_every_annotation_expands_to_exactly_one_source_iri() -> None:
    document = _document()
    annotations = document["annotations"]
    assert len(annotations) == 6
    sources = []
    for annotation in annotations:
        node = _expanded(document, annotation)
        assert node["@type"] == [f"{OA}Annotation"]
        (target,) = node[f"{OA}hasTarget"]
        (source,) = target[f"{OA}hasSource"]
        assert set(source) == {"@id"}
        sources.append(source["@id"])
    on_web = "https://news.example/storm#p1"
    offline = "urn:liveread:blogs%2Fa-live-blog.txt:k%202%2F%C3%BC"
    assert sources == [on_web] * 5 + [offline]


def test_a_highlight_expands_with_its_selectors_colour_note_and_tags() -> None:
    document = _document()
    kinds = [(a["motivation"], a["target"].get("selector", [{}])[0].get("exact")) for a in
             document["annotations"]]
    index = kinds.index(("highlighting", "Crews will work"))
    node = _expanded(document, document["annotations"][index])
    assert node[f"{OA}motivatedBy"] == [{"@id": f"{OA}highlighting"}]
    (target,) = node[f"{OA}hasTarget"]
    assert target[f"{OA}styleClass"] == [{"@value": "yellow"}]
    selectors = {s["@type"][0]: s for s in target[f"{OA}hasSelector"]}
    assert selectors[f"{OA}TextQuoteSelector"][f"{OA}exact"] == [{"@value": "Crews will work"}]
    bodies = {
        (b[f"{OA}hasPurpose"][0]["@id"], b["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"][0][
            "@value"
        ])
        for b in node[f"{OA}hasBody"]
    }
    assert bodies == {
        (f"{OA}commenting", "Who said?"),
        (f"{OA}tagging", "crews"),
        (f"{OA}tagging", "quote"),
    }


def test_colour_meanings_and_deep_links_in_the_json() -> None:
    document = _document()
    highlights = [a for a in document["annotations"] if a["motivation"] == "highlighting"]
    yellow, pink, orphan, offline = highlights  # body order, orphans last
    assert pink["color_label"] == "pink (disputed)"
    assert "color_label" not in yellow  # no meaning given to yellow
    # "crews will rest" is once in the text, "Crews will work" once (case counts).
    assert pink["deep_link"] == "https://news.example/storm#p1:~:text=crews%20will%20rest"
    assert yellow["deep_link"] == "https://news.example/storm#p1:~:text=Crews%20will%20work"
    assert pink["body"] == {"type": "TextualBody", "purpose": "tagging", "value": "timing"}
    assert "deep_link" not in orphan  # its words are gone from the text
    assert "deep_link" not in offline  # not on the web


def test_highlight_tags_never_import_as_its_note_and_0_1_files_still_import() -> None:
    text = json.dumps(_document())
    records = [r for _, r in parse_annotations(text, "new.json").records]
    highlights = {r.exact: r for r in records if isinstance(r, HighlightRecord)}
    assert highlights["crews will rest"].note is None  # only a tagging body
    assert highlights["Crews will work"].note == "Who said?"
    old = _document()
    old["format"] = "liveread-annotations/1"
    for annotation in old["annotations"]:
        # 0.1 kept the blog and entry details in target.source itself.
        annotation["target"]["source"] = annotation["target"].pop("liveread")
    from_old = parse_annotations(json.dumps(old), "old.json")
    assert from_old.malformed == ()
    assert [r for _, r in from_old.records] == records


def test_the_loader_serves_nothing_but_the_context() -> None:
    with pytest.raises(AssertionError, match="asked for"):
        _loader("https://elsewhere.example/context.jsonld")
