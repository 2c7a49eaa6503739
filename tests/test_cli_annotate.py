"""The annotation verbs and `search` on the command line, and annotations in `entries --json`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from liveread.cli.main import main
from liveread.storage import Store
from tests.conftest import SAMPLES

LIVEREAD = str(Path(sys.executable).parent / "liveread")
"""The installed `liveread` script of the environment running the tests."""


@pytest.fixture
def db(db_path: Path) -> Path:
    """A database with the harbour storm sample imported."""
    assert main(["import", str(SAMPLES / "harbour-storm.txt"), "--db", str(db_path)]) == 0
    return db_path


def _entry_with(db: Path, words: str) -> int:
    with Store.open(db) as store:
        return next(e.id for e in store.entries() if words in e.body)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _entries_json(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[int, dict[str, object]]:
    code, out, _ = _run(capsys, "entries", "--json", "--db", str(db))
    assert code == 0
    return {obj["id"]: obj for obj in map(json.loads, out.splitlines())}


def test_tag_untag_star_pin_note_highlight_then_entries_json(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _entry_with(db, "rock-filled bags")
    d = ["--db", str(db)]
    assert _run(capsys, "tag", str(entry), "Verify", "key,Follow Up", *d)[1] == (
        f"entry {entry}: tagged 'verify', 'key', 'follow up'\n"
    )
    assert _run(capsys, "tag", str(entry), "VERIFY", *d)[1] == (
        f"entry {entry}: already tagged 'verify'\n"
    )
    assert _run(capsys, "untag", str(entry), "key", "absent", *d)[1] == (
        f"entry {entry}: untagged 'key'; was not tagged 'absent'\n"
    )
    assert _run(capsys, "star", str(entry), *d)[1] == f"entry {entry}: starred\n"
    assert _run(capsys, "pin", str(entry), *d)[1] == f"entry {entry}: pinned\n"
    assert _run(capsys, "pin", str(entry), "--off", *d)[1] == f"entry {entry}: unpinned\n"
    assert _run(capsys, "unstar", str(entry), *d)[1] == f"entry {entry}: unstarred\n"
    assert _run(capsys, "star", str(entry), *d)[1] == f"entry {entry}: starred\n"
    code, out, _ = _run(capsys, "note", str(entry), "Ring the **harbour office**", *d)
    assert code == 0 and out.startswith(f"entry {entry}: note ")
    code, out, _ = _run(
        capsys,
        "highlight",
        str(entry),
        "crews will work through the night",
        "--color",
        "Green",
        "--note",
        "timing?",
        *d,
    )
    assert code == 0 and "(green)" in out
    obj = _entries_json(db, capsys)[entry]
    assert obj["tags"] == ["follow up", "verify"]
    assert obj["starred"] is True and obj["pinned"] is False
    assert obj["notes"] == [{"id": 1, "text": "Ring the **harbour office**"}]
    (highlight,) = obj["highlights"]
    assert set(highlight) == {"id", "start", "end", "exact", "color", "note", "status", "tags"}
    assert highlight["exact"] == "crews will work through the night"
    assert str(obj["body"])[highlight["start"] : highlight["end"]] == highlight["exact"]
    assert (highlight["color"], highlight["note"], highlight["status"]) == (
        "green",
        "timing?",
        "anchored",
    )


def test_entries_json_of_an_unannotated_entry_has_empty_fields(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    obj = next(iter(_entries_json(db, capsys).values()))
    assert (obj["tags"], obj["notes"], obj["highlights"]) == ([], [], [])
    assert obj["starred"] is False and obj["pinned"] is False


def test_entries_filter(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = _entry_with(db, "rock-filled bags")
    assert main(["tag", str(entry), "verify", "--db", str(db)]) == 0
    code, out, _ = _run(capsys, "entries", "--filter", "tag:verify", "--db", str(db))
    assert code == 0 and out.split()[0] == str(entry) and out.count("\n") == 1
    code, _, err = _run(capsys, "entries", "--filter", "since:soon", "--db", str(db))
    assert code == 2 and "since:soon is not a date" in err


def test_note_from_standard_input(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    entry = _entry_with(db, "rock-filled bags")
    monkeypatch.setattr(sys, "stdin", io.StringIO("From a pipe\n\n- point one\n"))
    assert _run(capsys, "note", str(entry), "-", "--db", str(db))[0] == 0
    with Store.open(db) as store:
        assert store.notes(entry)[0].text == "From a pipe\n\n- point one"


def test_search_text_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = _entry_with(db, "rock-filled bags")
    main(["note", str(entry), "zanzibar-coloured sandbags", "--db", str(db)])
    code, out, _ = _run(capsys, "search", "zanzibar", "--db", str(db))
    assert code == 0 and out.split()[0] == str(entry)
    code, out, _ = _run(capsys, "search", "rock-filled", "bags", "--json", "--db", str(db))
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["id"] for o in objs] == [entry]
    assert objs[0]["notes"][0]["text"] == "zanzibar-coloured sandbags"
    for hostile in ['"', "AND(", "NEAR(", "*", "-", "\x00"]:
        code, out, err = _run(capsys, "search", hostile, "--db", str(db))
        assert code == 0 and err == ""


def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _entry_with(db, "rock-filled bags")
    d = ["--db", str(db)]
    cases = [
        (["highlight", str(entry), "words the newsroom never wrote"], "is not in its body"),
        (["tag", "99999", "x"], "no entry with id 99999"),
        (["tag", str(entry), "\u200b"], "is empty"),
        (["note", str(entry), "   "], "needs some text"),
        (["star", "99999"], "no entry with id 99999"),
        (["search", "x", "--source", "42"], "no source with id 42"),
    ]
    for args, message in cases:
        code, out, err = _run(capsys, *args, *d)
        assert code == 2, args
        assert out == ""
        assert err.count("\n") == 1 and message in err and err.startswith("liveread: ")
    with Store.open(db) as store:
        assert store.annotated_entries(annotated_only=True) == []


def test_the_installed_binary_highlights_and_refuses_a_missing_quote(db: Path) -> None:
    entry = _entry_with(db, "rock-filled bags")
    ok = subprocess.run(
        [LIVEREAD, "highlight", str(entry), "rock-filled bags", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert "rock-filled bags" in ok.stdout
    bad = subprocess.run(
        [LIVEREAD, "highlight", str(entry), "sandbags of gold", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr == (
        f"liveread: entry {entry}: the quote “sandbags of gold” is not in its body\n"
    )


def test_concurrent_cli_processes_all_succeed(db: Path) -> None:
    with Store.open(db) as store:
        entry_ids = [e.id for e in store.entries()][:6]
    procs = []
    for i, entry_id in enumerate(entry_ids):
        for verb_args in (["tag", str(entry_id), f"t{i}", "shared"], ["star", str(entry_id)]):
            procs.append(
                subprocess.Popen(
                    [LIVEREAD, *verb_args, "--db", str(db)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert results == [(0, "")] * len(procs)
    with Store.open(db) as store:
        for i, entry_id in enumerate(entry_ids):
            assert store.entry_tags(entry_id) == tuple(sorted((f"t{i}", "shared")))
            assert store.entry(entry_id).starred


def test_color_takes_a_colour_or_its_meaning_and_an_error_lists_both(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[colors]\npink = "disputed"\n', encoding="utf-8")
    monkeypatch.setenv("LIVEREAD_CONFIG", str(config))
    entry = _entry_with(db, "rock-filled bags")
    d = ["--db", str(db)]
    code, out, _ = _run(
        capsys, "highlight", str(entry), "rock-filled bags", "--color", "Disputed", *d
    )
    assert code == 0 and "(pink)" in out
    code, out, _ = _run(capsys, "highlight", str(entry), "the night", "--colour", "BLUE", *d)
    assert code == 0 and "(blue)" in out
    code, out, err = _run(capsys, "highlight", str(entry), "crews", "--color", "purple", *d)
    assert (code, out) == (2, "")
    assert err == (
        "liveread: colour 'purple': is not one of yellow, green, blue, pink, orange;"
        " or a meaning: disputed (pink)\n"
    )
    with Store.open(db) as store:
        assert sorted(h.color for h in store.highlights(entry)) == ["blue", "pink"]


def test_highlight_tags_and_the_same_quote_twice(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _entry_with(db, "rock-filled bags")
    d = ["--db", str(db)]
    code, out, _ = _run(
        capsys, "highlight", str(entry), "rock-filled bags", "--tag", "Verify", "--tag", "kit", *d
    )
    assert code == 0
    with Store.open(db) as store:
        (made,) = store.highlights(entry)
        assert made.tags == ("kit", "verify")
        assert store.entry_tags(entry) == ()
    assert out == (
        f"entry {entry}: highlight {made.id} (yellow) at {made.start}-{made.end}:"
        " rock-filled bags #kit #verify\n"
    )
    # Again, with another tag and a note: no second highlight; the tag and note join it.
    code, out, _ = _run(
        capsys, "highlight", str(entry), "rock-filled bags", "--tag", "later", "--note", "x", *d
    )
    assert code == 0 and out.startswith(f"entry {entry}: already there: highlight {made.id} ")
    with Store.open(db) as store:
        (again,) = store.highlights(entry)
        assert (again.id, again.tags, again.note) == (made.id, ("kit", "later", "verify"), "x")
