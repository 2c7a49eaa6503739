"""The fuzzing harness: hypothesis mutates real inputs and feeds them to every reader's entry
point, the annotation JSON reader and the config reader.

Seeds are every file in tests/hostile/ (and its annotations/ and config/ folders) and every
sample feed. A mutation cuts, repeats, inserts or overwrites bytes, or splices in a token
that breaks readers (a lone surrogate escape, an entity, deep brackets, a BOM, a NUL, an
escape sequence). The invariant, for every example: a result or exactly one error of the
project's own kind, in one line naming the input; never another exception; every string in a
result writable as UTF-8; and the memory traced while reading under a bound. `max_examples`
keeps the whole harness well under a minute on two cores.
"""

from __future__ import annotations

import dataclasses
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveread.export.annotations_json import parse_annotations
from liveread.ingest import parse_bytes
from liveread.kernel.errors import InputError
from liveread.kernel.model import ParsedFeed
from liveread.kernel.records import AnnotationFile
from liveread.kernel.settings import LoadedSettings, load_settings
from tests.conftest import SAMPLES
from tests.feedcheck import assert_clean_feed

HOSTILE = Path(__file__).resolve().parent / "hostile"
SEED_BYTES = 64 * 1024
"""Seeds are cut to this much, so a mutated example parses in milliseconds."""
MAX_TRACED_BYTES = 96 * 1024 * 1024
"""Peak Python memory one example may take while it is read (inputs are < 1 MB)."""


def _seeds(*folders: Path) -> list[bytes]:
    found = [
        p
        for folder in folders
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix not in (".py", ".pyc") and p.name != "README.md"
    ]
    return [p.read_bytes()[:SEED_BYTES] for p in found]


FEED_SEEDS = _seeds(HOSTILE, SAMPLES)
ANNOTATION_SEEDS = _seeds(HOSTILE / "annotations") + [
    b'{"format": "liveread-annotations/1", "annotations": [{"type": "Annotation",'
    b' "motivation": "highlighting", "status": "anchored", "created": "2025-04-02T09:00:00Z",'
    b' "target": {"source": {"blog": {"title": "Ferry strike"}, "entry": {"key": "p1"}},'
    b' "styleClass": "yellow", "selector": [{"type": "TextQuoteSelector", "exact": "sailing",'
    b' "prefix": "first ", "suffix": " was"}, {"type": "TextPositionSelector", "start": 4,'
    b' "end": 11}]}, "body": {"type": "TextualBody", "purpose": "commenting", "value": "n"}},'
    b' {"type": "Annotation", "motivation": "tagging", "target": {"source": {"blog":'
    b' {"url": "https://ferry.invalid/"}, "entry": {"headline": "Crews"}}},'
    b' "body": {"type": "TextualBody", "purpose": "tagging", "value": "verify"}}]}'
]
CONFIG_SEEDS = _seeds(HOSTILE / "config") + [
    b'theme = "textual-light"\nquick_tags = ["key", "verify"]\npoll_seconds = 30\n'
    b'export_dir = "notes"\n[keymap]\n"entries.next" = "j,down"\nentries.previous = "k"\n'
]
TOKENS = [
    b"\\ud800",
    b"\\udfff\\ud800",
    b"&#xD800;",
    b"&#55296;",
    b"\xed\xa0\x80",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x1b]52;c;eA==\x07",
    b"[" * 200,
    b"{" * 200,
    b'"a":' * 50,
    b"<item>",
    b"<entry>",
    b"</item>",
    b"## [10:00] x\n",
    b"\n10:00\n",
    b" date 2025-04-02 t\n",
    b"<!ENTITY a 'b'>",
    b"9" * 5000,
    b"1e999999",
    b'"format": "liveread-annotations/\xc2\xb2"',
    b'"created": "0001-01-01T00:00:00+01:00"',
    b"-0",
    b"]]>",
    b'"""',
    b"[keymap.",
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few random edits."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["cut", "repeat", "insert", "token", "overwrite"]))
        span = draw(st.integers(1, 64))
        if edit == "cut":
            del data[at : at + span]
        elif edit == "repeat":
            data[at:at] = data[at : at + span] * draw(st.integers(1, 8))
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif edit == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        else:
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=1))
    return bytes(data)


FUZZ = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


T = TypeVar("T")


def _bounded(call: Callable[[], T]) -> T | InputError:
    """`call()`'s result or its `InputError`, with the traced peak memory checked."""
    tracemalloc.start()
    try:
        try:
            result: T | InputError = call()
        except InputError as exc:
            result = exc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MAX_TRACED_BYTES, f"{peak:,} bytes traced"
    return result


def _error_is_one_line(exc: InputError, where: str) -> None:
    text = str(exc)
    assert text.startswith(f"{where}: ") and "\n" not in text and "\r" not in text, text
    assert len(text) < 1000
    text.encode("utf-8")


def _writable(*values: object) -> None:
    for value in values:
        if isinstance(value, str):
            value.encode("utf-8")
        elif isinstance(value, tuple | list):
            _writable(*value)


@FUZZ
@given(mutated(FEED_SEEDS))
def test_every_reader_gives_a_feed_or_one_input_error(data: bytes) -> None:
    result = _bounded(lambda: parse_bytes(data, "fuzz.in"))
    if isinstance(result, InputError):
        _error_is_one_line(result, "fuzz.in")
        return
    assert isinstance(result, ParsedFeed)
    assert_clean_feed(result)
    _writable(result.title, result.standfirst, result.url, *result.warnings)
    for entry in result.entries:
        _writable(entry.key, entry.headline, entry.body, entry.author, entry.url)
        _writable(entry.time_label, *(link.url for link in entry.links))
        _writable(*(link.text for link in entry.links))


@FUZZ
@given(mutated(ANNOTATION_SEEDS))
def test_the_annotation_reader_gives_records_or_one_input_error(data: bytes) -> None:
    result = _bounded(lambda: parse_annotations(data, "fuzz.json"))
    if isinstance(result, InputError):
        _error_is_one_line(result, "fuzz.json")
        return
    assert isinstance(result, AnnotationFile)
    for _, record in result.records:
        _writable(dataclasses.astuple(record))
    for skipped in result.malformed:
        assert "\n" not in skipped.reason
        _writable(skipped.reason)


@pytest.fixture(scope="module")
def config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for every config example (a function-scoped one would not be reset
    between hypothesis examples anyway)."""
    return tmp_path_factory.mktemp("fuzz-config")


@settings(FUZZ, max_examples=80)
@given(data=mutated(CONFIG_SEEDS))
def test_the_config_reader_never_raises(config_dir: Path, data: bytes) -> None:
    path = config_dir / "config.toml"
    path.write_bytes(data)
    loaded = _bounded(lambda: load_settings(path))
    assert isinstance(loaded, LoadedSettings)
    if loaded.problem is not None:
        assert loaded.problem.startswith(f"{path}: ") and "\n" not in loaded.problem
        assert loaded.problem.endswith("; using defaults")
