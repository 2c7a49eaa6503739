"""The start-up and polling benchmarks measure what they say: CPU of real child processes,
a server that answers 304 only to the conditional request, newsboat skipped with one line
when it is missing."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest

from bench import cli_start, polling
from bench.child_cpu import bytecode_env, child_cpu
from bench.generate import rss_xml


def test_child_cpu_counts_the_child_not_the_parent(tmp_path: Path) -> None:
    env = bytecode_env(tmp_path)
    idle = child_cpu([sys.executable, "-c", "pass"], env)
    busy = child_cpu([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], env)
    assert 0 < idle < busy
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PYTHONPYCACHEPREFIX"].startswith(
        str(tmp_path)
    )
    with pytest.raises(RuntimeError, match="exited 3"):
        child_cpu([sys.executable, "-c", "raise SystemExit(3)"], env)


def test_the_feed_server_answers_304_only_to_its_version() -> None:
    feed = rss_xml(3)
    with polling._serving({"/f.xml": feed}) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/f.xml"
        with urllib.request.urlopen(url, timeout=30) as plain:
            assert plain.status == 200 and plain.read() == feed
            assert plain.headers["ETag"] == polling.ETAG
        asked = urllib.request.Request(url, headers={"If-None-Match": polling.ETAG})
        with pytest.raises(HTTPError) as caught:
            urllib.request.urlopen(asked, timeout=30)
        assert caught.value.code == 304
        other = urllib.request.Request(url, headers={"If-None-Match": '"old"'})
        with urllib.request.urlopen(other, timeout=30) as again:
            assert again.status == 200
        assert (server.sent, server.not_modified) == (2, 1)


def test_newsboat_missing_is_one_line_and_no_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(polling.shutil, "which", lambda _name: None)
    assert polling.run(tmp_path, quick=True) == []
    assert capsys.readouterr().err == (
        "polling: newsboat is not installed (apt-get install newsboat); skipped\n"
    )


def test_the_start_bench_runs(tmp_path: Path) -> None:
    figures = cli_start.run(tmp_path, quick=True)
    names = [f.name for f in figures]
    assert names == [
        "cli_start_cpu_s",
        "cli_start_cpu_s_version",
        "cli_start_cpu_s_help",
        "cli_start_cpu_s_entries",
        "cli_start_cpu_s_search",
    ]
    assert figures[0].value == max(f.value for f in figures[1:])
    for figure in figures:
        assert figure.baseline is not None and figure.baseline > 0 and not figure.by_ratio
