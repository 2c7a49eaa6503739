"""Export files on disk: safe names, overwrite protection, atomic replacement, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from liveread.export.files import (
    TEMP_MARK,
    TargetState,
    export_owner,
    remove_stale_temps,
    safe_filename,
    safe_stem,
    target_state,
    write_atomic,
    write_export,
)
from liveread.export.markdown import render_markdown
from liveread.kernel.errors import ExportConflictError, ExportWriteError
from tests.export_helpers import EXPORTED_AT, annotated, make_source

REPO = Path(__file__).resolve().parent.parent


def export_text(location: str, title: str = "Storm live", tag: str = "x") -> str:
    source = make_source(title, location=location)
    return render_markdown(
        source, [annotated(tags=(tag,))], exported_at=EXPORTED_AT, version="9.9.9"
    )


def temps(directory: Path) -> list[str]:
    return sorted(n for n in os.listdir(directory) if TEMP_MARK in n)


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Storm Odile live: Port Avren wall breached", "Storm Odile live Port Avren wall breached"),
        ("Rail strike day two: Northvale’s commuters", "Rail strike day two Northvales commuters"),
        ("../../etc/passwd", "etc passwd"),
        ("/", "untitled"),
        ("..", "untitled"),
        (".hidden file", "hidden file"),
        ("-rf --no-preserve-root", "rf -no-preserve-root"),
        ("a\x00b\x1b[31mc", "abc"),
        ("CON", "_CON"),
        ("nul", "_nul"),
        ("com1.report", "_com1.report"),
        ("LPT9", "_LPT9"),
        ("CONFERENCE", "CONFERENCE"),
        ("🔥🔥🔥", "untitled"),
        ("Storm 🔥 live 🌊", "Storm live"),
        ("\u202eevil\u202c txt", "evil txt"),
        ("\u200fمرحبا بالعالم\u200f", "مرحبا بالعالم"),
        ("tab\tand\nnewline", "tab and newline"),
        ('A:B*C?D"E<F>G|H', "A B C D E F G H"),
        ("trailing dots...", "trailing dots"),
        ("Avren–Lisk ferry", "Avren-Lisk ferry"),
    ],
)
def test_safe_stem(title: str, stem: str) -> None:
    assert safe_stem(title) == stem


def test_long_titles_are_cut_short_at_a_word() -> None:
    long = " ".join(["harbour"] * 60)  # 479 characters
    stem = safe_stem(long)
    assert 40 <= len(stem) <= 80
    assert stem == " ".join(["harbour"] * (len(stem.split())))
    wide = "ر" * 300
    assert len(safe_stem(wide).encode("utf-8")) <= 120
    emoji_tail = "a" * 79 + "🔥" * 50
    assert safe_stem(emoji_tail) == "a" * 79


@pytest.mark.parametrize(
    "title",
    ["../../../x", "/etc/passwd", "a/../../b", "\x00", "CON", "x" * 300, "🔥", "\u200f\u202e"],
)
def test_the_file_stays_in_the_export_dir(tmp_path: Path, title: str) -> None:
    path = safe_filename(title, tmp_path, owner="/blogs/a.txt")
    assert path.parent == tmp_path
    assert path.resolve().parent == tmp_path.resolve()
    assert len(path.name) <= 85
    write_export(path, export_text("/blogs/a.txt", title))
    assert os.listdir(tmp_path) == [path.name]


def test_one_name_per_source(tmp_path: Path) -> None:
    first = safe_filename("Storm live", tmp_path, owner="/blogs/a.txt")
    write_export(first, export_text("/blogs/a.txt"))
    # The same source comes back to its own file...
    assert safe_filename("Storm live", tmp_path, owner="/blogs/a.txt") == first
    # ...another source with the same title gets the next free name...
    second = safe_filename("Storm live", tmp_path, owner="https://example.invalid/b")
    assert second.name == "Storm live-2.md"
    write_export(second, export_text("https://example.invalid/b"))
    assert export_owner(second) == "https://example.invalid/b"
    assert safe_filename("Storm live", tmp_path, owner="https://example.invalid/b") == second
    # ...and a file of the user's is never taken over.
    (tmp_path / "Notes.md").write_text("my own notes\n")
    assert safe_filename("Notes", tmp_path, owner="/blogs/a.txt").name == "Notes-2.md"
    (tmp_path / "Folder.md").mkdir()
    assert safe_filename("Folder", tmp_path, owner="/blogs/a.txt").name == "Folder-2.md"
    # JSON exports of one source belong to it as well.
    from liveread.export.annotations_json import render_json

    json_path = tmp_path / "Storm live.json"
    source = make_source("Storm live", location="/blogs/a.txt")
    write_export(json_path, render_json([(source, [])], exported_at=EXPORTED_AT, version="9"))
    assert export_owner(json_path) == "/blogs/a.txt"
    again = safe_filename("Storm live", tmp_path, owner="/blogs/a.txt", extension=".json")
    assert again == json_path


def test_the_same_source_keeps_its_name_after_the_user_edits_the_file(tmp_path: Path) -> None:
    path = safe_filename("Storm live", tmp_path, owner="/blogs/a.txt")
    write_export(path, export_text("/blogs/a.txt"))
    path.write_text(path.read_text() + "\nMy own paragraph.\n")
    assert safe_filename("Storm live", tmp_path, owner="/blogs/a.txt") == path
    assert target_state(path) is TargetState.CHANGED


def test_overwrite_protection(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    assert target_state(path) is TargetState.MISSING
    assert write_export(path, export_text("/a", tag="one")) is TargetState.MISSING
    assert target_state(path) is TargetState.UNCHANGED
    # Unchanged since liveread wrote it: replaced without a question.
    assert write_export(path, export_text("/a", tag="two")) is TargetState.UNCHANGED
    assert "#two" in path.read_text()
    # Changed by the user: refused, file untouched, unless forced.
    edited = path.read_text().replace("#two", "#two #mine")
    path.write_text(edited)
    with pytest.raises(ExportConflictError) as caught:
        write_export(path, export_text("/a", tag="three"))
    assert str(caught.value).startswith(f"{path}: changed since liveread exported it")
    assert caught.value.exit_code == 2
    assert path.read_text() == edited
    assert write_export(path, export_text("/a", tag="three"), force=True) is TargetState.CHANGED
    assert "#three" in path.read_text()
    # Not a liveread export at all: refused the same way.
    other = tmp_path / "mine.md"
    other.write_text("# My notes\n")
    with pytest.raises(ExportConflictError, match="is not a liveread export"):
        write_export(other, export_text("/a"))
    assert other.read_text() == "# My notes\n"
    assert temps(tmp_path) == []


def test_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    write_atomic(path, "one")
    os.chmod(path, 0o640)
    write_atomic(path, "two")
    assert path.read_text() == "two"
    assert (path.stat().st_mode & 0o777) == 0o640


def test_unwritable_places_give_one_clear_error(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.raises(ExportWriteError) as caught:
        write_atomic(not_a_dir / "a.md", "text")
    assert str(caught.value) == f"{not_a_dir / 'a.md'}: cannot write the export (Not a directory)"
    with pytest.raises(ExportWriteError, match="No such file or directory"):
        write_atomic(tmp_path / "missing" / "a.md", "text")
    # Replacing a directory fails after the temporary file was written: it is removed.
    (tmp_path / "dir.md").mkdir()
    (tmp_path / "dir.md" / "inside").write_text("x")
    with pytest.raises(ExportWriteError, match="the previous file is intact"):
        write_atomic(tmp_path / "dir.md", "text")
    assert temps(tmp_path) == []
    assert (tmp_path / "dir.md" / "inside").read_text() == "x"


def test_a_full_disk_leaves_the_previous_export_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "export.md"
    write_atomic(path, "previous export\n")
    # A file-size limit makes the write fail part-way, as a full disk does.
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        from liveread.export.files import write_atomic
        from liveread.kernel.errors import LivereadError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        try:
            write_atomic(Path({str(path)!r}), "x" * 1_000_000)
        except LivereadError as exc:
            print(exc)
            sys.exit(2)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout.strip() == (
        f"{path}: cannot write the export (File too large); the previous file is intact"
    )
    assert path.read_text() == "previous export\n"
    assert temps(tmp_path) == []


def test_stale_temporary_files_are_removed_by_the_next_export(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".a.md{TEMP_MARK}{dead_pid}-0badc0de"
    stale.write_text("half")
    live = tmp_path / f".a.md{TEMP_MARK}{os.getppid()}-0badc0de"  # a running process's
    live.write_text("in progress")
    other = tmp_path / f".b.md{TEMP_MARK}{dead_pid}-0badc0de"  # another target's
    other.write_text("half")
    unrelated = tmp_path / ".a.md.swp"
    unrelated.write_text("editor")
    write_atomic(path, "new")
    assert not stale.exists()
    assert live.exists() and other.exists() and unrelated.exists()
    assert remove_stale_temps(tmp_path / "b.md") == 1
    assert not other.exists()
