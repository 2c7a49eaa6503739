"""The installed `liveread` in a real terminal: what a user sees, and what bytes it writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.terminal import PtyProcess
from liveread.kernel.text import clean_line
from liveread.sample_feeds import first_run_files
from liveread.storage import Store
from liveread.tui import importing
from tests.conftest import SAMPLES
from tests.e2e.conftest import EXIT_TIMEOUT, Terminal, liveread_binary, sources_have_keys
from tests.tui.conftest import hostile_feed

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_blogs(app_env: dict[str, str]) -> Path:
    """The test database with two sample blogs: count night (23 entries), rail strike (12)."""
    db = Path(app_env["LIVEREAD_DB"])
    with Store.open(db) as store:
        for name in ("count-night.txt", "rail-strike.txt"):
            importing.import_source(store, str(SAMPLES / name))
    return db


def test_first_run_shows_the_sample_blogs(terminal: Terminal, app_env: dict[str, str]) -> None:
    db = Path(app_env["LIVEREAD_DB"])
    assert not db.exists()
    terminal.start()
    screen = terminal.wait_for(" 1/")
    with Store.open(db) as store:
        sources = store.sources()
    assert len(sources) == len(first_run_files())
    first = sources[0]
    header = screen.splitlines()[0]
    assert header.strip().startswith(clean_line(first.title)[:40])
    assert f"{first.entry_count} entries" in header
    assert "q quit" in screen
    terminal.send("b")
    terminal.wait_until(sources_have_keys, "the sources pane to take the keys")
    for source in sources:
        terminal.wait_for(clean_line(source.title)[:12])
    terminal.send("Escape", "q")
    assert terminal.wait_exit() == 0


THIRD = "Coalition arithmetic: what the numbers mean"
"""The third entry's headline in the count-night sample."""


def test_keys_move_and_the_place_is_kept_across_runs(terminal: Terminal, two_blogs: Path) -> None:
    terminal.start()
    terminal.wait_for(" 1/23 ")
    terminal.send("j", "j")
    # The counter moves first; the reader shows the entry once its text is read.
    terminal.wait_until(
        lambda screen: " 3/23 " in screen and THIRD in screen,
        "the third entry in the reader",
    )
    terminal.send("G")
    terminal.wait_for(" 23/23 ")
    terminal.send("k", "k")
    terminal.wait_for(" 21/23 ")
    terminal.send("q")
    assert terminal.wait_exit() == 0
    terminal.start()
    screen = terminal.wait_for(" 21/23 ")
    assert "Velmark Assembly election results" in screen


def test_keys_panel_and_palette(terminal: Terminal, two_blogs: Path) -> None:
    terminal.start()
    terminal.wait_for(" 1/23 ")
    terminal.send("?")
    screen = terminal.wait_for("entries.next_unread")
    assert "Next unread" in screen
    terminal.send("Escape")
    terminal.wait_gone("entries.next_unread")
    terminal.send("C-p")
    terminal.wait_for("Search for commands")
    terminal.send("r", "a", "i", "l", " ", "s", "t", "r", "i", "k", "e")
    terminal.wait_for("Go to source: Rail strike")
    terminal.send("Enter")
    screen = terminal.wait_for(" 1/12 ")
    assert screen.splitlines()[0].strip().startswith("Rail strike day two")


def test_opening_a_file_from_the_command_line(terminal: Terminal, tmp_path: Path) -> None:
    blog = tmp_path / "rail.txt"
    blog.write_bytes((SAMPLES / "rail-strike.txt").read_bytes())
    terminal.start(str(blog))
    screen = terminal.wait_for(" 1/12 ")
    assert screen.splitlines()[0].strip().startswith("Rail strike day two")
    terminal.send("b")
    screen = terminal.wait_for("Live blogs")
    # Only the file asked for: no samples when a source is given.
    assert "Velmark" not in screen


def test_a_file_that_is_not_a_blog_exits_2_with_one_line(
    tmp_path: Path, app_env: dict[str, str]
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list\neggs\n", encoding="utf-8")
    with PtyProcess([str(liveread_binary()), str(bad)], app_env) as proc:
        assert proc.wait(timeout=EXIT_TIMEOUT) == 2
        output = bytes(proc.output).decode("utf-8", "replace")
    assert f"liveread: {bad}: not a live blog" in output
    with Store.open(Path(app_env["LIVEREAD_DB"])) as store:
        assert store.is_empty()


def test_no_escape_sequence_from_content_reaches_the_terminal(
    terminal: Terminal, app_env: dict[str, str]
) -> None:
    with Store.open(Path(app_env["LIVEREAD_DB"])) as store:
        store.import_feed("https://example.invalid/hostile", hostile_feed())
    terminal.start()
    terminal.wait_for("[bold]x[/] and [@click=app.quit]y[/]")
    # Walk every entry (the reader shows each body), open the sources pane and the palette
    # (which list the blog's title), then quit.
    for key, counter, body in (
        ("j", " 2/3 ", "just a body of words"),
        ("j", " 3/3 ", "Plain words."),
        ("k", " 2/3 ", "just a body of words"),
        ("g", " 1/3 ", "OSC 52 clipboard write"),
    ):
        terminal.send(key)
        terminal.wait_until(
            lambda screen, counter=counter, body=body: counter in screen and body in screen,
            f"{counter.strip()} and its body after {key}",
        )
    terminal.send("b")
    terminal.wait_for("Live blogs")
    terminal.send("C-p")
    terminal.wait_for("Go to source: [bold]Blog[/] [@click=app.quit]quit[/] title")
    terminal.send("Escape")
    terminal.wait_gone("Go to source:")
    terminal.send("q")
    assert terminal.wait_exit() == 0
    output = bytes(terminal.output)
    # What the content tried to send is nowhere in the bytes written.
    assert b"\x1b]52;" not in output
    assert b"cHduZWQ=" not in output
    assert b"pwned" not in output
    assert b"\x1b]0;" not in output
    assert b"\xc2\x9b" not in output  # C1 CSI, UTF-8 encoded
    # And the literal text of it is there, as text.
    assert b"First [red]paragraph[/red]" in output
    assert b"[b]No headline[/b] here at all" in output


def test_the_sources_pane_takes_the_keys_each_time_it_opens(
    terminal: Terminal, two_blogs: Path
) -> None:
    terminal.start()
    terminal.wait_for(" 1/23 ")
    # Open, close, open again, each time waiting for the pane to be drawn (or gone).
    terminal.send("b")
    terminal.wait_until(sources_have_keys, "the sources pane to take the keys")
    terminal.send("b")
    terminal.wait_gone("Live blogs")
    terminal.send("b")
    terminal.wait_until(sources_have_keys, "the sources pane to take the keys again")
    terminal.send("j", "Enter")
    # Both at once: the counter can be drawn a frame (or half a frame) before the header, so
    # a screen with only the counter says nothing yet. A `j` the entry list took instead
    # would leave the first blog open (2/23) and this would never hold.
    terminal.wait_until(
        lambda screen: " 1/12 " in screen
        and screen.splitlines()[0].strip().startswith("Rail strike day two"),
        "the second blog to open, its header drawn",
    )


def test_a_mistyped_path_exits_2_before_the_terminal_is_taken_over(
    tmp_path: Path, app_env: dict[str, str]
) -> None:
    missing = tmp_path / "no-such-blog.txt"
    with PtyProcess([str(liveread_binary()), str(missing)], app_env) as proc:
        assert proc.wait(timeout=EXIT_TIMEOUT) == 2
        output = bytes(proc.output)
    assert f"liveread: {missing}: no such file".encode() in output
    assert b"\x1b[?1049h" not in output  # the alternate screen was never entered
    assert not Path(app_env["LIVEREAD_DB"]).exists()
