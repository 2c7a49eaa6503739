"""The CLI for scripts: mistyped commands, `read`/`unread`, `delete-note`/`delete-highlight`,
the columns of `entries`, stable `#n` labels, and `follow --polls` when every poll fails."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from liveread.cli.following import polls_exit_code
from liveread.cli.main import main
from liveread.cli.typos import unknown_command
from liveread.kernel.errors import FetchError, LivereadError
from liveread.storage import Store
from tests.conftest import SAMPLES

LIVEREAD = str(Path(sys.executable).parent / "liveread")
"""The installed `liveread` script of the environment running the tests."""


@pytest.fixture
def db(db_path: Path) -> Path:
    """A database with the harbour storm sample imported."""
    assert main(["import", str(SAMPLES / "harbour-storm.txt"), "--db", str(db_path)]) == 0
    return db_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _entry_with(db: Path, words: str) -> int:
    with Store.open(db) as store:
        return next(e.id for e in store.entries() if words in e.body)


def test_a_mistyped_command_names_the_nearest_one(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    proc = subprocess.run(
        [LIVEREAD, "entires", "--db", str(db)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr == "liveread: entires: no such command; did you mean entries?\n"
    assert proc.stdout == ""
    assert not db.exists()  # nothing was opened, let alone imported


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("sourcs", "sourcs: no such command; did you mean sources?"),
        ("folow", "folow: no such command; did you mean follow?"),
        ("Entries", "Entries: no such command; did you mean entries?"),
        ("delete-notes", "delete-notes: no such command; did you mean delete-note?"),
        ("qqqqzz", "qqqqzz: no such command (see liveread --help)"),
    ],
)
def test_bare_words_that_are_no_file_are_commands_spelt_wrong(
    word: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, word)
    assert (code, out, err) == (2, "", f"liveread: {said}\n")


@pytest.mark.parametrize("word", ["notes.txt", "./entires", "sample:harbour", "https://x.test/"])
def test_paths_and_urls_are_never_taken_for_commands(word: str) -> None:
    assert unknown_command(word, {"entries"}, exists=lambda _p: False) is None


def test_an_existing_file_named_like_a_command_is_opened_not_refused() -> None:
    assert unknown_command("entires", {"entries"}, exists=lambda p: p == "entires") is None
    assert unknown_command("entires", {"entries"}, exists=lambda _p: False) is not None


def test_read_and_unread(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _entry_with(db, "rock-filled bags"), _entry_with(db, "2,000")
    d = ["--db", str(db)]
    assert _run(capsys, "read", str(a), str(b), *d) == (
        0,
        f"entry {a}: read\nentry {b}: read\n",
        "",
    )
    assert _run(capsys, "read", str(a), *d)[1] == f"entry {a}: read (already)\n"
    with Store.open(db) as store:
        assert store.entry(a).read and store.entry(b).read
    assert _run(capsys, "unread", str(b), *d)[1] == f"entry {b}: unread\n"
    with Store.open(db) as store:
        assert store.entry(a).read and not store.entry(b).read


def test_an_unknown_id_changes_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _entry_with(db, "rock-filled bags")
    d = ["--db", str(db)]
    assert _run(capsys, "read", str(a), "99999", *d) == (
        2,
        "",
        "liveread: no entry with id 99999\n",
    )
    with Store.open(db) as store:
        assert not store.entry(a).read
    for verb, what in (("delete-note", "note"), ("delete-highlight", "highlight")):
        assert _run(capsys, verb, "12345", *d) == (2, "", f"liveread: no {what} with id 12345\n")
    with pytest.raises(SystemExit) as bad:
        main(["read", "zero", *d])
    assert bad.value.code == 2
    assert "not an id (a whole number): 'zero'" in capsys.readouterr().err


def test_delete_note_and_highlight(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = _entry_with(db, "rock-filled bags")
    d = ["--db", str(db)]
    assert main(["note", str(entry), "first", *d]) == 0
    assert main(["note", str(entry), "second", *d]) == 0
    assert main(["highlight", str(entry), "rock-filled bags", *d]) == 0
    with Store.open(db) as store:
        notes = store.notes(entry)
        (highlight,) = store.highlights(entry)
    first, second = (n.id for n in notes)
    assert _run(capsys, "delete-note", str(first), *d) == (
        0,
        f"entry {entry}: note {first} deleted\n",
        "",
    )
    assert _run(capsys, "delete-highlight", str(highlight.id), *d)[1] == (
        f"entry {entry}: highlight {highlight.id} deleted\n"
    )
    with Store.open(db) as store:
        assert [n.id for n in store.notes(entry)] == [second]
        assert store.highlights(entry) == []


def test_entries_shows_label_time_flags_title_and_tags(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _entry_with(db, "rock-filled bags")
    d = ["--db", str(db)]
    assert main(["tag", str(entry), "verify", *d]) == 0
    assert main(["star", str(entry), *d]) == 0
    assert main(["pin", str(entry), *d]) == 0
    assert main(["read", str(entry), *d]) == 0
    with Store.open(db) as store:
        stored = store.entry(entry)
        total = store.source(stored.source_id).entry_count
    assert stored.published is not None
    code, out, _ = _run(capsys, "entries", *d)
    assert code == 0
    line = next(x for x in out.splitlines() if x.split()[0] == str(entry))
    label = f"#{total - stored.position}"
    stamp = stored.published.strftime("%Y-%m-%d %H:%MZ")
    assert line == (
        f"{entry:>6}  {stored.source_id:>3}  {label:>6}  {stamp:<17}  .*P..  {stored.title}"
        "  #verify"
    )
    unread = next(x for x in out.splitlines() if x.split()[0] != str(entry))
    assert "  U....  " in unread


def test_labels_count_from_the_oldest_post_and_stay_when_newer_ones_arrive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blog = tmp_path / "blog.md"
    db = tmp_path / "a.db"
    posts = ["## [09:00] First post\n\nOne.\n", "## [09:30] Second post\n\nTwo.\n"]
    blog.write_text("# A blog\n\n" + "\n".join(reversed(posts)))
    assert main(["import", str(blog), "--db", str(db)]) == 0

    def labels() -> dict[str, str]:
        code, out, _ = _run(capsys, "entries", "--json", "--db", str(db))
        assert code == 0
        return {o["headline"]: o["label"] for o in map(json.loads, out.splitlines())}

    assert labels() == {"First post": "#1", "Second post": "#2"}
    posts.append("## [10:00] Third post\n\nThree.\n")
    blog.write_text("# A blog\n\n" + "\n".join(reversed(posts)))
    assert main(["import", str(blog), "--db", str(db)]) == 0
    assert labels() == {"First post": "#1", "Second post": "#2", "Third post": "#3"}


def test_entries_json_keeps_the_utc_instant_and_the_page_label(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "entries", "--json", "--db", str(db))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    timed = [r for r in records if r["published"] is not None]
    assert timed and all(r["published"].endswith("Z") for r in timed)
    assert any(r["time_label"] for r in timed)
    with Store.open(db) as store:
        for record in timed:
            assert record["time_label"] == store.entry(record["id"]).time_label


def test_follow_exits_non_zero_when_every_poll_failed(
    httpserver: HTTPServer, db_path: Path
) -> None:
    httpserver.expect_request("/live").respond_with_data("down", status=503)
    url = httpserver.url_for("/live")
    proc = subprocess.run(
        [LIVEREAD, "follow", "--db", str(db_path), url, "--polls", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert f"error: {url}: HTTP 503 SERVICE UNAVAILABLE" in proc.stderr


def test_the_polls_exit_code_is_zero_when_any_poll_worked() -> None:
    failed: list[LivereadError] = [FetchError("u", "HTTP 500"), FetchError("u", "HTTP 503")]
    assert polls_exit_code(3, failed) == 0
    assert polls_exit_code(2, failed) == 2
    assert polls_exit_code(1, [LivereadError("odd")]) == 1
    assert polls_exit_code(0, []) == 0


def test_entries_json_writes_the_time_as_the_page_did(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(SAMPLES / "glenmoor-wildfire.xml"), "--db", str(db_path)]) == 0
    code, out, _ = _run(capsys, "entries", "--json", "--db", str(db_path))
    assert code == 0
    times = {(r["published"], r["published_as_written"]) for r in map(json.loads, out.splitlines())}
    # `+0100` on the page: the UTC instant and the page's own wording side by side.
    assert ("2025-07-06T15:45:00Z", "2025-07-06T16:45:00+01:00") in times
    # No zone on the page: taken as UTC and flagged, never given an offset it did not write.
    assert ("2025-07-06T15:20:00Z", None) in times


def test_parse_date_keeps_the_offset_the_text_named() -> None:
    from liveread.ingest.dates import parse_date

    for text, offset in (
        ("Sun, 06 Jul 2025 16:45:00 +0100", 60),
        ("2025-07-06T10:15:00-05:30", -330),
        ("2025-07-06T15:45:00Z", 0),
        ("2025-07-06T15:45:00", None),
    ):
        parsed = parse_date(text)
        assert parsed is not None and parsed.offset_minutes == offset, text
